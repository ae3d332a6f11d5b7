// glcompute_program_cache_bench: how much faster program creation gets with the program binary
// cache. For every program the kernel library builds (the shipped kernels with the define sets
// they are built with: compile_bench.hpp) and a larger generated shader, it times
// `Context::compile`, in this order:
//   - cold:   the cache off, the first compile of that program in this process;
//   - miss:   into an empty cache: a compile, then glGetProgramBinary and the atomic write;
//   - warm:   the cache off again: a compile where the driver's own shader cache (Mesa's
//             ~/.cache/mesa_shader_cache, NVIDIA's ~/.nv/GLCache) has just seen the program;
//   - cached: the median of --repeats compiles that load the entry instead of compiling.
// miss - warm is what writing an entry costs. Preprocessing (shaderc) is part of every figure:
// the key is the preprocessed source. The driver's cache is left as it is; point it at an empty
// directory for a driver that has never seen the shaders (bench/README.md). Needs only the
// core library.
//
// Usage: glcompute_program_cache_bench [--repeats N] [--shader-dir DIR]

#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <glcompute/glcompute.hpp>

#include "compile_bench.hpp"

namespace {

using compile_bench::Case;
using compile_bench::Options;

constexpr const char* kUsage =
    "usage: glcompute_program_cache_bench [--repeats N] [--shader-dir DIR]\n"
    "  --repeats N       cached loads timed per program (default 5; the median is shown)\n"
    "  --shader-dir DIR  glcompute's shaders/ directory (default: the source tree's)\n";

/// Milliseconds one compile of `c` takes in `ctx`, and whether it came from the cache.
std::pair<double, bool> time_compile(glc::Context& ctx, const Case& c) {
  const auto start = std::chrono::steady_clock::now();
  glc::Program program = ctx.compile(c.source, c.options);
  const auto stop = std::chrono::steady_clock::now();
  return {std::chrono::duration<double, std::milli>(stop - start).count(), program.loaded_from_cache()};
}

struct Row {
  std::string name;
  double cold = 0, miss = 0, warm = 0, cached = 0;
};

void print_row(const Row& r) {
  std::printf("| %s | %.2f | %.2f | %.2f | %.2f | %.0fx | %.1fx |\n", r.name.c_str(), r.cold,
              r.miss, r.warm, r.cached, r.cold / r.cached, r.warm / r.cached);
}

int run(const Options& options) {
  const compile_bench::TempDir temp;
  const std::filesystem::path& cache_dir = temp.path();

  glc::ContextOptions off;
  off.program_cache.enabled = false;
  glc::Context cold_ctx(off);
  glc::ContextOptions on;
  on.program_cache.directory = cache_dir;
  glc::Context cache_ctx(on);
  const glc::ProgramCacheStats status = cache_ctx.program_cache();
  const glc::ContextInfo& info = cache_ctx.info();
  compile_bench::print_device(info);
  std::printf("date: %s; cached = median of %d loads\n\n", compile_bench::utc_now().c_str(),
              options.repeats);
  if (!status.enabled()) {
    throw glc::Error("the program cache is off here: " + status.off_reason);
  }

  // The first compile of a process also starts shaderc and the driver's compiler: not counted.
  const Case warm_up = compile_bench::warm_up_shader();
  time_compile(cold_ctx, warm_up);
  time_compile(cache_ctx, warm_up);

  std::vector<Case> cases =
      compile_bench::library_kernels(options.shader_dir, compile_bench::DefineNames::bare);
  cases.push_back(compile_bench::generated_shader());
  std::printf("| program | cold ms | miss ms | warm ms | cached ms | cold / cached | warm / cached |\n");
  std::printf("|---|--:|--:|--:|--:|--:|--:|\n");
  Row kernels{"all " + std::to_string(cases.size() - 1) + " shipped kernels"};
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    Row row{c.name};
    row.cold = time_compile(cold_ctx, c).first;
    const auto [miss, miss_hit] = time_compile(cache_ctx, c);
    if (miss_hit) throw glc::Error(c.name + ": the empty cache had an entry");
    row.miss = miss;
    row.warm = time_compile(cold_ctx, c).first;
    std::vector<double> loads;
    for (int r = 0; r < options.repeats; ++r) {
      const auto [ms, hit] = time_compile(cache_ctx, c);
      if (!hit) throw glc::Error(c.name + ": not loaded from the cache (" + cache_ctx.program_cache().last_problem + ")");
      loads.push_back(ms);
    }
    row.cached = compile_bench::median(std::move(loads));
    print_row(row);
    if (i + 1 < cases.size()) {
      kernels.cold += row.cold, kernels.miss += row.miss, kernels.warm += row.warm;
      kernels.cached += row.cached;
    }
  }
  print_row(kernels);
  const glc::ProgramCacheStats stats = cache_ctx.program_cache();
  std::printf("\ncache: %llu entries written, %llu hits, %llu rejected, %llu failures\n",
              static_cast<unsigned long long>(stats.stores), static_cast<unsigned long long>(stats.hits),
              static_cast<unsigned long long>(stats.rejected), static_cast<unsigned long long>(stats.failures));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(compile_bench::parse_options(argc, argv, "glcompute_program_cache_bench", kUsage));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "glcompute_program_cache_bench: %s\n", e.what());
    return 1;
  }
}
