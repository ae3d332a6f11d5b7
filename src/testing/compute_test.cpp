// glc::testing::ComputeTest: one context for the tests of a program, GL's error state checked
// around each test.

#include <cstdlib>
#include <optional>
#include <string>

#include "glcompute/error.hpp"
#include "glcompute/testing.hpp"

namespace glc::testing {
namespace {

struct SharedContext {
  std::optional<Context> context;
  std::string unavailable;  // why there is no context; empty until that is known
};

SharedContext& shared() {
  static SharedContext s;
  return s;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

bool env_is(const char* name, const char* value) {
  const char* set = std::getenv(name);
  return set != nullptr && std::string(set) == value;
}

// Waits for the GPU and says what GL recorded, if anything; a lost context is let go, so that
// the next test makes a new one.
std::optional<std::string> gl_error() {
  SharedContext& s = shared();
  try {
    s.context->finish();
    return std::nullopt;
  } catch (const Error& e) {
    const std::string what = e.what();
    try {
      s.context->finish();  // the error flags were read above: only a lost context throws again
    } catch (const Error&) {
      s.context.reset();
    }
    return what;
  }
}

}  // namespace

void ComputeTest::SetUp() {
  SharedContext& s = shared();
  if (!s.context && s.unavailable.empty()) {
    try {
      s.context.emplace();
      if (env_is("GLCOMPUTE_SHADER_PATH", "spirv") && !s.context->info().features.gl_spirv) {
        s.unavailable = "GLCOMPUTE_SHADER_PATH=spirv, but the driver (" + s.context->info().renderer +
                        ") lacks ARB_gl_spirv";
        s.context.reset();
      }
    } catch (const Error& e) {
      s.unavailable = "no GL context: " + first_line(e.what());
    }
  }
  if (!s.context) {
    if (env_is("GLCOMPUTE_TESTING_REQUIRE_GL", "1")) GTEST_FAIL() << s.unavailable << " (GLCOMPUTE_TESTING_REQUIRE_GL=1)";
    GTEST_SKIP() << s.unavailable;
  }
  if (const std::optional<std::string> error = gl_error()) {
    GTEST_FAIL() << "GL reports an error from before the test: " << *error;
  }
}

void ComputeTest::TearDown() {
  if (!shared().context) return;
  if (const std::optional<std::string> error = gl_error()) {
    ADD_FAILURE() << "GL reports an error after the test: " << *error;
  }
}

Context& ComputeTest::ctx() {
  SharedContext& s = shared();
  if (!s.context) throw Error("glc::testing::ComputeTest::ctx: no context (" + s.unavailable + ")");
  return *s.context;
}

}  // namespace glc::testing
