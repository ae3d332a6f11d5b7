#version 430
// glcompute/kernels/sort_pass.comp: one pass of the stable least-significant-digit radix sort
// behind glc::sort, glc::sort_by_key and glc::argsort: the keys of a piece (binding 0, with
// their values at binding 1) are moved, by the digit at `shift` (sort_keys.glsl), to their
// place in the pass's output, which may span up to four bindings (GLC_WINDOWS windows of
// 2^key_shift keys and 2^value_shift values each, bindings 5-8 and 9-12). One work group
// per tile of GLC_TILE keys.
//
// Ranking a tile, in element order (so equal digits keep their order: the sort is stable):
//  - GLC_SUBGROUP (GLC_RADIX_BITS = 8): each group of 32 lanes takes 32 x GLC_ITEMS
//    consecutive keys, lane l item j being key 32 j + l of them; item by item, the lanes with
//    the same digit are found with one subgroupPartitionNV (GLC_PARTITIONED) or 8 ballots, the
//    highest of them adds their number to the group's count of that digit, and each lane's
//    rank is that count before it plus the lanes below it. The keys then pass through shared
//    memory in output order, so that each digit's run is written to global memory in order.
//  - otherwise (GLC_RADIX_BITS = 4, shared memory only): invocation t takes GLC_ITEMS
//    consecutive keys, counts its digits, and the 16 x 256 counts are scanned digit-major.
// Where the tile's keys of digit d go: with GLC_LOOKBACK, bases[piece][pass][d] (the keys
// with a smaller digit, and those of digit d in earlier pieces: sort_bases.comp) plus the
// keys of digit d in earlier tiles of the piece, from the tiles' records [pass][tile][d]:
// (1 << 30) | count once the tile has counted, (2 << 30) | inclusive count once it knows its
// prefix (tiles number themselves by a ticket counter; see tile_records.glsl for why waits
// end, and where they are bounded). Otherwise from the scanned digit-major table of all
// tiles' counts (sort_histogram.comp, then glc's exclusive scan).
// glslc-variant: -DGLC_KEY_FLOAT -DGLC_VALUE_WORDS=1 -DGLC_RADIX_BITS=4 -DGLC_ITEMS=8 -DGLC_WINDOWS=1
// glslc-variant: -DGLC_KEY_DOUBLE -DGLC_VALUE_WORDS=2 -DGLC_RADIX_BITS=4 -DGLC_ITEMS=8 -DGLC_WINDOWS=4 -DGLC_LOOKBACK
// glslc-variant: -DGLC_KEY_INT -DGLC_VALUE_INDEX -DGLC_RADIX_BITS=4 -DGLC_ITEMS=8 -DGLC_WINDOWS=2 -DGLC_SKIP_KEYS
// glslc-variant: --target-spv=spv1.3 -DGLC_SUBGROUP -DGLC_KEY_FLOAT -DGLC_VALUE_WORDS=1 -DGLC_RADIX_BITS=8 -DGLC_ITEMS=16 -DGLC_WINDOWS=1 -DGLC_LOOKBACK -DGLC_SPIN_UNBOUNDED
// glslc-variant: --target-spv=spv1.3 -DGLC_SUBGROUP -DGLC_PARTITIONED -DGLC_KEY_DOUBLE -DGLC_VALUE_WORDS=2 -DGLC_RADIX_BITS=8 -DGLC_ITEMS=16 -DGLC_WINDOWS=3
// glslc-variant: --target-spv=spv1.3 -DGLC_SUBGROUP -DGLC_KEY_UINT -DGLC_VALUE_WORDS=0 -DGLC_RADIX_BITS=8 -DGLC_ITEMS=16 -DGLC_WINDOWS=1
#ifdef GLC_PARTITIONED
#extension GL_NV_shader_subgroup_partitioned : require
#endif
#include "glcompute/kernels/lanes.glsl"
#include "glcompute/kernels/sort_keys.glsl"

// After the includes: #extension directives come before any other declaration.
layout(local_size_x = 256) in;

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
  // Nested bounded loops: llvmpipe ends every loop after 65535 rounds without a word. An
  // atomic read, which no compiler moves out of the loop (Mesa does not honour volatile).
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

