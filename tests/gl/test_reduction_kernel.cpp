// glc::ReductionKernel: generated reductions against C++ loops (dot products in double, exact
// integer sums and counts, max), empty buffers giving the identity, the index, bit-identical
// runs, pieces larger than one binding; errors that point into the right expression.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "gl_test_context.hpp"

namespace {

using glc::testing::context;
using glc::testing::contains;
using glc::testing::error_from;

constexpr std::size_t kSizes[] = {0, 1, 3, 255, 257, (1u << 20) + 3};

std::vector<float> random_floats(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<float> v(n);
  for (float& x : v) x = static_cast<float>(static_cast<int>(rng() % 2001) - 1000) / 256.0f;
  return v;
}

TEST(ReductionKernel, DotProductAtEverySize) {
  glc::ReductionKernel<float> dot(context(), "float x, float y", "x * y", "a + b", "0.0", "dot");
  glc::ReductionKernel<double> dot_d(context(), "float x, float y", "double(x) * double(y)", "a + b", "0.0", "dot_d");
  for (const std::size_t n : kSizes) {
    SCOPED_TRACE("n = " + std::to_string(n));
    const std::vector<float> x = random_floats(n, 1), y = random_floats(n, 2);
    glc::Buffer<float> xs = context().buffer(x), ys = context().buffer(y);
    double expected = 0, magnitude = 0;
    for (std::size_t i = 0; i < n; ++i) {
      expected += static_cast<double>(x[i]) * y[i];
      magnitude += std::abs(static_cast<double>(x[i]) * y[i]);
    }
    // Products of multiples of 1/256 below 4: exact in float and double; sums are exact in double.
    EXPECT_EQ(dot_d(xs, ys), expected);
    EXPECT_NEAR(dot(xs, ys), expected, 1e-5 * magnitude + 1e-6);
  }
}

TEST(ReductionKernel, IntegersValuesIndexAndIdentity) {
  const std::size_t n = 100'003;
  std::vector<std::int32_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::int32_t>(i * 2654435761u);
  glc::Buffer<std::int32_t> b = context().buffer(v);
  glc::ReductionKernel<std::int32_t> sum(context(), "int x", "x", "a + b", "0", "sum");
  std::uint32_t wrapped = 0;
  for (std::int32_t x : v) wrapped += static_cast<std::uint32_t>(x);
  EXPECT_EQ(sum(b), static_cast<std::int32_t>(wrapped));
  glc::ReductionKernel<std::uint32_t> count(context(), "int x, int t", "uint(x > t && i % 3u == 0u)", "a + b", "0u", "count");
  std::uint32_t expected = 0;
  for (std::size_t i = 0; i < n; ++i) expected += v[i] > 1000 && i % 3 == 0;
  EXPECT_EQ(count(b, 1000), expected);
  glc::ReductionKernel<float> biggest(context(), "float x", "x", "max(a, b)", "-1.0 / 0.0", "max");
  const std::vector<float> f = random_floats(70'001, 9);
  glc::Buffer<float> fb = context().buffer(f);
  EXPECT_EQ(biggest(fb), *std::max_element(f.begin(), f.end()));
  glc::Buffer<float> empty = context().buffer<float>(0);
  EXPECT_EQ(biggest(empty), -std::numeric_limits<float>::infinity());
  EXPECT_EQ(sum(context().buffer<std::int32_t>(0)), 0);
}

TEST(ReductionKernel, BitIdenticalRunToRun) {
  glc::ReductionKernel<float> dot(context(), "float x, float y", "x * y", "a + b", "0.0", "dot");
  std::mt19937 rng(5);
  std::vector<float> x(1'000'003);
  for (float& v : x) v = static_cast<float>(rng()) * 0x1p-32f;
  glc::Buffer<float> xs = context().buffer(x);
  const float first = dot(xs, xs);
  for (int r = 0; r < 3; ++r) EXPECT_EQ(std::bit_cast<std::uint32_t>(dot(xs, xs)), std::bit_cast<std::uint32_t>(first));
}

TEST(ReductionKernel, Errors) {
  EXPECT_TRUE(contains(error_from([&] { glc::ReductionKernel<float>(context(), "float a", "a", "a + b", "0.0"); }),
                       {"'a'", "operands a and b"}));
  glc::ReductionKernel<float> bad(context(), "float x", "x * 2.0", "a +\n b * q", "0.0", "bad");
  glc::Buffer<float> b = context().buffer<float>(4);
  try {
    bad(b);
    ADD_FAILURE() << "no error";
  } catch (const glc::ShaderError& e) {
    ASSERT_FALSE(e.diagnostics().empty());
    EXPECT_EQ(e.diagnostics().front().file, "<ReductionKernel bad reduce>") << e.what();
    EXPECT_EQ(e.diagnostics().front().line, 2) << e.what();
  }
  glc::ReductionKernel<float> sum(context(), "float x", "x", "a + b", "0.0", "sum");
  glc::Buffer<double> d = context().buffer<double>(4);
  EXPECT_TRUE(contains(error_from([&] { sum(d); }), {"'float x'", "glc::Buffer<double>"}));
}

TEST(ReductionKernelLarge, LargerThanOneStorageBinding) {
  const std::size_t n = context().info().limits.max_storage_block_bytes / sizeof(std::uint32_t) + 1001;
  std::vector<std::uint32_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint32_t>(i & 0xFF);
  glc::Buffer<std::uint32_t> b = context().buffer(v);
  // i & 1023 keeps every partial sum an integer below 2^53 (exact in any order) at NVIDIA's
  // 2^29 elements too, where a sum of i itself (1.4e17) would round differently by order.
  glc::ReductionKernel<double> sum(context(), "uint x", "double(x) + double(i & 1023u)", "a + b", "0.0", "large");
  double expected = 0;
  for (std::size_t i = 0; i < n; ++i) expected += static_cast<double>(v[i]) + static_cast<double>(i & 1023u);
  EXPECT_EQ(sum(b), expected);
}

}  // namespace
