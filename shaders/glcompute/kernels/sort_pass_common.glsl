// glcompute/kernels/sort_pass_common.glsl: what both rankings of sort_pass.comp share: the
// bindings, key and value loads, the stores into the output windows, the look-back between
// tiles or the scanned table, and the tile's ticket. See sort_pass.comp.
// glslc-variant: -DGLC_KEY_FLOAT -DGLC_VALUE_WORDS=1 -DGLC_WINDOWS=2
// glslc-variant: -DGLC_KEY_DOUBLE -DGLC_VALUE_WORDS=2 -DGLC_WINDOWS=4 -DGLC_LOOKBACK
#ifndef GLCOMPUTE_KERNELS_SORT_PASS_COMMON_GLSL
#define GLCOMPUTE_KERNELS_SORT_PASS_COMMON_GLSL

#ifdef GLC_PARTITIONED
#extension GL_NV_shader_subgroup_partitioned : require
#endif
// Digits of 8 bits with subgroups, of 4 without (the shared-memory ranking counts 16 digits).
#ifndef GLC_RADIX_BITS
#ifdef GLC_SUBGROUP
#define GLC_RADIX_BITS 8
#else
#define GLC_RADIX_BITS 4
#endif
#endif
#if !defined(GLC_SUBGROUP) && GLC_RADIX_BITS != 4
#error "sort_pass.comp: without GLC_SUBGROUP, GLC_RADIX_BITS must be 4"
#endif
#include "glcompute/kernels/lanes.glsl"
#include "glcompute/kernels/sort_keys.glsl"


#ifndef GLC_ITEMS
#define GLC_ITEMS 8
#endif
#ifndef GLC_WINDOWS
#define GLC_WINDOWS 1
#endif
#ifndef GLC_VALUE_WORDS
#ifdef GLC_VALUE_INDEX
#define GLC_VALUE_WORDS 1
#else
#define GLC_VALUE_WORDS 0
#endif
#endif
#define ITEMS uint(GLC_ITEMS)
#define TILE (256u * ITEMS)

#if GLC_KEY_WORDS == 2
#define KEY_STORE_T uvec2
#define KEY_STORE(k) (k)
#else
#define KEY_STORE_T uint
#define KEY_STORE(k) (k).x
#endif
#if GLC_VALUE_WORDS == 2
#define VALUE_STORE_T uvec2
#define VALUE_STORE(v) (v)
#else
#define VALUE_STORE_T uint
#define VALUE_STORE(v) (v).x
#endif

layout(std430, binding = 0) readonly buffer KeysIn { uint key_words[]; };
#if GLC_VALUE_WORDS > 0 && !defined(GLC_VALUE_INDEX)
layout(std430, binding = 1) readonly buffer ValuesIn { uint value_words[]; };
#endif
#ifdef GLC_LOOKBACK
layout(std430, binding = 2) coherent volatile buffer Records { uint records[]; };
layout(std430, binding = 3) readonly buffer Bases { uint bases[]; };
layout(std430, binding = 4) coherent buffer Control { uint tickets; uint stalled; };
#else
layout(std430, binding = 2) readonly buffer Table { uint table[]; };
#endif

#ifndef GLC_SKIP_KEYS
layout(std430, binding = 5) writeonly buffer KeysOut0 { KEY_STORE_T keys_out0[]; };
#if GLC_WINDOWS > 1
layout(std430, binding = 6) writeonly buffer KeysOut1 { KEY_STORE_T keys_out1[]; };
#endif
#if GLC_WINDOWS > 2
layout(std430, binding = 7) writeonly buffer KeysOut2 { KEY_STORE_T keys_out2[]; };
#endif
#if GLC_WINDOWS > 3
layout(std430, binding = 8) writeonly buffer KeysOut3 { KEY_STORE_T keys_out3[]; };
#endif
#endif
#if GLC_VALUE_WORDS > 0
layout(std430, binding = 9) writeonly buffer ValuesOut0 { VALUE_STORE_T values_out0[]; };
#if GLC_WINDOWS > 1
layout(std430, binding = 10) writeonly buffer ValuesOut1 { VALUE_STORE_T values_out1[]; };
#endif
#if GLC_WINDOWS > 2
layout(std430, binding = 11) writeonly buffer ValuesOut2 { VALUE_STORE_T values_out2[]; };
#endif
#if GLC_WINDOWS > 3
layout(std430, binding = 12) writeonly buffer ValuesOut3 { VALUE_STORE_T values_out3[]; };
#endif
#endif

uniform uint count;          // keys in this piece
uniform uint shift;          // the pass's digit: bits [shift, shift + GLC_RADIX_BITS)
uniform uint pass;
uniform uint passes;
uniform uint piece;
uniform uint first_tile;     // the piece's first tile, counted over the call
uniform uint total_tiles;    // tiles of the call
uniform uint ticket_base;    // tickets taken before this dispatch (GLC_LOOKBACK)
uniform uint element_base;   // the call's index of the piece's first key (GLC_VALUE_INDEX)
uniform uint key_shift;      // log2 of the keys per output window
uniform uint value_shift;    // log2 of the values per output window

shared uint tile_number;
shared uint digit_start[GLC_RADIX];  // the tile's first output slot of each digit, in the tile
shared uint digit_out[GLC_RADIX];    // global position of the tile's slot 0 of each digit

GLC_LANES_STAGING(uint)

