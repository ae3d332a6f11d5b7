#version 450
// A fragment shader: a valid module for OpenGL, but not a compute shader.
layout(location = 0) out vec4 color;
void main() { color = vec4(1.0); }
