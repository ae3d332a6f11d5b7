#version 430
// glcompute/kernels/fill.comp: glc::fill. Writes a pattern of 1, 2 or 4 words (a 4-, 8- or
// 16-byte value), pre-rotated on the host so that word w of the binding gets pattern[w % 4].
#ifndef GLC_LOCAL_SIZE
#define GLC_LOCAL_SIZE 256
#endif
layout(local_size_x = GLC_LOCAL_SIZE) in;

#include "glcompute/kernels/write_words.glsl"

uniform uvec4 pattern;

uint word_value(uint w) { return pattern[w % 4u]; }
uvec4 vec4_value(uint v) { return pattern; }
