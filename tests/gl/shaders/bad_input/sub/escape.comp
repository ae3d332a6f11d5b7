#version 430
layout(local_size_x = 4) in;
layout(std430, binding = 0) buffer Out { float values[]; };
#include "../outside.glsl"
void main() { values[gl_GlobalInvocationID.x] = outside_value(); }
