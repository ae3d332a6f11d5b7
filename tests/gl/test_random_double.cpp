// glc::Random into Buffer<double> (src/random.cpp, shaders/glcompute/kernels/random.comp,
// shaders/glcompute/philox_double.glsl): uniforms checked bit for bit against Random123's
// r123::u01<double> on r123::Philox4x32_R<10> words, normals against r123::boxmuller, the
// includable GLSL functions word for word, statistics, determinism, and the error where a
// driver has no doubles.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <Random123/boxmuller.hpp>
#include <Random123/philox.h>
#include <Random123/uniform.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <random>
#include <utility>
#include <vector>

#include <glm/glm.hpp>

#include "child_without_egl.hpp"
#include "gl_test_context.hpp"

namespace glc::testing {
template <> inline double poison<double>() { return -12345.678; }
}  // namespace glc::testing

namespace {

using glc::testing::context;
using glc::testing::error_of;
using glc::testing::poison;
using ::testing::HasSubstr;

using Philox = r123::Philox4x32_R<10>;

constexpr std::uint64_t k2to32 = std::uint64_t{1} << 32;
constexpr std::size_t kSizes[] = {0, 1, 2, 3, 4, 5, 255, 257, (1u << 20) + 3};
constexpr std::uint64_t kSeeds[] = {0, 42, 0xFFFFFFFF00000001ull, 0xDEADBEEFCAFEF00Dull,
                                    ~std::uint64_t{0}};
// The last two make the 64-bit counter carry into its high word, and wrap past 2^64, mid-call.
constexpr std::uint64_t kOffsets[] = {0, 7, k2to32 - 3, ~std::uint64_t{0} - 1};

std::uint32_t lo32(std::uint64_t v) { return static_cast<std::uint32_t>(v); }
std::uint32_t hi32(std::uint64_t v) { return static_cast<std::uint32_t>(v >> 32); }
/// Blocks a call of n doubles uses: two doubles per block.
std::uint64_t blocks(std::size_t n) { return (n + 1) / 2; }

/// The 64-bit integers of a call of n doubles with the generator at block `offset`: element i
/// is words (0, 1) or (2, 3) of block offset + i / 2, the first word the low half.
std::vector<std::uint64_t> reference_u64(std::uint64_t seed, std::uint64_t offset, std::size_t n) {
  std::vector<std::uint64_t> out(n);
  const Philox::key_type key = {{lo32(seed), hi32(seed)}};
  for (std::size_t i = 0; i < n; i += 2) {
    const std::uint64_t block = offset + i / 2;
    const Philox::ctr_type r = Philox()(Philox::ctr_type{{lo32(block), hi32(block), 0, 0}}, key);
    out[i] = r[0] | std::uint64_t{r[1]} << 32;
    if (i + 1 < n) out[i + 1] = r[2] | std::uint64_t{r[3]} << 32;
  }
  return out;
}

/// What uniform(lo, hi) must give for u, bit for bit: Random123's u01, then lo + (hi - lo) * u01
/// without a fused multiply-add, clamped below hi.
double uniform_reference(std::uint64_t u, double lo, double hi) {
  const double u01 = r123::u01<double>(u);
  const volatile double scaled = (hi - lo) * u01;  // volatile: never contracted into an fma
  return std::min(lo + scaled, std::nextafter(hi, -std::numeric_limits<double>::infinity()));
}

/// Element i of normal(mean, stddev) by Random123's Box-Muller on the call's integers.
double normal_reference(const std::vector<std::uint64_t>& u, std::size_t i, double mean,
                        double stddev) {
  const std::size_t k = i & ~std::size_t{1};
  const r123::double2 z = r123::boxmuller(u[k], u[k + 1]);
  return mean + stddev * ((i & 1) == 0 ? z.x : z.y);
}

/// glcompute's log, sin and cos against the C library's: a few units in the last place of the
/// standard normal (r <= 9.5), scaled.
bool normal_matches(double got, double want, double mean, double stddev) {
  return std::abs(got - want) <= 1e-14 * (stddev + std::abs(want - mean) + std::abs(mean));
}

std::uint64_t bits_of(double x) { return std::bit_cast<std::uint64_t>(x); }

/// Index of the first difference in bits, or -1.
std::int64_t first_difference(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return static_cast<std::int64_t>(std::min(a.size(), b.size()));
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (bits_of(a[i]) != bits_of(b[i])) return static_cast<std::int64_t>(i);
  }
  return -1;
}

