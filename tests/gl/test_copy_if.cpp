// glc::copy_if (shaders/glcompute/kernels/copy_if.glsl on scan.comp's tiles): against
// std::copy_if for every element type and size class, on both paths, with predicates that use
// the index; an output too small; predicate errors that point into the predicate.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "gl_test_context.hpp"
#include "forced_lookback.hpp"

namespace {

using glc::testing::context;
using glc::testing::contains;
using glc::testing::error_from;
using glc::testing::ScopedEnv;

constexpr std::size_t kSizes[] = {0, 1, 255, 257, 4097, (1u << 20) + 3};

template <class T>
std::vector<T> values(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<T> v(n);
  for (T& x : v) x = static_cast<T>(static_cast<std::int32_t>(rng() % 2001) - 1000) / T(std::is_floating_point_v<T> ? 1000 : 1);
  return v;
}

template <class T>
class CopyIf : public ::testing::Test {};
using Types = ::testing::Types<float, double, std::int32_t, std::uint32_t>;
TYPED_TEST_SUITE(CopyIf, Types);

template <class T>
void expect_copy_if(std::size_t n, const char* predicate) {
  SCOPED_TRACE("n = " + std::to_string(n) + ", " + predicate);
  const std::vector<T> in = values<T>(n, static_cast<std::uint32_t>(n) + 1);
  std::vector<T> expected;
  for (std::size_t i = 0; i < n; ++i) {
    bool keep = false;
    if constexpr (std::is_unsigned_v<T>) keep = in[i] % 3 == 0 && i % 2 == 0;
    else keep = in[i] > T(0) && i % 2 == 0;
    if (keep) expected.push_back(in[i]);
  }
  glc::Buffer<T> input = context().buffer(in);
  glc::Buffer<T> out = context().buffer(std::vector<T>(n, static_cast<T>(77)));
  const std::size_t kept = glc::copy_if(input, out, predicate);
  ASSERT_EQ(kept, expected.size());
  const std::vector<T> got = out.read();
  EXPECT_TRUE(std::equal(expected.begin(), expected.end(), got.begin()));
  EXPECT_TRUE(std::all_of(got.begin() + static_cast<std::ptrdiff_t>(kept), got.end(),
                          [](T x) { return x == static_cast<T>(77); }))
      << "wrote past the kept elements";
}

template <class T>
const char* predicate() {
  if constexpr (std::is_unsigned_v<T>) return "x % 3u == 0u && i % 2u == 0u";
  else if constexpr (std::is_integral_v<T>) return "x > 0 && i % 2u == 0u";
  else return "x > 0.0 && (i & 1u) == 0u";
}

TYPED_TEST(CopyIf, MatchesStdCopyIfAtEverySize) {
  for (const std::size_t n : kSizes) expect_copy_if<TypeParam>(n, predicate<TypeParam>());
}

TYPED_TEST(CopyIf, OtherPathAgrees) {
  const bool lookback = glc::algorithm_path(context()).lookback;
  ScopedEnv env("GLCOMPUTE_LOOKBACK", lookback ? "0" : "1");
  for (const std::size_t n : {std::size_t{4097}, std::size_t{300'001}}) {
    glc::testing::retry_bounded_waits([&] { expect_copy_if<TypeParam>(n, predicate<TypeParam>()); });
  }
}

TEST(CopyIfErrors, OutputTooSmallAndBadPredicates) {
  glc::Buffer<float> in = context().buffer(std::vector<float>(1000, 1.0f));
  glc::Buffer<float> small = context().buffer(std::vector<float>(10, 5.0f));
  EXPECT_TRUE(contains(error_from([&] { glc::copy_if(in, small, "x > 0.5"); }),
                       {"glc::copy_if", "1000 elements pass", "out holds 10"}));
  EXPECT_EQ(small.read(), std::vector<float>(10, 1.0f)) << "the first 10 are written";
  EXPECT_TRUE(contains(error_from([&] { glc::copy_if(in, in, "x > 0.5"); }), "the same buffer"));
  try {
    glc::copy_if(in, small, "x > \n y");
    ADD_FAILURE() << "no error";
  } catch (const glc::ShaderError& e) {
    ASSERT_FALSE(e.diagnostics().empty());
    EXPECT_EQ(e.diagnostics().front().file, "<copy_if predicate>") << e.what();
    EXPECT_EQ(e.diagnostics().front().line, 2) << e.what();
  }
}

TEST(CopyIfLarge, LargerThanOneStorageBinding) {
  const std::size_t n = context().info().limits.max_storage_block_bytes / sizeof(std::uint32_t) + 1001;
  std::vector<std::uint32_t> in(n);
  for (std::size_t i = 0; i < n; ++i) in[i] = static_cast<std::uint32_t>(i);
  glc::Buffer<std::uint32_t> input = context().buffer(in);
  glc::Buffer<std::uint32_t> out = context().buffer<std::uint32_t>(n);
  EXPECT_EQ(glc::copy_if(input, out, "x % 7u != 3u"), n - (n + 3) / 7);
  const std::vector<std::uint32_t> got = out.read();
  std::size_t j = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (i % 7 != 3) ASSERT_EQ(got[j++], i);
  }
}

}  // namespace
