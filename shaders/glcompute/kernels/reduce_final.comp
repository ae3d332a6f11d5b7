#version 430
// glcompute/kernels/reduce_final.comp: second pass of glc::sum, glc::min and glc::max. One
// work group reduces partials[0, count) (written by reduce.comp, for every chunk of the range)
// to `result`, in a fixed order. Defines as in reduce_ops.glsl.
// glslc-variant: -DGLC_SUM -DGLC_FLOAT
// glslc-variant: -DGLC_SUM -DGLC_INT
// glslc-variant: -DGLC_SUM -DGLC_UINT
// glslc-variant: -DGLC_MIN -DGLC_FLOAT
// glslc-variant: -DGLC_MIN -DGLC_INT
// glslc-variant: -DGLC_MIN -DGLC_UINT
// glslc-variant: -DGLC_MAX -DGLC_FLOAT
// glslc-variant: -DGLC_MAX -DGLC_INT
// glslc-variant: -DGLC_MAX -DGLC_UINT
layout(local_size_x = 256) in;

#include "glcompute/kernels/reduce_ops.glsl"

layout(std430, binding = 1) readonly buffer Partials { REDUCE_T partials[]; };
layout(std430, binding = 2) writeonly buffer Result { REDUCE_T result; };

uniform uint count;  // partials to reduce

void main() {
  REDUCE_T value = REDUCE_IDENTITY;
  for (uint i = gl_LocalInvocationIndex; i < count; i += GLC_REDUCE_GROUP_SIZE) {
    value = reduce_combine(value, partials[i]);
  }
  value = reduce_group(value);
  if (gl_LocalInvocationIndex == 0u) result = value;
}
