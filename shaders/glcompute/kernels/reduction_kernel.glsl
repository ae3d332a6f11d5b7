// glcompute/kernels/reduction_kernel.glsl: the main() of a glc::ReductionKernel. The generated
// kernel defines REDUCE_T (float, double, int or uint) before this include, and after it
// `layout(local_size_x = 256) in;` and the functions declared below: the user's
// glc_reduce and glc_identity; glc_invocation_value, which reduces this invocation's elements
// in increasing order starting from glc_identity(); and REDUCE_T's bits as two words.
// The invocations' values are combined in a fixed pairwise order (invocation i with i + 128,
// then i + 64, ...), each work group's result goes to glc_partials[glc_partial_base + group],
// and the group that arrives last (an atomic counter over all glc_total_partials groups of all
// dispatches) combines the partials in order and writes the result record
// (result_record.glsl): the same bits on every run.
// glslc-variant: -DREDUCE_T=float
// glslc-variant: -DREDUCE_T=double
// glslc-variant: -DREDUCE_T=int
// glslc-variant: -DREDUCE_T=uint
// glslc-wrapper: REDUCE_T glc_reduce(REDUCE_T a, REDUCE_T b) { return a + b; } REDUCE_T glc_identity() { return REDUCE_T(0); } REDUCE_T glc_invocation_value() { return glc_identity(); } uvec2 glc_bits(REDUCE_T x) { return uvec2(uint(x), 0u); } REDUCE_T glc_from_bits(uvec2 b) { return REDUCE_T(b.x); }
#ifndef GLCOMPUTE_KERNELS_REDUCTION_KERNEL_GLSL
#define GLCOMPUTE_KERNELS_REDUCTION_KERNEL_GLSL

#ifndef REDUCE_T
#define REDUCE_T float
#endif
#define GLC_RESULT_BINDING 18
#include "glcompute/kernels/result_record.glsl"

layout(std430, binding = 16) coherent buffer GlcPartials { uvec2 glc_partials[]; };
layout(std430, binding = 17) coherent buffer GlcArrivals { uint glc_arrived; };  // 0 between calls

uniform uint glc_partial_base;
uniform uint glc_total_partials;

REDUCE_T glc_reduce(REDUCE_T a, REDUCE_T b);
REDUCE_T glc_identity();
REDUCE_T glc_invocation_value();
uvec2 glc_bits(REDUCE_T x);
REDUCE_T glc_from_bits(uvec2 bits);

shared REDUCE_T glc_tree[256];
shared bool glc_last_group;

REDUCE_T glc_group_reduce(REDUCE_T value) {
  uint t = gl_LocalInvocationIndex;
  glc_tree[t] = value;
  memoryBarrierShared();
  barrier();
  for (uint stride = 128u; stride > 0u; stride >>= 1u) {
    if (t < stride) glc_tree[t] = glc_reduce(glc_tree[t], glc_tree[t + stride]);
    memoryBarrierShared();
    barrier();
  }
  return glc_tree[0];
}

void main() {
  REDUCE_T group = glc_group_reduce(glc_invocation_value());
  if (gl_LocalInvocationIndex == 0u) {
    glc_partials[glc_partial_base + gl_WorkGroupID.x] = glc_bits(group);
    memoryBarrierBuffer();  // the partial is visible before the arrival is counted
    glc_last_group = atomicAdd(glc_arrived, 1u) == glc_total_partials - 1u;
    memoryBarrierBuffer();
  }
  memoryBarrierShared();
  barrier();
  if (!glc_last_group) return;
  // Partials in order: invocation t takes t, t + 256, ... left to right, then the tree.
  REDUCE_T value = glc_identity();
  for (uint p = gl_LocalInvocationIndex; p < glc_total_partials; p += 256u) {
    value = glc_reduce(value, glc_from_bits(glc_partials[p]));
  }
  REDUCE_T total = glc_group_reduce(value);
  if (gl_LocalInvocationIndex == 0u) {
    write_result(glc_bits(total));
    glc_arrived = 0u;
  }
}

#endif
