#version 430
// glcompute/kernels/random.comp: glc::Random. Element j of this binding's range (word
// first + j) is element done + j of the call, so it comes from Philox block
// block + j / 4 (block = the generator's offset + done / 4, done a multiple of 4), word j % 4.
// Each variant turns one Philox block into the call's four words of that block:
//  - default (bits): the words themselves;
//  - GLC_UNIFORM: min(lo + scale * glc_uniform01(word), top), top being the largest float
//    below hi (the rounding of lo + scale * u can reach hi);
//  - GLC_NORMAL: mean + stddev * glc_box_muller on the word pairs (0, 1) and (2, 3);
//  - GLC_UNIFORM_DOUBLE: two doubles, min(lo + scale * glc_u01_double(pair), top) for the word
//    pairs (0, 1) and (2, 3), in double;
//  - GLC_NORMAL_DOUBLE: two doubles, mean + stddev * glc_box_muller_double(block).
// (So word j of a double variant is half j % 2 of double element j / 2 of the call, and a
// block holds two doubles.)
// GLC_ALIGNED (set by the host when first % 4 == 0, i.e. every whole vec4 of the binding is a
// whole block of the call): a vec4 costs one Philox block. Otherwise each word computes its own
// block. A compile-time choice: llvmpipe pays for both sides of a runtime branch here.
// GLC_LOCAL_SIZE and GLC_VEC4S (write_words.glsl) are the host's tuning per driver.
// The variants the library builds on GPUs (kernel_tuning.cpp):
// glslc-variant: -DGLC_VEC4S=2
// glslc-variant: -DGLC_ALIGNED -DGLC_VEC4S=2
// glslc-variant: -DGLC_UNIFORM -DGLC_VEC4S=2
// glslc-variant: -DGLC_UNIFORM -DGLC_ALIGNED -DGLC_VEC4S=2
// glslc-variant: -DGLC_NORMAL -DGLC_VEC4S=4
// glslc-variant: -DGLC_NORMAL -DGLC_ALIGNED -DGLC_VEC4S=4
// glslc-variant: -DGLC_UNIFORM_DOUBLE -DGLC_VEC4S=2
// glslc-variant: -DGLC_UNIFORM_DOUBLE -DGLC_ALIGNED -DGLC_VEC4S=2
// glslc-variant: -DGLC_NORMAL_DOUBLE -DGLC_VEC4S=2
// glslc-variant: -DGLC_NORMAL_DOUBLE -DGLC_ALIGNED -DGLC_VEC4S=2
#ifndef GLC_LOCAL_SIZE
#define GLC_LOCAL_SIZE 256
#endif
layout(local_size_x = GLC_LOCAL_SIZE) in;

#include "glcompute/kernels/write_words.glsl"
#if defined(GLC_UNIFORM_DOUBLE) || defined(GLC_NORMAL_DOUBLE)
#include "glcompute/philox_double.glsl"
#else
#include "glcompute/philox.glsl"
#endif

uniform uint key_lo;    // lo32(seed)
uniform uint key_hi;    // hi32(seed)
uniform uint block_lo;  // lo32 of the block of word `first`
uniform uint block_hi;  // hi32 of it

#if defined(GLC_UNIFORM)
uniform float lo;
uniform float scale;  // hi - lo
uniform float top;    // the largest float below hi

uvec4 elements(uvec4 b) {
  vec4 u = vec4(glc_uniform01(b.x), glc_uniform01(b.y), glc_uniform01(b.z), glc_uniform01(b.w));
  return floatBitsToUint(min(vec4(lo) + scale * u, vec4(top)));
}
#elif defined(GLC_NORMAL)
uniform float mean;
uniform float stddev;

uvec4 elements(uvec4 b) {
  vec4 z = vec4(glc_box_muller(b.xy), glc_box_muller(b.zw));
  return floatBitsToUint(vec4(mean) + stddev * z);
}
#elif defined(GLC_UNIFORM_DOUBLE)
uniform double lo;
uniform double scale;  // hi - lo
uniform double top;    // the largest double below hi

// `precise`: no fused multiply-add, so every driver (and the host) rounds the same way.
uvec4 elements(uvec4 b) {
  dvec2 u = dvec2(glc_u01_double(b.xy), glc_u01_double(b.zw));
  precise dvec2 x = dvec2(lo) + scale * u;
  dvec2 v = min(x, dvec2(top));
  return uvec4(unpackDouble2x32(v.x), unpackDouble2x32(v.y));
}
#elif defined(GLC_NORMAL_DOUBLE)
uniform double mean;
uniform double stddev;

uvec4 elements(uvec4 b) {
  precise dvec2 x = dvec2(mean) + stddev * glc_box_muller_double(b);
  return uvec4(unpackDouble2x32(x.x), unpackDouble2x32(x.y));
}
#else
uvec4 elements(uvec4 b) { return b; }
#endif

// The Philox block holding element j of this binding's range.
uvec4 block_of(uint j) {
  return glc_philox4x32_10(glc_philox_counter(uvec2(block_lo, block_hi), j >> 2u),
                           uvec2(key_lo, key_hi));
}

uint word_value(uint w) {
  uint j = w - first;
  return elements(block_of(j))[j & 3u];
}

uvec4 vec4_value(uint v) {
  uint w = 4u * v;
#ifdef GLC_ALIGNED
  return elements(block_of(w - first));
#else
  return uvec4(word_value(w), word_value(w + 1u), word_value(w + 2u), word_value(w + 3u));
#endif
}