#ifdef GLC_SUBGROUP
#if GLC_KEY_WORDS == 2 || GLC_VALUE_WORDS == 2
#define EXCHANGE_WORDS 2u
#else
#define EXCHANGE_WORDS 1u
#endif
shared uint group_counts[GLC_GROUP_COUNT * GLC_RADIX];  // per group, then its exclusive prefix
shared uint exchange[TILE * EXCHANGE_WORDS];

// The lanes of this subgroup whose `digit` equals this lane's (invalid lanes only match each
// other).
uint same_digit_lanes(uint digit, bool valid) {
#ifdef GLC_PARTITIONED
  return subgroupPartitionNV(valid ? digit : 0xFFFFFFFFu).x;
#else
  uint valid_lanes = subgroupBallot(valid).x;
  uint same = valid ? valid_lanes : ~valid_lanes;
  for (uint b = 0u; b < uint(GLC_RADIX_BITS); ++b) {
    bool bit = ((digit >> b) & 1u) != 0u;
    uint lanes = subgroupBallot(bit).x;
    same &= bit ? lanes : ~lanes;
  }
  return same;
#endif
}

void main() {
  uint t = gl_LocalInvocationIndex;
  uint local_tile = take_tile();
  uint tile_first = local_tile * TILE;
  uint valid_keys = min(TILE, count - tile_first);
  for (uint b = t; b < GLC_GROUP_COUNT * GLC_RADIX; b += 256u) group_counts[b] = 0u;
  GLC_SHARED_BARRIER();

  uvec2 keys[GLC_ITEMS];
  uint ranks[GLC_ITEMS];
  uint group_first = GLC_GROUP * ITEMS * GLC_LANE_COUNT;
  for (uint j = 0u; j < ITEMS; ++j) {
    uint i = group_first + j * GLC_LANE_COUNT + GLC_LANE;
    keys[j] = i < valid_keys ? load_key(tile_first + i) : uvec2(0u);
  }
  uint lanes_below = gl_SubgroupLtMask.x;
  for (uint j = 0u; j < ITEMS; ++j) {
    uint i = group_first + j * GLC_LANE_COUNT + GLC_LANE;
    bool valid = i < valid_keys;
    uint d = sort_digit(keys[j], shift);
    uint same = same_digit_lanes(d, valid);
    uint highest = uint(findMSB(same));
    uint before = 0u;
    if (valid && GLC_LANE == highest) {
      before = group_counts[GLC_GROUP * GLC_RADIX + d];
      group_counts[GLC_GROUP * GLC_RADIX + d] = before + uint(bitCount(same));
    }
    before = subgroupShuffle(before, highest);
    ranks[j] = before + uint(bitCount(same & lanes_below));
    subgroupMemoryBarrierShared();  // the next item's leader reads this count
    subgroupBarrier();
  }
  GLC_SHARED_BARRIER();

  // Per digit (invocation t = digit): the groups' counts become their starts.
  uint tile_count = 0u;
  if (t < GLC_RADIX) {
    for (uint g = 0u; g < GLC_GROUP_COUNT; ++g) {
      uint c = group_counts[g * GLC_RADIX + t];
      group_counts[g * GLC_RADIX + t] = tile_count;
      tile_count += c;
    }
  }
  uint start = block_exclusive_sum(t < GLC_RADIX ? tile_count : 0u);
  if (t < GLC_RADIX) digit_start[t] = start;
  GLC_SHARED_BARRIER();
  if (t < GLC_RADIX) place_digit(local_tile, t, tile_count);

  // Keys into shared memory in output order, then out in runs.
  for (uint j = 0u; j < ITEMS; ++j) {
    uint i = group_first + j * GLC_LANE_COUNT + GLC_LANE;
    if (i < valid_keys) {
      uint d = sort_digit(keys[j], shift);
      uint slot = digit_start[d] + group_counts[GLC_GROUP * GLC_RADIX + d] + ranks[j];
      ranks[j] = slot;
      exchange[slot * EXCHANGE_WORDS] = keys[j].x;
#if GLC_KEY_WORDS == 2
      exchange[slot * EXCHANGE_WORDS + 1u] = keys[j].y;
#endif
    }
  }
  GLC_SHARED_BARRIER();
  uint destinations[GLC_ITEMS];
  for (uint j = 0u; j < ITEMS; ++j) {
    uint slot = j * 256u + t;
    if (slot < valid_keys) {
      uvec2 key = uvec2(exchange[slot * EXCHANGE_WORDS], 0u);
#if GLC_KEY_WORDS == 2
      key.y = exchange[slot * EXCHANGE_WORDS + 1u];
#endif
      destinations[j] = digit_out[sort_digit(key, shift)] + slot;
      store_key(destinations[j], key);
    }
  }
#if GLC_VALUE_WORDS > 0
  GLC_SHARED_BARRIER();
  for (uint j = 0u; j < ITEMS; ++j) {
    uint i = group_first + j * GLC_LANE_COUNT + GLC_LANE;
    if (i < valid_keys) {
      uvec2 value = load_value(tile_first + i);
      exchange[ranks[j] * EXCHANGE_WORDS] = value.x;
#if GLC_VALUE_WORDS == 2
      exchange[ranks[j] * EXCHANGE_WORDS + 1u] = value.y;
#endif
    }
  }
  GLC_SHARED_BARRIER();
  for (uint j = 0u; j < ITEMS; ++j) {
    uint slot = j * 256u + t;
    if (slot < valid_keys) {
      uvec2 value = uvec2(exchange[slot * EXCHANGE_WORDS], 0u);
#if GLC_VALUE_WORDS == 2
      value.y = exchange[slot * EXCHANGE_WORDS + 1u];
#endif
      store_value(destinations[j], value);
    }
  }
#endif
}

