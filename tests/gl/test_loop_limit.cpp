// A driver limit a user hits: Mesa's llvmpipe ends shader loops after 65535 iterations in
// total per invocation, without a word (the shader "finishes", with wrong data, and
// ContextOptions::gpu_timeout never fires). ctx.info().limits.max_loop_iterations reports it
// (0 where the driver has no such limit); these tests show it and check that report.

#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "gl_test_context.hpp"

namespace {

using glc::testing::context;

/// Counts the iterations of two loops run one after the other (`first` then `second`
/// iterations) and of a third nested one (`outer` x `inner`), each into its own counter.
constexpr const char* kCountLoops = R"(#version 430
layout(local_size_x = 1) in;
layout(std430, binding = 0) buffer Counts { uint counts[]; };
uniform uint first;
uniform uint second;
uniform uint outer;
uniform uint inner;
void main() {
  uint a = 0u;
  for (uint i = 0u; i < first; ++i) a += 1u;
  uint b = 0u;
  for (uint i = 0u; i < second; ++i) b += 1u;
  uint c = 0u;
  for (uint i = 0u; i < outer; ++i) {
    for (uint j = 0u; j < inner; ++j) c += 1u;
  }
  counts[0] = a;
  counts[1] = b;
  counts[2] = c;
}
)";

struct Counts {
  std::uint64_t first = 0, second = 0, nested = 0;
};

Counts count_loops(std::uint32_t first, std::uint32_t second, std::uint32_t outer,
                   std::uint32_t inner) {
  glc::Program p = glc::testing::compile(kCountLoops, "count_loops.comp");
  glc::Buffer<std::uint32_t> counts = context().buffer(std::vector<std::uint32_t>(3, 0xDEADBEEFu));
  p.bind("Counts", counts)
      .set("first", first)
      .set("second", second)
      .set("outer", outer)
      .set("inner", inner);
  p.dispatch(1);
  const std::vector<std::uint32_t> c = counts.read();
  return {c[0], c[1], c[2]};
}

TEST(LoopLimit, InfoReportsTheDriversLimit) {
  const glc::ContextInfo& info = context().info();
  const bool llvmpipe = info.renderer.find("llvmpipe") != std::string::npos;
  EXPECT_EQ(info.limits.max_loop_iterations, llvmpipe ? 65535u : 0u) << info.renderer;
  EXPECT_NE(info.to_string().find("loop iterations"), std::string::npos) << info.to_string();
}

TEST(LoopLimit, ALoopBelowTheLimitRunsToItsEnd) {
  const Counts c = count_loops(60000, 0, 0, 0);
  EXPECT_EQ(c.first, 60000u);
}

// 100000 iterations asked for: the driver with a limit stops at it, silently.
TEST(LoopLimit, ALoopBeyondTheLimitIsCutThereSilently) {
  const std::uint64_t limit = context().info().limits.max_loop_iterations;
  const Counts c = count_loops(100000, 0, 0, 0);
  EXPECT_EQ(c.first, limit == 0 ? 100000u : limit);
}

// The limit counts the iterations of every loop of the invocation together (llvmpipe counts
// each loop's exit test too): two loops of 40000 iterations each get 40000 and about 25535,
// and nested loops of 300 x 300 stop short of 90000; the code after the cut loop still runs.
TEST(LoopLimit, TheLimitIsOnTheTotalOfAllLoopsOfAnInvocation) {
  const std::uint64_t limit = context().info().limits.max_loop_iterations;
  if (limit == 0) GTEST_SKIP() << "this driver reports no loop limit: " << context().info().renderer;
  const Counts two = count_loops(40000, 40000, 0, 0);
  EXPECT_EQ(two.first, 40000u);
  EXPECT_LT(two.second, 40000u);
  EXPECT_LE(two.first + two.second, limit);
  EXPECT_GE(two.first + two.second, limit - 2);
  const Counts nested = count_loops(0, 0, 300, 300);  // 90000 inner iterations asked for
  EXPECT_LT(nested.nested, 90000u);
  EXPECT_LE(nested.nested, limit);
}

}  // namespace
