#version 430
// glcompute/kernels/reduce.comp: glc::sum, glc::min and glc::max in one pass. Each work group
// reduces its share of words [first, first + count) of the range bound at bindings 0
// and 3 (two views) to one partial result, written to partials[partial_base + group]. The group that arrives last (an
// atomic counter over all `total_partials` groups of all dispatches of one reduction) then
// reduces every partial, in a fixed order, writes the result record (value bits, `sequence`
// and a check word, in one 16-byte store) and resets the counter. One dispatch
// instead of two saves a dispatch and a barrier: about 17 us of a 10^8-float sum on an H100.
// Defines as in reduce_ops.glsl.
//
// Invocations walk whole vec4s of the range in a grid-stride loop, keeping four independent
// lanes; the at most 3 words before the first whole vec4 and after the last are taken by the
// first invocations, padded with the identity. Which invocation sees which element depends
// only on `first`, `count` and the number of groups, so results are the same run to run.
//
// Float sums: each lane adds its elements in float with TwoSum (Knuth), keeping the exact
// rounding error of every addition in a second accumulator (Ogita, Rump and Oishi's Sum2):
// as accurate as summing in twice the precision. `precise` keeps the compiler from
// reassociating or contracting it away (without it, Mesa folds the error term to zero; the
// test FloatSumIsCompensated catches that). Lanes and the tree then work in double.
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

#include "glcompute/grid.glsl"
#include "glcompute/kernels/reduce_ops.glsl"

// Two views of the same range, bound to both bindings (see write_words.glsl): whole vec4s for
// the body, words for the ragged ends.
layout(std430, binding = 0) readonly buffer Words4 { uvec4 words4[]; };
layout(std430, binding = 3) readonly buffer Words { uint words[]; };
// Coherent: the last group reads what the other groups wrote, within the same dispatch.
layout(std430, binding = 1) coherent buffer Partials { REDUCE_T partials[]; };
layout(std430, binding = 2) writeonly buffer Result { uvec4 record; };
layout(std430, binding = 4) coherent buffer Arrivals { uint arrived; };  // 0 between reductions

uniform uint first;           // first word of the range, counted from the binding's start
uniform uint count;           // words in the range
uniform uint partial_base;    // where this dispatch's partials go
uniform uint total_partials;  // groups of all dispatches of this reduction
uniform uint sequence;        // names this reduction in its result record

shared bool glc_last_group;

// Per-invocation state, four lanes, and how a vec4 of elements (as bits) enters it.
#if defined(GLC_SUM) && defined(GLC_FLOAT)
const uint IDENTITY_BITS = 0u;
// The lanes are plain globals and `precise` is on the locals: with precise globals, NVIDIA's
// driver (580) makes the SPIR-V form of such a shader store zeros (test_shader_paths catches it).
vec4 lane_sum = vec4(0.0);
vec4 lane_error = vec4(0.0);
void accumulate(uvec4 bits) {
  vec4 x = uintBitsToFloat(bits);
  precise vec4 t = lane_sum + x;
  precise vec4 z = t - lane_sum;
  precise vec4 error = (lane_sum - (t - z)) + (x - z);
  lane_error += error;
  lane_sum = t;
}
// Sum plus error, unless the sum is infinite or NaN: then its error term is NaN (inf - inf)
// and the sum alone is the answer.
double lane_total(float sum, float error) {
  bool finite = (floatBitsToUint(sum) & GLC_FLOAT_POS_INF) != GLC_FLOAT_POS_INF;
  return finite ? double(sum) + double(error) : double(sum);
}
REDUCE_T invocation_result() {
  return (lane_total(lane_sum.x, lane_error.x) + lane_total(lane_sum.y, lane_error.y)) +
         (lane_total(lane_sum.z, lane_error.z) + lane_total(lane_sum.w, lane_error.w));
}

#elif defined(GLC_SUM)
const uint IDENTITY_BITS = 0u;
uvec4 lane_low = uvec4(0u);
uvec4 lane_high = uvec4(0u);
void accumulate(uvec4 bits) {
  uvec4 carry;
  lane_low = uaddCarry(lane_low, bits, carry);
#ifdef GLC_INT
  lane_high += carry + uvec4(ivec4(bits) >> 31);  // sign extension: 0 or 0xFFFFFFFF
#else
  lane_high += carry;
#endif
}
REDUCE_T invocation_result() {
  return reduce_combine(
      reduce_combine(uvec2(lane_low.x, lane_high.x), uvec2(lane_low.y, lane_high.y)),
      reduce_combine(uvec2(lane_low.z, lane_high.z), uvec2(lane_low.w, lane_high.w)));
}

