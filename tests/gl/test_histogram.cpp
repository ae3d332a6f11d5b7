// glc::histogram (shaders/glcompute/kernels/histogram.comp) against NumPy's np.histogram rules
// -- a C++ transcription of numpy/lib/histograms.py's equal-bin path, and NumPy itself --
// with values on and next to the bin edges, outside the range, NaN and +-inf; shared and
// global bin counts; every size class.

#include <gtest/gtest.h>

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

/// np.histogram(x, bins, range=(lo, hi))[0], step by step as NumPy 1.24 computes it: in B,
/// the data's float type (float for float data, double otherwise).
template <class T>
std::vector<std::uint32_t> numpy_rules(const std::vector<T>& x, std::size_t bins, double lo, double hi) {
  using B = std::conditional_t<std::is_same_v<T, float>, float, double>;
  double first = lo, last = hi;
  if (first == last) {
    first -= 0.5;
    last += 0.5;
  }
  const B norm = static_cast<B>(static_cast<double>(bins) / (last - first));
  const double step = (last - first) / static_cast<double>(bins);
  std::vector<B> edges(bins + 1);
  for (std::size_t k = 0; k <= bins; ++k) edges[k] = static_cast<B>(k == bins ? last : static_cast<double>(k) * step + first);
  const B f_edge = static_cast<B>(first), l_edge = static_cast<B>(last);
  std::vector<std::uint32_t> counts(bins);
  for (T value : x) {
    const B v = static_cast<B>(value);
    if (!(v >= f_edge && v <= l_edge)) continue;
    const B guess = static_cast<B>(static_cast<B>(v - f_edge) * norm);
    std::size_t i = static_cast<std::size_t>(guess);
    if (i == bins) --i;
    if (v < edges[i]) --i;
    if (i != bins - 1 && v >= edges[i + 1]) ++i;
    ++counts[i];
  }
  return counts;
}

/// Values that test the rules: uniform inside and around [lo, hi], every edge itself and its
/// float neighbours, NaN, +-inf, lo and hi.
template <class T>
std::vector<T> edge_values(std::size_t n, std::size_t bins, double lo, double hi, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<T> v;
  if constexpr (std::is_floating_point_v<T>) {
    const double step = (hi - lo) / static_cast<double>(bins);
    for (std::size_t k = 0; k <= bins && v.size() < n / 2; ++k) {
      const T e = static_cast<T>(k == bins ? hi : static_cast<double>(k) * step + lo);
      v.push_back(e);
      v.push_back(std::nextafter(e, std::numeric_limits<T>::infinity()));
      v.push_back(std::nextafter(e, -std::numeric_limits<T>::infinity()));
    }
    v.push_back(std::numeric_limits<T>::quiet_NaN());
    v.push_back(std::numeric_limits<T>::infinity());
    v.push_back(-std::numeric_limits<T>::infinity());
    v.push_back(-T(0));
    std::uniform_real_distribution<double> d(lo - 0.1 * (hi - lo), hi + 0.1 * (hi - lo));
    while (v.size() < n) v.push_back(static_cast<T>(d(rng)));
  } else {
    std::uniform_int_distribution<std::int64_t> d(static_cast<std::int64_t>(lo) - 3, static_cast<std::int64_t>(hi) + 3);
    while (v.size() < n) v.push_back(static_cast<T>(d(rng)));
    if (n > 2) {
      v[0] = std::numeric_limits<T>::max();
      v[1] = std::numeric_limits<T>::min();
    }
  }
  v.resize(n);
  std::shuffle(v.begin(), v.end(), rng);
  return v;
}

template <class T>
class Histogram : public ::testing::Test {};
using HistogramTypes = ::testing::Types<float, double, std::int32_t, std::uint32_t>;
TYPED_TEST_SUITE(Histogram, HistogramTypes);

