#version 430
// glcompute/kernels/scan.comp: glc::inclusive_scan and glc::exclusive_scan. One work group per
// tile of 1024 uvec4s (4096 words: 4096 elements, or 2048 doubles) of the range bound at
// bindings 0/3 (input: uvec4s and words) and 1/4 (output), words [0, count_words) of this
// piece; the piece's first tile is tile `tile_base` of the call.
//
// Inside a tile, invocation (group g, lane l) takes vector v = 256 r + 32 g + l in round
// r = 0..3 (coalesced loads), and the elements of its four vectors are summed in this fixed
// order, the same with subgroup operations or without (lanes.glsl):
//   T_r   = x_0 + x_1 + ... inside the vector (left to right);
//   s     = inclusive Hillis-Steele scan of T over the 32 lanes (d = 1, 2, 4, 8, 16; each step
//           adds the lower lane's value on the left), e = s of the lane below (identity at 0);
//   G[g]  = s of lane 31 of group g; GP = G[0] + ... + G[g-1]; RT = G[0] + ... + G[7] (left to
//           right, per round); RP_r = RT_0 + ... + RT_{r-1};
//   Q     = (RP_r + GP_r) + e_r, the sum of the tile's elements before the vector;
// and element k of the vector is carry (+) p_k with p_k = (((Q + x_0) + x_1) + ... + x_k)
// (inclusive) or carry (+) p_{k-1} (exclusive; Q itself for k = 0), where the carry
// (tile_records.glsl) sums all earlier tiles and the exclusive scan's init, and (+) is
// scan_with_carry. Floats use `precise` throughout: no reordering.
//
// Modes: GLC_LOOKBACK: one pass (tiles publish and read each other's records);
// GLC_AGGREGATES: the first of the multi-pass path, which only writes each tile's record;
// neither: the last of the multi-pass path (records of every level already written).
// glslc-variant: -DGLC_SCAN_FLOAT
// glslc-variant: -DGLC_SCAN_FLOAT -DGLC_EXCLUSIVE -DGLC_AGGREGATES
// glslc-variant: -DGLC_SCAN_DOUBLE -DGLC_LOOKBACK
// glslc-variant: -DGLC_SCAN_INT -DGLC_EXCLUSIVE
// glslc-variant: -DGLC_SCAN_UINT -DGLC_LOOKBACK -DGLC_SPIN_UNBOUNDED
// glslc-variant: --target-spv=spv1.3 -DGLC_SUBGROUP -DGLC_SCAN_FLOAT -DGLC_LOOKBACK -DGLC_SPIN_UNBOUNDED
// glslc-variant: --target-spv=spv1.3 -DGLC_SUBGROUP -DGLC_SCAN_DOUBLE -DGLC_EXCLUSIVE
#include "glcompute/kernels/tile_records.glsl"

// After the includes: #extension directives come before any other declaration.
layout(local_size_x = 256) in;

layout(std430, binding = 0) readonly buffer In4 { uvec4 in4[]; };
layout(std430, binding = 3) readonly buffer InWords { uint in_words[]; };
#ifndef GLC_AGGREGATES
layout(std430, binding = 1) writeonly buffer Out4 { uvec4 out4[]; };
layout(std430, binding = 4) writeonly buffer OutWords { uint out_words[]; };
#endif

uniform uint count_words;  // words of this piece
uniform uint tile_base;    // the call's number of this piece's first tile
uniform uint ticket_base;  // tile_tickets before this dispatch (GLC_LOOKBACK)

#define VECTORS_PER_TILE 1024u
#define ROUNDS 4u

GLC_LANES_STAGING(uvec4)

