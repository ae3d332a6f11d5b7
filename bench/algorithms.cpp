// The algorithm rows of glcompute_bench: inclusive_scan, sort (keys with their indices),
// sort_keys (keys alone), histogram, argmax, copy_if, ElementwiseKernel saxpy and
// ReductionKernel dot, each next to a plain C++ yardstick on one thread. n is the number of
// float32 elements; the sorts run at most 10^7 keys (10^8 takes minutes on a CPU driver and is
// not a target size).

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include <glcompute/glcompute.hpp>

#include "bench.hpp"
#include "samples.hpp"

namespace bench {
namespace {

constexpr std::size_t kMaxSortKeys = 10'000'000;
constexpr std::uint32_t kBins = 256;

/// What the algorithm rows at one size work on: uniform floats in [0, 1), on the GPU and on
/// the host.
struct AlgorithmFixture {
  glc::Context& ctx;
  std::size_t n;
  glc::Buffer<float> x, y, z;
  glc::Buffer<float> keys;
  glc::Buffer<std::uint32_t> indices, counts;
  std::vector<float> host_x, host_y, cpu_out;
  std::vector<std::uint32_t> cpu_indices;
  std::vector<float> cpu_keys;
  glc::ElementwiseKernel saxpy;
  glc::ReductionKernel<float> dot;

