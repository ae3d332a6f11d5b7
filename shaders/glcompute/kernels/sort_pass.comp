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
#ifdef GLC_SUBGROUP
#include "glcompute/kernels/sort_rank_subgroup.glsl"
#else
#include "glcompute/kernels/sort_rank_shared.glsl"
#endif

// After the includes: #extension directives come before any other declaration.
layout(local_size_x = 256) in;

void main() { sort_tile(); }
