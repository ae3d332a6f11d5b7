#version 430
// glcompute/kernels/reduce.comp: glc::sum, glc::min and glc::max in one pass. Each work group
// reduces its share of words [first, first + count) of the range bound at bindings 0
// and 3 (two views) to one partial result, written to partials[partial_base + group]. The group that arrives last (an
// atomic counter over all `total_partials` groups of all dispatches of one reduction) then
// reduces every partial, in a fixed order, writes the result record (value bits, `sequence`
// and a check word, in one 16-byte store) and resets the counter. One dispatch
// instead of two saves a dispatch and a barrier: about 17 us of a 10^8-float sum on an H100.
// Defines as in reduce_ops.glsl, and the tuning the host picks per driver (src/reduce.cpp):
//   GLC_LOCAL_SIZE  invocations per work group (a power of two; 256 unless set)
//   GLC_LOADS       vec4 loads in flight per invocation and round (2 unless set)
//   GLC_BLOCKED     each work group walks its own contiguous block of `block` vec4s, its
//                   invocations side by side, instead of every group striding over the whole
//                   range. A CPU driver runs a group a SIMD vector of invocations at a time, each
//                   vector to the end of the shader: with the whole-range stride every load of
//                   a vector lands on another page; blocked, it reads memory as a stream.
//   GLC_SUM_DOUBLE  float sums accumulate in double rather than in float with compensation
//                   (more accurate, and cheaper where doubles are as fast as floats: CPUs).
//   GLC_TEXEL_FETCH the body's vec4s are read with texelFetch from `words4_texels`, a buffer
//                   texture (RGBA32UI) over the same range as Words4: on llvmpipe a storage
//                   buffer load takes the invocations of a SIMD vector one at a time, a texel
//                   fetch is one gather for all of them.
//
// Invocations walk whole vec4s of the range, keeping independent lanes; the at most 3 words
// before the first whole vec4 and after the last are taken by the first invocations, padded
// with the identity. Which invocation sees which element depends only on `first`, `count`,
// `block`, the number of groups and the tuning, so results are the same run to run.
//
// Float sums: each lane adds its elements in float with TwoSum (Knuth), keeping the exact
// rounding error of every addition in a second accumulator (Ogita, Rump and Oishi's Sum2):
// as accurate as summing in twice the precision. `precise` keeps the compiler from
// reassociating or contracting it away (without it, Mesa folds the error term to zero; the
// test FloatSumIsCompensated catches that). Lanes and the tree then work in double. Double
// sums do the same in double, and lanes and the tree work in double-double (reduce_ops.glsl).
// The variants the library builds: on GPUs (doubles with 1024 invocations and 4 loads)...
// glslc-variant: -DGLC_SUM -DGLC_FLOAT
// glslc-variant: -DGLC_SUM -DGLC_INT
// glslc-variant: -DGLC_SUM -DGLC_UINT
// glslc-variant: -DGLC_SUM -DGLC_DOUBLE -DGLC_LOCAL_SIZE=1024 -DGLC_LOADS=4
// glslc-variant: -DGLC_MIN -DGLC_FLOAT
// glslc-variant: -DGLC_MIN -DGLC_INT
// glslc-variant: -DGLC_MIN -DGLC_UINT
// glslc-variant: -DGLC_MIN -DGLC_DOUBLE -DGLC_LOCAL_SIZE=1024 -DGLC_LOADS=4
// glslc-variant: -DGLC_MAX -DGLC_FLOAT
// glslc-variant: -DGLC_MAX -DGLC_INT
// glslc-variant: -DGLC_MAX -DGLC_UINT
// glslc-variant: -DGLC_MAX -DGLC_DOUBLE -DGLC_LOCAL_SIZE=1024 -DGLC_LOADS=4
// ...and the shape of llvmpipe (kernel_tuning.cpp), for the float sum and max:
// glslc-variant: -DGLC_SUM -DGLC_FLOAT -DGLC_LOCAL_SIZE=8 -DGLC_LOADS=4 -DGLC_BLOCKED -DGLC_SUM_DOUBLE -DGLC_TEXEL_FETCH
// glslc-variant: -DGLC_MAX -DGLC_FLOAT -DGLC_LOCAL_SIZE=8 -DGLC_LOADS=4 -DGLC_BLOCKED -DGLC_TEXEL_FETCH
#ifndef GLC_LOCAL_SIZE
#define GLC_LOCAL_SIZE 256
#endif
#ifndef GLC_LOADS
#define GLC_LOADS 2
#endif
#define GLC_REDUCE_GROUP_SIZE GLC_LOCAL_SIZE
layout(local_size_x = GLC_LOCAL_SIZE) in;

#include "glcompute/grid.glsl"
#include "glcompute/kernels/reduce_ops.glsl"

// Two views of the same range, bound to both bindings (see write_words.glsl): whole vec4s for
// the body, words for the ragged ends.
layout(std430, binding = 0) readonly buffer Words4 { uvec4 words4[]; };
layout(std430, binding = 3) readonly buffer Words { uint words[]; };
#ifdef GLC_TEXEL_FETCH
uniform usamplerBuffer words4_texels;
#define LOAD4(v) texelFetch(words4_texels, int(v))
#else
#define LOAD4(v) words4[v]
#endif
// Coherent: the last group reads what the other groups wrote, within the same dispatch.
layout(std430, binding = 1) coherent buffer Partials { REDUCE_T partials[]; };
layout(std430, binding = 2) writeonly buffer Result { uvec4 record; };
layout(std430, binding = 4) coherent buffer Arrivals { uint arrived; };  // 0 between reductions

