// The "Compute Shader" slide of the Accelerated Python talk, in C++: one work group of 64
// invocations fills two buffers (xs[i] = 2i as float, ys[i] = i as int), and both are printed
// as 8x8 arrays exactly as NumPy prints them.

#include <cstdio>
#include <exception>

#include <glcompute/glcompute.hpp>

#include "example_args.hpp"

namespace {

// Unlike the talk's `float xs[1]`, unsized arrays: their length is the bound buffer's.
constexpr const char* kShader = R"(#version 430
layout(local_size_x = 64) in;

layout(std430, binding = 1) buffer outs_1 { float xs[]; };
layout(std430, binding = 2) buffer outs_2 { int ys[]; };

void main() {
  uint i = gl_LocalInvocationIndex;
  xs[i] = float(i) * 2.0;  // 0.0 ~ 126.0
  ys[i] = int(i);          // 0 ~ 63
}
)";

}  // namespace

int main(int argc, char** argv) try {
  example::Args args("hello_compute",
                     "The compute shader of the talk \"Accelerated Python\": 64 invocations fill two buffers, "
                     "printed as NumPy prints them.");
  args.parse(argc, argv);
  glc::Context ctx;
  glc::Program program = ctx.compile(glc::Source::text(kShader, "hello_compute.comp"));

  // Start from NumPy's linspace(0, 10, 64), as the talk does, so the output shows the
  // shader's values rather than leftovers.
  std::vector<float> xs_init(64);
  std::vector<int> ys_init(64);
  for (int i = 0; i < 64; ++i) {
    xs_init[i] = 10.0f * static_cast<float>(i) / 63.0f;
    ys_init[i] = static_cast<int>(xs_init[i]);
  }
  glc::Buffer<float> xs = ctx.buffer(xs_init);
  glc::Buffer<int> ys = ctx.buffer(ys_init);

  program.bind("outs_1", xs).bind("outs_2", ys);
  program.dispatch(1);

  glc::print(xs, {8, 8});
  glc::print(ys, {8, 8});
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "hello_compute: %s\n", e.what());
  return 1;
}
