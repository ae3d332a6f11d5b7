#version 430
layout(local_size_x = 4) in;
layout(std430, binding = 0) buffer Out { int values[]; };
#include "helper.glsl"
void main() {
  uint i = gl_GlobalInvocationID.x;
  values[i] = helper(i);
}
