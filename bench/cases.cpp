// The measurements of glcompute_bench: a table of per-size cases (each a glcompute operation
// and its plain C++ yardstick), and the dispatch cases (tiny dispatch latency, the "context
// switching" demo).

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <vector>

#include <glcompute/glcompute.hpp>

#include "bench.hpp"
#include "samples.hpp"

namespace bench {
namespace {

// ---- Per-size cases ------------------------------------------------------------------------

/// What the per-size cases at one size work on.
struct Fixture {
  glc::Context& ctx;
  glc::Random& rng;
  std::size_t n;
  glc::Buffer<float> device;  ///< n floats on the GPU
  std::vector<float> host;    ///< n floats: upload source, memcpy source
  std::vector<float> cpu;     ///< n floats written by the CPU yardsticks
  std::mt19937 gen{42};

  Fixture(glc::Context& c, glc::Random& r, std::size_t size)
      : ctx(c), rng(r), n(size), device(c.buffer<float>(size)), host(size, 0.5f), cpu(size) {}
  std::size_t bytes() const { return n * sizeof(float); }
};

struct SizeCase {
  const char* op;
  const char* yardstick;
  Sample (*glcompute)(Fixture&);
  void (*cpu)(Fixture&);
};

constexpr const char* kMemcpy = "memcpy";
constexpr const char* kVectorCopy = "vector copy (alloc + memcpy)";

/// The per-size rows, in the order they run and print. Kernels run before transfers; every
/// row moves n floats (bytes written by uniform/normal/fill, read by sum/max, transferred by
/// readbacks and uploads).
const SizeCase kSizeCases[] = {
    {"uniform", "std::mt19937 + uniform_real_distribution",
     [](Fixture& f) { return gpu_sample(f.ctx, [&] { f.rng.uniform(f.device); }); },
     [](Fixture& f) {
       std::uniform_real_distribution<float> dist(0.0f, 1.0f);
       for (float& x : f.cpu) x = dist(f.gen);
     }},
    {"normal", "std::mt19937 + normal_distribution",
     [](Fixture& f) { return gpu_sample(f.ctx, [&] { f.rng.normal(f.device); }); },
     [](Fixture& f) {
       std::normal_distribution<float> dist(0.0f, 1.0f);
       for (float& x : f.cpu) x = dist(f.gen);
     }},
    {"fill", "std::fill",
     [](Fixture& f) { return gpu_sample(f.ctx, [&] { glc::fill(f.device, 1.0f); }); },
     [](Fixture& f) { std::fill(f.cpu.begin(), f.cpu.end(), 1.0f); }},
    {"sum", "std::accumulate (double)",
     [](Fixture& f) { return host_sample(f.ctx, [&] { keep(glc::sum(f.device)); }); },
     [](Fixture& f) { keep(std::accumulate(f.cpu.begin(), f.cpu.end(), 0.0)); }},
    {"max", "std::max_element",
     [](Fixture& f) { return host_sample(f.ctx, [&] { keep(glc::max(f.device)); }); },
     [](Fixture& f) { keep(*std::max_element(f.cpu.begin(), f.cpu.end())); }},
    {"readback_vector", kMemcpy,
     [](Fixture& f) { return host_sample(f.ctx, [&] { f.device.read_into(f.host); }); },
     [](Fixture& f) { std::memcpy(f.cpu.data(), f.host.data(), f.bytes()); }},
    {"readback_alloc", kVectorCopy,
     [](Fixture& f) {
       return host_sample(f.ctx, [&] { keep(f.device.read().back()); });
     },
     [](Fixture& f) { keep(std::vector<float>(f.host).back()); }},
    {"readback_map", kMemcpy,
     [](Fixture& f) {
       return host_sample(f.ctx, [&] { glc::MappedRead<float> view = f.device.map_read(); });
     },
     [](Fixture& f) { std::memcpy(f.cpu.data(), f.host.data(), f.bytes()); }},
    // The read in flight waited for as a view: the data in host-visible memory, as torch's
    // non_blocking copy into pinned memory leaves it.
    {"readback_async", kMemcpy,
     [](Fixture& f) {
       return host_sample(f.ctx, [&] { glc::MappedRead<float> view = f.device.read_async().wait(); });
     },
     [](Fixture& f) { std::memcpy(f.cpu.data(), f.host.data(), f.bytes()); }},
    {"readback_async_get", kVectorCopy,
     [](Fixture& f) {
       return host_sample(f.ctx, [&] { keep(f.device.read_async().get().back()); });
     },
     [](Fixture& f) { keep(std::vector<float>(f.host).back()); }},
    {"upload_vector", kMemcpy,
     [](Fixture& f) {
       return host_sample(f.ctx, [&] {
         f.device.write(f.host);
         f.ctx.finish();
       });
     },
     [](Fixture& f) { std::memcpy(f.cpu.data(), f.host.data(), f.bytes()); }},
    // map_write() and commit() + finish: the caller's filling of the view is not timed, as
    // torch's pinned tensor is filled before its copy is timed (upload_map_fill includes it).
    {"upload_map", kMemcpy,
     [](Fixture& f) {
       f.ctx.finish();
       std::optional<glc::MappedWrite<float>> view;
       double seconds = host_seconds([&] { view.emplace(f.device.map_write()); });
       std::memcpy(view->data(), f.host.data(), f.bytes());
       seconds += host_seconds([&] {
         view->commit();
         f.ctx.finish();
       });
       return Sample{seconds, Clock::host};
     },
     [](Fixture& f) { std::memcpy(f.cpu.data(), f.host.data(), f.bytes()); }},
    {"upload_map_fill", kMemcpy,
     [](Fixture& f) {
       return host_sample(f.ctx, [&] {
         glc::MappedWrite<float> view = f.device.map_write();
         std::memcpy(view.data(), f.host.data(), f.bytes());
         view.commit();
         f.ctx.finish();
       });
     },
     [](Fixture& f) { std::memcpy(f.cpu.data(), f.host.data(), f.bytes()); }},
};

/// What the float64 cases at one size work on: n doubles (NumPy's default dtype).
struct Fixture64 {
  glc::Context& ctx;
  glc::Random& rng;
  std::size_t n;
  glc::Buffer<double> device;  ///< n doubles on the GPU
  std::vector<double> cpu;     ///< n doubles written by the CPU yardsticks
  std::mt19937_64 gen{42};

