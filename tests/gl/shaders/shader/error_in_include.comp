#version 430
layout(local_size_x = 4) in;
#include "broken.glsl"
layout(std430, binding = 0) buffer Out { int values[]; };
void main() { values[0] = broken_value(); }
