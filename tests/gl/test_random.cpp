// glc::Random (src/random.cpp, shaders/glcompute/kernels/random.comp) and the includable
// Philox4x32-10 (shaders/glcompute/philox.glsl), checked word for word against Random123's
// r123::Philox4x32_R<10>, plus the statistics of the uniform and normal transforms.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <random>
#include <utility>
#include <vector>

#include <Random123/philox.h>
#include <glm/glm.hpp>

#include "gl_test_context.hpp"

namespace {

using glc::testing::context;
using glc::testing::error_of;
using glc::testing::poison;
using ::testing::HasSubstr;

using Philox = r123::Philox4x32_R<10>;  // Random123's Philox4x32 with 10 rounds

constexpr std::uint64_t k2to32 = std::uint64_t{1} << 32;
constexpr std::size_t kSizes[] = {0, 1, 3, 4, 5, 255, 257, (1u << 20) + 3};
constexpr std::uint64_t kSeeds[] = {0,
                                    1,
                                    42,
                                    0xFFFFFFFFull,
                                    0x100000000ull,
                                    0xFFFFFFFF00000001ull,
                                    (std::uint64_t{1} << 63) + 5,
                                    0xDEADBEEFCAFEF00Dull,
                                    ~std::uint64_t{0}};
// The last two make the 64-bit counter carry into its high word, and wrap past 2^64, mid-call.
constexpr std::uint64_t kOffsets[] = {0, 7, k2to32 - 3, ~std::uint64_t{0} - 1};

std::uint32_t lo32(std::uint64_t v) { return static_cast<std::uint32_t>(v); }
std::uint32_t hi32(std::uint64_t v) { return static_cast<std::uint32_t>(v >> 32); }
std::uint64_t blocks(std::size_t n) { return (n + 3) / 4; }

/// Philox4x32-10 block `block` (the counter {lo32, hi32, 0, 0}) under key {lo32(seed), hi32(seed)}.
Philox::ctr_type philox_block(std::uint64_t seed, std::uint64_t block) {
  const Philox::ctr_type counter = {{lo32(block), hi32(block), 0, 0}};
  const Philox::key_type key = {{lo32(seed), hi32(seed)}};
  return Philox()(counter, key);
}

/// The words of a call of n elements with the generator at block `offset`.
std::vector<std::uint32_t> reference_words(std::uint64_t seed, std::uint64_t offset,
                                           std::size_t n) {
  std::vector<std::uint32_t> out(n);
  for (std::size_t i = 0; i < n; i += 4) {
    const Philox::ctr_type r = philox_block(seed, offset + i / 4);
    for (std::size_t j = 0; j < 4 && i + j < n; ++j) out[i + j] = r[j];
  }
  return out;
}

double u01(std::uint32_t w) { return static_cast<double>(w >> 8) * 0x1p-24; }
double u01_nonzero(std::uint32_t w) { return static_cast<double>((w >> 8) + 1) * 0x1p-24; }

/// Box-Muller in double precision: the standard normals of the word pair (w0, w1).
std::array<double, 2> box_muller(std::uint32_t w0, std::uint32_t w1) {
  const double r = std::sqrt(-2.0 * std::log(u01_nonzero(w0)));
  const double t = 2.0 * M_PI * u01(w1);
  return {r * std::cos(t), r * std::sin(t)};
}

/// Distance in representable floats (finite values of the same sign).
std::int64_t ulps(float a, float b) {
  return std::abs(static_cast<std::int64_t>(std::bit_cast<std::int32_t>(a)) -
                  std::bit_cast<std::int32_t>(b));
}

/// Index of the first difference, or -1.
template <class T>
std::int64_t first_difference(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return static_cast<std::int64_t>(std::min(a.size(), b.size()));
  const auto m = std::mismatch(a.begin(), a.end(), b.begin());
  return m.first == a.end() ? -1 : m.first - a.begin();
}

/// Words in one storage buffer binding as the kernel library splits ranges (128 MiB on llvmpipe;
/// at most 2^31 bytes).
std::uint64_t chunk_words() {
  const std::uint64_t bytes = context().info().limits.max_storage_block_bytes;
  return std::min<std::uint64_t>(bytes, std::uint64_t{1} << 31) / 256 * 256 / 4;
}

// --- bits -----------------------------------------------------------------------------------

TEST(RandomBits, MatchRandom123ForSeedsOffsetsAndSizes) {
  const std::size_t tail = 5;  // elements after the call's range, which must stay poisoned
  glc::Buffer<std::uint32_t> b =
      context().buffer<std::uint32_t>(kSizes[std::size(kSizes) - 1] + tail);
  for (std::uint64_t seed : kSeeds) {
    for (std::uint64_t offset : kOffsets) {
      for (std::size_t n : kSizes) {
        glc::fill(b, poison<std::uint32_t>());
        glc::Random rng(context(), seed);
        rng.set_offset(offset);
        rng.bits(b, 0, n);
        EXPECT_EQ(rng.offset(), offset + blocks(n));
        std::vector<std::uint32_t> got = b.read(0, n + tail);
        for (std::size_t i = n; i < n + tail; ++i) {
          ASSERT_EQ(got[i], poison<std::uint32_t>()) << "element " << i << " past n = " << n;
        }
        got.resize(n);
        const std::vector<std::uint32_t> want = reference_words(seed, offset, n);
        const std::int64_t d = first_difference(got, want);
        ASSERT_EQ(d, -1) << "seed " << seed << ", offset " << offset << ", n " << n << ": element "
                         << d << " is " << got[d] << ", Random123 says " << want[d];
      }
    }
  }
}

TEST(RandomBits, WholeBufferOverloadFillsEveryElement) {
  for (std::size_t n : kSizes) {
    glc::Buffer<std::uint32_t> b = glc::testing::poisoned_buffer<std::uint32_t>(n);
    glc::Random rng(context(), 0xFFFFFFFF00000001ull);
    rng.set_offset(k2to32 - 3);
    rng.bits(b);
    EXPECT_EQ(b.read(), reference_words(0xFFFFFFFF00000001ull, k2to32 - 3, n)) << "n " << n;
  }
}

// Ranges that start inside a vec4 of the buffer: each word computes its own block (the
// kernel's fallback), and nothing outside the range is touched.
TEST(RandomBits, RangesStartingAnywhereTouchOnlyTheirElements) {
  const std::size_t size = 1100;
  glc::Buffer<std::uint32_t> b = context().buffer<std::uint32_t>(size);
  for (std::size_t start : {1, 2, 3, 4, 5, 6, 7, 30}) {
    for (std::size_t n : {0, 1, 2, 3, 4, 5, 7, 9, 31, 1000}) {
      glc::fill(b, poison<std::uint32_t>());
      glc::Random rng(context(), (std::uint64_t{1} << 63) + 5);
      rng.set_offset(k2to32 - 1);
      rng.bits(b, start, n);
      const std::vector<std::uint32_t> got = b.read();
      const std::vector<std::uint32_t> want =
          reference_words((std::uint64_t{1} << 63) + 5, k2to32 - 1, n);
      for (std::size_t i = 0; i < size; ++i) {
        const bool inside = i >= start && i < start + n;
        ASSERT_EQ(got[i], inside ? want[i - start] : poison<std::uint32_t>())
            << "element " << i << ", range [" << start << ", " << start + n << ")";
      }
    }
  }
}

TEST(RandomBits, SeedOffsetAndSetOffset) {
  glc::Random fresh(context());
  EXPECT_EQ(fresh.seed(), 0u);
  EXPECT_EQ(fresh.offset(), 0u);

  glc::Random rng(context(), 0xFFFFFFFF00000001ull);
  EXPECT_EQ(rng.seed(), 0xFFFFFFFF00000001ull);
  glc::Buffer<std::uint32_t> b = context().buffer<std::uint32_t>(300);
  std::uint64_t expected = 0;
  for (std::size_t n : {1, 2, 3, 4, 5, 8, 255, 257, 0, 300}) {
    rng.bits(b, 0, n);
    expected += blocks(n);
    EXPECT_EQ(rng.offset(), expected) << "after a call of " << n;
  }

  // Going back repeats the numbers; the seed is unchanged.
  rng.set_offset(11);
  EXPECT_EQ(rng.offset(), 11u);
  rng.bits(b);
  const std::vector<std::uint32_t> first = b.read();
  rng.set_offset(11);
  rng.bits(b);
  EXPECT_EQ(b.read(), first);
  EXPECT_EQ(first, reference_words(0xFFFFFFFF00000001ull, 11, 300));
  EXPECT_EQ(rng.seed(), 0xFFFFFFFF00000001ull);

  // Different seeds give different streams.
  glc::Random other(context(), 0xFFFFFFFF00000002ull);
  other.set_offset(11);
  other.bits(b);
  EXPECT_NE(b.read(), first);
}

TEST(RandomBits, ZeroElementsIsANoOp) {
  glc::Random rng(context(), 5);
  rng.set_offset(77);
  glc::Buffer<std::uint32_t> empty = context().buffer<std::uint32_t>(0);
  rng.bits(empty);
  glc::Buffer<float> empty_f = context().buffer<float>(0);
  rng.uniform(empty_f);
  rng.normal(empty_f);
  glc::Buffer<std::uint32_t> b = glc::testing::poisoned_buffer<std::uint32_t>(8);
  rng.bits(b, 3, 0);
  rng.bits(b, 8, 0);
  EXPECT_EQ(rng.offset(), 77u);
  EXPECT_EQ(b.read(), std::vector<std::uint32_t>(8, poison<std::uint32_t>()));
}

// One call of n elements, or several calls making them in pieces: pieces whose sizes are
// multiples of 4 concatenate to the one call's output; other sizes round the offset up to a
// whole block, so each piece starts where its block starts in the one call's output.
TEST(RandomBits, PiecesContinueTheSameStream) {
  const std::uint64_t seed = 0xDEADBEEFCAFEF00Dull;
  const std::size_t n = 10000;
  glc::Random whole(context(), seed);
  whole.set_offset(k2to32 - 40);  // the pieces cross the carry into the counter's high word
  glc::Buffer<std::uint32_t> one = context().buffer<std::uint32_t>(n);
  whole.bits(one);
  const std::vector<std::uint32_t> s = one.read();
  ASSERT_EQ(s, reference_words(seed, k2to32 - 40, n));

  {  // multiples of 4: identical
    glc::Random rng(context(), seed);
    rng.set_offset(k2to32 - 40);
    glc::Buffer<std::uint32_t> pieces = glc::testing::poisoned_buffer<std::uint32_t>(n);
    std::size_t at = 0;
    for (std::size_t size : {4, 8, 252, 1024}) {
      rng.bits(pieces, at, size);
      at += size;
    }
    rng.bits(pieces, at, n - at);
    EXPECT_EQ(pieces.read(), s);
    EXPECT_EQ(rng.offset(), whole.offset());
  }
  {  // 1, 6, 255, rest: written back to back, so most pieces start inside a vec4
    glc::Random rng(context(), seed);
    rng.set_offset(k2to32 - 40);
    std::vector<std::size_t> sizes = {1, 6, 255};
    std::uint64_t used_blocks = 0;
    for (std::size_t size : sizes) used_blocks += blocks(size);
    sizes.push_back(n - 4 * used_blocks);
    glc::Buffer<std::uint32_t> pieces = glc::testing::poisoned_buffer<std::uint32_t>(n);
    std::vector<std::uint32_t> want;
    std::size_t at = 0;
    std::uint64_t block = 0;
    for (std::size_t size : sizes) {
      rng.bits(pieces, at, size);
      want.insert(want.end(), s.begin() + 4 * block, s.begin() + 4 * block + size);
      at += size;
      block += blocks(size);
      EXPECT_EQ(rng.offset(), k2to32 - 40 + block);
    }
    EXPECT_EQ(pieces.read(0, at), want);
  }
}

// Larger than one storage buffer binding (128 MiB on llvmpipe), and than one dispatch of 65535
// groups of 256 invocations storing a vec4 each (the kernel's grid-stride loop). The offset
// makes the second chunk start exactly at counter block 2^32 (the carry set on the host).
TEST(RandomBits, BufferLargerThanOneBindingMatchesEverywhere) {
  const std::size_t n = std::max<std::uint64_t>(chunk_words() + 1000, 65535ull * 256 * 4 + 1000);
  const std::uint64_t offset = k2to32 - chunk_words() / 4;
  const std::uint64_t seed = 0xFFFFFFFF00000001ull;
  glc::Random rng(context(), seed);
  rng.set_offset(offset);
  glc::Buffer<std::uint32_t> b = context().buffer<std::uint32_t>(n);
  rng.bits(b);
  EXPECT_EQ(rng.offset(), offset + blocks(n));
  const std::vector<std::uint32_t> got = b.read();
  const std::vector<std::uint32_t> want = reference_words(seed, offset, n);
  const std::int64_t d = first_difference(got, want);
  ASSERT_EQ(d, -1) << "n " << n << ": element " << d << " is " << got[d] << ", Random123 says "
                   << want[d];
}

// --- uniform --------------------------------------------------------------------------------

struct Interval {
  float lo, hi;
};

/// What uniform(lo, hi) must give for word w, as the GPU may compute it (with or without fma),
/// clamped below hi.
bool uniform_matches(float got, std::uint32_t w, float lo, float hi) {
  const float u = static_cast<float>(w >> 8) * 0x1p-24f;
  const float top = std::nextafter(hi, -std::numeric_limits<float>::infinity());
  const float plain = std::min(lo + (hi - lo) * u, top);
  const float fused = std::min(std::fma(hi - lo, u, lo), top);
  return got >= lo && got < hi && (ulps(got, plain) <= 1 || ulps(got, fused) <= 1);
}

constexpr Interval kIntervals[] = {{0.0f, 1.0f},   {-1.0f, 1.0f},     {1.0f, 1.0f + 0x1p-20f},
                                   {-3.0f, 1e-3f}, {100.0f, 1000.0f}, {-1e30f, 1e30f}};

TEST(RandomUniform, MatchesTheFormulaOnRandom123Words) {
  const std::uint64_t seed = (std::uint64_t{1} << 63) + 5;
  for (const Interval& iv : kIntervals) {
    for (std::size_t n : kSizes) {
      glc::Buffer<float> b = glc::testing::poisoned_buffer<float>(n + 3);
      glc::Random rng(context(), seed);
      rng.set_offset(k2to32 - 3);
      rng.uniform(b, 0, n, iv.lo, iv.hi);
      EXPECT_EQ(rng.offset(), k2to32 - 3 + blocks(n));
      const std::vector<float> got = b.read();
      const std::vector<std::uint32_t> w = reference_words(seed, k2to32 - 3, n);
      for (std::size_t i = 0; i < n; ++i) {
        ASSERT_TRUE(uniform_matches(got[i], w[i], iv.lo, iv.hi))
            << "[" << iv.lo << ", " << iv.hi << "), n " << n << ", element " << i << ": " << got[i]
            << " for word " << w[i];
      }
      for (std::size_t i = n; i < n + 3; ++i) ASSERT_EQ(got[i], poison<float>()) << i;
    }
  }
}

TEST(RandomUniform, DefaultsAndRangesStartingAnywhere) {
  glc::Buffer<float> b = glc::testing::poisoned_buffer<float>(1001);
  glc::Random rng(context(), 42);
  rng.uniform(b);
  std::vector<float> got = b.read();
  std::vector<std::uint32_t> w = reference_words(42, 0, 1001);
  for (std::size_t i = 0; i < got.size(); ++i)
    ASSERT_TRUE(uniform_matches(got[i], w[i], 0, 1)) << i;

  for (std::size_t start : {1, 2, 3, 5}) {
    glc::fill(b, poison<float>());
    const std::uint64_t offset = rng.offset();
    rng.uniform(b, start, 990, -2.0f, 3.0f);
    got = b.read();
    w = reference_words(42, offset, 990);
    for (std::size_t i = 0; i < got.size(); ++i) {
      if (i < start || i >= start + 990) {
        ASSERT_EQ(got[i], poison<float>()) << i;
      } else {
        ASSERT_TRUE(uniform_matches(got[i], w[i - start], -2.0f, 3.0f))
            << "start " << start << ", " << i;
      }
    }
  }
}

// [1, 1 + 2^-20) holds 8 floats; lo + (hi - lo) * u rounds to hi for u > 15/16 without the clamp.
TEST(RandomUniform, NeverReachesHiEvenWhenRoundingWould) {
  const float lo = 1.0f, hi = 1.0f + 0x1p-20f;
  const float top = std::nextafter(hi, 0.0f);
  glc::Buffer<float> b = context().buffer<float>(100000);
  glc::Random rng(context(), 3);
  rng.uniform(b, lo, hi);
  const std::vector<float> v = b.read();
  EXPECT_LT(*std::max_element(v.begin(), v.end()), hi);
  EXPECT_GE(*std::min_element(v.begin(), v.end()), lo);
  EXPECT_GT(std::count(v.begin(), v.end(), top), 4000)
      << "u > 15/16 gives the largest float below hi";
  EXPECT_GT(std::count(v.begin(), v.end(), lo), 4000);
}

TEST(RandomUniform, EveryValueInRangeAcrossBindingsFromAnUnalignedStart) {
  // Larger than one binding, starting inside a vec4: every chunk takes the per-word path.
  const std::size_t n = chunk_words() + 1000;
  glc::Buffer<float> b = context().buffer<float>(n);
  glc::Random rng(context(), 0xFFFFFFFF00000001ull);
  rng.set_offset(k2to32 - 100);
  rng.uniform(b, 3, n - 6, -5.0f, 5.0f);
  const std::vector<float> v = b.read();
  const std::vector<std::uint32_t> w = reference_words(0xFFFFFFFF00000001ull, k2to32 - 100, n - 6);
  for (std::size_t i = 0; i < n; ++i) {
    if (i < 3 || i >= n - 3) {
      ASSERT_EQ(v[i], 0.0f) << i;
    } else {
      ASSERT_TRUE(uniform_matches(v[i], w[i - 3], -5.0f, 5.0f)) << "element " << i << " of " << n;
    }
  }
}

struct Moments {
  double mean = 0, var = 0, skew = 0, kurtosis = 0;
};

Moments moments_of(const std::vector<float>& v) {
  double sum = 0;
  for (float x : v) sum += x;
  Moments m;
  m.mean = sum / static_cast<double>(v.size());
  double m2 = 0, m3 = 0, m4 = 0;
  for (float x : v) {
    const double d = x - m.mean, d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const double n = static_cast<double>(v.size());
  m2 /= n;
  m3 /= n;
  m4 /= n;
  m.var = m2;
  m.skew = m3 / std::pow(m2, 1.5);
  m.kurtosis = m4 / (m2 * m2);
  return m;
}

constexpr std::size_t kSamples = 10'000'000;

TEST(RandomUniform, MomentsAndChiSquareAtTenMillion) {
  glc::Buffer<float> b = context().buffer<float>(kSamples);
  glc::Random rng(context(), 20240601);
  rng.uniform(b);
  const std::vector<float> v = b.read();
  const Moments m = moments_of(v);
  EXPECT_NEAR(m.mean, 0.5, 0.001);
  EXPECT_NEAR(m.var, 1.0 / 12.0, 0.001);
  EXPECT_GE(*std::min_element(v.begin(), v.end()), 0.0f);
  EXPECT_LT(*std::max_element(v.begin(), v.end()), 1.0f);

  std::vector<double> bins(100);
  for (float x : v) bins[std::min(static_cast<int>(x * 100.0f), 99)] += 1;
  const double expected = static_cast<double>(kSamples) / 100.0;
  double chi2 = 0;
  for (double count : bins) chi2 += (count - expected) * (count - expected) / expected;
  EXPECT_LT(chi2, 150.0) << "99 degrees of freedom; 150 is the critical value at p = 1e-4";
}

// --- normal ---------------------------------------------------------------------------------

/// Element i of normal(mean, stddev) from the call's words, in double.
double normal_reference(const std::vector<std::uint32_t>& w, std::size_t i, double mean,
                        double stddev) {
  const std::size_t k = i & ~std::size_t{1};
  return mean + stddev * box_muller(w[k], w[k + 1])[i & 1];
}

/// The GPU's log, cos and sin are approximations: 2e-5 absolute plus relative, in units of the
/// standard normal.
bool normal_matches(float got, double want, double mean, double stddev) {
  return std::abs(got - want) <= 2e-5 * (stddev + std::abs(want - mean) + std::abs(mean));
}

TEST(RandomNormal, MatchesBoxMullerOnRandom123Words) {
  const std::uint64_t seed = 0xFFFFFFFF00000001ull;
  for (std::size_t n : {0, 1, 2, 3, 5, 255, 257, (1 << 20) + 3}) {
    for (std::size_t start : {0, 1, 2, 3}) {  // pairs are call elements (2k, 2k+1), not buffer ones
      if (start != 0 && n > 1000) continue;
      glc::Buffer<float> b = glc::testing::poisoned_buffer<float>(start + n + 3);
      glc::Random rng(context(), seed);
      rng.set_offset(k2to32 - 3);
      rng.normal(b, start, n, 0.0f, 1.0f);
      EXPECT_EQ(rng.offset(), k2to32 - 3 + blocks(n));
      const std::vector<float> got = b.read();
      // One more word than n, for the pair of a last even element.
      const std::vector<std::uint32_t> w = reference_words(seed, k2to32 - 3, n + 1);
      for (std::size_t i = 0; i < got.size(); ++i) {
        if (i < start || i >= start + n) {
          ASSERT_EQ(got[i], poison<float>())
              << "element " << i << ", start " << start << ", n " << n;
          continue;
        }
        const double want = normal_reference(w, i - start, 0.0, 1.0);
        ASSERT_TRUE(normal_matches(got[i], want, 0.0, 1.0))
            << "n " << n << ", start " << start << ", element " << i << ": " << got[i]
            << ", Box-Muller in double gives " << want;
      }
    }
  }
}

TEST(RandomNormal, MeanAndStddevScale) {
  const std::size_t n = 4099;
  glc::Buffer<float> b = context().buffer<float>(n);
  const std::vector<std::uint32_t> w = reference_words(7, 0, n + 1);
  const std::pair<float, float> parameters[] = {
      {10.0f, 2.0f}, {-3.5f, 0.25f}, {1000.0f, 100.0f}, {0.0f, 1e-3f}};
  for (const auto& [mean, stddev] : parameters) {
    glc::Random rng(context(), 7);
    rng.normal(b, mean, stddev);
    const std::vector<float> v = b.read();
    for (std::size_t i = 0; i < n; ++i) {
      const double want = normal_reference(w, i, mean, stddev);
      ASSERT_TRUE(normal_matches(v[i], want, mean, stddev))
          << "mean " << mean << ", stddev " << stddev << ", element " << i << ": " << v[i] << " vs "
          << want;
    }
  }
  glc::Random rng(context(), 7);
  rng.normal(b, 2.5f, 0.0f);
  EXPECT_EQ(b.read(), std::vector<float>(n, 2.5f)) << "stddev 0 gives the mean exactly";
}

// Words whose u1 is within a few 2^-24 of 1 give the normals closest to the mean: r is tiny and
// -2 ln u1 must keep its relative precision.
TEST(RandomNormal, SmallRadiiKeepTheirRelativePrecision) {
  const std::size_t n = 1 << 18;
  glc::Buffer<float> b = context().buffer<float>(n);
  glc::Random rng(context(), 11);
  rng.normal(b);
  const std::vector<float> v = b.read();
  const std::vector<std::uint32_t> w = reference_words(11, 0, n);
  int checked = 0;
  for (std::size_t k = 0; k < n; k += 2) {
    const double r = std::sqrt(-2.0 * std::log(u01_nonzero(w[k])));
    const double r_got = std::hypot(double{v[k]}, double{v[k + 1]});
    const double tolerance = r < 0.2 ? 1e-4 * r + 1e-12 : 2e-5 * (1 + r);
    ASSERT_NEAR(r_got, r, tolerance) << "pair " << k << ", u1 = " << u01_nonzero(w[k]);
    checked += r < 0.2;
  }
  EXPECT_GT(checked, 100);
}

TEST(RandomNormal, MomentsAndKolmogorovSmirnovAtTenMillion) {
  glc::Buffer<float> b = context().buffer<float>(kSamples);
  glc::Random rng(context(), 20240601);
  rng.normal(b);
  std::vector<float> v = b.read();
  const Moments m = moments_of(v);
  EXPECT_NEAR(m.mean, 0.0, 0.001);
  EXPECT_NEAR(m.var, 1.0, 0.002);
  EXPECT_NEAR(m.skew, 0.0, 0.01);
  EXPECT_NEAR(m.kurtosis, 3.0, 0.01);

  std::sort(v.begin(), v.end());
  const double n = static_cast<double>(v.size());
  double d = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const double cdf = 0.5 * std::erfc(-v[i] / std::sqrt(2.0));
    d = std::max({d, cdf - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - cdf});
  }
  EXPECT_LT(d, 1.95 / std::sqrt(n)) << "Kolmogorov-Smirnov at alpha = 0.001";
}

// --- determinism ----------------------------------------------------------------------------
// A stream depends on (seed, offset, n) alone: not on how the work is split into calls, not on
// the context, the compiled kernel or the transfer path. (Across drivers and GPUs:
// random_digest against tests/expected/random_digest.txt.)

/// The floats' bits, so that comparisons are exact (-0.0 differs from 0.0, NaN equals itself).
std::vector<std::uint32_t> bits_of(const std::vector<float>& v) {
  std::vector<std::uint32_t> out(v.size());
  std::transform(v.begin(), v.end(), out.begin(), [](float x) { return std::bit_cast<std::uint32_t>(x); });
  return out;
}

// Pieces whose sizes are multiples of 4 keep every Box-Muller pair together, so uniform and
// normal made in pieces are bit-identical to one call, like bits (PiecesContinueTheSameStream).
TEST(RandomDeterminism, UniformAndNormalInPiecesMatchOneCall) {
  const std::uint64_t seed = 0x0123456789ABCDEFull;
  const std::size_t n = 10000;
  using Fill = std::function<void(glc::Random&, glc::Buffer<float>&, std::size_t, std::size_t)>;
  const std::pair<const char*, Fill> transforms[] = {
      {"uniform", [](glc::Random& r, glc::Buffer<float>& b, std::size_t at, std::size_t count) {
         r.uniform(b, at, count, -3.0f, 5.0f);
       }},
      {"normal", [](glc::Random& r, glc::Buffer<float>& b, std::size_t at, std::size_t count) {
         r.normal(b, at, count, 1.0f, 2.0f);
       }}};
  for (const auto& [name, fill] : transforms) {
    glc::Random whole(context(), seed);
    whole.set_offset(k2to32 - 40);  // the pieces cross the carry into the counter's high word
    glc::Buffer<float> one = context().buffer<float>(n);
    fill(whole, one, 0, n);

    glc::Random rng(context(), seed);
    rng.set_offset(k2to32 - 40);
    glc::Buffer<float> pieces = glc::testing::poisoned_buffer<float>(n);
    std::size_t at = 0;
    for (std::size_t size : {4, 8, 252, 1024}) {
      fill(rng, pieces, at, size);
      at += size;
    }
    fill(rng, pieces, at, n - at);
    const std::int64_t d = first_difference(bits_of(pieces.read()), bits_of(one.read()));
    EXPECT_EQ(d, -1) << name << ": element " << d << " differs from the one call's";
    EXPECT_EQ(rng.offset(), whole.offset()) << name;
  }
}

// The same streams again in the same context, in a second context (its own kernels and
// buffers) and in one without staging memory (the plain transfer path): bit for bit.
TEST(RandomDeterminism, SameStreamsInEveryContextAndOnEveryRun) {
  const std::size_t n = (std::size_t{1} << 20) + 3;
  const auto streams = [n](glc::Context& ctx) {
    glc::Random rng(ctx, 0xFEEDFACEull);
    rng.set_offset(12345);
    glc::Buffer<std::uint32_t> words = ctx.buffer<std::uint32_t>(n);
    glc::Buffer<float> uniform = ctx.buffer<float>(n);
    glc::Buffer<float> normal = ctx.buffer<float>(n);
    rng.bits(words);
    rng.uniform(uniform, -1.0f, 1.0f);
    rng.normal(normal, 0.0f, 3.0f);
    return std::array<std::vector<std::uint32_t>, 3>{words.read(), bits_of(uniform.read()),
                                                     bits_of(normal.read())};
  };
  const auto first = streams(context());
  ASSERT_EQ(first[0], reference_words(0xFEEDFACEull, 12345, n));
  glc::Context second;
  glc::Context plain(glc::ContextOptions{.staging_bytes = 0});
  const std::pair<const char*, glc::Context*> runs[] = {
      {"the same context, again", &context()}, {"a second context", &second}, {"no staging", &plain}};
  for (const auto& [what, ctx] : runs) {
    const auto again = streams(*ctx);
    const char* names[] = {"bits", "uniform", "normal"};
    for (int s = 0; s < 3; ++s) {
      const std::int64_t d = first_difference(again[s], first[s]);
      EXPECT_EQ(d, -1) << what << ", " << names[s] << ": element " << d << " differs";
    }
  }
}

// --- errors ---------------------------------------------------------------------------------

TEST(RandomErrors, BadParametersThrowAndChangeNothing) {
  glc::Buffer<float> b = glc::testing::poisoned_buffer<float>(8);
  glc::Random rng(context(), 1);
  rng.set_offset(5);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_THAT(error_of([&] { rng.uniform(b, 1.0f, 1.0f); }),
              HasSubstr("glc::Random::uniform: lo (1) must be less than hi (1)"));
  EXPECT_THAT(error_of([&] { rng.uniform(b, 2.5f, -1.0f); }),
              HasSubstr("lo (2.5) must be less than hi (-1)"));
  EXPECT_THAT(error_of([&] { rng.uniform(b, nan, 1.0f); }), HasSubstr("lo is NaN"));
  EXPECT_THAT(error_of([&] { rng.uniform(b, 0.0f, nan); }), HasSubstr("hi is NaN"));
  EXPECT_THAT(error_of([&] { rng.uniform(b, 0.0f, inf); }),
              HasSubstr("hi - lo must be finite, but lo = 0 and hi = inf give inf"));
  EXPECT_THAT(error_of([&] { rng.uniform(b, -3e38f, 3e38f); }),
              HasSubstr("hi - lo must be finite, but lo = -3e+38 and hi = 3e+38 give inf"));
  EXPECT_THAT(error_of([&] { rng.uniform(b, 0, 0, 1.0f, 0.0f); }),
              HasSubstr("lo (1) must be less than hi (0)"))
      << "checked even for zero elements";
  EXPECT_THAT(error_of([&] { rng.normal(b, 0.0f, -1.0f); }),
              HasSubstr("glc::Random::normal: stddev (-1) must be finite and not negative"));
  EXPECT_THAT(error_of([&] { rng.normal(b, 0.0f, inf); }), HasSubstr("stddev (inf)"));
  EXPECT_THAT(error_of([&] { rng.normal(b, 0.0f, nan); }), HasSubstr("stddev (nan)"));
  EXPECT_THAT(error_of([&] { rng.normal(b, nan, 1.0f); }),
              HasSubstr("glc::Random::normal: mean (nan) must be finite"));
  EXPECT_THAT(error_of([&] { rng.normal(b, -inf, 1.0f); }), HasSubstr("mean (-inf)"));
  EXPECT_THAT(
      error_of([&] { rng.uniform(b, 6, 3, 0.0f, 1.0f); }),
      HasSubstr("glc::Random::uniform: elements [6, 6 + 3) are out of range for a buffer of 8"));
  glc::Buffer<std::uint32_t> words = context().buffer<std::uint32_t>(4);
  EXPECT_THAT(error_of([&] { rng.bits(words, 5, 0); }),
              HasSubstr("glc::Random::bits: elements [5, 5 + 0) are out of range"));
  EXPECT_EQ(rng.offset(), 5u);
  EXPECT_EQ(b.read(), std::vector<float>(8, poison<float>()));

  glc::Buffer<float> empty;
  EXPECT_THAT(error_of([&] { rng.uniform(empty); }), HasSubstr("empty handle"));
}

TEST(RandomErrors, BuffersOfOtherOrDestroyedContextsThrow) {
  glc::Buffer<std::uint32_t> orphan;
  {
    glc::Context temporary;
    glc::Random rng(temporary, 1);
    orphan = temporary.buffer<std::uint32_t>(4);
    rng.bits(orphan);  // works while the context lives
    EXPECT_EQ(orphan.read(), reference_words(1, 0, 4));
    glc::Random main_rng(context(), 1);
    EXPECT_THAT(error_of([&] { main_rng.bits(orphan); }),
                HasSubstr("the buffer belongs to a different glc::Context than the generator"));
  }
  glc::Random rng(context(), 1);
  EXPECT_THAT(error_of([&] { rng.bits(orphan); }), HasSubstr("was destroyed"));
  EXPECT_EQ(rng.offset(), 0u);
}

// --- philox.glsl in a user's shader ---------------------------------------------------------

constexpr const char* kPhiloxShader = R"(#version 430
layout(local_size_x = 64) in;
#include "glcompute/philox.glsl"
layout(std430, binding = 0) readonly buffer In { uvec4 a[]; };
layout(std430, binding = 1) readonly buffer Keys { uvec4 b[]; };
layout(std430, binding = 2) writeonly buffer Out { uvec4 o[]; };
uniform int mode;
uniform uint n;
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i >= n) return;
  if (mode == 0) o[i] = glc_philox4x32_10(a[i], b[i].xy);
  if (mode == 1) o[i] = glc_philox_counter(a[i].xy, a[i].z);
  if (mode == 2) {
    o[i] = floatBitsToUint(vec4(glc_uniform01(a[i].x), glc_uniform01_nonzero(a[i].x),
                                glc_box_muller(a[i].yz)));
  }
}
)";