#elif defined(GLC_FLOAT)
#ifdef GLC_MIN
const uint IDENTITY_BITS = GLC_FLOAT_POS_INF;
#else
const uint IDENTITY_BITS = GLC_FLOAT_NEG_INF;
#endif
vec4 lane_value = vec4(REDUCE_IDENTITY);
uvec4 lane_magnitude = uvec4(0u);  // largest |x| as bits: above +inf's bits means a NaN was seen
void accumulate(uvec4 bits) {
  vec4 x = uintBitsToFloat(bits);
#ifdef GLC_MIN
  lane_value = min(lane_value, x);
#else
  lane_value = max(lane_value, x);
#endif
  lane_magnitude = max(lane_magnitude, bits & 0x7FFFFFFFu);
}
REDUCE_T invocation_result() {
  uvec2 m = max(lane_magnitude.xy, lane_magnitude.zw);
  if (max(m.x, m.y) > GLC_FLOAT_POS_INF) return uintBitsToFloat(GLC_FLOAT_NAN);
  return reduce_combine(reduce_combine(lane_value.x, lane_value.y),
                        reduce_combine(lane_value.z, lane_value.w));
}

#else  // integer min/max
#ifdef GLC_INT
#define LANES_T ivec4
#define FROM_BITS(b) ivec4(b)
#else
#define LANES_T uvec4
#define FROM_BITS(b) (b)
#endif
const uint IDENTITY_BITS = uint(REDUCE_IDENTITY);
LANES_T lane_value = LANES_T(REDUCE_IDENTITY);
void accumulate(uvec4 bits) {
#ifdef GLC_MIN
  lane_value = min(lane_value, FROM_BITS(bits));
#else
  lane_value = max(lane_value, FROM_BITS(bits));
#endif
}
REDUCE_T invocation_result() {
  return reduce_combine(reduce_combine(lane_value.x, lane_value.y),
                        reduce_combine(lane_value.z, lane_value.w));
}
#endif

void main() {
  uint begin = first;
  uint end = first + count;
  uint body_begin = (begin + 3u) / 4u;  // first whole vec4 inside the range
  uint body_end = end / 4u;             // one past the last whole vec4 (may be < body_begin)
  // Two loads in flight per round: 10^8 floats in 133.6 us instead of 135.9 us on an H100.
  uint v = body_begin + GLC_GLOBAL_INDEX;
  for (; v + GLC_GRID_SIZE < body_end; v += 2u * GLC_GRID_SIZE) {
    uvec4 a = words4[v];
    uvec4 b = words4[v + GLC_GRID_SIZE];
    accumulate(a);
    accumulate(b);
  }
  if (v < body_end) accumulate(words4[v]);
  // Ragged ends: words [begin, head_end) and [tail_begin, end), at most 3 each.
  uint head_end = min(body_begin * 4u, end);
  uint tail_begin = max(body_end * 4u, head_end);
  uint i = GLC_GLOBAL_INDEX;
  if (begin + i < head_end) accumulate(uvec4(words[begin + i], uvec3(IDENTITY_BITS)));
  if (tail_begin + i < end) accumulate(uvec4(words[tail_begin + i], uvec3(IDENTITY_BITS)));

  REDUCE_T group_result = reduce_group(invocation_result());
  if (gl_LocalInvocationIndex == 0u) {
    partials[partial_base + gl_WorkGroupID.x] = group_result;
    memoryBarrierBuffer();  // the partial is visible before the arrival is counted
    glc_last_group = atomicAdd(arrived, 1u) == total_partials - 1u;
    memoryBarrierBuffer();
  }
  barrier();  // also separates the two uses of the shared tree
  if (!glc_last_group) return;

  // The last group: every partial is written. Which group this is does not change the order.
  REDUCE_T value = REDUCE_IDENTITY;
  for (uint i = gl_LocalInvocationIndex; i < total_partials; i += GLC_REDUCE_GROUP_SIZE) {
    value = reduce_combine(value, partials[i]);
  }
  value = reduce_group(value);
  if (gl_LocalInvocationIndex == 0u) {
    uvec2 bits = reduce_bits(value);
    record = uvec4(bits, sequence, reduce_record_check(bits, sequence));
    arrived = 0u;
  }
}