#if defined(GLC_SCAN_DOUBLE)
const uvec4 IDENTITY_BITS4 = uvec4(0u, 0x80000000u, 0u, 0x80000000u);
// Four doubles travel through the lanes as two uvec4s.
SCAN_T4 shuffle_up4(SCAN_T4 x, uint d) {
  uvec4 a = uvec4(unpackDouble2x32(x.x), unpackDouble2x32(x.y));
  uvec4 b = uvec4(unpackDouble2x32(x.z), unpackDouble2x32(x.w));
  a = GLC_LANES_SHUFFLE_UP(uvec4, a, d);
  b = GLC_LANES_SHUFFLE_UP(uvec4, b, d);
  return dvec4(packDouble2x32(a.xy), packDouble2x32(a.zw), packDouble2x32(b.xy),
               packDouble2x32(b.zw));
}
#else
#if defined(GLC_SCAN_FLOAT)
const uvec4 IDENTITY_BITS4 = uvec4(0x80000000u);
#else
const uvec4 IDENTITY_BITS4 = uvec4(0u);
#endif
SCAN_T4 shuffle_up4(SCAN_T4 x, uint d) {
  return scan_from_bits4(GLC_LANES_SHUFFLE_UP(uvec4, scan_to_bits4(x), d));
}
#endif

shared SCAN_T4 group_totals[GLC_GROUP_COUNT];
shared AGG_T group_sums[GLC_GROUP_COUNT];
shared uint tile_number;
shared AGG_T tile_carry_in;

// Vector gv of the piece, the words past its end replaced by the identity.
uvec4 load_vector(uint gv) {
  uint w = gv * 4u;
  if (w + 4u <= count_words) return in4[gv];
  uvec4 r = IDENTITY_BITS4;
  for (uint k = 0u; k < 4u; ++k) {
    if (w + k < count_words) r[k] = in_words[w + k];
  }
  return r;
}

#ifndef GLC_AGGREGATES
void store_vector(uint gv, uvec4 bits) {
  uint w = gv * 4u;
  if (w + 4u <= count_words) {
    out4[gv] = bits;
    return;
  }
  for (uint k = 0u; k < 4u; ++k) {
    if (w + k < count_words) out_words[w + k] = bits[k];
  }
}
#endif

// The sum of one vector's elements, in element order.
SCAN_T vector_total(uvec4 v) {
  precise SCAN_T t = scan_element(v, 0u);
  for (uint k = 1u; k < GLC_PER_VECTOR; ++k) t = t + scan_element(v, k);
  return t;
}

// The tile's own sum: each invocation's elements with agg_accumulate (compensated for floats),
// then lanes_sum over each group, then the 8 groups left to right. (all)
AGG_T tile_sum(uvec4 vectors[ROUNDS]) {
  AGG_ACC_T acc = AGG_ACC_START;
  for (uint r = 0u; r < ROUNDS; ++r) {
    for (uint k = 0u; k < GLC_PER_VECTOR; ++k) agg_accumulate(acc, scan_element(vectors[r], k));
  }
  AGG_T group = lanes_sum(agg_finish(acc));
  if (GLC_LANE == 0u) group_sums[GLC_GROUP] = group;
  GLC_SHARED_BARRIER();
  AGG_T total = agg_identity();
  for (uint g = 0u; g < GLC_GROUP_COUNT; ++g) total = agg_add(total, group_sums[g]);
  return total;
}