uniform uint first;           // first word of the range, counted from the binding's start
uniform uint count;           // words in the range
uniform uint block;           // GLC_BLOCKED: vec4s per work group (the last group's may be short)
uniform uint partial_base;    // where this dispatch's partials go
uniform uint total_partials;  // groups of all dispatches of this reduction
uniform uint sequence;        // names this reduction in its result record

shared bool glc_last_group;

// Per-invocation state, in lanes, and how a vec4 of elements (as bits) enters it.
#if defined(GLC_SUM) && defined(GLC_FLOAT) && defined(GLC_SUM_DOUBLE)
const uint IDENTITY_BITS = 0u;
dvec4 lane_sum = dvec4(0.0lf);
void accumulate(uvec4 bits) { lane_sum += dvec4(uintBitsToFloat(bits)); }
REDUCE_T invocation_result() { return (lane_sum.x + lane_sum.y) + (lane_sum.z + lane_sum.w); }

#elif defined(GLC_SUM) && defined(GLC_FLOAT)
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

#elif defined(GLC_SUM) && defined(GLC_DOUBLE)
const uvec2 IDENTITY_WORDS = uvec2(0u);
dvec2 lane_sum = dvec2(0.0lf);
dvec2 lane_error = dvec2(0.0lf);
void accumulate(uvec4 bits) {
  dvec2 x = dvec2(packDouble2x32(bits.xy), packDouble2x32(bits.zw));
  precise dvec2 t = lane_sum + x;
  precise dvec2 z = t - lane_sum;
  precise dvec2 error = (lane_sum - (t - z)) + (x - z);
  lane_error += error;
  lane_sum = t;
}
REDUCE_T invocation_result() {
  // An infinite or NaN lane has a NaN error term; reduce_combine drops it.
  dvec2 a = dvec2(lane_sum.x, glc_is_finite(lane_sum.x) ? lane_error.x : 0.0lf);
  dvec2 b = dvec2(lane_sum.y, glc_is_finite(lane_sum.y) ? lane_error.y : 0.0lf);
  return reduce_combine(a, b);
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

#elif defined(GLC_DOUBLE)
#ifdef GLC_MIN
const uvec2 IDENTITY_WORDS = uvec2(0u, GLC_DOUBLE_POS_INF_HIGH);
#else
const uvec2 IDENTITY_WORDS = uvec2(0u, GLC_DOUBLE_NEG_INF_HIGH);
#endif
dvec2 lane_value = dvec2(REDUCE_IDENTITY);
bool lane_nan = false;
void accumulate(uvec4 bits) {
  dvec2 x = dvec2(packDouble2x32(bits.xy), packDouble2x32(bits.zw));
#ifdef GLC_MIN
  lane_value = min(lane_value, x);
#else
  lane_value = max(lane_value, x);
#endif
  lane_nan = lane_nan || glc_is_nan_bits(bits.xy) || glc_is_nan_bits(bits.zw);
}
REDUCE_T invocation_result() {
  if (lane_nan) return packDouble2x32(uvec2(0u, GLC_DOUBLE_NAN_HIGH));
  return reduce_combine(lane_value.x, lane_value.y);
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

// Vec4s [v, end) with the given stride, GLC_LOADS loads in flight per round.
void accumulate_range(uint v, uint end, uint stride) {
  for (; v + uint(GLC_LOADS - 1) * stride < end; v += uint(GLC_LOADS) * stride) {
    uvec4 loaded[GLC_LOADS];
    for (int k = 0; k < GLC_LOADS; ++k) loaded[k] = LOAD4(v + uint(k) * stride);
    for (int k = 0; k < GLC_LOADS; ++k) accumulate(loaded[k]);
  }
  for (; v < end; v += stride) accumulate(LOAD4(v));
}

void main() {
  uint begin = first;
  uint end = first + count;
  uint body_begin = (begin + 3u) / 4u;  // first whole vec4 inside the range
  uint body_end = end / 4u;             // one past the last whole vec4 (may be < body_begin)
#ifdef GLC_BLOCKED
  uint block_begin = body_begin + gl_WorkGroupID.x * block;
  accumulate_range(block_begin + gl_LocalInvocationIndex,
                   max(min(block_begin + block, body_end), block_begin), GLC_LOCAL_SIZE);
#else
  accumulate_range(body_begin + GLC_GLOBAL_INDEX, body_end, GLC_GRID_SIZE);
#endif
  // Ragged ends: words [begin, head_end) and [tail_begin, end), at most 3 each.
  uint head_end = min(body_begin * 4u, end);
  uint tail_begin = max(body_end * 4u, head_end);
  uint i = GLC_GLOBAL_INDEX;
#ifdef GLC_DOUBLE
  // Doubles are whole word pairs (the range starts and ends on even words): at most one
  // element before the body and one after.
  i *= 2u;
  if (begin + i < head_end) accumulate(uvec4(words[begin + i], words[begin + i + 1u], IDENTITY_WORDS));
  if (tail_begin + i < end) accumulate(uvec4(words[tail_begin + i], words[tail_begin + i + 1u], IDENTITY_WORDS));
#else
  if (begin + i < head_end) accumulate(uvec4(words[begin + i], uvec3(IDENTITY_BITS)));
  if (tail_begin + i < end) accumulate(uvec4(words[tail_begin + i], uvec3(IDENTITY_BITS)));
#endif

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
