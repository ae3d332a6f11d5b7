#version 430
layout(local_size_x = 4) in;

#include "does_not_exist.glsl"
void main() {}
