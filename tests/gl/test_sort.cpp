// glc::sort, glc::sort_by_key and glc::argsort (shaders/glcompute/kernels/sort_*.comp): the
// order of NumPy's np.sort(kind="stable") checked against std::stable_sort with NumPy's rules
// (NaN last, -0.0 == +0.0) bit for bit, and against NumPy itself; random data, duplicates,
// all-equal keys, NaN, +-0, +-inf and the integer extremes; every size class; both paths.

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "numpy_reference.hpp"
#include "gl_test_context.hpp"
#include "forced_lookback.hpp"

namespace {

using glc::testing::context;
using glc::testing::contains;
using glc::testing::error_from;
using glc::testing::ScopedEnv;

constexpr std::size_t kSizes[] = {0, 1, 2, 255, 257, 4097, (1u << 20) + 3};

/// NumPy's ascending order: NaN after everything, -0.0 equal to +0.0.
template <class T>
bool numpy_less(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(a)) return false;
    if (std::isnan(b)) return true;
  }
  return a < b;
}

/// Random keys with every kind of special value mixed in: duplicates from a small pool, and
/// for floats NaN (both signs, other payloads), +-0, +-inf, denormals and extremes.
template <class T>
std::vector<T> mixed_keys(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<T> pool;
  if constexpr (std::is_floating_point_v<T>) {
    using L = std::numeric_limits<T>;
    pool = {L::quiet_NaN(), -L::quiet_NaN(), std::bit_cast<T>(std::bit_cast<std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>>(L::quiet_NaN()) | 5u),
            T(0), -T(0), L::infinity(), -L::infinity(), L::denorm_min(), -L::denorm_min(),
            L::max(), L::lowest(), L::min(), T(1), T(-1), T(0.5)};
  } else {
    pool = {std::numeric_limits<T>::min(), std::numeric_limits<T>::max(), T(0), T(1), static_cast<T>(-1)};
  }
  std::vector<T> v(n);
  for (T& x : v) {
    const std::uint32_t r = rng();
    if (r % 4 == 0) {
      x = pool[rng() % pool.size()];
    } else if constexpr (std::is_same_v<T, float>) {
      x = std::bit_cast<float>(static_cast<std::uint32_t>(rng()));  // every bit pattern, NaNs included
    } else if constexpr (std::is_same_v<T, double>) {
      x = std::bit_cast<double>((std::uint64_t{rng()} << 32) | rng());
    } else {
      x = static_cast<T>(r % 3 == 0 ? rng() % 1000 : rng());  // duplicates too
    }
  }
  return v;
}

template <class T>
std::vector<std::uint32_t> reference_argsort(const std::vector<T>& keys) {
  std::vector<std::uint32_t> order(keys.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return numpy_less(keys[a], keys[b]); });
  return order;
}

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  // memcmp of an empty vector's data() (null) is undefined even for 0 bytes.
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

template <class T>
std::vector<T> gather(const std::vector<T>& v, const std::vector<std::uint32_t>& order) {
  std::vector<T> out(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) out[i] = v[order[i]];
  return out;
}

/// The first index where two orders differ, for messages.
std::string first_difference(const std::vector<std::uint32_t>& got, const std::vector<std::uint32_t>& want) {
  for (std::size_t i = 0; i < std::min(got.size(), want.size()); ++i) {
    if (got[i] != want[i]) {
      return "position " + std::to_string(i) + ": " + std::to_string(got[i]) + ", expected " + std::to_string(want[i]);
    }
  }
  return "sizes " + std::to_string(got.size()) + " and " + std::to_string(want.size());
}

template <class T>
class Sort : public ::testing::Test {};
using SortTypes = ::testing::Types<float, double, std::int32_t, std::uint32_t>;
TYPED_TEST_SUITE(Sort, SortTypes);

/// sort, sort_by_key (4- and 8-byte values) and argsort of `n` mixed keys.
template <class T>
void expect_sorted_like_numpy(std::size_t n) {
  SCOPED_TRACE("n = " + std::to_string(n));
  const std::vector<T> keys = mixed_keys<T>(n, static_cast<std::uint32_t>(n) * 3 + 1);
  const std::vector<std::uint32_t> order = reference_argsort(keys);
  const std::vector<T> sorted = gather(keys, order);

  glc::Buffer<T> k = context().buffer(keys);
  glc::sort(k);
  EXPECT_TRUE(same_bits(k.read(), sorted)) << "sort";

  glc::Buffer<std::uint32_t> indices = context().buffer(std::vector<std::uint32_t>(n, 0xDEADBEEFu));
  k.write(keys);
  glc::argsort(k, indices);
  const std::vector<std::uint32_t> got = indices.read();
  EXPECT_TRUE(got == order) << "argsort " << first_difference(got, order);
  EXPECT_TRUE(same_bits(k.read(), keys)) << "argsort changed its keys";

  std::vector<std::uint64_t> wide(n);
  for (std::size_t i = 0; i < n; ++i) wide[i] = (std::uint64_t{0xABCD0000u + static_cast<std::uint32_t>(i)} << 32) | i;
  glc::Buffer<std::uint64_t> values = context().buffer(wide);
  glc::sort_by_key(k, values);
  EXPECT_TRUE(same_bits(k.read(), sorted)) << "sort_by_key keys";
  EXPECT_TRUE(values.read() == gather(wide, order)) << "sort_by_key 8-byte values";
}

