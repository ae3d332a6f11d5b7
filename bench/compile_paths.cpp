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

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <glcompute/glcompute.hpp>

namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: glcompute_compile_paths [--repeats N] [--shader-dir DIR]\n"
    "  --repeats N       compiles timed per program and path (default 5; the median is shown)\n"
    "  --shader-dir DIR  glcompute's shaders/ directory (default: the source tree's)\n";

struct Options {
  int repeats = 5;
  fs::path shader_dir = GLC_SHADER_DIR;
};

[[noreturn]] void usage_error(const std::string& problem) {
  std::fprintf(stderr, "glcompute_compile_paths: %s\n%s", problem.c_str(), kUsage);
  std::exit(2);
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) usage_error(std::string(arg) + " needs a value");
    const std::string value = argv[++i];
    if (arg == "--repeats") {
      char* end = nullptr;
      const long n = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || n < 1 || n > 1000) {
        usage_error("--repeats: '" + value + "' is not a number from 1 to 1000");
      }
      options.repeats = static_cast<int>(n);
    } else if (arg == "--shader-dir") {
      options.shader_dir = value;
    } else {
      usage_error("unknown option " + std::string(arg));
    }
  }
  return options;
}

struct Case {
  std::string name;
  glc::Source source;
  glc::CompileOptions options;
};

/// "-DA -DB=1" -> {{"A", ""}, {"B", "1"}}.
std::vector<std::pair<std::string, std::string>> parse_defines(const std::string& line) {
  std::vector<std::pair<std::string, std::string>> defines;
  std::istringstream words(line);
  for (std::string word; words >> word;) {
    if (word.rfind("-D", 0) != 0) continue;
    const std::size_t equals = word.find('=');
    defines.emplace_back(word.substr(2, equals - 2), equals == std::string::npos ? "" : word.substr(equals + 1));
  }
  return defines;
}

/// Every kernel file, plainly and with each of its `// glslc-variant:` define sets.
std::vector<Case> shipped_kernels(const fs::path& shader_dir) {
  const fs::path kernels = shader_dir / "glcompute" / "kernels";
  if (!fs::is_directory(kernels)) throw glc::Error(kernels.string() + " is not a directory; pass --shader-dir");
  std::vector<fs::path> files;
  for (const fs::directory_entry& e : fs::directory_iterator(kernels)) {
    if (e.path().extension() == ".comp") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Case> cases;
  for (const fs::path& file : files) {
    std::vector<std::string> variants = {""};
    std::ifstream in(file);
    const std::string marker = "// glslc-variant: ";
    for (std::string line; std::getline(in, line);) {
      if (line.rfind(marker, 0) == 0) variants.push_back(line.substr(marker.size()));
    }
    for (const std::string& variant : variants) {
      glc::CompileOptions options;
      options.defines = parse_defines(variant);
      const std::string name = file.filename().string() + (variant.empty() ? "" : " " + variant);
      cases.push_back({name, glc::Source::file(file), options});
    }
  }
  return cases;
}

/// A larger shader than any shipped kernel: 64 distinct functions, each a small loop of
/// arithmetic and Philox rounds, all reaching the output so the compiler keeps them.
Case generated_shader() {
  constexpr int kFunctions = 64;
  std::string glsl =
      "#version 430\n#include \"glcompute/philox.glsl\"\nlayout(local_size_x = 128) in;\n"
      "layout(std430, binding = 0) buffer Out { float values[]; };\nuniform uint n;\n";
  for (int f = 0; f < kFunctions; ++f) {
    const std::string k = std::to_string(f);
    glsl += "float f" + k + "(float x, uint i) {\n"
            "  for (int r = 0; r < " + std::to_string(2 + f % 5) + "; ++r) {\n"
            "    uvec4 w = glc_philox4x32_10(uvec4(i, uint(r), " + k + "u, 0u), uvec2(" + k + "u, 7u));\n"
            "    x = fma(x, " + std::to_string(1.0 + f / 128.0) + ", glc_uniform01(w.x)) - sin(x * " + k + ".5);\n"
            "    if (x > " + k + ".0) x = sqrt(abs(x)) + float(w.y & 15u);\n"
            "  }\n"
            "  return x;\n}\n";
  }
  glsl += "void main() {\n  uint i = gl_GlobalInvocationID.x;\n  if (i >= n) return;\n"
          "  float x = float(i);\n";
  for (int f = 0; f < kFunctions; ++f) glsl += "  x += f" + std::to_string(f) + "(x, i);\n";
  glsl += "  values[i] = x;\n}\n";
  const auto lines = std::count(glsl.begin(), glsl.end(), '\n');
  return {"generated (" + std::to_string(lines) + " lines)", glc::Source::text(glsl, "generated.comp"), {}};
}

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
  cases.push_back(generated_shader());
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
  std::sort(ms.begin(), ms.end());
  const std::size_t m = ms.size() / 2;
  return ms.size() % 2 ? ms[m] : (ms[m - 1] + ms[m]) / 2;
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
  return text;
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
  std::printf("device: %s (%s), GL %s, EGL path %s\n", info.renderer.c_str(), info.vendor.c_str(),
              info.version.c_str(), info.egl_path.c_str());
  std::printf("date: %s; median of %d compiles per program and path, program cache and driver "
              "shader cache off\n\n", utc_now().c_str(), options.repeats);
  if (!info.features.gl_spirv) {
    std::printf("This driver lacks ARB_gl_spirv: only the GLSL path exists.\n");
    return 0;
  }

  // The first compile of a process also starts shaderc and the driver's compiler: not counted.
  const Case warm_up{"warm-up", glc::Source::text("#version 430\nlayout(local_size_x = 1) in;\nvoid main() {}\n"), {}};
  time_compile(ctx, warm_up, glc::ShaderPath::glsl, 1);
  time_compile(ctx, warm_up, glc::ShaderPath::spirv, 1);

  const std::vector<Case> kernels = shipped_kernels(options.shader_dir);
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
    return run(parse_options(argc, argv));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "glcompute_compile_paths: %s\n", e.what());
    return 1;
  }
}
