#version 430
layout(local_size_x = 4) in;
#ifndef BAD_INPUT_CONFIGURED
#error BAD_INPUT_CONFIGURED must be defined for this kernel
#endif
layout(std430, binding = 0) buffer Out { float values[]; };
void main() { values[gl_GlobalInvocationID.x] = 1.0; }