/// Doubles in one storage buffer binding as the kernel library splits ranges (128 MiB on
/// llvmpipe; at most 2^31 bytes).
std::uint64_t chunk_doubles() {
  const std::uint64_t bytes = context().info().limits.max_storage_block_bytes;
  return std::min<std::uint64_t>(bytes, std::uint64_t{1} << 31) / 256 * 256 / 8;
}

// --- uniform --------------------------------------------------------------------------------

struct Interval {
  double lo, hi;
};
constexpr Interval kIntervals[] = {{0.0, 1.0},         {-1.0, 1.0},   {1.0, 1.0 + 0x1p-48},
                                   {-3.0, 1e-3},       {1e300, 1e301}, {-1e307, 1e307},
                                   {100.0, 1000.0}};

TEST(RandomDouble, UniformIsRandom123BitForBit) {
  const std::size_t tail = 3;
  glc::Buffer<double> b = context().buffer<double>(kSizes[std::size(kSizes) - 1] + tail);
  for (std::uint64_t seed : kSeeds) {
    for (std::uint64_t offset : kOffsets) {
      for (std::size_t n : kSizes) {
        glc::fill(b, poison<double>());
        glc::Random rng(context(), seed);
        rng.set_offset(offset);
        rng.uniform(b, 0, n, 0.0, 1.0);
        EXPECT_EQ(rng.offset(), offset + blocks(n));
        std::vector<double> got = b.read(0, n + tail);
        for (std::size_t i = n; i < n + tail; ++i) {
          ASSERT_EQ(bits_of(got[i]), bits_of(poison<double>())) << "element " << i << " past n " << n;
        }
        got.resize(n);
        const std::vector<std::uint64_t> u = reference_u64(seed, offset, n);
        std::vector<double> want(n);
        for (std::size_t i = 0; i < n; ++i) want[i] = uniform_reference(u[i], 0.0, 1.0);
        const std::int64_t d = first_difference(got, want);
        ASSERT_EQ(d, -1) << "seed " << seed << ", offset " << offset << ", n " << n << ": element "
                         << d << " is " << got[d] << ", Random123's u01 gives " << want[d];
      }
    }
  }
}