TYPED_TEST(Sort, MatchesStableSortWithNumPysOrder) {
  for (const std::size_t n : kSizes) expect_sorted_like_numpy<TypeParam>(n);
}

/// The path this driver does not take by default (look-back or multi-pass) gives the same.
TYPED_TEST(Sort, OtherPathAgrees) {
  const bool lookback = glc::algorithm_path(context()).lookback;
  ScopedEnv env("GLCOMPUTE_LOOKBACK", lookback ? "0" : "1");
  for (const std::size_t n : {std::size_t{4097}, std::size_t{100'003}}) {
    glc::testing::retry_bounded_waits([&] { expect_sorted_like_numpy<TypeParam>(n); });
  }
}

/// NumPy itself on the same keys: np.argsort(kind="stable").
TYPED_TEST(Sort, AgreesWithNumPy) {
  using T = TypeParam;
  if (auto why = glc::testing::numpy_missing()) GTEST_SKIP() << *why;
  const std::vector<T> keys = mixed_keys<T>(100'003, 77);
  glc::Buffer<T> k = context().buffer(keys);
  const std::vector<std::uint32_t> got = glc::argsort(k).read();
  const std::vector<std::uint32_t> numpy =
      glc::testing::numpy_eval<std::uint32_t>(keys, "np.argsort(x, kind='stable')");
  EXPECT_TRUE(got == numpy) << first_difference(got, numpy);
}

TEST(SortSpecial, AllEqualKeysKeepTheirOrder) {
  const std::size_t n = 10'000;
  glc::Buffer<float> k = context().buffer(std::vector<float>(n, 2.5f));
  std::vector<std::uint32_t> expected(n);
  std::iota(expected.begin(), expected.end(), 0u);
  EXPECT_TRUE(glc::argsort(k).read() == expected);
  // -0.0 and +0.0 are equal: their original order stays.
  std::vector<float> zeros(n);
  for (std::size_t i = 0; i < n; ++i) zeros[i] = i % 3 == 0 ? -0.0f : 0.0f;
  glc::Buffer<float> z = context().buffer(zeros);
  glc::Buffer<std::uint32_t> idx = context().buffer(expected);
  glc::sort_by_key(z, idx);
  EXPECT_TRUE(idx.read() == expected);
  EXPECT_TRUE(same_bits(z.read(), zeros));
}

TEST(SortSpecial, RunToRunIdentical) {
  const std::vector<float> keys = mixed_keys<float>(300'001, 5);
  std::vector<std::uint32_t> first;
  for (int run = 0; run < 3; ++run) {
    glc::Buffer<float> k = context().buffer(keys);
    const std::vector<std::uint32_t> got = glc::argsort(k).read();
    if (run == 0) first = got;
    else EXPECT_TRUE(got == first) << "run " << run;
  }
}

TEST(SortErrors, SizesAndContexts) {
  glc::Buffer<float> keys = context().buffer<float>(10);
  glc::Buffer<std::uint32_t> values = context().buffer<std::uint32_t>(9);
  EXPECT_TRUE(contains(error_from([&] { glc::sort_by_key(keys, values); }),
                       {"glc::sort_by_key", "values has 9 elements, keys has 10"}));
  EXPECT_TRUE(contains(error_from([&] { glc::argsort(keys, values); }),
                       {"glc::argsort", "indices has 9 elements, keys has 10"}));
  glc::Buffer<std::uint32_t> ukeys = context().buffer<std::uint32_t>(10);
  EXPECT_TRUE(contains(error_from([&] { glc::sort_by_key(ukeys, ukeys); }), "the same buffer"));
  EXPECT_TRUE(contains(error_from([&] { glc::argsort(ukeys, ukeys); }), "the same buffer"));
  glc::Context other;
  glc::Buffer<std::uint32_t> foreign = other.buffer<std::uint32_t>(10);
  EXPECT_TRUE(contains(error_from([&] { glc::sort_by_key(keys, foreign); }),
                       {"glc::sort_by_key", "different glc::Contexts"}));
}

/// Keys and values larger than one storage binding: pieces read through several bindings and
/// a scatter into several output windows. The keys take 100000 values, so a stable counting
/// sort gives the reference in linear time.
TEST(SortLarge, LargerThanOneStorageBinding) {
  const std::size_t n = context().info().limits.max_storage_block_bytes / sizeof(float) + 1001;
  constexpr std::uint32_t kValues = 100'000;
  std::vector<float> keys(n);
  std::vector<std::uint32_t> bucket_of(n);
  std::mt19937 rng(9);
  for (std::size_t i = 0; i < n; ++i) {
    bucket_of[i] = rng() % kValues;
    keys[i] = static_cast<float>(bucket_of[i]) * 0.5f - 1000.0f;  // exact, increasing in the bucket
  }
  std::vector<std::size_t> start(kValues + 1, 0);
  for (std::uint32_t b : bucket_of) ++start[b + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<std::uint32_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[start[bucket_of[i]]++] = static_cast<std::uint32_t>(i);
  bucket_of = {};
  glc::Buffer<float> k = context().buffer(keys);
  const std::vector<std::uint32_t> got = glc::argsort(k).read();
  EXPECT_TRUE(got == order) << first_difference(got, order);
}

}  // namespace
