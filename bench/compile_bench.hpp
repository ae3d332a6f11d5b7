#pragma once
// Shared pieces of the two benches that time Context::compile, glcompute_compile_paths and
// glcompute_program_cache_bench: their command line, the programs they compile (the shipped
// kernel variants, a large generated shader, a warm-up), and the small helpers of their reports.

#include <filesystem>
#include <string>
#include <vector>

#include <glcompute/glcompute.hpp>

namespace compile_bench {

/// The command line of both: [--repeats N] [--shader-dir DIR].
struct Options {
  int repeats = 5;
  std::filesystem::path shader_dir;  ///< default: the source tree's shaders/
};

/// Parses the command line. On a bad one, prints "<program>: <problem>" and `usage` to stderr
/// and exits with status 2.
Options parse_options(int argc, char** argv, const char* program, const char* usage);

/// One program to compile: the name of its row, its source and its options.
struct Case {
  std::string name;
  glc::Source source;
  glc::CompileOptions options;
};

/// How the defines of a kernel variant appear in its name.
enum class DefineNames {
  flags,  ///< as its `// glslc-variant:` line spells them: "reduce.comp -DGLC_SUM -DGLC_FLOAT"
  bare,   ///< the macro names alone: "reduce.comp GLC_SUM GLC_FLOAT"
};

/// Every shipped kernel variant, the variants the build validates: each file of
/// `shader_dir`/glcompute/kernels/*.comp in name order, first without defines, then with each
/// define set of its `// glslc-variant:` lines. Throws glc::Error if that directory is missing.
std::vector<Case> kernel_variants(const std::filesystem::path& shader_dir, DefineNames names);

/// The programs the kernel library builds: kernel_variants() less reduce.comp without defines
/// (the library always passes an operation and an element type; the defaults of
/// reduce_ops.glsl only let the file compile alone, for the build's validation).
std::vector<Case> library_kernels(const std::filesystem::path& shader_dir, DefineNames names);

/// A larger shader than any shipped kernel: 64 distinct functions, each a small loop of
/// arithmetic and Philox rounds, all reaching the output so the compiler keeps them.
Case generated_shader();

/// An empty kernel, compiled first: the first compile of a process also starts shaderc and the
/// driver's compiler, which no row should count.
Case warm_up_shader();

/// The median of `values` (not empty).
double median(std::vector<double> values);

/// "2026-11-25 19:17 UTC".
std::string utc_now();

/// Prints "device: <renderer> (<vendor>), GL <version>, EGL path <path>".
void print_device(const glc::ContextInfo& info);

/// An empty temporary directory, removed with everything in it at the end.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace compile_bench
