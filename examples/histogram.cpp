// A histogram with atomics, as compute samples build it: each work group counts its values in
// shared memory (atomicAdd), then adds its counts to the global bins (atomicAdd on a storage
// buffer); an atomic counter (`atomic_uint`, bound with bind_atomic_counters) counts the values
// outside the range. A second pass lists the bins that are not empty, taking slots from another
// atomic counter. Everything is checked against std:: on the CPU, exactly.
// Usage: histogram [--n N] [--bins B]      (exit status 1 if the GPU and CPU disagree)

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <random>
#include <string>
#include <vector>

#include <glcompute/glcompute.hpp>

#include "example_args.hpp"

namespace {

const char* const kCount = R"(#version 430
layout(local_size_x = 256) in;
layout(constant_id = 0) const uint BINS = 64u;
layout(binding = 0, offset = 0) uniform atomic_uint outside;
layout(std430, binding = 0) readonly buffer Values { uint values[]; };
layout(std430, binding = 1) buffer Bins { uint bins[]; };
uniform uint n;
uniform uint lo;
uniform uint width;  // values per bin
shared uint local_bins[BINS];
void main() {
  for (uint b = gl_LocalInvocationID.x; b < BINS; b += gl_WorkGroupSize.x) local_bins[b] = 0u;
  barrier();
  // A grid-stride loop: any n with the driver's work group limit.
  for (uint i = gl_GlobalInvocationID.x; i < n; i += gl_NumWorkGroups.x * gl_WorkGroupSize.x) {
    uint v = values[i];
    uint bin = v >= lo ? (v - lo) / width : BINS;
    if (bin < BINS) atomicAdd(local_bins[bin], 1u);
    else atomicCounterIncrement(outside);
  }
  barrier();
  for (uint b = gl_LocalInvocationID.x; b < BINS; b += gl_WorkGroupSize.x) {
    if (local_bins[b] != 0u) atomicAdd(bins[b], local_bins[b]);
  }
}
)";

const char* const kList = R"(#version 430
layout(local_size_x = 64) in;
layout(binding = 0, offset = 0) uniform atomic_uint used;
layout(std430, binding = 0) readonly buffer Bins { uint bins[]; };
layout(std430, binding = 1) writeonly buffer Used { uint used_bins[]; };
uniform uint count;
void main() {
  uint b = gl_GlobalInvocationID.x;
  if (b < count && bins[b] != 0u) used_bins[atomicCounterIncrement(used)] = b;
}
)";

}  // namespace

int main(int argc, char** argv) try {
  std::uint32_t n = 1'000'000, bins = 64;
  example::Args args("histogram", "A histogram with atomics (shared memory, a storage buffer, atomic counters), "
                                  "checked exactly against the CPU; exit 1 if they disagree.");
  args.app().add_option("--n", n, "values (default 10^6)")->option_text("N")->check(example::count(1, 1u << 30));
  // The bins are counted in shared memory, of which GL guarantees 32 KiB: 8192 counters.
  args.app().add_option("--bins", bins, "bins (default 64, at most 8192)")->option_text("B")->check(example::count(1, 8192));
  args.parse(argc, argv);

  // Values around the middle of [lo, lo + bins * width), some outside it; a few bins empty.
  const std::uint32_t lo = 1000, width = 37;
  std::mt19937 rng(2024);
  std::normal_distribution<double> normal(lo + 0.5 * bins * width, 0.3 * bins * width);
  std::vector<std::uint32_t> values(n);
  for (std::uint32_t& v : values) {
    v = static_cast<std::uint32_t>(std::clamp(normal(rng), 0.0, 4e9));
    if (v >= lo && (v - lo) / width % 7 == 3) v += width;  // every seventh bin stays empty
  }

  std::vector<std::uint32_t> cpu_bins(bins, 0);
  std::uint32_t cpu_outside = 0;
  for (std::uint32_t v : values) {
    if (v >= lo && (v - lo) / width < bins) ++cpu_bins[(v - lo) / width];
    else ++cpu_outside;
  }
  std::vector<std::uint32_t> cpu_used;
  for (std::uint32_t b = 0; b < bins; ++b) {
    if (cpu_bins[b] != 0) cpu_used.push_back(b);
  }

  glc::Context ctx;
  glc::CompileOptions options;
  options.specialize("BINS", bins);
  glc::Program count = ctx.compile(glc::Source::text(kCount, "histogram_count.comp"), options);
  glc::Program list = ctx.compile(glc::Source::text(kList, "histogram_list.comp"));
  glc::Buffer<std::uint32_t> input = ctx.buffer(values);
  glc::Buffer<std::uint32_t> gpu_bins = ctx.buffer<std::uint32_t>(bins);  // zero-filled
  glc::Buffer<std::uint32_t> outside = ctx.buffer<std::uint32_t>(1), used = ctx.buffer<std::uint32_t>(1);
  glc::Buffer<std::uint32_t> used_bins = ctx.buffer(std::vector<std::uint32_t>(bins, 0xFFFFFFFFu));
  count.bind("Values", input).bind("Bins", gpu_bins).bind_atomic_counters(0, outside);
  count.set("n", n).set("lo", lo).set("width", width);
  const std::uint32_t groups = std::max<std::uint32_t>(1, std::min<std::uint32_t>((n + 255) / 256, 1024));
  list.bind("Bins", gpu_bins).bind("Used", used_bins).bind_atomic_counters(0, used).set("count", bins);
  const glc::Timing timing = ctx.time([&] {
    count.dispatch(groups);
    list.dispatch_for(bins);
  });

  const std::vector<std::uint32_t> got_bins = gpu_bins.read();
  const std::uint32_t got_outside = outside.read()[0], got_used = used.read()[0];
  std::vector<std::uint32_t> got_list = used_bins.read(0, std::min(got_used, bins));
  std::sort(got_list.begin(), got_list.end());  // slots are taken in any order

  std::printf("%u values in %u bins of %u from %u: %.3f ms on the GPU (%s)\n", n, bins, width, lo,
              1e3 * timing.seconds, timing.gpu_timer ? "GPU timer" : "host clock");
  std::printf("outside the range: %u (CPU %u); bins in use: %u (CPU %zu)\n", got_outside, cpu_outside, got_used,
              cpu_used.size());
  for (std::uint32_t b = 0; b < std::min<std::uint32_t>(bins, 8); ++b) std::printf("  bin %2u: %u\n", b, got_bins[b]);
  const bool ok = got_bins == cpu_bins && got_outside == cpu_outside && got_list == cpu_used;
  if (!ok) {
    std::printf("FAILED: the GPU and the CPU disagree\n");
    return 1;
  }
  std::printf("OK: every bin, the values outside and the bins in use match the CPU exactly\n");
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "histogram: %s\n", e.what());
  return 1;
}
