// glcompute/kernels/sort_rank_shared.glsl: sort_pass.comp's tile (sort_tile()) without subgroups: 4-bit
// digits, GLC_ITEMS consecutive keys per invocation counted in two words, the 16 x 256 counts
// scanned digit-major in shared memory. See sort_pass.comp.
// glslc-variant: -DGLC_KEY_FLOAT -DGLC_VALUE_WORDS=1 -DGLC_ITEMS=8
// glslc-variant: -DGLC_KEY_DOUBLE -DGLC_VALUE_INDEX -DGLC_ITEMS=8 -DGLC_LOOKBACK -DGLC_WINDOWS=3
#ifndef GLCOMPUTE_KERNELS_SORT_RANK_SHARED_GLSL
#define GLCOMPUTE_KERNELS_SORT_RANK_SHARED_GLSL

#include "glcompute/kernels/sort_pass_common.glsl"

shared uint thread_counts[GLC_RADIX * 256u];  // [digit][invocation], then their starts

// An invocation's 16 digit counts, 4 bits each (at most GLC_ITEMS = 8 keys per invocation),
// in two words: no array indexed by a varying digit, which llvmpipe handles lane by lane.
uint packed_count(uvec2 counts, uint d) { return ((d < 8u ? counts.x : counts.y) >> (4u * (d & 7u))) & 15u; }
uvec2 packed_increment(uvec2 counts, uint d) {
  uint one = 1u << (4u * (d & 7u));
  return d < 8u ? uvec2(counts.x + one, counts.y) : uvec2(counts.x, counts.y + one);
}

void sort_tile() {
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