  Fixture64(glc::Context& c, glc::Random& r, std::size_t size)
      : ctx(c), rng(r), n(size), device(c.buffer<double>(size)), cpu(size, 0.5) {}
  std::size_t bytes() const { return n * sizeof(double); }
};

struct SizeCase64 {
  const char* op;
  const char* yardstick;
  Sample (*glcompute)(Fixture64&);
  void (*cpu)(Fixture64&);
};

/// The float64 rows: the talk's `cp.random.uniform(size=...)` and its reductions are float64.
/// Each moves n doubles (8n bytes).
const SizeCase64 kF64Cases[] = {
    {"uniform_f64", "std::mt19937_64 + uniform_real_distribution<double>",
     [](Fixture64& f) { return gpu_sample(f.ctx, [&] { f.rng.uniform(f.device); }); },
     [](Fixture64& f) {
       std::uniform_real_distribution<double> dist(0.0, 1.0);
       for (double& x : f.cpu) x = dist(f.gen);
     }},
    {"normal_f64", "std::mt19937_64 + normal_distribution<double>",
     [](Fixture64& f) { return gpu_sample(f.ctx, [&] { f.rng.normal(f.device); }); },
     [](Fixture64& f) {
       std::normal_distribution<double> dist(0.0, 1.0);
       for (double& x : f.cpu) x = dist(f.gen);
     }},
    {"sum_f64", "std::accumulate (double)",
     [](Fixture64& f) { return host_sample(f.ctx, [&] { keep(glc::sum(f.device)); }); },
     [](Fixture64& f) { keep(std::accumulate(f.cpu.begin(), f.cpu.end(), 0.0)); }},
    {"max_f64", "std::max_element",
     [](Fixture64& f) { return host_sample(f.ctx, [&] { keep(glc::max(f.device)); }); },
     [](Fixture64& f) { keep(*std::max_element(f.cpu.begin(), f.cpu.end())); }},
};

/// Keeps the GPU busy for about 300 ms with fills queued back to back, then 200 ms with `work`. An NVIDIA GPU left idle
/// for a few hundred milliseconds (a CPU yardstick, allocating the host vectors) lowers its
/// clocks and takes sustained work, not a few short calls, to raise them again: measured on an
/// H100, a fill of 10^8 floats took 320 us after 800 MB of host allocation, still 320 us after
/// 200 timed calls with a finish between each, and 128 us after 2000 fills queued at once.
/// Then the row's own operation runs for 200 ms: fills raise the memory clock, but a
/// compute-heavy kernel (normal: 445 us after fills alone, 175 us after running itself) needs
/// the shader clock up as well.
template <class F, class Work>
void heat_gpu(F& f, Work&& work) {
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  while (clock::now() - start < std::chrono::milliseconds(300)) {
    for (int i = 0; i < 16; ++i) glc::fill(f.device, static_cast<typename decltype(f.device)::value_type>(0.25));
    f.ctx.finish();
  }
  const auto own = clock::now();
  while (clock::now() - own < std::chrono::milliseconds(200)) work();
}

/// Rows moderngl has a counterpart for (moderngl_yardstick.py): the transfers.
bool is_transfer(const std::string& op) {
  return op.starts_with("readback_") || op.starts_with("upload_");
}

template <class Case, class F>
Row run_size_case(const Case& c, F& f, const Options& options, ModernglPeer& moderngl) {
  Row row;
  row.op = c.op;
  row.n = f.n;
  row.bytes = static_cast<double>(f.bytes());
  heat_gpu(f, [&] { c.glcompute(f); });
  Sample glc_best = best_of(options.gpu, [&] { return c.glcompute(f); });
  if (is_transfer(row.op) && moderngl.running()) {
    // Two rounds, glcompute and moderngl in turn, the best of each side kept: on a machine
    // whose load changes, neither side gets only the quiet or only the busy moments.
    moderngl.measure(row.op, row.n);
    const Sample again = best_of(options.gpu, [&] { return c.glcompute(f); });
    if (again.seconds < glc_best.seconds) glc_best = again;
    moderngl.measure(row.op, row.n);
  }
  row.seconds = glc_best.seconds;
  row.clock = glc_best.clock;
  row.wall_seconds = glc_best.wall_seconds;
  row.yardstick = c.yardstick;
  row.yardstick_seconds = best_of(options.cpu, [&] { return cpu_sample([&] { c.cpu(f); }); }).seconds;
  return row;
}

void progress(const Row& row) {
  std::fprintf(stderr, "  %-17s n=%-10zu %10s  (yardstick %s)\n", row.op.c_str(), row.n,
               format_seconds(row.seconds).c_str(),
               row.yardstick.empty() ? "-" : format_seconds(row.yardstick_seconds).c_str());
}

// ---- Dispatch cases ------------------------------------------------------------------------

/// x = x * a + b over a grid of 256-invocation work groups: the x count of groups times 256
/// elements per row, one row per work group in y. A (1, 1) grid is the tiny kernel.
constexpr const char* kAxpbShader = R"(
#version 430
layout(local_size_x = 256) in;
layout(std430, binding = 0) buffer Data { float x[]; };
uniform float a;
uniform float b;
void main() {
  uint row = gl_NumWorkGroups.x * gl_WorkGroupSize.x;
  uint i = gl_GlobalInvocationID.y * row + gl_GlobalInvocationID.x;
  x[i] = x[i] * a + b;
}
)";
constexpr std::uint32_t kLocalSize = 256;
constexpr float kA = 0.999f, kB = 0.001f;  // a fixed point at 1: values stay finite

/// The sizes of the dispatch cases (scaled down by --quick).
struct DispatchPlan {
  int tiny_dispatches;  ///< 1-work-group dispatches in a row
  int small_count;      ///< dispatches over a (256, 256) grid ...
  int large_count;      ///< ... against this many over (large_depth, 256, 256)
  std::uint32_t large_depth;
};
constexpr DispatchPlan kFullPlan{10000, 10000, 10, 1000};
constexpr DispatchPlan kQuickPlan{1000, 1000, 10, 100};

/// The same x * a + b on the CPU, one thread.
void axpb(std::span<float> xs) {
  for (float& x : xs) x = x * kA + kB;
}

Row tiny_dispatch(glc::Context& ctx, glc::Program& axpb_program, const DispatchPlan& plan,
                  const Options& options) {
  glc::Buffer<float> data = ctx.buffer(std::vector<float>(kLocalSize, 1.0f));
  axpb_program.bind("Data", data);
  const Sample best = best_of(options.gpu, [&] {
    return gpu_sample(ctx, [&] {
      for (int i = 0; i < plan.tiny_dispatches; ++i) axpb_program.dispatch(1);
    });
  });
  Row row;
  row.op = "tiny_dispatch";
  row.n = kLocalSize;
  row.seconds = best.seconds / plan.tiny_dispatches;  // per dispatch
  row.clock = best.clock;
  row.wall_seconds = best.wall_seconds / plan.tiny_dispatches;
  return row;
}

/// `count` dispatches, each over `depth` rows of 256 x 256 elements of `data`. Where one
/// dispatch would bind more than the driver's storage block limit (llvmpipe: 128 MiB), it is
/// split into pieces, each binding a range of whole rows.
struct GridRun {
  glc::Program& program;
  glc::Buffer<float>& data;
  std::uint32_t depth;
  std::uint32_t rows_per_piece;

