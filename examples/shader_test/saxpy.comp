// y += a * x for the first n elements: the user's shader that saxpy_test.cpp tests.
#version 430
#include "glcompute/grid.glsl"
layout(local_size_x = 256) in;
layout(std430, binding = 0) readonly buffer X { float x[]; };
layout(std430, binding = 1) buffer Y { float y[]; };
uniform float a;
uniform uint n;
void main() {
  uint i = GLC_GLOBAL_INDEX;
  if (i < n) y[i] += a * x[i];
}
