// glc::fill, glc::iota and glc::linspace: what they write, and how long a fill of 10^8 floats
// takes next to std::fill in the same run.
// Usage: fill [--n N]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <vector>

#include <glcompute/glcompute.hpp>

#include "example_args.hpp"

namespace {

template <class F>
double best_seconds(F&& f, int repeats = 3) {
  double best = 1e30;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) try {
  std::size_t n = 100'000'000;
  example::Args args("fill", "What glc::fill, glc::iota and glc::linspace write, and a fill of N floats timed beside std::fill.");
  args.app().add_option("--n", n, "floats filled and timed (default 10^8)")->option_text("N")->check(example::count(1));
  args.parse(argc, argv);
  glc::Context ctx;

  glc::Buffer<float> xs = ctx.buffer<float>(64);
  glc::linspace(xs, 0.0f, 10.0f);
  std::printf("linspace(0, 10) as 8x8:\n%s\n\n", glc::format(xs, {8, 8}).c_str());
  glc::Buffer<int> ids = ctx.buffer<int>(12);
  glc::iota(ids, 100, -5);
  std::printf("iota(100, -5):\n%s\n\n", glc::format(ids).c_str());
  glc::fill(ids, 7, 4, 4);
  std::printf("fill(7) over elements [4, 8):\n%s\n\n", glc::format(ids).c_str());

  glc::Buffer<float> big = ctx.buffer<float>(n);
  std::vector<float> host(n);
  glc::fill(big, 0.0f);  // warm-up: compiles the kernel
  ctx.finish();
  const double gpu = best_seconds([&] { glc::fill(big, 1.5f); ctx.finish(); });
  const double cpu = best_seconds([&] { std::fill(host.begin(), host.end(), 1.5f); });
  const double gb = static_cast<double>(n) * sizeof(float) / 1e9;
  std::printf("fill of %zu floats (%s):\n", n, ctx.info().renderer.c_str());
  std::printf("  %-22s %10.3f ms %8.1f GB/s\n", "glc::fill", gpu * 1e3, gb / gpu);
  std::printf("  %-22s %10.3f ms %8.1f GB/s\n", "std::fill (CPU)", cpu * 1e3, gb / cpu);
  std::printf("  %-22s %10.2fx\n", "speed-up", cpu / gpu);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "fill: %s\n", e.what());
  return 1;
}
