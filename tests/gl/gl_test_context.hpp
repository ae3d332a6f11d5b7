#pragma once
// One GL context per test binary: context creation is the slow part on llvmpipe, and a shared
// context also exercises many programs and buffers living side by side. Also the helpers the
// GL tests share: compiling a text source, error messages and their checks, poisoned buffers.

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
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

/// Sets an environment variable (unsets it, for nullptr) for one scope and restores its old
/// value, even when the test fails by an exception.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) ::setenv(name, value, 1);
    else ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) ::setenv(name_.c_str(), old_->c_str(), 1);
    else ::unsetenv(name_.c_str());
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};

/// `glsl` compiled in the shared context, `name` naming it in diagnostics.
inline Program compile(const std::string& glsl, const std::string& name) {
  return context().compile(Source::text(glsl, name));
}

/// The message of the glc::Error that `f` throws, or "(no error thrown)".
inline std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error thrown)";
}

/// Runs `f`, which must throw glc::Error, and returns the message ("" plus a failure if not).
template <class F>
std::string error_from(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected glc::Error, got another exception: " << e.what();
    return {};
  }
  ADD_FAILURE() << "expected glc::Error, nothing was thrown";
  return {};
}

/// Succeeds if `message` contains `part` anywhere.
inline ::testing::AssertionResult contains(const std::string& message, std::string_view part) {
  if (message.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "message does not contain '" << part << "':\n  "
                                       << message;
}

/// Succeeds if `message` contains every one of `parts` anywhere.
inline ::testing::AssertionResult contains(const std::string& message,
                                           std::initializer_list<std::string_view> parts) {
  for (std::string_view part : parts) {
    ::testing::AssertionResult found = contains(message, part);
    if (!found) return found;
  }
  return ::testing::AssertionSuccess();
}

/// Whether `word` occurs in `text` as a whole word: "mat4" is found in "is mat4 in" and
/// "glm::mat4" but not in "glm::dmat4"; "uint" is not found in "uint32_t".
inline bool has_word(std::string_view text, std::string_view word) {
  const auto is_word_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  };
  for (std::size_t at = text.find(word); at != std::string_view::npos;
       at = text.find(word, at + 1)) {
    const bool starts = at == 0 || !is_word_char(text[at - 1]);
    const std::size_t end = at + word.size();
    const bool ends = end == text.size() || !is_word_char(text[end]);
    if (starts && ends) return true;
  }
  return false;
}

/// Succeeds if `message` contains every one of `words` as a whole word.
inline ::testing::AssertionResult mentions(const std::string& message,
                                           std::initializer_list<std::string_view> words) {
  for (std::string_view word : words) {
    if (!has_word(message, word)) {
      return ::testing::AssertionFailure()
             << "message does not mention '" << word << "':\n  " << message;
    }
  }
  return ::testing::AssertionSuccess();
}

/// A value no kernel writes by accident, to show elements a dispatch failed to write.
template <class T>
T poison();
template <> inline float poison<float>() { return -12345.5f; }
template <> inline std::uint8_t poison<std::uint8_t>() { return 0xA5; }
template <> inline std::int32_t poison<std::int32_t>() { return -559038737; }  // 0xDEADBEEF
template <> inline std::uint32_t poison<std::uint32_t>() { return 0xDEADBEEFu; }

/// A buffer of n poisoned elements.
template <class T>
Buffer<T> poisoned_buffer(std::size_t n) {
  return context().buffer(std::vector<T>(n, poison<T>()));
}

}  // namespace glc::testing
