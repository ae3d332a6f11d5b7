#include "compile_bench.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string_view>
#include <system_error>
#include <utility>

#include <stdlib.h>

namespace compile_bench {

namespace {

namespace fs = std::filesystem;
using Defines = std::vector<std::pair<std::string, std::string>>;

[[noreturn]] void usage_error(const char* program, const char* usage, const std::string& problem) {
  std::fprintf(stderr, "%s: %s\n%s", program, problem.c_str(), usage);
  std::exit(2);
}

/// "-DA -DB=1" -> {{"A", ""}, {"B", "1"}}.
Defines parse_defines(const std::string& line) {
  Defines defines;
  std::istringstream words(line);
  for (std::string word; words >> word;) {
    if (word.rfind("-D", 0) != 0) continue;
    const std::size_t equals = word.find('=');
    defines.emplace_back(word.substr(2, equals - 2), equals == std::string::npos ? "" : word.substr(equals + 1));
  }
  return defines;
}

/// One kernel file with one set of defines.
struct Variant {
  fs::path file;
  Defines defines;
};

/// Every kernel file, plainly and with each of its `// glslc-variant:` define sets.
std::vector<Variant> variants(const fs::path& shader_dir) {
  const fs::path kernels = shader_dir / "glcompute" / "kernels";
  if (!fs::is_directory(kernels)) throw glc::Error(kernels.string() + " is not a directory; pass --shader-dir");
  std::vector<fs::path> files;
  for (const fs::directory_entry& e : fs::directory_iterator(kernels)) {
    if (e.path().extension() == ".comp") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Variant> found;
  for (const fs::path& file : files) {
    found.push_back({file, {}});
    std::ifstream in(file);
    const std::string marker = "// glslc-variant: ";
    for (std::string line; std::getline(in, line);) {
      if (line.rfind(marker, 0) != 0) continue;
      // Variants built for SPIR-V 1.3 use subgroup operations, which GL's SPIR-V path (1.0)
      // never takes and drivers without KHR_shader_subgroup cannot compile: not timed here.
      if (line.find("--target-spv") != std::string::npos) continue;
      found.push_back({file, parse_defines(line.substr(marker.size()))});
    }
  }
  return found;
}

Case to_case(const Variant& v, DefineNames names) {
  std::string name = v.file.filename().string();
  for (const auto& [define, value] : v.defines) {
    if (names == DefineNames::bare) name += " " + define;
    else name += " -D" + define + (value.empty() ? "" : "=" + value);
  }
  glc::CompileOptions options;
  options.defines = v.defines;
  return {std::move(name), glc::Source::file(v.file), std::move(options)};
}

}  // namespace

Options parse_options(int argc, char** argv, const char* program, const char* usage) {
  Options options;
  options.shader_dir = GLC_SHADER_DIR;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) usage_error(program, usage, std::string(arg) + " needs a value");
    const std::string value = argv[++i];
    if (arg == "--repeats") {
      char* end = nullptr;
      const long n = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || n < 1 || n > 1000) {
        usage_error(program, usage, "--repeats: '" + value + "' is not a number from 1 to 1000");
      }
      options.repeats = static_cast<int>(n);
    } else if (arg == "--shader-dir") {
      options.shader_dir = value;
    } else {
      usage_error(program, usage, "unknown option " + std::string(arg));
    }
  }
  return options;
}

std::vector<Case> kernel_variants(const fs::path& shader_dir, DefineNames names) {
  std::vector<Case> cases;
  for (const Variant& v : variants(shader_dir)) cases.push_back(to_case(v, names));
  return cases;
}

std::vector<Case> library_kernels(const fs::path& shader_dir, DefineNames names) {
  std::vector<Case> cases;
  for (const Variant& v : variants(shader_dir)) {
    if (v.file.filename() == "reduce.comp" && v.defines.empty()) continue;
    cases.push_back(to_case(v, names));
  }
  return cases;
}

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

Case warm_up_shader() {
  return {"warm-up", glc::Source::text("#version 430\nlayout(local_size_x = 1) in;\nvoid main() {}\n"), {}};
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t m = values.size() / 2;
  return values.size() % 2 ? values[m] : (values[m - 1] + values[m]) / 2;
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
  return text;
}

void print_device(const glc::ContextInfo& info) {
  std::printf("device: %s (%s), GL %s, EGL path %s\n", info.renderer.c_str(), info.vendor.c_str(),
              info.version.c_str(), info.egl_path.c_str());
}

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "glc-cache-bench-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw glc::Error("cannot create a temporary directory");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

}  // namespace compile_bench