struct PhiloxShader {
  glc::Program program = context().compile(glc::Source::text(kPhiloxShader, "philox_test.comp"));

  std::vector<glm::uvec4> run(int mode, const std::vector<glm::uvec4>& a,
                              const std::vector<glm::uvec4>& b) {
    glc::Buffer<glm::uvec4> in = context().buffer(a);
    glc::Buffer<glm::uvec4> keys = context().buffer(b);
    glc::Buffer<glm::uvec4> out = context().buffer<glm::uvec4>(a.size());
    program.bind("In", in).bind("Keys", keys).bind("Out", out);
    program.set("mode", mode).set("n", static_cast<std::uint32_t>(a.size()));
    program.dispatch_for(a.size());
    return out.read();
  }
};

TEST(PhiloxGlsl, FullCountersAndKeysMatchRandom123) {
  std::mt19937 gen(123);
  std::vector<glm::uvec4> counters = {glm::uvec4(0), glm::uvec4(~0u), {1, 2, 3, 4}};
  std::vector<glm::uvec4> keys = {glm::uvec4(0), glm::uvec4(~0u), {5, 6, 0, 0}};
  while (counters.size() < 1000) {
    counters.emplace_back(gen(), gen(), gen(), gen());
    keys.emplace_back(gen(), gen(), 0, 0);
  }
  const std::vector<glm::uvec4> got = PhiloxShader().run(0, counters, keys);
  for (std::size_t i = 0; i < counters.size(); ++i) {
    const Philox::ctr_type c = {{counters[i].x, counters[i].y, counters[i].z, counters[i].w}};
    const Philox::key_type k = {{keys[i].x, keys[i].y}};
    const Philox::ctr_type r = Philox()(c, k);
    ASSERT_EQ(got[i], glm::uvec4(r[0], r[1], r[2], r[3])) << "case " << i;
  }
}

