// Gravitational n-body simulation, the classic compute sample: each step runs two passes, one
// that accumulates every body's pull into the velocities (bodies loaded tile by tile into
// shared memory) and one that moves the bodies. The step's parameters are a uniform block set
// from a C++ struct (set_block), the way Vulkan samples use push constants. At the end the
// positions are checked against the same simulation on the CPU in double precision.
// Usage: nbody [--n N] [--steps S]      (exit status 1 if the GPU and CPU disagree)

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <random>
#include <vector>

#include <glcompute/glcompute.hpp>
#include <glm/glm.hpp>

#include "example_args.hpp"

namespace {

// Pass 1: v += dt * sum_j m_j (p_j - p_i) / (|p_j - p_i|^2 + eps^2)^(3/2). Positions hold the
// mass in w; bodies past n (the last tile's padding) weigh nothing.
const char* const kAccelerate = R"(#version 430
layout(local_size_x_id = 0, local_size_x = 128) in;
layout(std140, binding = 0) uniform Step { float dt; float softening2; uint n; };
layout(std430, binding = 1) readonly buffer Positions { vec4 positions[]; };
layout(std430, binding = 2) buffer Velocities { vec4 velocities[]; };
shared vec4 tile[gl_WorkGroupSize.x];
void main() {
  uint i = gl_GlobalInvocationID.x;
  vec3 p = i < n ? positions[i].xyz : vec3(0.0);
  vec3 a = vec3(0.0);
  for (uint start = 0u; start < n; start += gl_WorkGroupSize.x) {
    uint j = start + gl_LocalInvocationID.x;
    tile[gl_LocalInvocationID.x] = j < n ? positions[j] : vec4(0.0);
    barrier();
    for (uint k = 0u; k < gl_WorkGroupSize.x; ++k) {
      vec3 d = tile[k].xyz - p;
      float r2 = dot(d, d) + softening2;
      a += tile[k].w * d / (r2 * sqrt(r2));
    }
    barrier();
  }
  if (i < n) velocities[i].xyz += dt * a;
}
)";

// Pass 2: p += dt * v.
const char* const kMove = R"(#version 430
layout(local_size_x = 256) in;
layout(std140, binding = 0) uniform Step { float dt; float softening2; uint n; };
layout(std430, binding = 1) buffer Positions { vec4 positions[]; };
layout(std430, binding = 2) readonly buffer Velocities { vec4 velocities[]; };
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i < n) positions[i].xyz += dt * velocities[i].xyz;
}
)";

/// The uniform block as std140 lays it out (12 bytes of members; GL pads the block to 16).
struct Step {
  float dt;
  float softening2;
  std::uint32_t n;
};

struct Body {
  glm::dvec3 p, v;
  double m;
};

void cpu_step(std::vector<Body>& bodies, double dt, double softening2) {
  for (Body& b : bodies) {
    glm::dvec3 a(0.0);
    for (const Body& o : bodies) {
      const glm::dvec3 d = o.p - b.p;
      const double r2 = glm::dot(d, d) + softening2;
      a += o.m * d / (r2 * std::sqrt(r2));
    }
    b.v += dt * a;
  }
  for (Body& b : bodies) b.p += dt * b.v;
}

}  // namespace

int main(int argc, char** argv) try {
  std::uint32_t n = 1000, steps = 10;
  example::Args args("nbody", "Gravitational n-body steps on the GPU (a uniform block set from a C++ struct), checked "
                              "against the CPU in double precision; exit 1 if they disagree.");
  args.app().add_option("--n", n, "bodies (default 1000)")->option_text("N")->check(example::count(1, 1u << 24));
  args.app().add_option("--steps", steps, "time steps (default 10)")->option_text("S")->check(example::count(0, 100000));
  args.parse(argc, argv);

  // A cloud of bodies in a unit ball, slowly rotating.
  std::mt19937 rng(12345);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::vector<glm::vec4> positions(n), velocities(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    glm::vec3 p;
    do p = glm::vec3(u(rng), u(rng), u(rng));
    while (glm::dot(p, p) > 1.0f);
    positions[i] = glm::vec4(p, 1.0f / float(n));
    velocities[i] = glm::vec4(-0.3f * p.y, 0.3f * p.x, 0.0f, 0.0f);
  }
  const Step step{0.01f, 0.01f, n};

  glc::Context ctx;
  glc::Program accelerate = ctx.compile(glc::Source::text(kAccelerate, "nbody_accelerate.comp"));
  glc::Program move = ctx.compile(glc::Source::text(kMove, "nbody_move.comp"));
  glc::Buffer<glm::vec4> p = ctx.buffer(positions), v = ctx.buffer(velocities);
  accelerate.bind("Positions", p).bind("Velocities", v).set_block("Step", step);
  move.bind("Positions", p).bind("Velocities", v).set_block("Step", step);
  const glc::Timing timing = ctx.time([&] {
    for (std::uint32_t s = 0; s < steps; ++s) {
      accelerate.dispatch_for(n);  // reads every position, writes velocities
      move.dispatch_for(n);        // then moves: glcompute puts the barriers between
    }
  });
  const std::vector<glm::vec4> gpu = p.read();

  std::vector<Body> cpu(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    cpu[i] = {glm::dvec3(positions[i]), glm::dvec3(velocities[i]), double(positions[i].w)};
  }
  for (std::uint32_t s = 0; s < steps; ++s) cpu_step(cpu, step.dt, step.softening2);

  // Float on the GPU (in the driver's order and contractions) against double on the CPU: the
  // difference stays a small fraction of how far the bodies moved, plus float's rounding of
  // positions near 1.
  double worst = 0.0, moved = 0.0;
  for (std::uint32_t i = 0; i < n; ++i) {
    worst = std::max(worst, glm::length(glm::dvec3(gpu[i]) - cpu[i].p));
    moved = std::max(moved, glm::length(cpu[i].p - glm::dvec3(positions[i])));
  }
  const double tolerance = 1e-3 * moved + 1e-6;
  std::printf("%u bodies, %u steps: %.3f ms per step on the GPU (%s)\n", n, steps,
              1e3 * timing.seconds / std::max(steps, 1u), timing.gpu_timer ? "GPU timer" : "host clock");
  std::printf("bodies moved up to %.3e; largest GPU-CPU difference %.3e (tolerance %.3e)\n", moved, worst, tolerance);
  if (!(worst <= tolerance)) {
    std::printf("FAILED: the GPU and the CPU disagree\n");
    return 1;
  }
  std::printf("OK: the GPU matches the CPU reference\n");
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "nbody: %s\n", e.what());
  return 1;
}