void main() {
#ifdef GLC_LOOKBACK
  // Tiles are numbered in the order they start, so every tile a tile waits for has started.
  if (gl_LocalInvocationIndex == 0u) tile_number = atomicAdd(tile_tickets, 1u) - ticket_base;
  GLC_SHARED_BARRIER();
  uint local_tile = tile_number;
#else
  uint local_tile = gl_WorkGroupID.x;
#endif
  uint tile = tile_base + local_tile;
  uint lane_vector = GLC_GROUP * GLC_LANE_COUNT + GLC_LANE;
  uvec4 vectors[ROUNDS];
  for (uint r = 0u; r < ROUNDS; ++r) {
    vectors[r] = load_vector(local_tile * VECTORS_PER_TILE + r * GLC_WORK_GROUP_SIZE + lane_vector);
  }

#if defined(GLC_AGGREGATES) || defined(GLC_LOOKBACK)
  AGG_T own = tile_sum(vectors);
#ifdef GLC_AGGREGATES
  if (gl_LocalInvocationIndex == 0u) tile_publish(tile, own);
  return;
#endif
  if (gl_LocalInvocationIndex == 0u) tile_publish(tile, own);
#else
  AGG_T own = agg_identity();
#endif

#ifndef GLC_AGGREGATES
  // The carry, from group 0's lanes, while the other groups scan their vectors.
#ifdef GLC_SUBGROUP
  if (GLC_GROUP == 0u) {
    AGG_T carry = tile_carry(tile, own);
    if (GLC_LANE == 0u) tile_carry_in = carry;
  }
#else
  AGG_T carry = tile_carry(tile, own);
  if (gl_LocalInvocationIndex == 0u) tile_carry_in = carry;
#endif

  // Each vector's own prefix sums, then the vector totals scanned over the lanes. A SCAN_T4's
  // components are named, never indexed by a variable: NVIDIA's compiler (580) has no dynamic
  // component write for a dvec4 ("can't find __setVectorIndex function in stdlib").
  precise SCAN_T4 totals = SCAN_T4(vector_total(vectors[0]), vector_total(vectors[1]),
                                   vector_total(vectors[2]), vector_total(vectors[3]));
  precise SCAN_T4 s = totals;
  for (uint d = 1u; d < GLC_LANE_COUNT; d <<= 1u) {
    SCAN_T4 below = shuffle_up4(s, d);
    if (GLC_LANE >= d) s = below + s;
  }
  SCAN_T4 e = shuffle_up4(s, 1u);
  if (GLC_LANE == 0u) e = SCAN_T4(scan_identity());
  if (GLC_LANE == GLC_LANE_COUNT - 1u) group_totals[GLC_GROUP] = s;
  GLC_SHARED_BARRIER();

  precise SCAN_T4 before_group = SCAN_T4(scan_identity());
  precise SCAN_T4 round_totals = SCAN_T4(scan_identity());
  for (uint g = 0u; g < GLC_GROUP_COUNT; ++g) {
    if (g < GLC_GROUP) before_group = before_group + group_totals[g];
    round_totals = round_totals + group_totals[g];
  }
  AGG_T c = tile_carry_in;
  SCAN_T before_of[ROUNDS] = SCAN_T[ROUNDS](before_group.x, before_group.y, before_group.z, before_group.w);
  SCAN_T e_of[ROUNDS] = SCAN_T[ROUNDS](e.x, e.y, e.z, e.w);
  SCAN_T total_of[ROUNDS] = SCAN_T[ROUNDS](round_totals.x, round_totals.y, round_totals.z, round_totals.w);
  precise SCAN_T round_prefix = scan_identity();
  for (uint r = 0u; r < ROUNDS; ++r) {
    precise SCAN_T q = (round_prefix + before_of[r]) + e_of[r];
    round_prefix = round_prefix + total_of[r];
    uvec4 bits;
    precise SCAN_T running = q;
    for (uint k = 0u; k < GLC_PER_VECTOR; ++k) {
      SCAN_T x = scan_element(vectors[r], k);
#ifdef GLC_EXCLUSIVE
      SCAN_T y = scan_with_carry(c, running);
      running = running + x;
#else
      running = running + x;
      SCAN_T y = scan_with_carry(c, running);
#endif
#if defined(GLC_SCAN_DOUBLE)
      uvec2 w = unpackDouble2x32(y);
      if (k == 0u) bits.xy = w; else bits.zw = w;
#else
      bits[k] = scan_element_word(y);
#endif
    }
    store_vector(local_tile * VECTORS_PER_TILE + r * GLC_WORK_GROUP_SIZE + lane_vector, bits);
  }
#endif
}
