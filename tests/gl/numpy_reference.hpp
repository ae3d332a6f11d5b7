#pragma once
// NumPy itself as a reference for the algorithms that follow NumPy's rules (sort order,
// histogram bins, argmin/argmax): arrays go to /usr/bin/python3 as raw files, a short NumPy
// script computes the answer, and it comes back as a raw file. Tests skip, saying why, where
// /usr/bin/python3 or its numpy is missing. GLCOMPUTE_TEST_PYTHON names another interpreter
// (e.g. one with NumPy 2 on a GPU machine, to check both NumPy generations).

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "temp_dir.hpp"

namespace glc::testing {

/// Why NumPy cannot be used here, or nullopt where it can.
inline std::string python() {
  const char* chosen = std::getenv("GLCOMPUTE_TEST_PYTHON");
  return chosen != nullptr && *chosen != '\0' ? chosen : "/usr/bin/python3";
}

inline std::optional<std::string> numpy_missing() {
  static const std::optional<std::string> reason = []() -> std::optional<std::string> {
    if (!std::filesystem::exists(python())) return python() + " is missing";
    if (std::system((python() + " -c 'import numpy' >/dev/null 2>&1").c_str()) != 0) {
      return python() + " has no numpy (Debian: python3-numpy)";
    }
    std::system((python() + " -c 'import numpy; print(\"NumPy\", numpy.__version__)'").c_str());
    return std::nullopt;
  }();
  return reason;
}

template <class T>
void write_raw(const std::filesystem::path& file, const std::vector<T>& v) {
  std::ofstream out(file, std::ios::binary);
  out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(T)));
}

template <class T>
std::vector<T> read_raw(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<T> v(bytes.size() / sizeof(T));
  std::memcpy(v.data(), bytes.data(), v.size() * sizeof(T));
  return v;
}

/// NumPy's dtype name for T.
template <class T>
const char* numpy_dtype() {
  if constexpr (std::is_same_v<T, float>) return "float32";
  else if constexpr (std::is_same_v<T, double>) return "float64";
  else if constexpr (std::is_same_v<T, std::int32_t>) return "int32";
  else if constexpr (std::is_same_v<T, std::uint32_t>) return "uint32";
  else if constexpr (std::is_same_v<T, std::int64_t>) return "int64";
  else return "uint64";
}

/// Runs `expression` in NumPy with `x` bound to `input` (as T) and returns its value as R
/// (converted with .astype). Any other names the expression needs are set in `prelude`.
template <class R, class T>
std::vector<R> numpy_eval(const std::vector<T>& input, const std::string& expression,
                          const std::string& prelude = "") {
  TempDir dir;
  const auto in = dir.path() / "in.raw";
  const auto out = dir.path() / "out.raw";
  write_raw(in, input);
  const auto script = dir.write(
      "run.py", "import numpy as np\n"
                "x = np.fromfile('" + in.string() + "', dtype=np." + numpy_dtype<T>() + ")\n" +
                prelude + "\n"
                "r = np.asarray(" + expression + ").astype(np." + numpy_dtype<R>() + ")\n"
                "r.tofile('" + out.string() + "')\n");
  const std::string command = python() + " " + script.string();
  if (std::system(command.c_str()) != 0) throw std::runtime_error("NumPy failed: " + expression);
  return read_raw<R>(out);
}

}  // namespace glc::testing
