// glc::argmin and glc::argmax (shaders/glcompute/kernels/argminmax.comp) against NumPy's
// rules (first index; the first NaN wins; -0.0 == +0.0) in C++ and NumPy itself; ties,
// extremes, every size class, several storage bindings.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "numpy_reference.hpp"
#include "gl_test_context.hpp"

namespace {

using glc::testing::context;
using glc::testing::contains;
using glc::testing::error_from;

template <class T>
std::size_t reference_arg(const std::vector<T>& v, bool largest) {
  std::size_t best = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(v[i])) return i;
    }
    if (largest ? v[i] > v[best] : v[i] < v[best]) best = i;
  }
  return best;
}

template <class T>
std::vector<T> random_values(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<T> v(n);
  for (T& x : v) {
    if constexpr (std::is_floating_point_v<T>) x = static_cast<T>(static_cast<int>(rng() % 2001) - 1000) / T(8);
    else x = static_cast<T>(rng() % 5000);  // ties
  }
  return v;
}

template <class T>
class ArgMinMax : public ::testing::Test {};
using Types = ::testing::Types<float, double, std::int32_t, std::uint32_t>;
TYPED_TEST_SUITE(ArgMinMax, Types);

TYPED_TEST(ArgMinMax, FirstIndexAtEverySize) {
  using T = TypeParam;
  for (const std::size_t n : {std::size_t{1}, std::size_t{2}, std::size_t{255}, std::size_t{257},
                              std::size_t{(1u << 20) + 3}}) {
    SCOPED_TRACE("n = " + std::to_string(n));
    std::vector<T> v = random_values<T>(n, static_cast<std::uint32_t>(n));
    glc::Buffer<T> b = context().buffer(v);
    EXPECT_EQ(glc::argmin(b), reference_arg(v, false));
    EXPECT_EQ(glc::argmax(b), reference_arg(v, true));
    // The extremes of the type, twice: the first one wins.
    if (n > 4) {
      v[n - 2] = v[n / 3] = std::numeric_limits<T>::lowest();
      v[n - 1] = v[n / 2] = std::numeric_limits<T>::max();
      b.write(v);
      EXPECT_EQ(glc::argmin(b), reference_arg(v, false));
      EXPECT_EQ(glc::argmax(b), n / 2);
      if (!std::is_same_v<T, std::uint32_t>) EXPECT_EQ(glc::argmin(b), n / 3);  // 0 occurs before
    }
  }
}

TYPED_TEST(ArgMinMax, AgreesWithNumPy) {
  using T = TypeParam;
  if (auto why = glc::testing::numpy_missing()) GTEST_SKIP() << *why;
  std::vector<T> v = random_values<T>(300'007, 3);
  if constexpr (std::is_floating_point_v<T>) {
    v[1000] = -T(0);
    v[999] = T(0);
    v[50'000] = std::numeric_limits<T>::infinity();
    v[60'000] = -std::numeric_limits<T>::infinity();
  }
  glc::Buffer<T> b = context().buffer(v);
  const std::vector<std::int64_t> numpy =
      glc::testing::numpy_eval<std::int64_t>(v, "[np.argmin(x), np.argmax(x)]");
  EXPECT_EQ(glc::argmin(b), static_cast<std::size_t>(numpy[0]));
  EXPECT_EQ(glc::argmax(b), static_cast<std::size_t>(numpy[1]));
  if constexpr (std::is_floating_point_v<T>) {
    v[200'000] = -std::numeric_limits<T>::quiet_NaN();
    v[250'000] = std::numeric_limits<T>::quiet_NaN();
    b.write(v);
    const std::vector<std::int64_t> with_nan =
        glc::testing::numpy_eval<std::int64_t>(v, "[np.argmin(x), np.argmax(x)]");
    EXPECT_EQ(glc::argmin(b), static_cast<std::size_t>(with_nan[0]));
    EXPECT_EQ(glc::argmax(b), static_cast<std::size_t>(with_nan[1]));
    EXPECT_EQ(glc::argmax(b), 200'000u);
  }
}

TEST(ArgMinMaxSpecial, SignedZerosAreEqual) {
  glc::Buffer<float> b = context().buffer(std::vector<float>{0.0f, -0.0f, 0.0f});
  EXPECT_EQ(glc::argmin(b), 0u);
  EXPECT_EQ(glc::argmax(b), 0u);
  b.write(std::vector<float>{-0.0f, 0.0f, -0.0f});
  EXPECT_EQ(glc::argmin(b), 0u);
  EXPECT_EQ(glc::argmax(b), 0u);
}

TEST(ArgMinMaxLarge, LargerThanOneStorageBinding) {
  const std::size_t n = context().info().limits.max_storage_block_bytes / sizeof(double) + 1001;
  std::vector<double> v(n, 1.0);
  v[n - 3] = 2.0;
  v[n - 1] = 2.0;
  v[n / 2 + 1] = -1.0;
  v[n - 2] = -1.0;
  glc::Buffer<double> b = context().buffer(v);
  EXPECT_EQ(glc::argmax(b), n - 3);
  EXPECT_EQ(glc::argmin(b), n / 2 + 1);
}

TEST(ArgMinMaxErrors, EmptyBuffer) {
  glc::Buffer<float> empty = context().buffer<float>(0);
  EXPECT_TRUE(contains(error_from([&] { glc::argmax(empty); }),
                       {"glc::argmax", "empty", "attempt to get argmax of an empty sequence"}));
  EXPECT_TRUE(contains(error_from([&] { glc::argmin(empty); }), {"glc::argmin", "empty"}));
}

}  // namespace
