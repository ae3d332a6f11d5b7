#version 450
// Built by glslc --target-env=opengl at build time (tests/CMakeLists.txt) and loaded with
// glc::Source::spirv by test_spirv_modules.
layout(local_size_x_id = 0, local_size_x = 64) in;
layout(constant_id = 1) const float bias = 0.0;
layout(std430, binding = 0) readonly buffer X { float x[]; };
layout(std430, binding = 1) buffer Y { float y[]; };
layout(std140, binding = 2) uniform Params { float a; uint n; };
layout(location = 0) uniform float extra;
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i < n) y[i] += a * x[i] + extra + bias;
}
