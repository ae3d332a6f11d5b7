// glc::sum, glc::min, glc::max, glc::mean (shaders/glcompute/kernels/reduce.comp,
// reduce_ops.glsl) against double-precision CPU references: every size
// class (empty, one element, ragged vec4 ends, grid-stride loops, several storage bindings),
// exact 64-bit integer sums, NaN propagation, error messages and run-to-run bit identity.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <utility>
#include <vector>

#include "gl_test_context.hpp"

namespace {

using glc::testing::context;
using glc::testing::error_of;
using ::testing::HasSubstr;

constexpr std::size_t kSizes[] = {0, 1, 255, 257, (1u << 20) + 3};

/// Elements in a buffer just over one storage binding (128 MiB on llvmpipe).
std::size_t over_one_binding() {
  return context().info().limits.max_storage_block_bytes / 4 + 1001;
}

/// Random elements from a fixed seed: floats uniform in [-1, 1), integers over the whole range.
template <class T>
std::vector<T> random_values(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<T> v(n);
  for (T& x : v) {
    if constexpr (std::is_same_v<T, float>) {
      x = static_cast<float>(static_cast<std::int32_t>(rng() >> 8) - (1 << 23)) * 0x1p-23f;
    } else {
      x = static_cast<T>(rng());
    }
  }
  return v;
}

/// Sums in double (floats) or exact 64-bit integers.
template <class T>
glc::sum_result_t<T> cpu_sum(const std::vector<T>& v, std::size_t offset, std::size_t count) {
  glc::sum_result_t<T> s = 0;
  for (std::size_t i = offset; i < offset + count; ++i) s += static_cast<glc::sum_result_t<T>>(v[i]);
  return s;
}

template <class T>
double sum_of_magnitudes(const std::vector<T>& v, std::size_t offset, std::size_t count) {
  double s = 0;
  for (std::size_t i = offset; i < offset + count; ++i) s += std::abs(static_cast<double>(v[i]));
  return s;
}

/// Checks sum, min, max and mean of elements [offset, offset + count) of `b` (holding `v`).
template <class T>
void expect_reductions(const glc::Buffer<T>& b, const std::vector<T>& v, std::size_t offset,
                       std::size_t count, const std::string& where) {
  SCOPED_TRACE(where);
  const auto expected_sum = cpu_sum(v, offset, count);
  const auto sum = glc::sum(b, offset, count);
  if constexpr (std::is_same_v<T, float>) {
    // The GPU sums with compensation: far tighter than any float loop.
    EXPECT_NEAR(sum, expected_sum, 1e-12 * sum_of_magnitudes(v, offset, count) + 1e-30);
  } else {
    EXPECT_EQ(sum, expected_sum);
  }
  if (count == 0) return;
  const auto first = v.begin() + static_cast<std::ptrdiff_t>(offset);
  const auto [lo, hi] = std::minmax_element(first, first + static_cast<std::ptrdiff_t>(count));
  EXPECT_EQ(glc::min(b, offset, count), *lo);
  EXPECT_EQ(glc::max(b, offset, count), *hi);
  EXPECT_NEAR(glc::mean(b, offset, count), static_cast<double>(expected_sum) / count,
              1e-12 * (std::abs(static_cast<double>(expected_sum)) / count + 1.0));
}

template <class T>
class ReduceTyped : public ::testing::Test {};
using ReduceTypes = ::testing::Types<float, std::int32_t, std::uint32_t>;
TYPED_TEST_SUITE(ReduceTyped, ReduceTypes);

TYPED_TEST(ReduceTyped, WholeBufferAtEverySize) {
  for (std::size_t n : kSizes) {
    const std::vector<TypeParam> v = random_values<TypeParam>(n, 1234 + static_cast<std::uint32_t>(n));
    const glc::Buffer<TypeParam> b = context().buffer(v);
    expect_reductions(b, v, 0, n, "size " + std::to_string(n));
    EXPECT_EQ(glc::sum(b), cpu_sum(v, 0, n));
    if (n > 0) {
      const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
      EXPECT_EQ(glc::min(b), *lo);
      EXPECT_EQ(glc::max(b), *hi);
    }
  }
}

// Ranges that start and end inside a vec4 (the kernel's scalar head and tail), hold no whole
// vec4 at all, or are long enough for the grid-stride loop.
TYPED_TEST(ReduceTyped, RangesAtOffsetsThatAreNotMultiplesOfFour) {
  const std::size_t n = (1u << 20) + 40;
  const std::vector<TypeParam> v = random_values<TypeParam>(n, 99);
  const glc::Buffer<TypeParam> b = context().buffer(v);
  for (std::size_t offset : {1, 2, 3, 5, 6, 7, 30}) {
    for (std::size_t count : std::vector<std::size_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 255, 1029, (1u << 20) + 3}) {
      expect_reductions(b, v, offset, count,
                        "offset " + std::to_string(offset) + ", count " + std::to_string(count));
    }
  }
}

