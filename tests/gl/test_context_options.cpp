// Context options and environment variables at their edges: a GPU timeout of "never"
// (std::chrono::milliseconds::max(), glc::no_gpu_timeout) must be safe (it overflowed a
// conversion to nanoseconds: undefined behaviour, which the sanitizer build aborts on), and
// GLCOMPUTE_DEVICE is read the same way whatever side its surrounding blanks are on.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gl_test_context.hpp"

namespace {

using ::testing::HasSubstr;
using glc::testing::context;
using glc::testing::error_of;
using glc::testing::ScopedEnv;

/// A dispatch, then reads that wait on fences (a staged read, a view): every kind of wait
/// that ContextOptions::gpu_timeout bounds.
::testing::AssertionResult waits_work(glc::Context& ctx) {
  constexpr std::size_t n = 1 << 17;  // 512 KiB: large enough for the staged path
  glc::Program p = ctx.compile(glc::Source::text(R"(#version 430
layout(local_size_x = 256) in;
layout(std430, binding = 0) writeonly buffer Out { uint values[]; };
uniform uint n;
void main() { uint i = gl_GlobalInvocationID.x; if (i < n) values[i] = i ^ 0x5a5au; }
)", "xor.comp"));
  glc::Buffer<std::uint32_t> out = ctx.buffer<std::uint32_t>(n);
  p.bind("Out", out).set("n", static_cast<std::uint32_t>(n));
  p.dispatch_for(n);
  const std::vector<std::uint32_t> values = out.read();
  for (std::uint32_t i = 0; i < n; ++i) {
    if (values[i] != (i ^ 0x5a5au)) return ::testing::AssertionFailure() << "element " << i;
  }
  glc::MappedRead<std::uint32_t> view = out.map_read();
  if (view[n - 1] != ((n - 1) ^ 0x5a5au)) return ::testing::AssertionFailure() << "the view";
  return ::testing::AssertionSuccess();
}

TEST(ContextOptions, AGpuTimeoutOfMaxMeansNeverAndIsSafe) {
  glc::Context ctx(glc::ContextOptions{.gpu_timeout = std::chrono::milliseconds::max()});
  EXPECT_TRUE(waits_work(ctx));
}

TEST(ContextOptions, NoGpuTimeoutIsNamed) {
  static_assert(glc::no_gpu_timeout == std::chrono::milliseconds::max());
  glc::Context ctx(glc::ContextOptions{.gpu_timeout = glc::no_gpu_timeout});
  EXPECT_TRUE(waits_work(ctx));
}

// Every value whose nanoseconds do not fit in GL's 64-bit timeout is "never" too, not a
// wrapped value: 2^62 ms wrapped to exactly 0 ns, a timeout that expires at once.
TEST(ContextOptions, TimeoutsBeyondWhatGlCanWaitMeanNever) {
  for (const std::int64_t ms : {std::int64_t{1} << 62, std::int64_t{1} << 44,
                                std::int64_t{18'446'744'073'709}}) {
    SCOPED_TRACE(ms);
    glc::Context ctx(glc::ContextOptions{.gpu_timeout = std::chrono::milliseconds(ms)});
    EXPECT_TRUE(waits_work(ctx));
  }
}

TEST(ContextOptions, NegativeTimeoutsAreStillRefused) {
  EXPECT_THAT(error_of([] {
                glc::Context c(glc::ContextOptions{.gpu_timeout = std::chrono::milliseconds::min()});
              }),
              HasSubstr("gpu_timeout must be positive"));
}

TEST(ContextOptions, DeviceIndexWithBlanksOnEitherSideIsTheSameIndex) {
  if (context().info().egl_path != "device") GTEST_SKIP() << "no EGL device platform here";
  for (const char* value : {"0", " 0", "0 ", " 0 ", "\t0\n"}) {
    SCOPED_TRACE(std::string("GLCOMPUTE_DEVICE='") + value + "'");
    const ScopedEnv env("GLCOMPUTE_DEVICE", value);
    std::string device;
    const std::string message = error_of([&] {
      glc::Context c;
      device = c.info().egl_device;
    });
    EXPECT_EQ(message, "(no error thrown)");
    EXPECT_THAT(device, HasSubstr("0 of "));
  }
}

TEST(ContextOptions, DeviceIndexWithBlanksInsideIsRefused) {
  for (const char* value : {"0 1", "1 0", "+ 0", "0x0"}) {
    SCOPED_TRACE(std::string("GLCOMPUTE_DEVICE='") + value + "'");
    const ScopedEnv env("GLCOMPUTE_DEVICE", value);
    const std::string message = error_of([] { glc::Context c; });
    EXPECT_THAT(message, HasSubstr("is not a device index"));
    EXPECT_THAT(message, HasSubstr(std::string("GLCOMPUTE_DEVICE='") + value + "'"));
  }
}

}  // namespace
