// Dispatch: group counts, dispatch_for at work group boundaries, limits, and the barriers
// glcompute issues so results are always visible to what comes next.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <vector>

#include <glad/gl.h>

#include "gl_test_context.hpp"

namespace {

using glc::testing::context;
using glc::testing::error_of;
using glc::testing::poison;
using glc::testing::poisoned_buffer;
using ::testing::HasSubstr;

// out[i] = 3i + 1 for i < n; the invocations past n must write nothing.
glc::Program index_kernel(int local_size) {
  return context().compile(glc::Source::text(
      "#version 430\nlayout(local_size_x = " + std::to_string(local_size) + ") in;\n"
      "layout(std430, binding = 0) buffer Out { uint v[]; };\nuniform uint n;\n"
      "void main() {\n  uint i = gl_GlobalInvocationID.x;\n  if (i < n) v[i] = 3u * i + 1u;\n}\n",
      "index_kernel.comp"));
}

// x[i] += 1 for every element: run repeatedly, each dispatch must see the one before.
glc::Program increment_kernel() {
  return context().compile(glc::Source::text(
      "#version 430\nlayout(local_size_x = 64) in;\n"
      "layout(std430, binding = 0) buffer X { uint x[]; };\n"
      "void main() { uint i = gl_GlobalInvocationID.x; if (i < uint(x.length())) x[i] += 1u; }\n",
      "increment.comp"));
}

// out[i] = in[i] * 2
glc::Program double_kernel() {
  return context().compile(glc::Source::text(
      "#version 430\nlayout(local_size_x = 64) in;\n"
      "layout(std430, binding = 1) readonly buffer In { uint in_values[]; };\n"
      "layout(std430, binding = 3) writeonly buffer Out { uint out_values[]; };\n"
      "void main() { uint i = gl_GlobalInvocationID.x;\n"
      "  if (i < uint(out_values.length())) out_values[i] = in_values[i] * 2u; }\n",
      "double.comp"));
}

void expect_written_prefix(const std::vector<std::uint32_t>& v, std::size_t n) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::uint32_t expected = i < n ? static_cast<std::uint32_t>(3 * i + 1) : poison<std::uint32_t>();
    ASSERT_EQ(v[i], expected) << "element " << i << " of " << v.size() << ", n = " << n;
  }
}

TEST(Dispatch, DispatchForCoversExactlyNAtGroupBoundaries) {
  for (int local : {1, 64, 256}) {
    glc::Program p = index_kernel(local);
    EXPECT_EQ(p.local_size()[0], static_cast<std::uint32_t>(local));
    for (std::size_t n : {std::size_t{1}, std::size_t(local - 1), std::size_t(local),
                          std::size_t(local + 1), std::size_t(2 * local - 1), std::size_t(2 * local),
                          std::size_t(2 * local + 1), std::size_t(1000 * local + 7)}) {
      if (n == 0) continue;
      glc::Buffer<std::uint32_t> out = poisoned_buffer<std::uint32_t>(n + 2 * local);
      p.bind("Out", out).set("n", static_cast<std::uint32_t>(n));
      p.dispatch_for(n);
      expect_written_prefix(out.read(), n);
    }
  }
}

TEST(Dispatch, DispatchForZeroRunsNothing) {
  glc::Program p = index_kernel(64);
  glc::Buffer<std::uint32_t> out = poisoned_buffer<std::uint32_t>(64);
  p.bind("Out", out).set("n", 64u);
  p.dispatch_for(0);
  expect_written_prefix(out.read(), 0);
}

TEST(Dispatch, MultiDimensionalGroups) {
  glc::Program p = context().compile(glc::Source::text(
      "#version 430\nlayout(local_size_x = 4, local_size_y = 2, local_size_z = 2) in;\n"
      "layout(std430, binding = 0) buffer Out { uint v[]; };\n"
      "void main() { uvec3 g = gl_GlobalInvocationID, size = gl_NumWorkGroups * gl_WorkGroupSize;\n"
      "  uint i = g.x + size.x * (g.y + size.y * g.z); v[i] = i; }\n"));
  const std::size_t n = (3 * 4) * (5 * 2) * (2 * 2);
  glc::Buffer<std::uint32_t> out = poisoned_buffer<std::uint32_t>(n);
  p.bind("Out", out).dispatch(3, 5, 2);
  std::vector<std::uint32_t> expected(n);
  std::iota(expected.begin(), expected.end(), 0u);
  EXPECT_EQ(out.read(), expected);
}