// The extreme element alone at every position that a different code path reads: first and
// last of the range, inside the ragged head and tail, and in the vec4 body.
TYPED_TEST(ReduceTyped, ExtremeAtFirstLastHeadAndTail) {
  using T = TypeParam;
  const std::size_t n = 4200;
  std::vector<T> v(n);
  std::mt19937 rng(7);
  // Elements well inside the type's range, so a planted extreme is unique.
  for (T& x : v) x = static_cast<T>(100 + rng() % 1000);
  glc::Buffer<T> b = context().buffer(v);
  const T low = std::is_same_v<T, std::uint32_t> ? T(3) : T(-5);
  const T high = T(5000);
  for (std::size_t offset : {0, 1, 2, 3, 5}) {
    for (std::size_t count : {1, 2, 3, 5, 7, 9, 4097}) {
      std::vector<std::size_t> positions = {0, count - 1, count / 2};
      for (std::size_t p : {1, 2, 3}) {
        if (p < count) positions.push_back(p);
        if (p <= count) positions.push_back(count - p);
      }
      for (std::size_t p : positions) {
        const std::size_t at = offset + p;
        const T original = v[at];
        SCOPED_TRACE("offset " + std::to_string(offset) + ", count " + std::to_string(count) +
                     ", extreme at " + std::to_string(p));
        b.write(std::vector<T>{low}, at);
        EXPECT_EQ(glc::min(b, offset, count), low);
        b.write(std::vector<T>{high}, at);
        EXPECT_EQ(glc::max(b, offset, count), high);
        b.write(std::vector<T>{original}, at);
      }
    }
  }
}

TYPED_TEST(ReduceTyped, EmptyRanges) {
  using T = TypeParam;
  const glc::Buffer<T> empty = context().buffer<T>(0);
  const glc::Buffer<T> b = context().buffer(std::vector<T>(10, T(1)));
  EXPECT_EQ(glc::sum(empty), 0);
  EXPECT_EQ(glc::sum(b, 4, 0), 0);
  EXPECT_EQ(glc::sum(b, 10, 0), 0);
  for (const glc::Buffer<T>* buffer : {&empty, &b}) {
    const std::size_t at = buffer->size();
    EXPECT_THAT(error_of([&] { glc::min(*buffer, at, 0); }), HasSubstr("glc::min: empty range"));
    EXPECT_THAT(error_of([&] { glc::max(*buffer, at, 0); }), HasSubstr("glc::max: empty range"));
    EXPECT_THAT(error_of([&] { glc::mean(*buffer, at, 0); }), HasSubstr("glc::mean: empty range"));
  }
  EXPECT_THAT(error_of([&] { glc::min(empty); }), HasSubstr("glc::min: empty range"));
  EXPECT_THAT(error_of([&] { glc::max(empty); }), HasSubstr("glc::max: empty range"));
  EXPECT_THAT(error_of([&] { glc::mean(empty); }), HasSubstr("glc::mean: empty range"));
}

TYPED_TEST(ReduceTyped, OutOfRangeIsAnError) {
  using T = TypeParam;
  const glc::Buffer<T> b = context().buffer(std::vector<T>(10, T(1)));
  EXPECT_THAT(error_of([&] { glc::sum(b, 5, 6); }), HasSubstr("glc::sum: elements [5, 5 + 6)"));
  EXPECT_THAT(error_of([&] { glc::sum(b, 11, 0); }), HasSubstr("glc::sum"));
  EXPECT_THAT(error_of([&] { glc::min(b, 0, 11); }), HasSubstr("glc::min"));
  EXPECT_THAT(error_of([&] { glc::max(b, 9, 2); }), HasSubstr("glc::max"));
  EXPECT_THAT(error_of([&] { glc::mean(b, 12, 1); }), HasSubstr("glc::mean"));
  // Out of range comes before empty.
  EXPECT_THAT(error_of([&] { glc::min(b, 11, 0); }), HasSubstr("out of range"));
  EXPECT_THAT(error_of([&] { glc::sum(b, 1, std::numeric_limits<std::size_t>::max()); }),
              HasSubstr("out of range"));
}

