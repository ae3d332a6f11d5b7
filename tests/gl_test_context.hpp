#pragma once
// One GL context per test binary: context creation is the slow part on llvmpipe, and a shared
// context also exercises many programs and buffers living side by side.

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include <glcompute/glcompute.hpp>
#include <gtest/gtest.h>

namespace glc::testing {

inline Context& context() {
  static Context ctx;
  return ctx;
}

/// ctest runs the compute tests a second time with GLCOMPUTE_SHADER_PATH=spirv. Where the driver
/// lacks ARB_gl_spirv that run skips every test, saying why, instead of failing each one.
class ShaderPathEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    const char* path = std::getenv("GLCOMPUTE_SHADER_PATH");
    if (path == nullptr || std::string(path) != "spirv" || context().info().features.gl_spirv) return;
    GTEST_SKIP() << "GLCOMPUTE_SHADER_PATH=spirv, but the driver (" << context().info().renderer
                 << ") lacks ARB_gl_spirv";
  }
};
inline ::testing::Environment* const shader_path_environment =
    ::testing::AddGlobalTestEnvironment(new ShaderPathEnvironment);

/// The message of the glc::Error that `f` throws, or "(no error thrown)".
inline std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error thrown)";
}

/// A value no kernel writes by accident, to show elements a dispatch failed to write.
template <class T>
T poison();
template <> inline float poison<float>() { return -12345.5f; }
template <> inline std::int32_t poison<std::int32_t>() { return -559038737; }  // 0xDEADBEEF
template <> inline std::uint32_t poison<std::uint32_t>() { return 0xDEADBEEFu; }

/// A buffer of n poisoned elements.
template <class T>
Buffer<T> poisoned_buffer(std::size_t n) {
  return context().buffer(std::vector<T>(n, poison<T>()));
}

}  // namespace glc::testing
