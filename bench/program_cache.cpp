// glcompute_program_cache_bench: how much faster program creation gets with the program binary
// cache. For every program the kernel library builds (27 variants of the shipped kernels) and a
// larger generated shader, it times `Context::compile`, in this order:
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

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <stdlib.h>

#include <glcompute/glcompute.hpp>

namespace {

namespace fs = std::filesystem;
using Defines = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kUsage =
    "usage: glcompute_program_cache_bench [--repeats N] [--shader-dir DIR]\n"
    "  --repeats N       cached loads timed per program (default 5; the median is shown)\n"
    "  --shader-dir DIR  glcompute's shaders/ directory (default: the source tree's)\n";

struct Options {
  int repeats = 5;
  fs::path shader_dir = GLC_SHADER_DIR;
};

[[noreturn]] void usage_error(const std::string& problem) {
  std::fprintf(stderr, "glcompute_program_cache_bench: %s\n%s", problem.c_str(), kUsage);
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

/// The programs the kernel library builds: every kernel with every set of defines it uses.
std::vector<Case> shipped_kernels(const fs::path& shader_dir) {
  const fs::path kernels = shader_dir / "glcompute" / "kernels";
  std::vector<Case> cases;
  const auto add = [&](const char* file, Defines defines) {
    std::string name = file;
    for (const auto& [define, value] : defines) name += " " + define;
    glc::CompileOptions options;
    options.defines = std::move(defines);
    cases.push_back({std::move(name), glc::Source::file(kernels / file), std::move(options)});
  };
  add("fill.comp", {});
  add("iota.comp", {});
  add("iota.comp", {{"GLC_FLOAT", ""}});
  for (const char* variant : {"", "GLC_UNIFORM", "GLC_NORMAL"}) {
    for (const bool aligned : {false, true}) {
      Defines defines;
      if (*variant != '\0') defines.emplace_back(variant, "");
      if (aligned) defines.emplace_back("GLC_ALIGNED", "");
      add("random.comp", defines);
    }
  }
  for (const char* op : {"GLC_SUM", "GLC_MIN", "GLC_MAX"}) {
    for (const char* type : {"GLC_FLOAT", "GLC_INT", "GLC_UINT"}) add("reduce.comp", {{op, ""}, {type, ""}});
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

/// Milliseconds one compile of `c` takes in `ctx`, and whether it came from the cache.
std::pair<double, bool> time_compile(glc::Context& ctx, const Case& c) {
  const auto start = std::chrono::steady_clock::now();
  glc::Program program = ctx.compile(c.source, c.options);
  const auto stop = std::chrono::steady_clock::now();
  return {std::chrono::duration<double, std::milli>(stop - start).count(), program.loaded_from_cache()};
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t m = values.size() / 2;
  return values.size() % 2 ? values[m] : (values[m - 1] + values[m]) / 2;
}

struct Row {
  std::string name;
  double cold = 0, miss = 0, warm = 0, cached = 0;
};

void print_row(const Row& r) {
  std::printf("| %s | %.2f | %.2f | %.2f | %.2f | %.0fx | %.1fx |\n", r.name.c_str(), r.cold,
              r.miss, r.warm, r.cached, r.cold / r.cached, r.warm / r.cached);
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
  return text;
}

/// An empty temporary directory for the cache, removed at the end.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "glc-cache-bench-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw glc::Error("cannot create a temporary directory");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

int run(const Options& options) {
  const TempDir temp;
  const fs::path& cache_dir = temp.path();

  glc::ContextOptions off;
  off.program_cache.enabled = false;
  glc::Context cold_ctx(off);
  glc::ContextOptions on;
  on.program_cache.directory = cache_dir;
  glc::Context cache_ctx(on);
  const glc::ProgramCacheStats status = cache_ctx.program_cache();
  const glc::ContextInfo& info = cache_ctx.info();
  std::printf("device: %s (%s), GL %s, EGL path %s\n", info.renderer.c_str(), info.vendor.c_str(),
              info.version.c_str(), info.egl_path.c_str());
  std::printf("date: %s; cached = median of %d loads\n\n", utc_now().c_str(), options.repeats);
  if (!status.enabled()) {
    throw glc::Error("the program cache is off here: " + status.off_reason);
  }

  // The first compile of a process also starts shaderc and the driver's compiler: not counted.
  const Case warm_up{"warm-up", glc::Source::text("#version 430\nlayout(local_size_x = 1) in;\nvoid main() {}\n"), {}};
  time_compile(cold_ctx, warm_up);
  time_compile(cache_ctx, warm_up);

  std::vector<Case> cases = shipped_kernels(options.shader_dir);
  cases.push_back(generated_shader());
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
    row.cached = median(loads);
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
    return run(parse_options(argc, argv));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "glcompute_program_cache_bench: %s\n", e.what());
    return 1;
  }
}