TEST(Reduce, FloatBufferLargerThanOneStorageBinding) {
  const std::size_t n = over_one_binding();
  const std::vector<float> v = random_values<float>(n, 42);
  const glc::Buffer<float> b = context().buffer(v);
  expect_reductions(b, v, 0, n, "whole buffer");
  // Ranges ending just past the first binding and starting inside it at a ragged offset.
  expect_reductions(b, v, 3, n - 3 - 1001 + 5, "across the first binding's end");
  expect_reductions(b, v, n / 2 + 1, n / 2 - 2, "second half");
}

TEST(Reduce, IntegerBuffersLargerThanOneStorageBinding) {
  const std::size_t n = over_one_binding();
  glc::Buffer<std::int32_t> ints = context().buffer<std::int32_t>(n);
  glc::fill(ints, std::numeric_limits<std::int32_t>::min());
  glc::fill(ints, std::int32_t{7}, n - 5, 2);
  const std::int64_t min32 = std::numeric_limits<std::int32_t>::min();
  EXPECT_EQ(glc::sum(ints), min32 * static_cast<std::int64_t>(n - 2) + 14);
  EXPECT_EQ(glc::sum(ints, 1, n - 2), min32 * static_cast<std::int64_t>(n - 4) + 14);
  EXPECT_EQ(glc::max(ints), 7);
  EXPECT_EQ(glc::min(ints, n - 5, 2), 7);

  glc::Buffer<std::uint32_t> uints = context().buffer<std::uint32_t>(n);
  glc::fill(uints, std::numeric_limits<std::uint32_t>::max());
  EXPECT_EQ(glc::sum(uints), std::uint64_t{0xFFFFFFFFu} * n);
  EXPECT_EQ(glc::sum(uints, 3, n - 6), std::uint64_t{0xFFFFFFFFu} * (n - 6));
}

// Every element at the extreme: each addition carries into the high word.
TEST(Reduce, IntegerSumsAreExactAtTheExtremes) {
  const std::size_t n = 3'000'001;
  glc::Buffer<std::int32_t> ints = context().buffer<std::int32_t>(n);
  const std::int64_t count = static_cast<std::int64_t>(n);
  glc::fill(ints, std::numeric_limits<std::int32_t>::min());
  EXPECT_EQ(glc::sum(ints), std::int64_t{std::numeric_limits<std::int32_t>::min()} * count);
  EXPECT_EQ(glc::mean(ints), static_cast<double>(std::numeric_limits<std::int32_t>::min()));
  glc::fill(ints, std::numeric_limits<std::int32_t>::max());
  EXPECT_EQ(glc::sum(ints), std::int64_t{std::numeric_limits<std::int32_t>::max()} * count);
  EXPECT_EQ(glc::sum(ints, 1, n - 2),
            std::int64_t{std::numeric_limits<std::int32_t>::max()} * (count - 2));
  glc::fill(ints, std::int32_t{-1});
  EXPECT_EQ(glc::sum(ints), -count);

  glc::Buffer<std::uint32_t> uints = context().buffer<std::uint32_t>(n);
  glc::fill(uints, std::numeric_limits<std::uint32_t>::max());
  EXPECT_EQ(glc::sum(uints), std::uint64_t{0xFFFFFFFFu} * n);
  EXPECT_EQ(glc::max(uints), 0xFFFFFFFFu);
}