TEST(RandomDouble, UniformIntervalsBitForBit) {
  const std::uint64_t seed = (std::uint64_t{1} << 63) + 5;
  for (const Interval& iv : kIntervals) {
    for (std::size_t n : {std::size_t{1}, std::size_t{257}, std::size_t{100'001}}) {
      glc::Buffer<double> b = glc::testing::poisoned_buffer<double>(n + 1);
      glc::Random rng(context(), seed);
      rng.set_offset(k2to32 - 3);
      rng.uniform(b, 0, n, iv.lo, iv.hi);
      const std::vector<double> got = b.read();
      const std::vector<std::uint64_t> u = reference_u64(seed, k2to32 - 3, n);
      for (std::size_t i = 0; i < n; ++i) {
        ASSERT_EQ(bits_of(got[i]), bits_of(uniform_reference(u[i], iv.lo, iv.hi)))
            << "[" << iv.lo << ", " << iv.hi << "), n " << n << ", element " << i << ": " << got[i];
        ASSERT_TRUE(got[i] >= iv.lo && got[i] < iv.hi) << got[i];
      }
      ASSERT_EQ(bits_of(got[n]), bits_of(poison<double>()));
    }
  }
}

// Ranges starting at an odd element: the binding's vec4s straddle two doubles of different
// blocks, so each word computes its own block (the kernel's fallback).
TEST(RandomDouble, RangesStartingAnywhereTouchOnlyTheirElements) {
  const std::size_t size = 700;
  glc::Buffer<double> b = context().buffer<double>(size);
  for (std::size_t start : {1, 2, 3, 5, 30}) {
    for (std::size_t n : {0, 1, 2, 3, 4, 5, 9, 31, 600}) {
      glc::fill(b, poison<double>());
      glc::Random rng(context(), 0xFFFFFFFF00000001ull);
      rng.set_offset(k2to32 - 1);
      rng.uniform(b, start, n, -2.0, 3.0);
      const std::vector<double> got = b.read();
      const std::vector<std::uint64_t> u = reference_u64(0xFFFFFFFF00000001ull, k2to32 - 1, n);
      for (std::size_t i = 0; i < size; ++i) {
        const bool inside = i >= start && i < start + n;
        const double want = inside ? uniform_reference(u[i - start], -2.0, 3.0) : poison<double>();
        ASSERT_EQ(bits_of(got[i]), bits_of(want))
            << "element " << i << ", range [" << start << ", " << start + n << ")";
      }
    }
  }
}

// [1, 1 + 4 ulp) holds four doubles; lo + (hi - lo) * u rounds to hi for u > 7/8 without the clamp.
TEST(RandomDouble, UniformNeverReachesHi) {
  const double lo = 1.0, hi = 1.0 + 0x1p-50;
  const double top = std::nextafter(hi, 0.0);
  glc::Buffer<double> b = context().buffer<double>(100'000);
  glc::Random rng(context(), 3);
  rng.uniform(b, lo, hi);
  const std::vector<double> v = b.read();
  EXPECT_LT(*std::max_element(v.begin(), v.end()), hi);
  EXPECT_GE(*std::min_element(v.begin(), v.end()), lo);
  EXPECT_GT(std::count(v.begin(), v.end(), top), 10'000) << "u > 7/8 gives the largest double below hi";
}

// 53 random bits, not 32 stretched: almost no uniform has a zero in the bits below 2^-32.
TEST(RandomDouble, UniformHasMoreThan32RandomBits) {
  glc::Buffer<double> b = context().buffer<double>(1'000'000);
  glc::Random rng(context(), 99);
  rng.uniform(b);
  const std::vector<double> v = b.read();
  std::size_t coarse = 0;
  for (double x : v) coarse += std::ldexp(x, 32) == std::floor(std::ldexp(x, 32));
  EXPECT_LT(coarse, 10u);
}

// Larger than one storage buffer binding (128 MiB on llvmpipe), aligned and from an odd element.
TEST(RandomDouble, BufferLargerThanOneBindingMatchesEverywhere) {
  const std::size_t n = chunk_doubles() + 1000;
  const std::uint64_t seed = 0xFFFFFFFF00000001ull;
  const std::uint64_t offset = k2to32 - chunk_doubles() / 2;  // a carry at the second binding
  glc::Buffer<double> b = context().buffer<double>(n);
  for (std::size_t start : {0, 1}) {
    glc::Random rng(context(), seed);
    rng.set_offset(offset);
    rng.uniform(b, start, n - start - 1, -5.0, 5.0);
    EXPECT_EQ(rng.offset(), offset + blocks(n - start - 1));
    const std::vector<double> got = b.read();
    const std::vector<std::uint64_t> u = reference_u64(seed, offset, n - start - 1);
    for (std::size_t i = start; i + 1 < n; ++i) {
      ASSERT_EQ(bits_of(got[i]), bits_of(uniform_reference(u[i - start], -5.0, 5.0)))
          << "start " << start << ", element " << i << " of " << n;
    }
  }
}

TEST(RandomDouble, UniformMomentsAndChiSquare) {
  const std::size_t n = 4'000'000;
  glc::Buffer<double> b = context().buffer<double>(n);
  glc::Random rng(context(), 20240601);
  rng.uniform(b);
  const std::vector<double> v = b.read();
  double sum = 0, sum2 = 0;
  std::vector<double> bins(100);
  for (double x : v) {
    sum += x;
    sum2 += x * x;
    bins[std::min(static_cast<int>(x * 100.0), 99)] += 1;
  }
  const double mean = sum / n;
  EXPECT_NEAR(mean, 0.5, 0.001);
  EXPECT_NEAR(sum2 / n - mean * mean, 1.0 / 12.0, 0.001);
  const double expected = static_cast<double>(n) / 100.0;
  double chi2 = 0;
  for (double count : bins) chi2 += (count - expected) * (count - expected) / expected;
  EXPECT_LT(chi2, 150.0) << "99 degrees of freedom; 150 is the critical value at p = 1e-4";
}

// --- normal ---------------------------------------------------------------------------------

TEST(RandomDouble, NormalMatchesRandom123BoxMuller) {
  const std::uint64_t seed = 0xFFFFFFFF00000001ull;
  for (std::size_t n : {0, 1, 2, 3, 5, 255, 257, (1 << 20) + 3}) {
    for (std::size_t start : {0, 1, 2}) {  // pairs are call elements (2k, 2k+1)
      if (start != 0 && n > 1000) continue;
      glc::Buffer<double> b = glc::testing::poisoned_buffer<double>(start + n + 2);
      glc::Random rng(context(), seed);
      rng.set_offset(k2to32 - 3);
      rng.normal(b, start, n, 0.0, 1.0);
      EXPECT_EQ(rng.offset(), k2to32 - 3 + blocks(n));
      const std::vector<double> got = b.read();
      const std::vector<std::uint64_t> u = reference_u64(seed, k2to32 - 3, n + 1);
      for (std::size_t i = 0; i < got.size(); ++i) {
        if (i < start || i >= start + n) {
          ASSERT_EQ(bits_of(got[i]), bits_of(poison<double>())) << "element " << i << ", n " << n;
          continue;
        }
        const double want = normal_reference(u, i - start, 0.0, 1.0);
        ASSERT_TRUE(normal_matches(got[i], want, 0.0, 1.0))
            << "n " << n << ", start " << start << ", element " << i << ": " << got[i]
            << ", r123::boxmuller gives " << want << " (difference " << got[i] - want << ")";
      }
    }
  }
}

TEST(RandomDouble, NormalMeanAndStddevScale) {
  const std::size_t n = 4099;
  glc::Buffer<double> b = context().buffer<double>(n);
  const std::vector<std::uint64_t> u = reference_u64(7, 0, n + 1);
  const std::pair<double, double> parameters[] = {
      {10.0, 2.0}, {-3.5, 0.25}, {1e6, 1e3}, {0.0, 1e-3}, {1.0, 1e-12}};
  for (const auto& [mean, stddev] : parameters) {
    glc::Random rng(context(), 7);
    rng.normal(b, mean, stddev);
    const std::vector<double> v = b.read();
    for (std::size_t i = 0; i < n; ++i) {
      const double want = normal_reference(u, i, mean, stddev);
      ASSERT_TRUE(normal_matches(v[i], want, mean, stddev))
          << "mean " << mean << ", stddev " << stddev << ", element " << i << ": " << v[i]
          << " vs " << want;
    }
  }
  glc::Random rng(context(), 7);
  rng.normal(b, 2.5, 0.0);
  EXPECT_EQ(b.read(), std::vector<double>(n, 2.5)) << "stddev 0 gives the mean exactly";
}

TEST(RandomDouble, NormalMomentsAndKolmogorovSmirnov) {
  const std::size_t n = 4'000'000;
  glc::Buffer<double> b = context().buffer<double>(n);
  glc::Random rng(context(), 20240601);
  rng.normal(b);
  std::vector<double> v = b.read();
  double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
  for (double x : v) m1 += x;
  m1 /= n;
  for (double x : v) {
    const double d = x - m1, d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  EXPECT_NEAR(m1, 0.0, 0.002);
  EXPECT_NEAR(m2, 1.0, 0.003);
  EXPECT_NEAR(m3 / std::pow(m2, 1.5), 0.0, 0.01);
  EXPECT_NEAR(m4 / (m2 * m2), 3.0, 0.02);
  std::sort(v.begin(), v.end());
  double d = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double cdf = 0.5 * std::erfc(-v[i] / std::sqrt(2.0));
    d = std::max({d, cdf - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - cdf});
  }
  EXPECT_LT(d, 1.95 / std::sqrt(static_cast<double>(n))) << "Kolmogorov-Smirnov at alpha = 0.001";
}

// --- determinism ----------------------------------------------------------------------------

// Pieces of even sizes keep every block's two doubles together: the same as one call.
TEST(RandomDouble, PiecesMatchOneCallAndEveryContext) {
  const std::uint64_t seed = 0x0123456789ABCDEFull;
  const std::size_t n = 10001;
  const auto one_call = [&](glc::Context& ctx, bool normal) {
    glc::Random rng(ctx, seed);
    rng.set_offset(k2to32 - 40);
    glc::Buffer<double> b = ctx.buffer<double>(n);
    if (normal) rng.normal(b, 1.0, 2.0);
    else rng.uniform(b, -3.0, 5.0);
    return b.read();
  };
  glc::Context second;
  glc::Context plain(glc::ContextOptions{.staging_bytes = 0});
  for (bool normal : {false, true}) {
    const std::vector<double> whole = one_call(context(), normal);
    glc::Random rng(context(), seed);
    rng.set_offset(k2to32 - 40);
    glc::Buffer<double> pieces = glc::testing::poisoned_buffer<double>(n);
    std::size_t at = 0;
    for (std::size_t size : {2, 4, 250, 1024}) {
      if (normal) rng.normal(pieces, at, size, 1.0, 2.0);
      else rng.uniform(pieces, at, size, -3.0, 5.0);
      at += size;
    }
    if (normal) rng.normal(pieces, at, n - at, 1.0, 2.0);
    else rng.uniform(pieces, at, n - at, -3.0, 5.0);
    EXPECT_EQ(rng.offset(), k2to32 - 40 + blocks(n));
    EXPECT_EQ(first_difference(pieces.read(), whole), -1) << (normal ? "normal" : "uniform");
    EXPECT_EQ(first_difference(one_call(second, normal), whole), -1) << "a second context";
    EXPECT_EQ(first_difference(one_call(plain, normal), whole), -1) << "no staging";
  }
}

// --- errors ---------------------------------------------------------------------------------

TEST(RandomDouble, BadParametersThrowAndChangeNothing) {
  glc::Buffer<double> b = glc::testing::poisoned_buffer<double>(8);
  glc::Random rng(context(), 1);
  rng.set_offset(5);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_THAT(error_of([&] { rng.uniform(b, 1.0, 1.0); }),
              HasSubstr("glc::Random::uniform: lo (1) must be less than hi (1)"));
  EXPECT_THAT(error_of([&] { rng.uniform(b, nan, 1.0); }), HasSubstr("lo is NaN"));
  EXPECT_THAT(error_of([&] { rng.uniform(b, 0.0, inf); }),
              HasSubstr("hi - lo must be finite, but lo = 0 and hi = inf give inf"));
  EXPECT_THAT(error_of([&] { rng.uniform(b, -1e308, 1e308); }),
              HasSubstr("hi - lo must be finite, but lo = -1e+308 and hi = 1e+308 give inf"));
  EXPECT_THAT(error_of([&] { rng.normal(b, 0.0, -1.0); }),
              HasSubstr("glc::Random::normal: stddev (-1) must be finite and not negative"));
  EXPECT_THAT(error_of([&] { rng.normal(b, nan, 1.0); }),
              HasSubstr("glc::Random::normal: mean (nan) must be finite"));
  EXPECT_THAT(error_of([&] { rng.uniform(b, 6, 3, 0.0, 1.0); }),
              HasSubstr("glc::Random::uniform: elements [6, 6 + 3) are out of range for a buffer of 8"));
  EXPECT_THAT(error_of([&] { rng.normal(b, 9, 0, 0.0, 1.0); }),
              HasSubstr("glc::Random::normal: elements [9, 9 + 0) are out of range"));
  EXPECT_EQ(rng.offset(), 5u);
  EXPECT_EQ(first_difference(b.read(), std::vector<double>(8, poison<double>())), -1);
}

// A driver without ARB_gpu_shader_fp64 (Mesa told to hide it, in a child process: Mesa reads
// the override once per process): every double call says so, nothing else breaks.
TEST(RandomDouble, DriverWithoutDoublesSaysSo) {
  if (context().info().vendor.find("Mesa") == std::string::npos) {
    GTEST_SKIP() << "only Mesa can be told to hide ARB_gpu_shader_fp64 (driver: "
                 << context().info().renderer << ")";
  }
  const std::string out = glc::testing::run_child(glc::testing::kMesaWithoutFp64);
  EXPECT_THAT(out, HasSubstr("fp64: no"));
  EXPECT_THAT(out, HasSubstr("uniform: glc::Random::uniform: Buffer<double> needs doubles in "
                             "shaders (ARB_gpu_shader_fp64), which this driver (llvmpipe"));
  EXPECT_THAT(out, HasSubstr("normal: glc::Random::normal: Buffer<double> needs doubles"));
  EXPECT_THAT(out, HasSubstr("empty: glc::Random::uniform: Buffer<double> needs doubles"));
  EXPECT_THAT(out, HasSubstr("float: ok"));
}

// --- philox_double.glsl in a user's shader --------------------------------------------------

constexpr const char* kDoubleShader = R"(#version 430
layout(local_size_x = 64) in;
#include "glcompute/philox_double.glsl"
layout(std430, binding = 0) readonly buffer In { uvec4 a[]; };
layout(std430, binding = 1) writeonly buffer Out { dvec2 o[]; };
uniform int mode;
uniform uint n;
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i >= n) return;
  if (mode == 0) o[i] = dvec2(glc_u01_double(a[i].xy), glc_uneg11_double(a[i].xy));
  if (mode == 1) o[i] = dvec2(glc_log_double(packDouble2x32(a[i].xy)), 0.0lf);
  if (mode == 2) o[i] = glc_sincospi_double(packDouble2x32(a[i].xy));
  if (mode == 3) o[i] = glc_box_muller_double(a[i]);
}
)";

std::vector<glm::dvec2> run_double_shader(int mode, const std::vector<glm::uvec4>& in) {
  static glc::Program program =
      context().compile(glc::Source::text(kDoubleShader, "philox_double_test.comp"));
  glc::Buffer<glm::uvec4> a = context().buffer(in);
  glc::Buffer<glm::dvec2> out = context().buffer<glm::dvec2>(in.size());
  program.bind("In", a).bind("Out", out);
  program.set("mode", mode).set("n", static_cast<std::uint32_t>(in.size()));
  program.dispatch_for(in.size());
  return out.read();
}

glm::uvec4 words_of(std::uint64_t u) { return {lo32(u), hi32(u), 0, 0}; }
glm::uvec4 words_of(double x) { return words_of(bits_of(x)); }

/// Whether `got` is within n units in the last place of `want`.
bool within_ulps(double got, double want, int n) {
  const double ulp = std::nextafter(std::abs(want), std::numeric_limits<double>::infinity()) -
                     std::abs(want);
  return std::abs(got - want) <= n * ulp;
}

// Every rounding case of the 64-bit to double conversion: exact, ties to even, the top values
// that round to 2^64 (u01 = 1), the sign boundary of uneg11.
TEST(PhiloxDoubleGlsl, U01AndUneg11AreRandom123WordForWord) {
  std::vector<std::uint64_t> inputs = {0,
                                       1,
                                       2,
                                       (std::uint64_t{1} << 53) - 1,
                                       std::uint64_t{1} << 53,
                                       (std::uint64_t{1} << 53) + 1,
                                       (std::uint64_t{1} << 54) + 2,
                                       (std::uint64_t{1} << 54) + 6,
                                       0x7FFFFFFFFFFFFC00ull,
                                       0x7FFFFFFFFFFFFDFFull,
                                       0x7FFFFFFFFFFFFE00ull,
                                       0x7FFFFFFFFFFFFFFFull,
                                       0x8000000000000000ull,
                                       0x8000000000000001ull,
                                       0xFFFFFFFFFFFFF800ull,
                                       0xFFFFFFFFFFFFFBFFull,
                                       0xFFFFFFFFFFFFFC00ull,
                                       0xFFFFFFFFFFFFFFFFull,
                                       0x00000000FFFFFFFFull,
                                       0xFFFFFFFF00000000ull};
  std::mt19937_64 gen(1);
  for (int i = 0; i < 5000; ++i) inputs.push_back(gen() >> (gen() % 64));
  std::vector<glm::uvec4> in;
  for (std::uint64_t u : inputs) in.push_back(words_of(u));
  const std::vector<glm::dvec2> out = run_double_shader(0, in);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    ASSERT_EQ(bits_of(out[i].x), bits_of(r123::u01<double>(inputs[i]))) << std::hex << inputs[i];
    ASSERT_EQ(bits_of(out[i].y), bits_of(r123::uneg11<double>(inputs[i]))) << std::hex << inputs[i];
  }
  EXPECT_EQ(out[17].x, 1.0) << "u01 of 2^64 - 1 is 1, as in Random123";
}