  AlgorithmFixture(glc::Context& c, glc::Random& rng, std::size_t size)
      : ctx(c), n(size), x(c.buffer<float>(size)), y(c.buffer<float>(size)), z(c.buffer<float>(size)),
        keys(c.buffer<float>(std::min(size, kMaxSortKeys))),
        indices(c.buffer<std::uint32_t>(std::min(size, kMaxSortKeys))), counts(c.buffer<std::uint32_t>(kBins)),
        saxpy(c, "float x, float y, float a", "float z", "z = a * x + y;", "saxpy"),
        dot(c, "float x, float y", "x * y", "a + b", "0.0", "dot") {
    rng.uniform(x);
    rng.uniform(y);
    host_x = x.read();
    host_y = y.read();
    cpu_out.resize(size);
    cpu_indices.resize(std::min(size, kMaxSortKeys));
  }
  std::size_t sort_n() const { return std::min(n, kMaxSortKeys); }
};

struct AlgorithmCase {
  const char* op;
  const char* yardstick;
  double bytes_per_element;  ///< bytes one run reads and writes, for GB/s
  Sample (*glcompute)(AlgorithmFixture&);
  void (*cpu)(AlgorithmFixture&);
};

/// sort_by_key of n uniform keys with their indices 0 .. n-1, restored before each run and
/// not timed: the sort's own time.
Sample sort_sample(AlgorithmFixture& f) {
  f.keys.copy_from(f.x, 0, 0, f.sort_n());
  glc::iota(f.indices, 0u);
  return gpu_sample(f.ctx, [&] { glc::sort_by_key(f.keys, f.indices); });
}

/// sort of the same keys alone, restored before each run and not timed.
Sample sort_keys_sample(AlgorithmFixture& f) {
  f.keys.copy_from(f.x, 0, 0, f.sort_n());
  return gpu_sample(f.ctx, [&] { glc::sort(f.keys); });
}

bool sorts(const char* op) { return std::string(op) == "sort" || std::string(op) == "sort_keys"; }

const AlgorithmCase kAlgorithmCases[] = {
    {"inclusive_scan", "std::inclusive_scan (float)", 8,
     [](AlgorithmFixture& f) { return gpu_sample(f.ctx, [&] { glc::inclusive_scan(f.x, f.z); }); },
     [](AlgorithmFixture& f) { std::inclusive_scan(f.host_x.begin(), f.host_x.end(), f.cpu_out.begin()); }},
    {"sort", "std::stable_sort of (key, index) pairs", 16, sort_sample,
     [](AlgorithmFixture& f) {
       std::iota(f.cpu_indices.begin(), f.cpu_indices.end(), 0u);
       std::stable_sort(f.cpu_indices.begin(), f.cpu_indices.end(),
                        [&](std::uint32_t a, std::uint32_t b) { return f.host_x[a] < f.host_x[b]; });
     }},
    {"sort_keys", "std::sort (float)", 8, sort_keys_sample,
     [](AlgorithmFixture& f) {
       f.cpu_keys.assign(f.host_x.begin(), f.host_x.end());
       std::sort(f.cpu_keys.begin(), f.cpu_keys.end());
     }},
    {"histogram", "loop: bin = int(x * 256)", 4,
     [](AlgorithmFixture& f) { return gpu_sample(f.ctx, [&] { glc::histogram(f.x, f.counts, 0.0, 1.0); }); },
     [](AlgorithmFixture& f) {
       std::vector<std::uint32_t> bins(kBins);
       for (float v : f.host_x) {
         if (v >= 0.0f && v <= 1.0f) ++bins[std::min<std::uint32_t>(static_cast<std::uint32_t>(v * kBins), kBins - 1)];
       }
       keep(bins[0]);
     }},
    {"saxpy", "loop z = a * x + y", 12,
     [](AlgorithmFixture& f) { return gpu_sample(f.ctx, [&] { f.saxpy(f.x, f.y, 2.0f, f.z); }); },
     [](AlgorithmFixture& f) {
       for (std::size_t i = 0; i < f.n; ++i) f.cpu_out[i] = 2.0f * f.host_x[i] + f.host_y[i];
     }},
    {"dot", "std::inner_product (double)", 8,
     [](AlgorithmFixture& f) { return host_sample(f.ctx, [&] { keep(f.dot(f.x, f.y)); }); },
     [](AlgorithmFixture& f) {
       keep(std::inner_product(f.host_x.begin(), f.host_x.end(), f.host_y.begin(), 0.0));
     }},
    {"argmax", "std::max_element", 4,
     [](AlgorithmFixture& f) { return host_sample(f.ctx, [&] { keep(static_cast<double>(glc::argmax(f.x))); }); },
     [](AlgorithmFixture& f) {
       keep(static_cast<double>(std::max_element(f.host_x.begin(), f.host_x.end()) - f.host_x.begin()));
     }},
    {"copy_if", "std::copy_if (x > 0.5)", 6,
     [](AlgorithmFixture& f) { return host_sample(f.ctx, [&] { keep(static_cast<double>(glc::copy_if(f.x, f.z, "x > 0.5"))); }); },
     [](AlgorithmFixture& f) {
       keep(static_cast<double>(std::copy_if(f.host_x.begin(), f.host_x.end(), f.cpu_out.begin(),
                                             [](float v) { return v > 0.5f; }) - f.cpu_out.begin()));
     }},
};

/// As cases.cpp's heat_gpu: 300 ms of queued fills, then 200 ms of the row's own work, so that
/// an NVIDIA GPU's clocks are up before the timed runs.
template <class Work>
void heat(AlgorithmFixture& f, Work&& work) {
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  while (clock::now() - start < std::chrono::milliseconds(300)) {
    for (int i = 0; i < 16; ++i) glc::fill(f.z, 0.25f);
    f.ctx.finish();
  }
  const auto own = clock::now();
  while (clock::now() - own < std::chrono::milliseconds(200)) work();
}

}  // namespace

std::vector<Row> run_algorithm_cases(glc::Context& ctx, const Options& options) {
  glc::Random rng(ctx, 7);
  std::vector<Row> rows;
  for (const std::size_t n : options.sizes) {
    bool any = false;
    for (const AlgorithmCase& c : kAlgorithmCases) any = any || options.wants(c.op);
    if (!any) break;
    AlgorithmFixture f(ctx, rng, n);
    for (const AlgorithmCase& c : kAlgorithmCases) {
      if (!options.wants(c.op)) continue;
      Row row;
      row.op = c.op;
      row.n = sorts(c.op) ? f.sort_n() : n;
      row.bytes = c.bytes_per_element * static_cast<double>(row.n);
      heat(f, [&] { c.glcompute(f); });
      const Sample best = best_of(options.gpu, [&] { return c.glcompute(f); });
      row.seconds = best.seconds;
      row.clock = best.clock;
      row.wall_seconds = best.wall_seconds;
      row.yardstick = c.yardstick;
      if (sorts(c.op)) {
        // The CPU sorts the same keys: its first sort_n() uniform floats (the copy into
        // cpu_keys is part of std::sort's row, as the GPU's restore is not: a few % of it).
        f.host_x.resize(f.sort_n());
      }
      row.yardstick_seconds = best_of(options.cpu, [&] { return cpu_sample([&] { c.cpu(f); }); }).seconds;
      if (sorts(c.op)) f.host_x = f.x.read();
      std::fprintf(stderr, "  %-17s n=%-10zu %10s  (yardstick %s)\n", row.op.c_str(), row.n,
                   format_seconds(row.seconds).c_str(), format_seconds(row.yardstick_seconds).c_str());
      rows.push_back(row);
    }
  }
  return rows;
}

}  // namespace bench
