// glcompute_compile_paths: program creation time on the GLSL path and on the SPIR-V path
// (ARB_gl_spirv), for every shipped kernel variant (each `// glslc-variant:` line of
// shaders/glcompute/kernels/*.comp, and the file without defines) and a few other shaders: the
// README's saxpy, one with specialization constants and local_size_x_id, and a generated one
// larger than any kernel. Each figure is the median of --repeats `Context::compile` calls, which
// include preprocessing (shaderc) and, on the SPIR-V path, shaderc's compile to SPIR-V. The
// program cache and the drivers' own shader caches are off, so every call compiles. The
// `ShaderPath::automatic` default of each driver comes from these figures (bench/RESULTS.md).
// Needs only the core library.
//
// Usage: glcompute_compile_paths [--repeats N] [--shader-dir DIR]

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include <glcompute/glcompute.hpp>

#include "compile_bench.hpp"

namespace {

using compile_bench::Case;
using compile_bench::Options;

constexpr const char* kUsage =
    "usage: glcompute_compile_paths [--repeats N] [--shader-dir DIR]\n"
    "  --repeats N       compiles timed per program and path (default 5; the median is shown)\n"
    "  --shader-dir DIR  glcompute's shaders/ directory (default: the source tree's)\n";

std::vector<Case> other_shaders() {
  std::vector<Case> cases;
  cases.push_back({"saxpy (README)", glc::Source::text(R"(#version 430
#include "glcompute/grid.glsl"
layout(local_size_x = 256) in;
layout(std430, binding = 0) readonly buffer X { float x[]; };
layout(std430, binding = 1) buffer Y { float y[]; };
uniform float a;
uniform uint n;
void main() { uint i = GLC_GLOBAL_INDEX; if (i < n) y[i] += a * x[i]; }
)", "saxpy.comp"), {}});
  glc::CompileOptions specialized;
  specialized.local_size = {128, 0, 0};
  specialized.specialize("taps", 9u).specialize("gain", 0.5f);
  cases.push_back({"constants + local_size_x_id", glc::Source::text(R"(#version 430
layout(local_size_x_id = 0, local_size_x = 64) in;
layout(constant_id = 1) const uint taps = 5u;
layout(constant_id = 2) const float gain = 1.0;
layout(std430, binding = 0) readonly buffer In { float xs[]; };
layout(std430, binding = 1) writeonly buffer Out { float ys[]; };
uniform uint n;
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i >= n) return;
  float acc = 0.0;
  for (uint t = 0u; t < taps; ++t) acc += xs[min(i + t, n - 1u)];
  ys[i] = gain * acc / float(taps);
}
)", "filter.comp"), specialized});
  cases.push_back(compile_bench::generated_shader());
  return cases;
}

/// Median milliseconds of `repeats` compiles of `c` on `path`.
double time_compile(glc::Context& ctx, Case c, glc::ShaderPath path, int repeats) {
  c.options.path = path;
  std::vector<double> ms;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    glc::Program program = ctx.compile(c.source, c.options);
    const auto stop = std::chrono::steady_clock::now();
    ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
  }
  return compile_bench::median(std::move(ms));
}

int run(const Options& options) {
  // The drivers' shader caches would turn repeated compiles into lookups (Mesa's also across
  // runs); they are turned off before the context exists unless the caller chose otherwise.
  ::setenv("MESA_SHADER_CACHE_DISABLE", "true", 0);
  ::setenv("__GL_SHADER_DISK_CACHE", "0", 0);
  glc::ContextOptions context_options;
  context_options.program_cache.enabled = false;
  glc::Context ctx(context_options);
  const glc::ContextInfo& info = ctx.info();
  compile_bench::print_device(info);
  std::printf("date: %s; median of %d compiles per program and path, program cache and driver "
              "shader cache off\n\n", compile_bench::utc_now().c_str(), options.repeats);
  if (!info.features.gl_spirv) {
    std::printf("This driver lacks ARB_gl_spirv: only the GLSL path exists.\n");
    return 0;
  }

  // The first compile of a process also starts shaderc and the driver's compiler: not counted.
  const Case warm_up = compile_bench::warm_up_shader();
  time_compile(ctx, warm_up, glc::ShaderPath::glsl, 1);
  time_compile(ctx, warm_up, glc::ShaderPath::spirv, 1);

  const std::vector<Case> kernels =
      compile_bench::kernel_variants(options.shader_dir, compile_bench::DefineNames::flags);
  std::vector<Case> cases = kernels;
  for (Case& c : other_shaders()) cases.push_back(std::move(c));
  std::printf("| program | GLSL ms | SPIR-V ms | SPIR-V / GLSL |\n|---|--:|--:|--:|\n");
  double glsl_total = 0, spirv_total = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const double glsl = time_compile(ctx, cases[i], glc::ShaderPath::glsl, options.repeats);
    const double spirv = time_compile(ctx, cases[i], glc::ShaderPath::spirv, options.repeats);
    std::printf("| %s | %.2f | %.2f | %.2f |\n", cases[i].name.c_str(), glsl, spirv, spirv / glsl);
    if (i < kernels.size()) glsl_total += glsl, spirv_total += spirv;
  }
  std::printf("| all %zu shipped kernel variants | %.1f | %.1f | %.2f |\n", kernels.size(), glsl_total,
              spirv_total, spirv_total / glsl_total);
  std::printf("\nfaster to build the shipped kernels here: %s\n", spirv_total < glsl_total ? "SPIR-V" : "GLSL");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(compile_bench::parse_options(argc, argv, "glcompute_compile_paths", kUsage));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "glcompute_compile_paths: %s\n", e.what());
    return 1;
  }
}
