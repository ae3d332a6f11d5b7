#version 430
layout(local_size_x = 4) in;
#include "no_such_include.glsl"
layout(std430, binding = 0) buffer Out { float values[]; };
void main() { values[gl_GlobalInvocationID.x] = 1.0; }