TEST(PhiloxDoubleGlsl, LogWithinTwoUlp) {
  std::vector<double> xs = {1.0, 0.5, 2.0, 0x1p-65, 0x1p-1022, 0.7071067811865476,
                            0.7071067811865475, 1.4142135623730951, 1.0 - 0x1p-53, 1.0 + 0x1p-52,
                            3.0, 10.0, 1e300};
  std::mt19937_64 gen(2);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int i = 0; i < 20000; ++i) xs.push_back(std::ldexp(0.5 + 0.5 * unit(gen), -static_cast<int>(gen() % 70)));
  std::vector<glm::uvec4> in;
  for (double x : xs) in.push_back(words_of(x));
  const std::vector<glm::dvec2> out = run_double_shader(1, in);
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double want = static_cast<double>(std::log(static_cast<long double>(xs[i])));
    ASSERT_TRUE(within_ulps(out[i].x, want, 2))
        << "log(" << xs[i] << ") = " << out[i].x << ", want " << want;
  }
}

TEST(PhiloxDoubleGlsl, SinCosPiWithinTwoUlpOfTheirSize) {
  std::vector<double> as = {0.0, -0.0, 0.25, -0.25, 0.5, -0.5, 0.75, -0.75, 1.0, -1.0, 0x1p-60,
                            1.0 - 0x1p-53, -1.0 + 0x1p-53};
  std::mt19937_64 gen(3);
  std::uniform_real_distribution<double> span(-1.0, 1.0);
  for (int i = 0; i < 20000; ++i) as.push_back(span(gen));
  std::vector<glm::uvec4> in;
  for (double a : as) in.push_back(words_of(a));
  const std::vector<glm::dvec2> out = run_double_shader(2, in);
  const long double pi = 3.141592653589793238462643383279502884L;
  for (std::size_t i = 0; i < as.size(); ++i) {
    const long double angle = pi * static_cast<long double>(as[i]);
    const double s = static_cast<double>(std::sin(angle)), c = static_cast<double>(std::cos(angle));
    // Within 2 ulp of the larger of the pair (sin^2 + cos^2 = 1): near a zero of one, the other
    // is about 1 and sets the scale.
    const double tolerance = 2 * 0x1p-53;
    ASSERT_LE(std::abs(out[i].x - s), tolerance) << "sinpi(" << as[i] << ") = " << out[i].x << ", want " << s;
    ASSERT_LE(std::abs(out[i].y - c), tolerance) << "cospi(" << as[i] << ") = " << out[i].y << ", want " << c;
  }
  EXPECT_EQ(out[4].x, 1.0);
  EXPECT_EQ(out[4].y, 0.0);
  EXPECT_EQ(out[8].x, 0.0) << "sin(pi) is exactly 0 here";
  EXPECT_EQ(out[8].y, -1.0);
}