TEST(Reduce, IntegerSumsWithMixedSignsAreExact) {
  const std::size_t n = 2'000'003;
  std::mt19937 rng(5);
  constexpr std::int32_t kChoices[] = {std::numeric_limits<std::int32_t>::min(),
                                       std::numeric_limits<std::int32_t>::max(), -1, 0, 1,
                                       -123456789};
  std::vector<std::int32_t> v(n);
  for (auto& x : v) x = kChoices[rng() % 6];
  const glc::Buffer<std::int32_t> b = context().buffer(v);
  EXPECT_EQ(glc::sum(b), cpu_sum(v, 0, n));
  EXPECT_EQ(glc::sum(b, 3, n - 10), cpu_sum(v, 3, n - 10));
  // A sum that is negative overall, then one that crosses back over zero.
  std::vector<std::int32_t> w(100'001, std::numeric_limits<std::int32_t>::min());
  w.insert(w.end(), 100'003, std::numeric_limits<std::int32_t>::max());
  const glc::Buffer<std::int32_t> c = context().buffer(w);
  EXPECT_EQ(glc::sum(c), cpu_sum(w, 0, w.size()));
  EXPECT_EQ(glc::sum(c, 0, 100'001), cpu_sum(w, 0, 100'001));
}

TEST(Reduce, FloatNaNPropagates) {
  const std::size_t n = 100'003;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::vector<float> v = random_values<float>(n, 11);
  glc::Buffer<float> b = context().buffer(v);
  EXPECT_FALSE(std::isnan(glc::min(b)));
  for (std::size_t at : {std::size_t{0}, std::size_t{1}, n / 2, n - 2, n - 1}) {
    SCOPED_TRACE("NaN at " + std::to_string(at));
    b.write(std::vector<float>{nan}, at);
    EXPECT_TRUE(std::isnan(glc::min(b)));
    EXPECT_TRUE(std::isnan(glc::max(b)));
    EXPECT_TRUE(std::isnan(glc::sum(b)));
    EXPECT_TRUE(std::isnan(glc::mean(b)));
    b.write(std::vector<float>{v[at]}, at);
  }
  // In the ragged head and tail of a range, and just outside it.
  for (std::size_t offset : {1, 2, 3}) {
    const std::size_t count = 1001;
    for (std::size_t p : {std::size_t{0}, std::size_t{1}, count - 2, count - 1}) {
      SCOPED_TRACE("offset " + std::to_string(offset) + ", NaN at " + std::to_string(p));
      b.write(std::vector<float>{nan}, offset + p);
      EXPECT_TRUE(std::isnan(glc::min(b, offset, count)));
      EXPECT_TRUE(std::isnan(glc::max(b, offset, count)));
      b.write(std::vector<float>{v[offset + p]}, offset + p);
    }
    b.write(std::vector<float>{nan}, offset - 1);
    b.write(std::vector<float>{nan}, offset + count);
    EXPECT_FALSE(std::isnan(glc::min(b, offset, count)));
    EXPECT_FALSE(std::isnan(glc::max(b, offset, count)));
    EXPECT_FALSE(std::isnan(glc::sum(b, offset, count)));
    b.write(std::vector<float>{v[offset - 1]}, offset - 1);
    b.write(std::vector<float>{v[offset + count]}, offset + count);
  }
  // A NaN as the only element, and as a payload-carrying negative NaN.
  const glc::Buffer<float> one = context().buffer(std::vector<float>{-nan});
  EXPECT_TRUE(std::isnan(glc::min(one)));
  EXPECT_TRUE(std::isnan(glc::max(one)));
}

TEST(Reduce, FloatInfinities) {
  const float inf = std::numeric_limits<float>::infinity();
  std::vector<float> v(5000, 1.0f);
  v[1234] = inf;
  const glc::Buffer<float> b = context().buffer(v);
  EXPECT_EQ(glc::sum(b), std::numeric_limits<double>::infinity());
  EXPECT_EQ(glc::max(b), inf);
  EXPECT_EQ(glc::min(b), 1.0f);
  v[17] = -inf;
  const glc::Buffer<float> both = context().buffer(v);
  EXPECT_TRUE(std::isnan(glc::sum(both)));
  EXPECT_EQ(glc::min(both), -inf);
  EXPECT_EQ(glc::max(both), inf);
}

// 2^20 ones, then 15 * 2^20 values of 2^-26 (below half an ulp of 1): a float loop that meets
// a 1 first drops every small value, a compensated one keeps them all. The exact sum is
// representable, and every step of the compensated sum is exact, so the result must be too.
// This fails if the compiler optimises the compensation away (`precise`).
TEST(Reduce, FloatSumIsCompensated) {
  const std::size_t n = std::size_t{1} << 24;
  const std::size_t ones = std::size_t{1} << 20;
  glc::Buffer<float> b = context().buffer<float>(n);
  glc::fill(b, 0x1p-26f);
  glc::fill(b, 1.0f, 0, ones);
  EXPECT_EQ(glc::sum(b), static_cast<double>(ones) + static_cast<double>(n - ones) * 0x1p-26);
}

TEST(Reduce, FloatSumIsBitIdenticalRunToRun) {
  for (std::size_t n : {(std::size_t{1} << 20) + 3, over_one_binding()}) {
    const glc::Buffer<float> b = context().buffer(random_values<float>(n, 3));
    const double first = glc::sum(b, 1, n - 1);
    for (int run = 0; run < 4; ++run) {
      const double again = glc::sum(b, 1, n - 1);
      EXPECT_EQ(std::memcmp(&first, &again, sizeof(double)), 0)
          << "size " << n << ", run " << run << ": " << first << " vs " << again;
    }
  }
}

// Every reduction of the same data again: in the same context, in a second context (its own
// kernels and buffers) and in one without staging memory (results through a device buffer).
// Float sums are combined in a fixed order, so even they must agree bit for bit.
TEST(Reduce, EveryReductionIsBitIdenticalInEveryContextAndOnEveryRun) {
  const std::size_t n = (std::size_t{1} << 20) + 3;
  const std::vector<float> floats = random_values<float>(n, 21);
  const std::vector<std::int32_t> ints = random_values<std::int32_t>(n, 22);
  const std::vector<std::uint32_t> uints = random_values<std::uint32_t>(n, 23);
  // Each result's bits, in a fixed order: float sums (whole, and from element 1), mean, min and
  // max, then the integer sums, minima and maxima.
  const auto reductions = [&](glc::Context& ctx) {
    const glc::Buffer<float> f = ctx.buffer(floats);
    const glc::Buffer<std::int32_t> i = ctx.buffer(ints);
    const glc::Buffer<std::uint32_t> u = ctx.buffer(uints);
    return std::vector<std::uint64_t>{std::bit_cast<std::uint64_t>(glc::sum(f)),
                                      std::bit_cast<std::uint64_t>(glc::sum(f, 1, n - 1)),
                                      std::bit_cast<std::uint64_t>(glc::mean(f)),
                                      std::bit_cast<std::uint32_t>(glc::min(f)),
                                      std::bit_cast<std::uint32_t>(glc::max(f, 1, n - 1)),
                                      std::bit_cast<std::uint64_t>(glc::sum(i)),
                                      std::bit_cast<std::uint32_t>(glc::min(i)),
                                      std::bit_cast<std::uint32_t>(glc::max(i)),
                                      glc::sum(u),
                                      glc::min(u),
                                      glc::max(u, 7, n - 7)};
  };
  const std::vector<std::uint64_t> first = reductions(context());
  EXPECT_EQ(std::bit_cast<std::int64_t>(first[5]), cpu_sum(ints, 0, n));  // integer sums are exact
  glc::Context second;
  glc::Context plain(glc::ContextOptions{.staging_bytes = 0});
  const std::pair<const char*, glc::Context*> runs[] = {
      {"the same context, again", &context()}, {"a second context", &second}, {"no staging", &plain}};
  for (const auto& [what, ctx] : runs) {
    EXPECT_EQ(reductions(*ctx), first) << what;
  }
}

// 10^8 uniform [0, 1) floats: a serial float loop is off by about 1e-3 (relative); the GPU sum
// must be within 1e-6 of the double-precision sum of the same floats.
TEST(Reduce, HundredMillionUniformFloatsSumAccurately) {
  const std::size_t n = 100'000'000;
  std::vector<float> v(n);
  std::mt19937 rng(2024);
  for (float& x : v) x = static_cast<float>(rng() >> 8) * 0x1p-24f;  // exactly uniform in [0, 1)
  double reference = 0;
  float serial = 0;
  for (float x : v) {
    reference += x;
    serial += x;
  }
  const glc::Buffer<float> b = context().buffer(v);
  const double sum = glc::sum(b);
  const double relative_error = std::abs(sum - reference) / reference;
  std::printf("[          ] 1e8 uniform floats: GPU sum %.17g, double reference %.17g\n"
              "[          ] relative error %.3g (serial float loop: %.3g)\n",
              sum, reference, relative_error, std::abs(serial - reference) / reference);
  EXPECT_LE(relative_error, 1e-6);
  EXPECT_NEAR(glc::mean(b), reference / static_cast<double>(n), 1e-6 * 0.5);
  EXPECT_EQ(glc::max(b), *std::max_element(v.begin(), v.end()));
  EXPECT_EQ(glc::min(b), *std::min_element(v.begin(), v.end()));
}

// Without staging (ContextOptions::staging_bytes = 0) the result comes back through a device
// buffer instead of host-visible memory; the values are the same.
TEST(ReducePlainPath, ResultsWithoutStagingMemory) {
  glc::Context plain(glc::ContextOptions{.staging_bytes = 0});
  std::vector<std::int32_t> v(100'003);
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<std::int32_t>(i % 1000) - 400;
  glc::Buffer<std::int32_t> b = plain.buffer(v);
  std::int64_t expected = 0;
  for (std::int32_t x : v) expected += x;
  EXPECT_EQ(glc::sum(b), expected);
  EXPECT_EQ(glc::max(b), 599);
  EXPECT_EQ(glc::min(b), -400);
}

}  // namespace
