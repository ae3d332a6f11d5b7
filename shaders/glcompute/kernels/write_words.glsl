// glcompute/kernels/write_words.glsl: the main() of kernels that write every 32-bit word of a
// range, with vec4 stores for the aligned body and scalar stores for the head and tail.
//
// The including shader declares its local size before the include and defines, after it:
//   uint  word_value(uint w);   // the value of word w (counted from the start of the binding)
//   uvec4 vec4_value(uint v);   // words 4v .. 4v+3, where it can do better than 4 word_value()s
// Uniforms: words [first, first + count) of the range bound at bindings 0 and 3 are written.
// GLC_VEC4S (1 unless set): vec4s an invocation computes per round of its grid-stride loop
// before storing them, for independent work in flight where one vec4 is a long dependent
// chain (Philox); the host sizes the grid to match.
// glslc-wrapper: uint word_value(uint w) { return w; } uvec4 vec4_value(uint v) { return uvec4(v); }
#ifndef GLCOMPUTE_KERNELS_WRITE_WORDS_GLSL
#define GLCOMPUTE_KERNELS_WRITE_WORDS_GLSL

#include "glcompute/grid.glsl"

#ifndef GLC_VEC4S
#define GLC_VEC4S 1
#endif

// Two views of the same range: whole vec4s for the body, words for the ragged ends. Two
// bindings, because two blocks at one binding do not link from SPIR-V on every driver (Mesa
// tells blocks apart by binding there); the host binds the range to both (Kernel::bind_words).
layout(std430, binding = 0) writeonly buffer Words4 { uvec4 words4[]; };
layout(std430, binding = 3) writeonly buffer Words { uint words[]; };

uniform uint first;
uniform uint count;

uint word_value(uint w);
uvec4 vec4_value(uint v);

void main() {
  uint begin = first;
  uint end = first + count;
  uint body_begin = (begin + 3u) / 4u;  // first whole vec4 inside the range
  uint body_end = end / 4u;             // one past the last whole vec4
  if (body_begin >= body_end) {         // no whole vec4: a handful of words
    for (uint w = begin + GLC_GLOBAL_INDEX; w < end; w += GLC_GRID_SIZE) words[w] = word_value(w);
    return;
  }
  uint v = body_begin + GLC_GLOBAL_INDEX;
#if GLC_VEC4S > 1
  for (; v + uint(GLC_VEC4S - 1) * GLC_GRID_SIZE < body_end; v += uint(GLC_VEC4S) * GLC_GRID_SIZE) {
    uvec4 values[GLC_VEC4S];
    for (int k = 0; k < GLC_VEC4S; ++k) values[k] = vec4_value(v + uint(k) * GLC_GRID_SIZE);
    for (int k = 0; k < GLC_VEC4S; ++k) words4[v + uint(k) * GLC_GRID_SIZE] = values[k];
  }
#endif
  for (; v < body_end; v += GLC_GRID_SIZE) words4[v] = vec4_value(v);
  uint i = GLC_GLOBAL_INDEX;
  if (i < body_begin * 4u - begin) words[begin + i] = word_value(begin + i);
  if (i < end - body_end * 4u) words[body_end * 4u + i] = word_value(body_end * 4u + i);
}

#endif
