#pragma once
// Context creation with no EGL driver at all must fail with an error that lists every path
// tried. glvnd reads its vendor directories once per process (and Mesa its version override
// once per display), so such tests run their test binary again as a child with glvnd pointed at
// an empty directory, or with other variables set; the binary's main() sees GLC_TEST_CHILD_OUT,
// does the child's part instead of the tests and writes what it found there.

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "temp_dir.hpp"

extern char** environ;

namespace glc::testing {

/// Runs this binary as a child with the variables `set` ("NAME=value") added and every variable
/// starting with one of `drop` removed; with `without_egl`, glvnd finds no EGL vendor library (its
/// own vendor settings are removed too). Returns what the child wrote to $GLC_TEST_CHILD_OUT, or
/// "spawn failed" / "child failed".
inline std::string run_child(const std::vector<std::string>& set,
                             const std::vector<std::string_view>& drop = {},
                             bool without_egl = false) {
  const TempDir dir;  // its emptiness is the vendor directory; the child's output goes in it too
  const std::filesystem::path out = dir.path() / "child-output.txt";
  std::vector<std::string> env = {"GLC_TEST_CHILD_OUT=" + out.string()};
  if (without_egl) env.push_back("__EGL_VENDOR_LIBRARY_DIRS=" + dir.path().string());
  env.insert(env.end(), set.begin(), set.end());
  for (char** e = environ; *e != nullptr; ++e) {  // keep LD_LIBRARY_PATH and the like
    const std::string_view var(*e);
    bool dropped = (without_egl && var.starts_with("__EGL_VENDOR_LIBRARY_")) ||
                   var.starts_with("GLC_TEST_CHILD_OUT=");
    for (const std::string_view prefix : drop) dropped = dropped || var.starts_with(prefix);
    if (!dropped) env.emplace_back(var);
  }
  std::vector<char*> child_env;
  for (std::string& e : env) child_env.push_back(e.data());
  child_env.push_back(nullptr);
  char self[] = "/proc/self/exe";
  char* argv[] = {self, nullptr};
  pid_t pid = 0;
  if (posix_spawn(&pid, self, nullptr, nullptr, argv, child_env.data()) != 0) return "spawn failed";
  int status = 0;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return "child failed";
  }
  std::ifstream in(out);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

/// run_child with no EGL vendor library.
inline std::string run_child_without_egl(const std::vector<std::string>& set,
                                         const std::vector<std::string_view>& drop = {}) {
  return run_child(set, drop, true);
}

/// Mesa's variables that give a child a context without ARB_gpu_shader_fp64 (GL 4.5 kept), for
/// the Buffer<double> kernels' error on drivers without doubles.
inline const std::vector<std::string> kMesaWithoutFp64 = {
    "MESA_EXTENSION_OVERRIDE=-GL_ARB_gpu_shader_fp64", "MESA_GL_VERSION_OVERRIDE=4.5"};

}  // namespace glc::testing