#else  // shared memory only: GLC_RADIX_BITS = 4
shared uint thread_counts[GLC_RADIX * 256u];  // [digit][invocation], then their starts

// An invocation's 16 digit counts, 4 bits each (at most GLC_ITEMS = 8 keys per invocation),
// in two words: no array indexed by a varying digit, which llvmpipe handles lane by lane.
uint packed_count(uvec2 counts, uint d) { return ((d < 8u ? counts.x : counts.y) >> (4u * (d & 7u))) & 15u; }
uvec2 packed_increment(uvec2 counts, uint d) {
  uint one = 1u << (4u * (d & 7u));
  return d < 8u ? uvec2(counts.x + one, counts.y) : uvec2(counts.x, counts.y + one);
}

void main() {
  uint t = gl_LocalInvocationIndex;
  uint local_tile = take_tile();
  uint tile_first = local_tile * TILE;
  uint valid_keys = min(TILE, count - tile_first);
  uint mine = t * ITEMS;  // this invocation's keys: [mine, mine + ITEMS) of the tile

  uvec2 keys[GLC_ITEMS];
  uint digits[GLC_ITEMS];
  uvec2 counts = uvec2(0u);
  for (uint j = 0u; j < ITEMS; ++j) {
    bool valid = mine + j < valid_keys;
    keys[j] = valid ? load_key(tile_first + mine + j) : uvec2(0u);
    digits[j] = sort_digit(keys[j], shift);
    if (valid) counts = packed_increment(counts, digits[j]);
  }
  for (uint d = 0u; d < GLC_RADIX; ++d) thread_counts[d * 256u + t] = packed_count(counts, d);
  GLC_SHARED_BARRIER();
  // Digit-major exclusive scan of the 16 x 256 counts: 16 consecutive entries per invocation.
  uint entries[GLC_RADIX];
  uint sum = 0u;
  for (uint k = 0u; k < GLC_RADIX; ++k) {
    entries[k] = sum;
    sum += thread_counts[t * GLC_RADIX + k];
  }
  uint before = block_exclusive_sum(sum);
  for (uint k = 0u; k < GLC_RADIX; ++k) thread_counts[t * GLC_RADIX + k] = before + entries[k];
  GLC_SHARED_BARRIER();
  if (t < GLC_RADIX) {
    uint start = thread_counts[t * 256u];
    uint end = t + 1u < GLC_RADIX ? thread_counts[(t + 1u) * 256u] : valid_keys;
    digit_start[t] = start;
    place_digit(local_tile, t, end - start);
  }
  GLC_SHARED_BARRIER();
  counts = uvec2(0u);
  for (uint j = 0u; j < ITEMS; ++j) {
    if (mine + j < valid_keys) {
      uint d = digits[j];
      uint dst = digit_out[d] + thread_counts[d * 256u + t] + packed_count(counts, d);
      counts = packed_increment(counts, d);
      store_key(dst, keys[j]);
      store_value(dst, load_value(tile_first + mine + j));
    }
  }
}
#endif