  void dispatch_once() {
    constexpr std::size_t row_elements = std::size_t{kLocalSize} * kLocalSize;
    for (std::uint32_t first = 0; first < depth; first += rows_per_piece) {
      const std::uint32_t rows = std::min(rows_per_piece, depth - first);
      program.bind("Data", data, first * row_elements, rows * row_elements);
      program.dispatch(kLocalSize, rows);
    }
  }
};

std::uint32_t rows_per_binding(const glc::Context& ctx, std::uint32_t depth) {
  const glc::ComputeLimits& limits = ctx.info().limits;
  const std::uint64_t row_bytes = std::uint64_t{kLocalSize} * kLocalSize * sizeof(float);
  const std::uint64_t fit = std::max<std::uint64_t>(1, limits.max_storage_block_bytes / row_bytes);
  return static_cast<std::uint32_t>(
      std::min<std::uint64_t>({depth, fit, limits.max_work_group_count[1]}));
}

/// The talk's "context switching" demo: many dispatches over a small grid against a few over
/// a large one, the same elements in total, and the same loops on the CPU.
std::vector<Row> grid_dispatches(glc::Context& ctx, glc::Program& axpb_program,
                                 const DispatchPlan& plan, const Options& options) {
  constexpr std::size_t row_elements = std::size_t{kLocalSize} * kLocalSize;
  const std::size_t large_elements = row_elements * plan.large_depth;
  std::vector<float> host(large_elements, 1.0f);
  glc::Buffer<float> data = ctx.buffer(host);

  struct Variant {
    const char* op;
    int count;
    std::uint32_t depth;
  };
  const Variant variants[] = {{"small_dispatches", plan.small_count, 1},
                              {"large_dispatches", plan.large_count, plan.large_depth}};
  std::vector<Row> rows;
  for (const Variant& v : variants) {
    GridRun grid{axpb_program, data, v.depth, rows_per_binding(ctx, v.depth)};
    if (grid.rows_per_piece < v.depth) {
      std::fprintf(stderr,
                   "  note: %s split each dispatch into %u pieces (storage block limit %llu bytes)\n",
                   v.op, (v.depth + grid.rows_per_piece - 1) / grid.rows_per_piece,
                   static_cast<unsigned long long>(ctx.info().limits.max_storage_block_bytes));
    }
    const Sample best = best_of(options.gpu, [&] {
      return gpu_sample(ctx, [&] {
        for (int i = 0; i < v.count; ++i) grid.dispatch_once();
      });
    });
    const std::span<float> slice(host.data(), row_elements * v.depth);
    const double cpu = best_of(options.cpu, [&] {
      return cpu_sample([&] {
        for (int i = 0; i < v.count; ++i) axpb(slice);
      });
    }).seconds;
    keep(host[0]);

    Row row;
    row.op = v.op;
    row.n = slice.size() * static_cast<std::size_t>(v.count);  // elements over all dispatches
    row.seconds = best.seconds;
    row.clock = best.clock;
    row.wall_seconds = best.wall_seconds;
    row.bytes = 2.0 * sizeof(float) * static_cast<double>(row.n);  // each element read and written
    row.yardstick = "loop x*a+b (1 thread)";
    row.yardstick_seconds = cpu;
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

std::vector<Row> run_size_cases(glc::Context& ctx, const Options& options, ModernglPeer& moderngl) {
  glc::Random rng(ctx, 42);
  std::vector<Row> rows;
  for (const std::size_t n : options.sizes) {
    {
      Fixture fixture(ctx, rng, n);
      for (const SizeCase& c : kSizeCases) {
        if (!options.wants(c.op)) continue;
        rows.push_back(run_size_case(c, fixture, options, moderngl));
        progress(rows.back());
      }
    }
    if (std::none_of(std::begin(kF64Cases), std::end(kF64Cases),
                     [&](const SizeCase64& c) { return options.wants(c.op); })) {
      continue;
    }
    if (!ctx.info().features.fp64) {
      std::fprintf(stderr, "  note: no float64 rows: the driver lacks ARB_gpu_shader_fp64\n");
      continue;
    }
    Fixture64 fixture(ctx, rng, n);
    for (const SizeCase64& c : kF64Cases) {
      if (!options.wants(c.op)) continue;
      rows.push_back(run_size_case(c, fixture, options, moderngl));
      progress(rows.back());
    }
  }
  return rows;
}

std::vector<Row> run_dispatch_cases(glc::Context& ctx, const Options& options) {
  const DispatchPlan& plan = options.quick ? kQuickPlan : kFullPlan;
  std::vector<Row> rows;
  if (!options.wants("tiny_dispatch") && !options.wants("small_dispatches")) return rows;
  glc::Program axpb_program = ctx.compile(glc::Source::text(kAxpbShader, "axpb.comp"));
  axpb_program.set("a", kA).set("b", kB);
  if (options.wants("tiny_dispatch")) {
    rows.push_back(tiny_dispatch(ctx, axpb_program, plan, options));
    progress(rows.back());
  }
  if (!options.wants("small_dispatches")) return rows;
  for (Row& row : grid_dispatches(ctx, axpb_program, plan, options)) {
    rows.push_back(row);
    progress(rows.back());
  }
  return rows;
}

}  // namespace bench
