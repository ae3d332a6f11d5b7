// Conway's Game of Life on integer images, ping-pong, as compute samples write it: each step
// reads one r8ui texture as a `readonly uimage2D` and stores the next generation into another
// (`writeonly uimage2D`), and the two swap roles each step. The board wraps around (a torus).
// A second program reads the board through a `usampler2D` (texelFetch) and counts the live
// cells of each row with a shared-memory reduction, so images, samplers and the barriers
// between them are all exercised. Every generation's board and every row count is checked
// against the same rules run on the CPU, exactly.
// Usage: life [--width W] [--height H] [--steps S]      (exit status 1 on any difference)

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <random>
#include <vector>

#include <glcompute/glcompute.hpp>

namespace {

const char* const kStep = R"(#version 430
layout(local_size_x = 16, local_size_y = 16) in;
layout(r8ui, binding = 0) uniform readonly uimage2D board;
layout(r8ui, binding = 1) uniform writeonly uimage2D next;
void main() {
  ivec2 size = imageSize(board);
  ivec2 p = ivec2(gl_GlobalInvocationID.xy);
  if (any(greaterThanEqual(p, size))) return;
  uint neighbours = 0u;
  for (int dy = -1; dy <= 1; ++dy) {
    for (int dx = -1; dx <= 1; ++dx) {
      if (dx == 0 && dy == 0) continue;
      neighbours += imageLoad(board, (p + ivec2(dx, dy) + size) % size).x;
    }
  }
  uint alive = imageLoad(board, p).x;
  uint born = (neighbours == 3u || (alive == 1u && neighbours == 2u)) ? 1u : 0u;
  imageStore(next, p, uvec4(born));
}
)";

const char* const kCountRows = R"(#version 430
layout(local_size_x = 64) in;
layout(binding = 2) uniform usampler2D board;
layout(std430, binding = 0) writeonly buffer Rows { uint live[]; };
shared uint partial[64];
void main() {
  int y = int(gl_WorkGroupID.x);
  int width = textureSize(board, 0).x;
  uint sum = 0u;
  for (int x = int(gl_LocalInvocationID.x); x < width; x += 64) sum += texelFetch(board, ivec2(x, y), 0).x;
  partial[gl_LocalInvocationID.x] = sum;
  barrier();
  for (uint stride = 32u; stride > 0u; stride >>= 1) {
    if (gl_LocalInvocationID.x < stride) partial[gl_LocalInvocationID.x] += partial[gl_LocalInvocationID.x + stride];
    barrier();
  }
  if (gl_LocalInvocationID.x == 0u) live[y] = partial[0];
}
)";

/// One generation on the CPU, wrapping at the edges like the shader.
std::vector<std::uint8_t> cpu_step(const std::vector<std::uint8_t>& b, int w, int h) {
  std::vector<std::uint8_t> next(b.size());
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      int n = 0;
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx)
          if (dx != 0 || dy != 0) n += b[((y + dy + h) % h) * w + (x + dx + w) % w];
      const bool alive = b[y * w + x] != 0;
      next[y * w + x] = (n == 3 || (alive && n == 2)) ? 1 : 0;
    }
  }
  return next;
}

}  // namespace

int main(int argc, char** argv) try {
  int width = 257, height = 131, steps = 64;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--width") == 0 && i + 1 < argc) {
      width = std::atoi(argv[++i]);
    } else if (std::strcmp(argv[i], "--height") == 0 && i + 1 < argc) {
      height = std::atoi(argv[++i]);
    } else if (std::strcmp(argv[i], "--steps") == 0 && i + 1 < argc) {
      steps = std::atoi(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: life [--width W] [--height H] [--steps S]\n");
      return 2;
    }
  }
  if (width < 1 || height < 1 || steps < 0) {
    std::fprintf(stderr, "life: width and height must be at least 1, steps at least 0\n");
    return 2;
  }
  const auto w = static_cast<std::uint32_t>(width), h = static_cast<std::uint32_t>(height);

  // A random soup, about a third of the cells alive.
  std::vector<std::uint8_t> cells(w * h);
  std::mt19937 rng(1970);
  for (std::uint8_t& c : cells) c = rng() % 3 == 0 ? 1 : 0;

  glc::Context ctx;
  glc::Program step = ctx.compile(glc::Source::text(kStep, "life_step.comp"));
  glc::Program count = ctx.compile(glc::Source::text(kCountRows, "life_count.comp"));
  glc::Texture2D boards[2] = {ctx.texture2d(w, h, glc::TextureFormat::r8ui, cells),
                              ctx.texture2d(w, h, glc::TextureFormat::r8ui)};
  glc::Buffer<std::uint32_t> rows = ctx.buffer<std::uint32_t>(h);
  count.bind("Rows", rows);

  std::vector<std::uint8_t> cpu = cells;
  int mismatched = 0;
  const glc::Timing timing = ctx.time([&] {
    for (int s = 0; s < steps; ++s) {
      glc::Texture2D& from = boards[s % 2];
      glc::Texture2D& to = boards[(s + 1) % 2];
      to.write(std::vector<std::uint8_t>(w * h, 0xA5));  // poison: each step must store every cell
      step.bind_image("board", from).bind_image("next", to).dispatch_for(w, h);
      count.bind_texture("board", to).dispatch(h);
      cpu = cpu_step(cpu, width, height);
      std::vector<std::uint32_t> cpu_rows(h, 0);
      for (std::uint32_t y = 0; y < h; ++y)
        for (std::uint32_t x = 0; x < w; ++x) cpu_rows[y] += cpu[y * w + x];
      if (to.read<std::uint8_t>() != cpu || rows.read() != cpu_rows) {
        if (mismatched++ == 0) std::printf("FAILED: generation %d differs from the CPU\n", s + 1);
      }
    }
  });

  std::uint32_t alive = 0;
  for (std::uint8_t c : cpu) alive += c;
  std::printf("%u x %u board, %d generations (%.3f ms with checks, %s): %u cells alive\n", w, h, steps,
              1e3 * timing.seconds, timing.gpu_timer ? "GPU timer" : "host clock", alive);
  if (mismatched != 0) {
    std::printf("FAILED: %d of %d generations differ from the CPU\n", mismatched, steps);
    return 1;
  }
  std::printf("OK: every generation and every row count match the CPU exactly\n");
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "life: %s\n", e.what());
  return 1;
}
