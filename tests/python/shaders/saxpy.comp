#version 430
// A file source for tests/python: includes from include_dirs, a define, a uniform, two blocks.
#include "scale.glsl"
layout(local_size_x = 64) in;
layout(std430, binding = 0) readonly buffer X { float x[]; };
layout(std430, binding = 1) buffer Y { float y[]; };
uniform float a;
uniform uint n;
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i < n) y[i] += scale_of(a) * x[i];
}
