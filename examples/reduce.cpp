// Reductions on the GPU next to the same reductions on the CPU: fills a buffer with
// linspace(0, 1) (sum n/2, mean 0.5, min 0, max 1 up to float rounding of the elements), then
// prints glc::sum, glc::min, glc::max and glc::mean with the time per call, beside
// std::accumulate (in double) and std::minmax_element over the same floats on the host.
// Usage: reduce [--n N] [--reps R]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <numeric>
#include <string>
#include <vector>

#include <glcompute/glcompute.hpp>

#include "example_args.hpp"

namespace {

/// Milliseconds per call of `f`, the best of `reps` calls (after one warm-up call).
template <class F>
double ms_per_call(int reps, F&& f) {
  f();
  double best = 1e300;
  for (int i = 0; i < reps; ++i) {
    const auto start = std::chrono::steady_clock::now();
    f();
    const auto stop = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double, std::milli>(stop - start).count());
  }
  return best;
}

// Keeps the compiler from dropping a result that is only timed.
volatile double sink;

}  // namespace

int main(int argc, char** argv) try {
  std::size_t n = 10'000'000;
  int reps = 5;
  example::Args args("reduce", "glc::sum, min, max and mean of linspace(0, 1) on the GPU, beside the same on the CPU.");
  args.app().add_option("--n", n, "elements (default 10^7)")->option_text("N")->check(example::count(1));
  args.app().add_option("--reps", reps, "calls timed, the best kept (default 5)")->option_text("R")->check(example::count(1, 1'000'000));
  args.parse(argc, argv);

  glc::Context ctx;
  glc::Buffer<float> xs = ctx.buffer<float>(n);
  glc::linspace(xs, 0.0f, 1.0f);

  double gpu_sum = 0, gpu_mean = 0;
  float gpu_min = 0, gpu_max = 0;
  const double gpu_sum_ms = ms_per_call(reps, [&] { gpu_sum = glc::sum(xs); });
  const double gpu_min_ms = ms_per_call(reps, [&] { gpu_min = glc::min(xs); });
  const double gpu_max_ms = ms_per_call(reps, [&] { gpu_max = glc::max(xs); });
  const double gpu_mean_ms = ms_per_call(reps, [&] { gpu_mean = glc::mean(xs); });

  // Read back after the GPU timings: some drivers move a buffer that was read whole to the host
  // into slower memory (seen on NVIDIA for a 4 GB buffer).
  const std::vector<float> host = xs.read();
  double cpu_sum = 0;
  float cpu_min = 0, cpu_max = 0;
  const double cpu_sum_ms = ms_per_call(reps, [&] {
    cpu_sum = std::accumulate(host.begin(), host.end(), 0.0);
    sink = cpu_sum;
  });
  const double cpu_minmax_ms = ms_per_call(reps, [&] {
    const auto [lo, hi] = std::minmax_element(host.begin(), host.end());
    cpu_min = *lo;
    cpu_max = *hi;
    sink = cpu_min;
  });
  const double cpu_mean = cpu_sum / static_cast<double>(n);

  std::printf("%zu floats, linspace(0, 1), on %s; best of %d calls\n\n", n,
              ctx.info().renderer.c_str(), reps);
  std::printf("%-5s  %22s  %10s  %22s  %10s  %s\n", "op", "glc", "glc ms", "CPU", "CPU ms",
              "CPU baseline");
  const auto row = [](const char* op, double gpu, double gpu_ms, double cpu, double cpu_ms,
                      const char* baseline) {
    std::printf("%-5s  %22.10f  %10.3f  %22.10f  %10.3f  %s\n", op, gpu, gpu_ms, cpu, cpu_ms,
                baseline);
  };
  row("sum", gpu_sum, gpu_sum_ms, cpu_sum, cpu_sum_ms, "std::accumulate (double)");
  row("min", gpu_min, gpu_min_ms, cpu_min, cpu_minmax_ms, "std::minmax_element");
  row("max", gpu_max, gpu_max_ms, cpu_max, cpu_minmax_ms, "std::minmax_element");
  row("mean", gpu_mean, gpu_mean_ms, cpu_mean, cpu_sum_ms, "std::accumulate / n");
  std::printf("\nglc sum - CPU sum: %.3g (relative %.3g); glc ms include reading back the result\n",
              gpu_sum - cpu_sum, (gpu_sum - cpu_sum) / cpu_sum);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "reduce: %s\n", e.what());
  return 1;
}
