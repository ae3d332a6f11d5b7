#version 430
#include "hash_error.glsl"
layout(local_size_x = 4) in;
void main() {}
