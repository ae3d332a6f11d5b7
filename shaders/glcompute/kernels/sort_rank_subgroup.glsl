// glcompute/kernels/sort_rank_subgroup.glsl: sort_pass.comp's tile (sort_tile()) with subgroups of 32:
// 8-bit digits ranked per item by subgroupPartitionNV (GLC_PARTITIONED) or 8 ballots, then the
// keys and values written through shared memory in runs. See sort_pass.comp.
// glslc-variant: --target-spv=spv1.3 -DGLC_SUBGROUP -DGLC_KEY_FLOAT -DGLC_VALUE_WORDS=1 -DGLC_ITEMS=16
// glslc-variant: --target-spv=spv1.3 -DGLC_SUBGROUP -DGLC_PARTITIONED -DGLC_KEY_DOUBLE -DGLC_VALUE_WORDS=2 -DGLC_ITEMS=16 -DGLC_LOOKBACK
#ifndef GLCOMPUTE_KERNELS_SORT_RANK_SUBGROUP_GLSL
#define GLCOMPUTE_KERNELS_SORT_RANK_SUBGROUP_GLSL
#ifdef GLC_SUBGROUP  // empty without (build-time validation also compiles it plainly)

#include "glcompute/kernels/sort_pass_common.glsl"

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

void sort_tile() {
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

#endif
#endif
