#version 430
// glcompute/kernels/sort_histogram.comp: radix digit counts for the sort (sort_pass.comp),
// over the keys of one piece, bound at binding 0 (elements [0, count) of the piece).
//  - GLC_ALL_PASSES (the one-pass-per-digit path, with look-back): the counts of the digits of
//    passes [first_pass, first_pass + pass_count) over the whole piece, added to
//    counts[(piece * passes + pass) * RADIX + digit] (zero before the call), and the piece's
//    look-back records of those passes cleared.
//  - otherwise (the multi-pass path): the counts of the digits at `shift` in each tile of
//    GLC_TILE keys, written digit-major to counts[digit * table_tiles + tile] for the scan
//    that turns them into each tile's output positions.
// Integer counts: the same in any order (shared-memory atomics).
// glslc-variant: -DGLC_KEY_FLOAT -DGLC_RADIX_BITS=8 -DGLC_ALL_PASSES -DGLC_TILE=4096
// glslc-variant: -DGLC_KEY_DOUBLE -DGLC_RADIX_BITS=4 -DGLC_TILE=2048
layout(local_size_x = 256) in;

#include "glcompute/kernels/sort_keys.glsl"

#ifndef GLC_TILE
#define GLC_TILE 4096u
#endif

layout(std430, binding = 0) readonly buffer Keys { uint key_words[]; };
layout(std430, binding = 1) buffer Counts { uint counts[]; };
#ifdef GLC_ALL_PASSES
layout(std430, binding = 2) writeonly buffer Records { uint records[]; };
#endif

uniform uint count;        // keys in this piece
#ifdef GLC_ALL_PASSES
uniform uint passes;
uniform uint first_pass;
uniform uint pass_count;
uniform uint piece;
uniform uint first_tile;   // the piece's first tile, counted over the call
uniform uint piece_tiles;
uniform uint total_tiles;  // tiles of the call: records are [pass][tile][digit]
#define PASSES_MAX (64u / GLC_RADIX_BITS)
shared uint histogram[PASSES_MAX * GLC_RADIX];
#else
uniform uint shift;
uniform uint table_tiles;  // tiles of the whole call
uniform uint first_tile;
shared uint histogram[GLC_RADIX];
#endif

uvec2 load_key(uint i) {
#if GLC_KEY_WORDS == 2
  return uvec2(key_words[2u * i], key_words[2u * i + 1u]);
#else
  return uvec2(key_words[i], 0u);
#endif
}

void main() {
  uint t = gl_LocalInvocationIndex;
#ifdef GLC_ALL_PASSES
  for (uint b = t; b < pass_count * GLC_RADIX; b += 256u) histogram[b] = 0u;
  memoryBarrierShared();
  barrier();
  for (uint i = gl_GlobalInvocationID.x; i < count; i += gl_NumWorkGroups.x * 256u) {
    uvec2 key = load_key(i);
    for (uint p = 0u; p < pass_count; ++p) {
      atomicAdd(histogram[p * GLC_RADIX + sort_digit(key, (first_pass + p) * GLC_RADIX_BITS)], 1u);
    }
  }
  // This piece's records of those passes, cleared for the look-back (0: not published).
  uint words = piece_tiles * GLC_RADIX;
  for (uint p = first_pass; p < first_pass + pass_count; ++p) {
    uint base = (p * total_tiles + first_tile) * GLC_RADIX;
    for (uint w = gl_GlobalInvocationID.x; w < words; w += gl_NumWorkGroups.x * 256u) records[base + w] = 0u;
  }
  memoryBarrierShared();
  barrier();
  for (uint b = t; b < pass_count * GLC_RADIX; b += 256u) {
    uint c = histogram[b];
    if (c != 0u) atomicAdd(counts[(piece * passes + first_pass) * GLC_RADIX + b], c);
  }
#else
  for (uint b = t; b < GLC_RADIX; b += 256u) histogram[b] = 0u;
  memoryBarrierShared();
  barrier();
  uint start = gl_WorkGroupID.x * GLC_TILE;
  uint end = min(start + GLC_TILE, count);
  for (uint i = start + t; i < end; i += 256u) atomicAdd(histogram[sort_digit(load_key(i), shift)], 1u);
  memoryBarrierShared();
  barrier();
  uint tile = first_tile + gl_WorkGroupID.x;
  for (uint b = t; b < GLC_RADIX; b += 256u) counts[b * table_tiles + tile] = histogram[b];
#endif
}