uvec2 load_key(uint i) {
#if GLC_KEY_WORDS == 2
  return uvec2(key_words[2u * i], key_words[2u * i + 1u]);
#else
  return uvec2(key_words[i], 0u);
#endif
}

uvec2 load_value(uint i) {
#if defined(GLC_VALUE_INDEX)
  return uvec2(element_base + i, 0u);
#elif GLC_VALUE_WORDS == 2
  return uvec2(value_words[2u * i], value_words[2u * i + 1u]);
#elif GLC_VALUE_WORDS == 1
  return uvec2(value_words[i], 0u);
#else
  return uvec2(0u);
#endif
}

void store_key(uint dst, uvec2 key) {
#ifndef GLC_SKIP_KEYS
  uint w = dst >> key_shift;
  uint o = dst - (w << key_shift);
#if GLC_WINDOWS > 3
  if (w == 3u) { keys_out3[o] = KEY_STORE(key); return; }
#endif
#if GLC_WINDOWS > 2
  if (w == 2u) { keys_out2[o] = KEY_STORE(key); return; }
#endif
#if GLC_WINDOWS > 1
  if (w == 1u) { keys_out1[o] = KEY_STORE(key); return; }
#endif
  keys_out0[o] = KEY_STORE(key);
#endif
}

void store_value(uint dst, uvec2 value) {
#if GLC_VALUE_WORDS > 0
  uint w = dst >> value_shift;
  uint o = dst - (w << value_shift);
#if GLC_WINDOWS > 3
  if (w == 3u) { values_out3[o] = VALUE_STORE(value); return; }
#endif
#if GLC_WINDOWS > 2
  if (w == 2u) { values_out2[o] = VALUE_STORE(value); return; }
#endif
#if GLC_WINDOWS > 1
  if (w == 1u) { values_out1[o] = VALUE_STORE(value); return; }
#endif
  values_out0[o] = VALUE_STORE(value);
#endif
}

// The exclusive sum of x over the work group's invocations, in invocation order. (all)
shared uint block_totals[GLC_GROUP_COUNT];
uint block_exclusive_sum(uint x) {
  uint s = x;
  for (uint d = 1u; d < GLC_LANE_COUNT; d <<= 1u) {
    uint below = GLC_LANES_SHUFFLE_UP(uint, s, d);
    if (GLC_LANE >= d) s += below;
  }
  if (GLC_LANE == GLC_LANE_COUNT - 1u) block_totals[GLC_GROUP] = s;
  GLC_SHARED_BARRIER();
  uint before = 0u;
  for (uint g = 0u; g < GLC_GROUP; ++g) before += block_totals[g];
  GLC_SHARED_BARRIER();
  return before + s - x;
}

#ifdef GLC_LOOKBACK
const uint FLAG_AGGREGATE = 1u << 30;
const uint FLAG_PREFIX = 2u << 30;
const uint COUNT_MASK = (1u << 30) - 1u;

uint record_index(uint tile, uint digit) { return (pass * total_tiles + tile) * GLC_RADIX + digit; }

// The record of `tile` and `digit` once published (non-zero).
uint wait_record(uint index) {
  uint r = records[index];
#ifdef GLC_SPIN_UNBOUNDED
  while (r == 0u) r = records[index];
#else
  // Bounded (tile_records.glsl says how long on llvmpipe). An atomic read, which no compiler
  // moves out of the loop (Mesa does not honour volatile).
  for (uint outer = 0u; outer < 65535u && r == 0u; ++outer) {
    for (uint inner = 0u; inner < 65535u && r == 0u; ++inner) r = atomicOr(records[index], 0u);
  }
  if (r == 0u) {
    stalled = 1u;  // reported by the host; never taken as a count
    r = FLAG_PREFIX;
  }
#endif
  return r;
}

// Digit d's keys in earlier tiles of the piece; publishes this tile's records.
uint tile_prefix(uint local_tile, uint d, uint tile_count) {
  uint tile = first_tile + local_tile;
  if (local_tile == 0u) {
    records[record_index(tile, d)] = FLAG_PREFIX | tile_count;
    return 0u;
  }
  records[record_index(tile, d)] = FLAG_AGGREGATE | tile_count;
  uint prefix = 0u;
  for (uint k = tile - 1u;; --k) {
    uint r = wait_record(record_index(k, d));
    prefix += r & COUNT_MASK;
    if ((r & FLAG_PREFIX) != 0u || k == first_tile) break;
  }
  records[record_index(tile, d)] = FLAG_PREFIX | (prefix + tile_count);
  return prefix;
}
#endif

// Sets digit_out[d] for the tile's digits, given each digit's count and start in the tile.
void place_digit(uint local_tile, uint d, uint tile_count) {
#ifdef GLC_LOOKBACK
  uint prefix = tile_prefix(local_tile, d, tile_count);
  digit_out[d] = bases[(piece * passes + pass) * GLC_RADIX + d] + prefix - digit_start[d];
#else
  digit_out[d] = table[d * total_tiles + first_tile + local_tile] - digit_start[d];
#endif
}

uint take_tile() {
#ifdef GLC_LOOKBACK
  if (gl_LocalInvocationIndex == 0u) tile_number = atomicAdd(tickets, 1u) - ticket_base;
  GLC_SHARED_BARRIER();
  return tile_number;
#else
  return gl_WorkGroupID.x;
#endif
}

#endif
