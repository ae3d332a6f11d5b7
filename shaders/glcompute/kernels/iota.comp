#version 430
// glcompute/kernels/iota.comp: glc::iota and glc::linspace. Element i of the call (word
// w - first of this binding, plus `base`) is start + i * step, computed per element:
//  - GLC_FLOAT: in double, rounded once to float (exact products below 2^29 elements), and the
//    element at index `last` is set to `last_value` exactly (linspace's stop);
//  - otherwise in 32-bit integers, wrapping like C++ unsigned arithmetic; `start` already
//    includes base * step.
// glslc-variant: -DGLC_FLOAT
layout(local_size_x = 256) in;

#include "glcompute/kernels/write_words.glsl"

#ifdef GLC_FLOAT
uniform double start;
uniform double step;
uniform double base;     // call index of word `first`
uniform uint last;       // index within this binding's range of the exact last value, or ~0u
uniform float last_value;

uint word_value(uint w) {
  uint i = w - first;
  if (i == last) return floatBitsToUint(last_value);
  // precise: no fused multiply-add, so every driver (and the host) rounds the same way.
  precise double value = start + (base + double(i)) * step;
  return floatBitsToUint(float(value));
}
#else
uniform uint start;
uniform uint step;

uint word_value(uint w) { return start + (w - first) * step; }
#endif

uvec4 vec4_value(uint v) {
  uint w = 4u * v;
  return uvec4(word_value(w), word_value(w + 1u), word_value(w + 2u), word_value(w + 3u));
}

