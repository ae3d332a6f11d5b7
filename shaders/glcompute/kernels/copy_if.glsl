// glcompute/kernels/copy_if.glsl: glc::copy_if, the main() of a generated kernel that defines
// `bool glc_keep(ELEMENT_T x, uint i)` (the user's predicate) and `layout(local_size_x = 256)
// in;` after including this file. One
// of GLC_ELEMENT_FLOAT, GLC_ELEMENT_DOUBLE, GLC_ELEMENT_INT, GLC_ELEMENT_UINT chooses the
// element type; tiles, records and modes are scan.comp's (GLC_LOOKBACK, GLC_AGGREGATES, or the
// last pass), summing how many elements each tile keeps (GLC_SCAN_UINT), so an element's place
// in the output is the number kept before it: the order is kept, and the result is the same on
// every path. Input: the piece's words [0, count_words) at bindings 0 (uvec4s) and 3 (words);
// output: GLC_WINDOWS windows of 2^out_shift elements (bindings 6-9); elements at or past
// out_count are not written. The last tile writes the number kept in all (result_record.glsl).
// glslc-variant: -DGLC_SCAN_UINT -DGLC_ELEMENT_FLOAT
// glslc-variant: -DGLC_SCAN_UINT -DGLC_ELEMENT_DOUBLE -DGLC_LOOKBACK -DGLC_WINDOWS=3
// glslc-variant: -DGLC_SCAN_UINT -DGLC_ELEMENT_INT -DGLC_AGGREGATES
// glslc-variant: --target-spv=spv1.3 -DGLC_SUBGROUP -DGLC_SCAN_UINT -DGLC_ELEMENT_UINT -DGLC_LOOKBACK -DGLC_SPIN_UNBOUNDED
// glslc-wrapper: bool glc_keep(ELEMENT_T x, uint i) { return i % 2u == 0u; }
#ifndef GLCOMPUTE_KERNELS_COPY_IF_GLSL
#define GLCOMPUTE_KERNELS_COPY_IF_GLSL

#ifndef GLC_SCAN_UINT
#define GLC_SCAN_UINT
#endif
// tile_records.glsl first: its #extension directives must come before any declaration.
#include "glcompute/kernels/tile_records.glsl"
#define GLC_RESULT_BINDING 10
#include "glcompute/kernels/result_record.glsl"

#if defined(GLC_ELEMENT_DOUBLE)
#define ELEMENT_T double
#define PER_VECTOR 2u
#define OUT_T uvec2
ELEMENT_T element_of(uvec4 v, uint k) { return packDouble2x32(k == 0u ? v.xy : v.zw); }
OUT_T element_bits(uvec4 v, uint k) { return k == 0u ? v.xy : v.zw; }
#else
#if defined(GLC_ELEMENT_INT)
#define ELEMENT_T int
ELEMENT_T element_of(uvec4 v, uint k) { return int(v[k]); }
#elif defined(GLC_ELEMENT_UINT)
#define ELEMENT_T uint
ELEMENT_T element_of(uvec4 v, uint k) { return v[k]; }
#else
#define ELEMENT_T float
ELEMENT_T element_of(uvec4 v, uint k) { return uintBitsToFloat(v[k]); }
#endif
#define PER_VECTOR 4u
#define OUT_T uint
OUT_T element_bits(uvec4 v, uint k) { return v[k]; }
#endif
#ifndef GLC_WINDOWS
#define GLC_WINDOWS 1
#endif

bool glc_keep(ELEMENT_T x, uint i);  // the user's predicate, defined after this file

layout(std430, binding = 0) readonly buffer In4 { uvec4 in4[]; };
layout(std430, binding = 3) readonly buffer InWords { uint in_words[]; };
#ifndef GLC_AGGREGATES
layout(std430, binding = 6) writeonly buffer Out0 { OUT_T out0[]; };
#if GLC_WINDOWS > 1
layout(std430, binding = 7) writeonly buffer Out1 { OUT_T out1[]; };
#endif
#if GLC_WINDOWS > 2
layout(std430, binding = 8) writeonly buffer Out2 { OUT_T out2[]; };
#endif
#if GLC_WINDOWS > 3
layout(std430, binding = 9) writeonly buffer Out3 { OUT_T out3[]; };
#endif
#endif

uniform uint count_words;    // words of this piece
uniform uint tile_base;      // the call's number of this piece's first tile
uniform uint ticket_base;    // tile_tickets before this dispatch (GLC_LOOKBACK)
uniform uint element_base;   // the call's index of the piece's first element
uniform uint out_shift;      // log2 of the elements per output window
uniform uint out_count;      // elements the output holds

