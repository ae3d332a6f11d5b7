// The algorithms of glcompute's kernel library on one data set, each checked against the same
// computation on the CPU: random normals, their prefix sums, a histogram, the largest values
// by argsort and argmax, the values above one standard deviation by copy_if, and a saxpy and a
// dot product from kernels written as expressions. Prints what it found and "all checks
// passed" (exit code 0) or what failed (exit code 1).
// Usage: algorithms [--n N]

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <numeric>
#include <string>
#include <vector>

#include <glcompute/glcompute.hpp>

namespace {

int failures = 0;

void check(bool ok, const std::string& what) {
  if (!ok) {
    std::printf("CHECK FAILED: %s\n", what.c_str());
    ++failures;
  }
}

}  // namespace

int main(int argc, char** argv) try {
  std::size_t n = 1'000'000;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--n") == 0 && i + 1 < argc) {
      n = std::strtoull(argv[++i], nullptr, 10);
    } else {
      std::fprintf(stderr, "usage: algorithms [--n N]\n");
      return 2;
    }
  }
  if (n < 2) {
    std::fprintf(stderr, "algorithms: --n must be at least 2\n");
    return 2;
  }

  glc::Context ctx;
  std::printf("%s: %s\n", ctx.info().renderer.c_str(), glc::algorithm_path(ctx).description.c_str());
  glc::Random rng(ctx, 2024);
  glc::Buffer<float> xs = ctx.buffer<float>(n);
  rng.normal(xs, 0.0f, 1.0f);
  const std::vector<float> x = xs.read();

  // Prefix sums: the last one is the total, within float rounding of a double sum.
  glc::Buffer<float> sums = ctx.buffer<float>(n);
  glc::inclusive_scan(xs, sums);
  double total = 0, magnitude = 0;
  for (float v : x) {
    total += v;
    magnitude += std::abs(v);
  }
  const float last = sums.read(n - 1, 1)[0];
  std::printf("inclusive_scan: sum of %zu normals = %.6f (double on the CPU: %.6f)\n", n, last, total);
  check(std::abs(last - total) <= 1e-6 * magnitude, "scan total");

  // A histogram of 8 bins over [-4, 4], as np.histogram(x, 8, range=(-4, 4)).
  glc::Buffer<std::uint32_t> counts = ctx.buffer<std::uint32_t>(8);
  glc::histogram(xs, counts, -4.0, 4.0);
  const std::vector<std::uint32_t> c = counts.read();
  std::printf("histogram over [-4, 4]:");
  for (std::uint32_t v : c) std::printf(" %u", v);
  std::printf("\n");
  std::vector<std::uint32_t> expected(8);
  for (float v : x) {
    if (v >= -4.0f && v <= 4.0f) ++expected[std::min(7, static_cast<int>(std::floor((v + 4.0f))))];
  }
  check(c == expected, "histogram");

  // The largest values: argsort (ascending, stable) and argmax agree.
  const std::vector<std::uint32_t> order = glc::argsort(xs).read();
  const std::size_t top = glc::argmax(xs);
  std::printf("argsort: largest %.4f at %u, smallest %.4f at %u; argmax: %zu\n", x[order[n - 1]],
              order[n - 1], x[order[0]], order[0], top);
  check(order[n - 1] == top || x[order[n - 1]] == x[top], "argsort and argmax");
  check(std::is_sorted(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return x[a] < x[b]; }),
        "argsort order");

  // copy_if: the values beyond one standard deviation, in order.
  glc::Buffer<float> outliers = ctx.buffer<float>(n);
  const std::size_t kept = glc::copy_if(xs, outliers, "abs(x) > 1.0");
  const std::size_t expected_kept = static_cast<std::size_t>(
      std::count_if(x.begin(), x.end(), [](float v) { return std::abs(v) > 1.0f; }));
  std::printf("copy_if |x| > 1: %zu of %zu (%.1f%%, 31.7%% expected)\n", kept, n, 100.0 * kept / n);
  check(kept == expected_kept, "copy_if count");

  // Kernels from expressions: saxpy, then a dot product.
  glc::ElementwiseKernel saxpy(ctx, "float x, float y, float a", "float z", "z = a * x + y;", "saxpy");
  glc::ReductionKernel<double> dot(ctx, "float x, float y", "double(x) * double(y)", "a + b", "0.0", "dot");
  glc::Buffer<float> ys = ctx.buffer(std::vector<float>(n, 1.0f));
  glc::Buffer<float> zs = ctx.buffer<float>(n);
  saxpy(xs, ys, 2.0f, zs);
  const double d = dot(zs, xs);
  double expected_dot = 0;
  for (float v : x) expected_dot += static_cast<double>(2.0f * v + 1.0f) * v;
  std::printf("saxpy then dot: %.6f (CPU: %.6f)\n", d, expected_dot);
  check(std::abs(d - expected_dot) <= 1e-5 * (std::abs(expected_dot) + 1), "saxpy and dot");

  if (failures == 0) std::printf("all checks passed\n");
  return failures == 0 ? 0 : 1;
} catch (const std::exception& e) {
  std::fprintf(stderr, "algorithms: %s\n", e.what());
  return 1;
}
