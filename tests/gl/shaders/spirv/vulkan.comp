#version 450
// A module for Vulkan (glslc's default target), which OpenGL cannot load.
layout(local_size_x = 64) in;
layout(std430, set = 0, binding = 0) buffer Y { float y[]; };
layout(push_constant) uniform Push { float a; };
void main() { y[gl_GlobalInvocationID.x] *= a; }