TYPED_TEST(Histogram, FollowsNumPysRulesAtEverySize) {
  using T = TypeParam;
  struct Case {
    std::size_t n, bins;
    double lo, hi;
  };
  const Case cases[] = {{0, 10, 0, 1},      {1, 1, 0, 1},          {255, 7, 0.1, 0.9},
                        {257, 256, -3, 5},  {4097, 5000, 0, 1000}, {(1u << 20) + 3, 256, -1, 1},
                        {100'000, 3, 2, 2}, {100'000, 100, 0.3, 100.7}};
  for (const Case& c : cases) {
    SCOPED_TRACE("n = " + std::to_string(c.n) + ", bins = " + std::to_string(c.bins));
    const std::vector<T> x = edge_values<T>(c.n, c.bins, c.lo, c.hi, static_cast<std::uint32_t>(c.n));
    glc::Buffer<T> values = context().buffer(x);
    glc::Buffer<std::uint32_t> counts = context().buffer(std::vector<std::uint32_t>(c.bins, 0xDEADBEEFu));
    glc::histogram(values, counts, c.lo, c.hi);
    EXPECT_EQ(counts.read(), numpy_rules(x, c.bins, c.lo, c.hi));
  }
}

/// NumPy itself, on values that sit on and next to every edge.
TYPED_TEST(Histogram, AgreesWithNumPy) {
  using T = TypeParam;
  if (auto why = glc::testing::numpy_missing()) GTEST_SKIP() << *why;
  for (const auto& [bins, lo, hi] : {std::tuple{256u, 0.1, 0.9}, std::tuple{7000u, -2.5, 1e4}, std::tuple{1u, 3.0, 3.0}}) {
    SCOPED_TRACE("bins = " + std::to_string(bins));
    const std::vector<T> x = edge_values<T>(200'003, bins, lo, hi, bins);
    glc::Buffer<T> values = context().buffer(x);
    glc::Buffer<std::uint32_t> counts = context().buffer<std::uint32_t>(bins);
    glc::histogram(values, counts, lo, hi);
    char range[128];
    std::snprintf(range, sizeof range, "range=(%.17g, %.17g)", lo, hi);
    const std::vector<std::uint32_t> numpy = glc::testing::numpy_eval<std::uint32_t>(
        x, "np.histogram(x, bins=" + std::to_string(bins) + ", " + range + ")[0]");
    EXPECT_EQ(counts.read(), numpy);
  }
}

TEST(HistogramLarge, LargerThanOneStorageBinding) {
  const std::size_t n = context().info().limits.max_storage_block_bytes / sizeof(float) + 1001;
  std::vector<float> x(n);
  std::mt19937 rng(4);
  for (float& v : x) v = static_cast<float>(rng() >> 8) * 0x1p-24f;
  glc::Buffer<float> values = context().buffer(x);
  glc::Buffer<std::uint32_t> counts = context().buffer<std::uint32_t>(256);
  glc::histogram(values, counts, 0.0, 1.0);
  EXPECT_EQ(counts.read(), numpy_rules(x, 256, 0.0, 1.0));
}

TEST(HistogramErrors, RangesAndBins) {
  glc::Buffer<float> values = context().buffer<float>(10);
  glc::Buffer<std::uint32_t> counts = context().buffer<std::uint32_t>(4);
  glc::Buffer<std::uint32_t> none = context().buffer<std::uint32_t>(0);
  EXPECT_TRUE(contains(error_from([&] { glc::histogram(values, counts, 1.0, 0.0); }),
                       {"glc::histogram", "max must be larger than min"}));
  EXPECT_TRUE(contains(error_from([&] { glc::histogram(values, counts, 0.0, INFINITY); }),
                       {"glc::histogram", "is not finite"}));
  EXPECT_TRUE(contains(error_from([&] { glc::histogram(values, none, 0.0, 1.0); }),
                       {"glc::histogram", "counts is empty"}));
  glc::Buffer<std::uint32_t> both = context().buffer<std::uint32_t>(4);
  EXPECT_TRUE(contains(error_from([&] { glc::histogram(both, both, 0.0, 1.0); }), "the same buffer"));
  glc::Context other;
  glc::Buffer<std::uint32_t> foreign = other.buffer<std::uint32_t>(4);
  EXPECT_TRUE(contains(error_from([&] { glc::histogram(values, foreign, 0.0, 1.0); }),
                       {"glc::histogram", "different glc::Contexts"}));
}

}  // namespace
