#version 430
// glcompute/kernels/tile_levels.comp: on the multi-pass path of scan.comp and copy_if, the
// records of level `level` + 1 from those of `level` (tile_records.glsl): each group of 32
// lanes sums one complete block of 32 records with lanes_sum, as a tile that completes the
// block would on the one-pass path, so both paths give the same bits. One dispatch per level,
// after the level below is written.
// glslc-variant: -DGLC_SCAN_FLOAT
// glslc-variant: -DGLC_SCAN_DOUBLE
// glslc-variant: -DGLC_SCAN_INT
// glslc-variant: --target-spv=spv1.3 -DGLC_SUBGROUP -DGLC_SCAN_UINT
#include "glcompute/kernels/tile_records.glsl"

// After the includes: #extension directives come before any other declaration.
layout(local_size_x = 256) in;

uniform uint level;  // the level read; level + 1 is written

void main() {
  uint offset = tile_level_offset(level);
  uint count = tile_count;
  for (uint l = 0u; l < level; ++l) count = (count + 31u) >> 5u;
  uint block = gl_WorkGroupID.x * GLC_GROUP_COUNT + GLC_GROUP;
  bool complete = block < (count >> 5u);
  AGG_T v = tile_read_record(offset + block * 32u + GLC_LANE, complete);
  AGG_T sum = lanes_sum(v);
  if (complete && GLC_LANE == 0u) tile_publish(offset + count + block, sum);
}