TEST(PhiloxGlsl, CounterOfABlockIndexCarries) {
  const std::vector<glm::uvec4> cases = {{5, 9, 0, 0},
                                         {0xFFFFFFFFu, 0, 1, 0},
                                         {0xFFFFFFFEu, 7, 5, 0},
                                         {0xFFFFFFFFu, 0xFFFFFFFFu, 1, 0},
                                         {3, 0, 0xFFFFFFFFu, 0}};
  const std::vector<glm::uvec4> got = PhiloxShader().run(1, cases, cases);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const std::uint64_t block =
        ((std::uint64_t{cases[i].y} << 32) | cases[i].x) + std::uint64_t{cases[i].z};
    EXPECT_EQ(got[i], glm::uvec4(lo32(block), hi32(block), 0, 0)) << "case " << i;
  }
}

TEST(PhiloxGlsl, WordsToNumbers) {
  std::mt19937 gen(5);
  std::vector<glm::uvec4> words = {{0, 0, 0, 0},
                                   {0xFF, 0xFFFFFFFFu, 0xFFFFFFFFu, 0},
                                   {0x100, 0xFFFFFEFFu, 0x40000000u, 0},
                                   {0xFFFFFFFFu, 0xFFFFFDFFu, 0x80000000u, 0},
                                   {0xFFFFFEFFu, 0, 0xC0000000u, 0}};
  while (words.size() < 2000) words.emplace_back(gen(), gen(), gen(), 0);
  const std::vector<glm::uvec4> got = PhiloxShader().run(2, words, words);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const glm::vec4 f = glm::uintBitsToFloat(got[i]);
    ASSERT_EQ(f.x, static_cast<float>(u01(words[i].x))) << "glc_uniform01, case " << i;
    ASSERT_EQ(f.y, static_cast<float>(u01_nonzero(words[i].x)))
        << "glc_uniform01_nonzero, case " << i;
    const std::array<double, 2> z = box_muller(words[i].y, words[i].z);
    const double r = std::hypot(z[0], z[1]);
    const double tolerance = r < 0.2 ? 1e-4 * r + 1e-12 : 2e-5 * (1 + r);
    ASSERT_NEAR(f.z, z[0], tolerance) << "glc_box_muller, case " << i;
    ASSERT_NEAR(f.w, z[1], tolerance) << "glc_box_muller, case " << i;
  }
}

}  // namespace
