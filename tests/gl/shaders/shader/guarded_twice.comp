#version 430
layout(local_size_x = 4) in;
layout(std430, binding = 0) buffer Out { int values[]; };
#include "guarded.glsl"
#include "guarded.glsl"
void main() { values[gl_GlobalInvocationID.x] = guarded_value(); }
