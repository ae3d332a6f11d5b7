#version 430
#include "loop_a.glsl"
layout(local_size_x = 4) in;
void main() {}