TEST(Dispatch, ZeroGroupsIsAnError) {
  glc::Program p = index_kernel(64);
  glc::Buffer<std::uint32_t> out = poisoned_buffer<std::uint32_t>(64);
  p.bind("Out", out).set("n", 64u);
  EXPECT_THAT(error_of([&] { p.dispatch(0); }), HasSubstr("0 x 1 x 1 has a zero"));
  EXPECT_THAT(error_of([&] { p.dispatch(1, 0, 1); }), HasSubstr("has a zero"));
  EXPECT_THAT(error_of([&] { p.dispatch(1, 1, 0); }), HasSubstr("has a zero"));
}

TEST(Dispatch, GroupCountsAboveTheLimitAreErrors) {
  const auto& max = context().info().limits.max_work_group_count;
  glc::Program p = index_kernel(64);
  glc::Buffer<std::uint32_t> out = poisoned_buffer<std::uint32_t>(64);
  p.bind("Out", out).set("n", 0u);
  if (max[0] < UINT32_MAX) {
    EXPECT_THAT(error_of([&] { p.dispatch(max[0] + 1); }), HasSubstr("exceeds the driver's maximum"));
  }
  if (max[1] < UINT32_MAX) {
    EXPECT_THAT(error_of([&] { p.dispatch(1, max[1] + 1); }), HasSubstr("exceeds"));
  }
  const std::uint64_t too_many = (std::uint64_t{max[0]} + 1) * 64;
  EXPECT_THAT(error_of([&] { p.dispatch_for(too_many); }), HasSubstr("grid-stride"));
  expect_written_prefix(out.read(), 0);  // nothing ran
}

