// glcompute/kernels/tile_records.glsl: the sums over tiles that a prefix sum (scan.comp) or a
// stream compaction (copy_if.glsl) needs, computed in a fixed order so that every run gives
// the same bits, whether the tiles publish them to each other in one pass (GLC_LOOKBACK) or
// earlier dispatches wrote them (the multi-pass path).
//
// Tiles are numbered 0 .. tile_count-1 over the whole call. Level 0 holds one record per tile:
// the sum of its elements (AGG_T, scan_value.glsl). Level L+1 holds one record per block of 32
// level-L records: their sum by lanes_sum(). The carry of tile t, the sum of all tiles before
// it, is read off the base-32 digits of t: at each level L, the digit d_L says how many
// complete level-L blocks lie before t inside its level-(L+1) block; their records are summed
// by lanes_sum() (absent lanes hold the identity), and the levels are added from the top down
// to `carry_init`. At most 31 records per level, read by the 32 lanes of one group at once.
//
// Records are uvec4(value bits, epoch, check word): valid only with this call's `epoch` and a
// matching check word, so a record left by an earlier call, or one not fully written, is never
// taken, and the records need no clearing between calls.
//
// With GLC_LOOKBACK, each tile publishes its own level-0 record and, if it is the last tile of
// a level-(L+1) block, that block's record once it has the block's 32 level-L records; a tile
// waits only for records that lower-numbered tiles publish, and tiles take their numbers from
// a ticket counter as they start, so every tile waited for is already running. That is enough
// on drivers that keep running work groups making progress (NVIDIA's), where the wait is
// unbounded (GLC_SPIN_UNBOUNDED). Elsewhere a wait is bounded: it gives up and raises the
// stalled flag, which the host checks. The bound is 65535 x 65535 rounds on a driver without a
// loop limit, but Mesa's llvmpipe ends the loops of an invocation after 65535 rounds in total
// (tests/gl/test_loop_limit), its other loops included: there a wait lasts a few milliseconds,
// and gives up when the thread running the tile waited for is descheduled for longer.
//
// Bindings: GLC_RECORDS_BINDING (records), GLC_CONTROL_BINDING (ticket counter, stalled flag).
// Uniforms: tile_count, levels (32^levels >= tile_count), epoch, carry_init (AGG_T bits).
// glslc-variant: -DGLC_SCAN_FLOAT
// glslc-variant: -DGLC_SCAN_UINT -DGLC_LOOKBACK
// glslc-variant: -DGLC_SCAN_DOUBLE -DGLC_LOOKBACK -DGLC_SPIN_UNBOUNDED
// glslc-variant: --target-spv=spv1.3 -DGLC_SUBGROUP -DGLC_SCAN_FLOAT -DGLC_LOOKBACK
// glslc-wrapper: void main() { tile_carry(0u, agg_identity()); }
#ifndef GLCOMPUTE_KERNELS_TILE_RECORDS_GLSL
#define GLCOMPUTE_KERNELS_TILE_RECORDS_GLSL

#include "glcompute/kernels/lanes.glsl"
#include "glcompute/kernels/scan_value.glsl"

#ifndef GLC_RECORDS_BINDING
#define GLC_RECORDS_BINDING 2
#endif
#ifndef GLC_CONTROL_BINDING
#define GLC_CONTROL_BINDING 5
#endif
#define GLC_MAX_LEVELS 7u

// Volatile: a waiting lane must load the record again on every round.
layout(std430, binding = GLC_RECORDS_BINDING) coherent volatile buffer TileRecords {
  uvec4 tile_records[];
};
layout(std430, binding = GLC_CONTROL_BINDING) coherent buffer TileControl {
  uint tile_tickets;  // tiles started, over all calls (the host keeps the count it expects)
  uint tile_stalled;  // non-zero once a wait gave up
};

uniform uint tile_count;
uniform uint levels;
uniform uint epoch;
uniform uvec4 carry_init;  // .xy: AGG_T bits

GLC_LANES_STAGING(uvec2)

