// The random numbers slide of the Accelerated Python talk, in C++: uniform floats in [0, 1) of
// growing shapes, generated on the GPU by glc::Random (Philox4x32-10) and on the CPU by
// std::mt19937 + std::uniform_real_distribution<float>, timed in the same run.
//
// Usage: random_uniform [--max-elements N | --full]
//   By default the shapes go up to (10000, 10000) = 10^8 elements (a few seconds on llvmpipe);
//   --full adds the talk's largest, (10000, 100000) = 10^9 elements (4 GB: for a real GPU).
//   The CPU baseline is skipped above 10^8 elements.
//
// Times: the GPU's are the best of 3 calls, each waited for with ctx.finish(), after one warm-up
// call that compiles the kernel; the CPU's are the best of 3 below 10^7 elements and one run
// from there (a run of 0.1 s or more varies little, and the default set stays a few seconds).

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <random>
#include <string>
#include <vector>

#include <glcompute/glcompute.hpp>

#include "example_args.hpp"

namespace {

struct Shape2 {
  std::size_t rows, cols;
  std::size_t elements() const { return rows * cols; }
  std::string text() const {
    return "(" + std::to_string(rows) + ", " + std::to_string(cols) + ")";
  }
};

constexpr Shape2 kShapes[] = {{100, 100},    {1000, 100},    {1000, 1000},
                              {10000, 1000}, {10000, 10000}, {10000, 100000}};
constexpr std::size_t kDefaultMax = 100'000'000;
constexpr std::size_t kCpuMax = 100'000'000;
constexpr std::size_t kCpuOneRunFrom = 10'000'000;

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

template <class F>
double best_of(int runs, F&& f) {
  double best = 1e30;
  for (int r = 0; r < runs; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    best = std::min(best, seconds_since(t0));
  }
  return best;
}

struct Row {
  std::string shape, elements, gpu, cpu, ratio;
};

}  // namespace

int main(int argc, char** argv) try {
  std::size_t max_elements = kDefaultMax;
  bool full = false;
  example::Args args("random_uniform",
                     "Uniform floats of the talk's shapes from glc::Random on the GPU, timed beside std::mt19937.");
  CLI::Option* max = args.app()
                         .add_option("--max-elements", max_elements, "the largest shape's elements (default 10^8)")
                         ->option_text("N")
                         ->check(example::count(1));
  args.app().add_flag("--full", full, "all the talk's shapes, up to 10^9 elements (4 GB)")->excludes(max);
  args.parse(argc, argv);
  if (full) max_elements = SIZE_MAX;

  glc::Context ctx;
  glc::Random rng(ctx, 42);
  std::printf(
      "uniform floats in [0, 1)\n  GPU: glc::Random(ctx, 42).uniform(xs) on %s\n"
      "  CPU: std::mt19937 + std::uniform_real_distribution<float>, one thread\n"
      "  times: GPU best of 3 after a warm-up, waiting for the GPU (ctx.finish());\n"
      "         CPU best of 3, one run from 10^7 elements\n\n",
      ctx.info().renderer.c_str());
  {
    glc::Buffer<float> warm_up = ctx.buffer<float>(kShapes[0].elements());
    rng.uniform(warm_up);  // compiles the kernel
    ctx.finish();
  }

  std::vector<Row> rows;
  rows.push_back({"shape", "elements", "GPU", "CPU", "CPU / GPU"});
  for (const Shape2& shape : kShapes) {
    const std::size_t n = shape.elements();
    if (n > max_elements) continue;
    glc::Buffer<float> xs = ctx.buffer<float>(n);
    const double gpu = best_of(3, [&] {
      rng.uniform(xs);
      ctx.finish();
    });
    const std::vector<float> first = xs.read(0, 12);
    std::printf("%s: the first 12 values as 3x4\n%s\n\n", shape.text().c_str(),
                glc::format(first, {3, 4}).c_str());
    std::fflush(stdout);

    Row row{shape.text(), std::to_string(n), "", "skipped (> 1e8)", "-"};
    char text[64];
    std::snprintf(text, sizeof text, "%.3f ms", gpu * 1e3);
    row.gpu = text;
    if (n <= kCpuMax) {
      std::vector<float> host(n);
      std::mt19937 gen(42);
      std::uniform_real_distribution<float> dist(0.0f, 1.0f);
      const double cpu = best_of(n < kCpuOneRunFrom ? 3 : 1, [&] {
        for (float& x : host) x = dist(gen);
      });
      std::snprintf(text, sizeof text, "%.3f ms", cpu * 1e3);
      row.cpu = text;
      std::snprintf(text, sizeof text, "%.2fx", cpu / gpu);
      row.ratio = text;
    }
    rows.push_back(row);
  }

  // An aligned table: the shape left-aligned, numbers right-aligned.
  std::size_t w[5] = {};
  for (const Row& r : rows) {
    const std::string* cells[5] = {&r.shape, &r.elements, &r.gpu, &r.cpu, &r.ratio};
    for (int c = 0; c < 5; ++c) w[c] = std::max(w[c], cells[c]->size());
  }
  for (const Row& r : rows) {
    std::printf("%-*s  %*s  %*s  %*s  %*s\n", static_cast<int>(w[0]), r.shape.c_str(),
                static_cast<int>(w[1]), r.elements.c_str(), static_cast<int>(w[2]), r.gpu.c_str(),
                static_cast<int>(w[3]), r.cpu.c_str(), static_cast<int>(w[4]), r.ratio.c_str());
  }
  if (max_elements < kShapes[std::size(kShapes) - 1].elements()) {
    std::printf("\n(shapes above %zu elements left out; --full runs the talk's (10000, 100000))\n",
                max_elements);
  }
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "random_uniform: %s\n", e.what());
  return 1;
}