TEST(PhiloxDoubleGlsl, BoxMullerMatchesRandom123) {
  std::mt19937_64 gen(4);
  std::vector<glm::uvec4> in;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> pairs = {
      {0, 0}, {0, ~std::uint64_t{0}}, {~std::uint64_t{0}, 1}, {0x8000000000000000ull, 12345}};
  for (int i = 0; i < 20000; ++i) pairs.emplace_back(gen(), gen());
  for (const auto& [u0, u1] : pairs) in.push_back({lo32(u0), hi32(u0), lo32(u1), hi32(u1)});
  const std::vector<glm::dvec2> out = run_double_shader(3, in);
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const r123::double2 want = r123::boxmuller(pairs[i].first, pairs[i].second);
    ASSERT_TRUE(normal_matches(out[i].x, want.x, 0.0, 1.0)) << i << ": " << out[i].x << " vs " << want.x;
    ASSERT_TRUE(normal_matches(out[i].y, want.y, 0.0, 1.0)) << i << ": " << out[i].y << " vs " << want.y;
  }
}

}  // namespace

// The child half of DriverWithoutDoublesSaysSo runs instead of the tests: one line per call.
int main(int argc, char** argv) {
  if (const char* out = std::getenv("GLC_TEST_CHILD_OUT")) {
    glc::Context ctx;
    std::ofstream file(out);
    file << "fp64: " << (ctx.info().features.fp64 ? "yes" : "no") << "\n";
    glc::Random rng(ctx, 1);
    glc::Buffer<double> d = ctx.buffer<double>(16);
    glc::Buffer<double> empty = ctx.buffer<double>(0);
    file << "uniform: " << error_of([&] { rng.uniform(d); }) << "\n";
    file << "normal: " << error_of([&] { rng.normal(d); }) << "\n";
    file << "empty: " << error_of([&] { rng.uniform(empty); }) << "\n";
    glc::Buffer<float> f = ctx.buffer<float>(16);
    rng.uniform(f);
    file << "float: " << (f.read()[15] < 1.0f ? "ok" : "wrong") << "\n";
    return 0;
  }
  ::testing::InitGoogleMock(&argc, argv);
  return RUN_ALL_TESTS();
}