uint tile_record_check(uvec2 bits) {
  return (bits.x * 0x9E3779B1u) ^ (bits.y * 0x85EBCA77u) ^ (epoch * 0xC2B2AE3Du) ^ 0x27D4EB2Fu;
}
bool tile_record_valid(uvec4 r) { return r.z == epoch && r.w == tile_record_check(r.xy); }
void tile_publish(uint index, AGG_T value) {
  uvec2 bits = agg_bits(value);
  tile_records[index] = uvec4(bits, epoch, tile_record_check(bits));  // one 16-byte store
}

// The sum over the 32 lanes of a group, the same in every lane: a butterfly, whose every step
// adds two values that are equal in both lanes of a pair (agg_add is symmetric).
AGG_T lanes_sum(AGG_T v) {
  for (uint m = 16u; m > 0u; m >>= 1u) {
    AGG_T other = agg_from_bits(GLC_LANES_SHUFFLE_XOR(uvec2, agg_bits(v), m));
    v = agg_add(v, other);
  }
  return v;
}

// Record `index` where `need`, the identity elsewhere. (all)
AGG_T tile_read_record(uint index, bool need) {
  uvec4 r = uvec4(0u);
  bool ready = true;
  if (need) {
    r = tile_records[index];
    ready = tile_record_valid(r);
  }
#ifdef GLC_LOOKBACK
#ifdef GLC_SPIN_UNBOUNDED
  while (!GLC_LANES_ALL_TRUE(ready)) {
    if (!ready) {
      r = tile_records[index];
      ready = tile_record_valid(r);
    }
  }
#else
  bool done = GLC_LANES_ALL_TRUE(ready);
  for (uint outer = 0u; outer < 65535u && !done; ++outer) {
    for (uint inner = 0u; inner < 65535u && !done; ++inner) {
      if (!ready) {
        r = tile_records[index];
        ready = tile_record_valid(r);
      }
      done = GLC_LANES_ALL_TRUE(ready);
    }
  }
#endif
#endif
  if (!ready) {
    tile_stalled = 1u;  // never taken as a value: the host reports it
    return agg_identity();
  }
  return need ? agg_from_bits(r.xy) : agg_identity();
}

// The record index where level `level` starts.
uint tile_level_offset(uint level) {
  uint offset = 0u;
  uint count = tile_count;
  for (uint l = 0u; l < level; ++l) {
    offset += count;
    count = (count + 31u) >> 5u;
  }
  return offset;
}

// The sum of tiles [0, tile) added to carry_init, in the fixed order above; valid in the lanes
// of group 0. With GLC_LOOKBACK it also publishes the records of the blocks `tile` completes;
// `own` is the tile's own sum (its level-0 record, published by the caller). (all; with
// GLC_SUBGROUP, group 0 only)
AGG_T tile_carry(uint tile, AGG_T own) {
  AGG_T level_sums[GLC_MAX_LEVELS];
  AGG_T own_block = own;   // the record of tile's level-L block, while tile completes it
  bool completes = true;   // tile is the last tile of its level-L block
  uint offset = 0u;
  uint count = tile_count;
  for (uint level = 0u; level < levels; ++level) {
    uint block = tile >> (5u * level);
    uint before = block & 31u;  // complete level-L blocks before tile's, inside its parent
    uint first = block - before;
    bool need = GLC_GROUP == 0u && GLC_LANE < before;
    AGG_T v = tile_read_record(offset + first + GLC_LANE, need);
    level_sums[level] = lanes_sum(v);
#ifdef GLC_LOOKBACK
    completes = completes && before == 31u;
    if (completes && level + 1u < levels) {
      own_block = lanes_sum(GLC_LANE == 31u ? own_block : v);
      if (GLC_GROUP == 0u && GLC_LANE == 0u) tile_publish(offset + count + (block >> 5u), own_block);
    }
#endif
    offset += count;
    count = (count + 31u) >> 5u;
  }
  AGG_T carry = agg_from_bits(carry_init.xy);
  for (uint level = levels; level > 0u; --level) carry = agg_add(carry, level_sums[level - 1u]);
  return carry;
}

#endif