#define VECTORS_PER_TILE 1024u
#define ROUNDS 4u

GLC_LANES_STAGING(uvec4)

shared uvec4 group_totals[GLC_GROUP_COUNT];
shared uint tile_number;
shared uint tile_carry_in;

#ifndef GLC_AGGREGATES
void store(uint dst, OUT_T bits) {
  if (dst >= out_count) return;
  uint w = dst >> out_shift;
  uint o = dst - (w << out_shift);
#if GLC_WINDOWS > 3
  if (w == 3u) { out3[o] = bits; return; }
#endif
#if GLC_WINDOWS > 2
  if (w == 2u) { out2[o] = bits; return; }
#endif
#if GLC_WINDOWS > 1
  if (w == 1u) { out1[o] = bits; return; }
#endif
  out0[o] = bits;
}
#endif

void main() {
#ifdef GLC_LOOKBACK
  if (gl_LocalInvocationIndex == 0u) tile_number = atomicAdd(tile_tickets, 1u) - ticket_base;
  GLC_SHARED_BARRIER();
  uint local_tile = tile_number;
#else
  uint local_tile = gl_WorkGroupID.x;
#endif
  uint tile = tile_base + local_tile;
  uint lane_vector = GLC_GROUP * GLC_LANE_COUNT + GLC_LANE;
  uvec4 vectors[ROUNDS];
  uint kept[ROUNDS];  // bit k: element k of the vector is kept
  uvec4 counts = uvec4(0u);
  for (uint r = 0u; r < ROUNDS; ++r) {
    uint gv = local_tile * VECTORS_PER_TILE + r * GLC_WORK_GROUP_SIZE + lane_vector;
    uint w = gv * 4u;
    vectors[r] = uvec4(0u);
    if (w + 4u <= count_words) {
      vectors[r] = in4[gv];
    } else {
      for (uint k = 0u; k < 4u; ++k) {
        if (w + k < count_words) vectors[r][k] = in_words[w + k];
      }
    }
    kept[r] = 0u;
    for (uint k = 0u; k < PER_VECTOR; ++k) {
      uint word = w + k * (4u / PER_VECTOR);
      uint index = element_base + word / (4u / PER_VECTOR);
      if (word < count_words && glc_keep(element_of(vectors[r], k), index)) kept[r] |= 1u << k;
    }
    counts[r] = uint(bitCount(kept[r]));
  }

  // The tile's count, and (GLC_AGGREGATES, GLC_LOOKBACK) its record.
  uvec4 s = counts;
  for (uint d = 1u; d < GLC_LANE_COUNT; d <<= 1u) {
    uvec4 below = GLC_LANES_SHUFFLE_UP(uvec4, s, d);
    if (GLC_LANE >= d) s += below;
  }
  uvec4 e = s - counts;
  if (GLC_LANE == GLC_LANE_COUNT - 1u) group_totals[GLC_GROUP] = s;
  GLC_SHARED_BARRIER();
  uvec4 before_group = uvec4(0u);
  uvec4 round_totals = uvec4(0u);
  for (uint g = 0u; g < GLC_GROUP_COUNT; ++g) {
    if (g < GLC_GROUP) before_group += group_totals[g];
    round_totals += group_totals[g];
  }
  uint own = round_totals.x + round_totals.y + round_totals.z + round_totals.w;
#if defined(GLC_AGGREGATES) || defined(GLC_LOOKBACK)
  if (gl_LocalInvocationIndex == 0u) tile_publish(tile, own);
#endif
#ifndef GLC_AGGREGATES
#ifdef GLC_SUBGROUP
  if (GLC_GROUP == 0u) {
    uint carry = tile_carry(tile, own);
    if (GLC_LANE == 0u) tile_carry_in = carry;
  }
#else
  uint carry = tile_carry(tile, own);
  if (gl_LocalInvocationIndex == 0u) tile_carry_in = carry;
#endif
  GLC_SHARED_BARRIER();
  uint c = tile_carry_in;
  if (tile + 1u == tile_count && gl_LocalInvocationIndex == 0u) write_result(uvec2(c + own, 0u));
  uint round_prefix = 0u;
  for (uint r = 0u; r < ROUNDS; ++r) {
    uint dst = c + round_prefix + before_group[r] + e[r];
    round_prefix += round_totals[r];
    for (uint k = 0u; k < PER_VECTOR; ++k) {
      if ((kept[r] & (1u << k)) != 0u) {
        store(dst, element_bits(vectors[r], k));
        dst += 1u;
      }
    }
  }
#endif
}

#endif