TEST(Barriers, DispatchThenDispatchSeesEachResult) {
  glc::Program inc = increment_kernel();
  glc::Buffer<std::uint32_t> x = context().buffer<std::uint32_t>(100'003);
  inc.bind("X", x);
  for (int i = 0; i < 50; ++i) inc.dispatch_for(x.size());
  EXPECT_EQ(x.read(), std::vector<std::uint32_t>(x.size(), 50u));
}

TEST(Barriers, TwoProgramsShareABufferAtDifferentBindings) {
  glc::Program inc = increment_kernel();  // X at binding 0
  glc::Program dbl = double_kernel();     // In at 1, Out at 3
  glc::Buffer<std::uint32_t> shared = context().buffer<std::uint32_t>(1000);
  glc::Buffer<std::uint32_t> out = poisoned_buffer<std::uint32_t>(1000);
  inc.bind("X", shared);
  dbl.bind("In", shared).bind("Out", out);
  for (std::uint32_t round = 1; round <= 5; ++round) {
    inc.dispatch_for(1000);  // shared += 1
    dbl.dispatch_for(1000);  // out = shared * 2
    EXPECT_EQ(out.read(), std::vector<std::uint32_t>(1000, 2 * round)) << "round " << round;
  }
  // A program's bindings are its own: binding `out` to inc does not disturb dbl.
  inc.bind("X", out);
  inc.dispatch_for(1000);
  dbl.dispatch_for(1000);
  EXPECT_EQ(out.read(), std::vector<std::uint32_t>(1000, 10u));
}

// Dispatch skips glUseProgram when the program is already current, by asking GL: the user's own
// GL calls in between (raw glUseProgram on Program::id(), or none) must not make it run the
// wrong program.
TEST(CurrentProgram, RawGlUseProgramBetweenDispatchesIsHarmless) {
  glc::Program inc = increment_kernel();
  glc::Program dbl = double_kernel();
  glc::Buffer<std::uint32_t> x = context().buffer<std::uint32_t>(256);
  glc::Buffer<std::uint32_t> out = poisoned_buffer<std::uint32_t>(256);
  inc.bind("X", x);
  dbl.bind("In", x).bind("Out", out);
  inc.dispatch_for(256);
  glUseProgram(dbl.id());  // the user switches behind glcompute's back ...
  inc.dispatch_for(256);   // ... which must still run inc
  glUseProgram(0);
  inc.dispatch_for(256);
  dbl.dispatch_for(256);
  EXPECT_EQ(x.read(), std::vector<std::uint32_t>(256, 3u));
  EXPECT_EQ(out.read(), std::vector<std::uint32_t>(256, 6u));
}

// A program destroyed while current stays in use in GL until replaced; a new program that
// reuses its name must still be made current.
TEST(CurrentProgram, ProgramDestroyedWhileCurrentThenNameReused) {
  glc::Buffer<std::uint32_t> x = context().buffer<std::uint32_t>(64);
  glc::Buffer<std::uint32_t> out = poisoned_buffer<std::uint32_t>(64);
  for (int round = 0; round < 5; ++round) {
    {
      glc::Program inc = increment_kernel();
      inc.bind("X", x);
      inc.dispatch_for(64);  // inc is current when it is destroyed
    }
    glc::Program dbl = double_kernel();
    dbl.bind("In", x).bind("Out", out);
    dbl.dispatch_for(64);
    EXPECT_EQ(out.read(), std::vector<std::uint32_t>(64, 2u * (round + 1))) << "round " << round;
  }
}

TEST(Barriers, WriteAndCopyAfterDispatch) {
  glc::Program inc = increment_kernel();
  glc::Buffer<std::uint32_t> x = context().buffer<std::uint32_t>(4096);
  glc::Buffer<std::uint32_t> copy = poisoned_buffer<std::uint32_t>(4096);
  inc.bind("X", x);
  inc.dispatch_for(x.size());
  copy.copy_from(x);  // copy after dispatch sees the result
  EXPECT_EQ(copy.read(), std::vector<std::uint32_t>(4096, 1u));
  x.write(std::vector<std::uint32_t>(4096, 10u));  // write after dispatch is not overtaken
  inc.dispatch_for(x.size());
  EXPECT_EQ(x.read(), std::vector<std::uint32_t>(4096, 11u));
}

TEST(Binding, RangesSeeOnlyTheirElements) {
  glc::Program inc = increment_kernel();
  const std::size_t align = context().info().limits.storage_buffer_offset_alignment;
  const std::size_t offset = align / sizeof(std::uint32_t) * 3;  // three alignments in
  glc::Buffer<std::uint32_t> x = context().buffer<std::uint32_t>(offset + 500);
  inc.bind("X", x, offset, 100);
  inc.dispatch_for(100);
  const std::vector<std::uint32_t> v = x.read();
  for (std::size_t i = 0; i < v.size(); ++i) {
    ASSERT_EQ(v[i], (i >= offset && i < offset + 100) ? 1u : 0u) << "element " << i;
  }
}

TEST(Binding, BuffersOverTheStorageBlockLimitMustBeBoundInRanges) {
  const std::uint64_t max = context().info().limits.max_storage_block_bytes;
  if (max > (std::uint64_t{1} << 30)) GTEST_SKIP() << "storage block limit " << max << " is too large to exceed cheaply";
  const std::size_t n = max / sizeof(std::uint32_t) + 64;
  glc::Buffer<std::uint32_t> big = context().buffer<std::uint32_t>(n);
  glc::Program inc = increment_kernel();
  EXPECT_THAT(error_of([&] { inc.bind("X", big); }), HasSubstr("maximum storage block size"));
  // Two ranges cover it all.
  // Two ranges cover it all; the kernel's groups are capped, so run it per slice of groups.
  const std::size_t half = (n / 2) / 1024 * 1024;
  const std::size_t max_groups = context().info().limits.max_work_group_count[0];
  const std::size_t step = std::min<std::size_t>(half, max_groups * 64) / 1024 * 1024;
  for (std::size_t begin = 0; begin < n; begin += step) {
    const std::size_t count = std::min(step, n - begin);
    inc.bind("X", big, begin, count).dispatch_for(count);
  }
  const std::vector<std::uint32_t> v = big.read();
  EXPECT_EQ(std::count(v.begin(), v.end(), 1u), static_cast<std::ptrdiff_t>(n));
}

// Context::time measures the work inside it: more work takes longer, whichever clock is used.
TEST(Timing, MeasuresTheWorkInside) {
  glc::Program inc = increment_kernel();
  glc::Buffer<std::uint32_t> x = context().buffer<std::uint32_t>(1 << 20);
  inc.bind("X", x);
  const glc::Timing one = context().time([&] { inc.dispatch_for(x.size()); });
  const glc::Timing many = context().time([&] {
    for (int i = 0; i < 40; ++i) inc.dispatch_for(x.size());
  });
  EXPECT_GT(one.seconds, 0.0);
  EXPECT_GT(many.seconds, one.seconds * 4) << "gpu timer: " << many.gpu_timer;
  EXPECT_EQ(x.read(), std::vector<std::uint32_t>(x.size(), 41u));
}

TEST(Timing, NestingIsAnErrorAndExceptionsLeaveTheContextUsable) {
  EXPECT_THAT(error_of([] { context().time([] { context().time([] {}); }); }),
              HasSubstr("cannot nest"));
  EXPECT_THROW(context().time([] { throw std::runtime_error("user error"); }), std::runtime_error);
  EXPECT_GE(context().time([] {}).seconds, 0.0);
}

}  // namespace
