// glc::sum, glc::min, glc::max and glc::mean over Buffer<double> (reduce.comp with GLC_DOUBLE)
// against double-double references and std::minmax_element: every size
// class, ragged ends, several storage bindings, NaN and infinities, signed zeros, the
// compensation, run-to-run bit identity, and the error where a driver has no doubles.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "child_without_egl.hpp"
#include "gl_test_context.hpp"

namespace {

using glc::testing::context;
using glc::testing::error_of;
using ::testing::HasSubstr;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Elements in a buffer just over one storage binding (128 MiB on llvmpipe).
std::size_t over_one_binding() {
  return context().info().limits.max_storage_block_bytes / 8 + 1001;
}

/// Doubles spread over many magnitudes and both signs, from a fixed seed.
std::vector<double> random_doubles(std::size_t n, std::uint32_t seed) {
  std::mt19937_64 gen(seed);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  std::vector<double> v(n);
  for (double& x : v) x = std::ldexp(unit(gen), static_cast<int>(gen() % 40) - 20);
  return v;
}

/// The sum as a double-double (each addition's rounding error kept with TwoSum), rounded once:
/// within about n 2^-106 of the magnitudes, enough to judge the GPU's double-double result.
double exact_sum(const std::vector<double>& v, std::size_t offset, std::size_t count) {
  double high = 0, low = 0;
  for (std::size_t i = offset; i < offset + count; ++i) {
    const volatile double s = high + v[i];  // volatile: no reassociation of the error terms
    const volatile double b = s - high;
    low += (high - (s - b)) + (v[i] - b);
    high = s;
  }
  return high + low;
}

double sum_of_magnitudes(const std::vector<double>& v, std::size_t offset, std::size_t count) {
  double s = 0;
  for (std::size_t i = offset; i < offset + count; ++i) s += std::abs(v[i]);
  return s;
}

double ulp(double x) {
  return std::nextafter(std::abs(x), kInf) - std::abs(x);
}

std::uint64_t bits_of(double x) { return std::bit_cast<std::uint64_t>(x); }

void expect_reductions(const glc::Buffer<double>& b, const std::vector<double>& v,
                       std::size_t offset, std::size_t count, const std::string& where) {
  SCOPED_TRACE(where);
  const double want = exact_sum(v, offset, count);
  const double sum = glc::sum(b, offset, count);
  // Compensated per invocation, double-double above: one rounding at the end plus terms of
  // order 2^-100 of the magnitudes (the reference's own error included).
  EXPECT_NEAR(sum, want, 2 * ulp(want) + 1e-22 * sum_of_magnitudes(v, offset, count));
  if (count == 0) return;
  const auto first = v.begin() + static_cast<std::ptrdiff_t>(offset);
  const auto [lo, hi] = std::minmax_element(first, first + static_cast<std::ptrdiff_t>(count));
  EXPECT_EQ(glc::min(b, offset, count), *lo);
  EXPECT_EQ(glc::max(b, offset, count), *hi);
  EXPECT_NEAR(glc::mean(b, offset, count), want / static_cast<double>(count),
              4 * ulp(want / static_cast<double>(count)) + 1e-22 * sum_of_magnitudes(v, offset, count));
}

TEST(ReduceDouble, WholeBufferAtEverySize) {
  for (std::size_t n : {0, 1, 2, 3, 255, 257, (1 << 20) + 3}) {
    const std::vector<double> v = random_doubles(n, 1000 + static_cast<std::uint32_t>(n));
    const glc::Buffer<double> b = context().buffer(v);
    expect_reductions(b, v, 0, n, "size " + std::to_string(n));
    EXPECT_EQ(glc::sum(b), glc::sum(b, 0, n));
  }
  EXPECT_EQ(glc::sum(context().buffer<double>(0)), 0.0);
}

// Ranges starting and ending inside a vec4 (one double before the first whole vec4 and one
// after the last), with no whole vec4 at all, or long enough for the loops.
TEST(ReduceDouble, RangesAtEveryOffset) {
  const std::size_t n = (1u << 18) + 40;
  const std::vector<double> v = random_doubles(n, 99);
  const glc::Buffer<double> b = context().buffer(v);
  for (std::size_t offset : {1, 2, 3, 5, 30}) {
    for (std::size_t count : std::vector<std::size_t>{1, 2, 3, 4, 5, 7, 9, 255, 1029, 1u << 18}) {
      expect_reductions(b, v, offset, count,
                        "offset " + std::to_string(offset) + ", count " + std::to_string(count));
    }
  }
}

TEST(ReduceDouble, ExtremeAtFirstLastHeadAndTail) {
  const std::size_t n = 4200;
  std::vector<double> v(n);
  std::mt19937 gen(7);
  for (double& x : v) x = 100 + gen() % 1000;
  glc::Buffer<double> b = context().buffer(v);
  const double low = -std::numeric_limits<double>::max(), high = 0x1p-1070;  // a subnormal
  for (double& x : v) x = -x;  // every element below the subnormal
  b.write(v);
  for (std::size_t offset : {0, 1, 2, 3}) {
    for (std::size_t count : {1, 2, 3, 5, 4097}) {
      for (std::size_t p : {std::size_t{0}, count - 1, count / 2, std::min<std::size_t>(1, count - 1)}) {
        const std::size_t at = offset + p;
        SCOPED_TRACE("offset " + std::to_string(offset) + ", count " + std::to_string(count) +
                     ", extreme at " + std::to_string(p));
        b.write(std::vector<double>{low}, at);
        EXPECT_EQ(glc::min(b, offset, count), low);
        b.write(std::vector<double>{high}, at);
        EXPECT_EQ(glc::max(b, offset, count), high);
        b.write(std::vector<double>{v[at]}, at);
      }
    }
  }
}

TEST(ReduceDouble, BufferLargerThanOneStorageBinding) {
  const std::size_t n = over_one_binding();
  const std::vector<double> v = random_doubles(n, 42);
  const glc::Buffer<double> b = context().buffer(v);
  expect_reductions(b, v, 0, n, "whole buffer");
  expect_reductions(b, v, 3, n - 3 - 1001 + 5, "across the first binding's end");
  expect_reductions(b, v, n / 2 + 1, n / 2 - 2, "second half");
}

// 2^10 ones, then 2^24 - 2^10 values of 2^-50 (below half an ulp of 1024): a double loop that
// meets the ones first drops every small value, a compensated one keeps them all. The exact sum
// (51 bits) is representable and every step of the compensated sum is exact.
TEST(ReduceDouble, SumIsCompensated) {
  const std::size_t n = std::size_t{1} << 24;
  const std::size_t ones = std::size_t{1} << 10;
  glc::Buffer<double> b = context().buffer<double>(n);
  glc::fill(b, 0x1p-50);
  glc::fill(b, 1.0, 0, ones);
  const double want = static_cast<double>(ones) + static_cast<double>(n - ones) * 0x1p-50;
  EXPECT_EQ(glc::sum(b), want);
  EXPECT_EQ(glc::sum(b, 1, n - 1), want - 1.0);
}

// Cancellation: large values of both signs that cancel exactly, around small ones whose sum
// is the answer. A double-double tree keeps it; a double tree loses the small values.
TEST(ReduceDouble, SumSurvivesCancellation) {
  const std::size_t n = 3'000'001;
  std::vector<double> v(n);
  std::mt19937_64 gen(5);
  for (std::size_t i = 0; i < n; ++i) {
    v[i] = (i % 3 == 0) ? 1e20 : (i % 3 == 1) ? 1.0 + static_cast<double>(gen() % 1000) * 0x1p-20 : -1e20;
  }
  const glc::Buffer<double> b = context().buffer(v);
  const double want = exact_sum(v, 0, n);
  EXPECT_NEAR(glc::sum(b), want, 4 * ulp(want)) << "exact sum " << want;
}

TEST(ReduceDouble, NaNPropagatesAndInfinitiesAdd) {
  const std::size_t n = 100'003;
  std::vector<double> v = random_doubles(n, 11);
  glc::Buffer<double> b = context().buffer(v);
  EXPECT_FALSE(std::isnan(glc::min(b)));
  for (std::size_t at : {std::size_t{0}, std::size_t{1}, n / 2, n - 2, n - 1}) {
    SCOPED_TRACE("NaN at " + std::to_string(at));
    b.write(std::vector<double>{kNaN}, at);
    EXPECT_TRUE(std::isnan(glc::min(b)));
    EXPECT_TRUE(std::isnan(glc::max(b)));
    EXPECT_TRUE(std::isnan(glc::sum(b)));
    EXPECT_TRUE(std::isnan(glc::mean(b)));
    b.write(std::vector<double>{v[at]}, at);
  }
  // A signalling-pattern NaN (low word only) and a negative NaN are NaNs too.
  for (std::uint64_t nan_bits : {0x7FF0000000000001ull, 0xFFF8000000000000ull}) {
    b.write(std::vector<double>{std::bit_cast<double>(nan_bits)}, 5);
    EXPECT_TRUE(std::isnan(glc::max(b))) << std::hex << nan_bits;
    EXPECT_TRUE(std::isnan(glc::min(b, 1, 10))) << std::hex << nan_bits;
  }
  b.write(std::vector<double>{v[5]}, 5);
  b.write(std::vector<double>{kInf}, 17);
  EXPECT_EQ(glc::sum(b), kInf);
  EXPECT_EQ(glc::max(b), kInf);
  b.write(std::vector<double>{-kInf}, 1234);
  EXPECT_TRUE(std::isnan(glc::sum(b)));
  EXPECT_EQ(glc::min(b), -kInf);
  // Finite values whose sum overflows.
  const glc::Buffer<double> big = context().buffer(std::vector<double>(1000, 1e306));
  EXPECT_EQ(glc::sum(big), kInf);
  EXPECT_EQ(glc::max(big), 1e306);
}

TEST(ReduceDouble, SignedZeros) {
  const glc::Buffer<double> zeros = context().buffer(std::vector<double>{-0.0, 0.0, -0.0, 0.0, -0.0});
  EXPECT_EQ(glc::min(zeros), 0.0);
  EXPECT_EQ(glc::max(zeros), 0.0);
  EXPECT_EQ(glc::sum(zeros), 0.0);
}

TEST(ReduceDouble, BitIdenticalRunToRunAndInEveryContext) {
  const std::size_t n = (std::size_t{1} << 20) + 3;
  const std::vector<double> v = random_doubles(n, 21);
  const auto reductions = [&](glc::Context& ctx) {
    const glc::Buffer<double> b = ctx.buffer(v);
    return std::vector<std::uint64_t>{bits_of(glc::sum(b)), bits_of(glc::sum(b, 1, n - 1)),
                                      bits_of(glc::mean(b)), bits_of(glc::min(b)),
                                      bits_of(glc::max(b, 1, n - 1))};
  };
  const std::vector<std::uint64_t> first = reductions(context());
  glc::Context second;
  glc::Context plain(glc::ContextOptions{.staging_bytes = 0});
  EXPECT_EQ(reductions(context()), first) << "the same context, again";
  EXPECT_EQ(reductions(second), first) << "a second context";
  EXPECT_EQ(reductions(plain), first) << "no staging";
}

TEST(ReduceDouble, EmptyAndOutOfRange) {
  const glc::Buffer<double> empty = context().buffer<double>(0);
  const glc::Buffer<double> b = context().buffer(std::vector<double>(10, 1.5));
  EXPECT_EQ(glc::sum(empty), 0.0);
  EXPECT_EQ(glc::sum(b, 4, 0), 0.0);
  EXPECT_EQ(glc::sum(b), 15.0);
  EXPECT_EQ(glc::mean(b), 1.5);
  EXPECT_THAT(error_of([&] { glc::min(empty); }), HasSubstr("glc::min: empty range"));
  EXPECT_THAT(error_of([&] { glc::max(b, 10, 0); }), HasSubstr("glc::max: empty range"));
  EXPECT_THAT(error_of([&] { glc::mean(empty); }), HasSubstr("glc::mean: empty range"));
  EXPECT_THAT(error_of([&] { glc::sum(b, 5, 6); }), HasSubstr("glc::sum: elements [5, 5 + 6)"));
  EXPECT_THAT(error_of([&] { glc::max(b, 11, 0); }), HasSubstr("out of range"));
}

// A driver without ARB_gpu_shader_fp64 (Mesa told to hide it, in a child process): every
// double reduction says so, by name; float reductions keep working.
TEST(ReduceDouble, DriverWithoutDoublesSaysSo) {
  if (context().info().vendor.find("Mesa") == std::string::npos) {
    GTEST_SKIP() << "only Mesa can be told to hide ARB_gpu_shader_fp64 (driver: "
                 << context().info().renderer << ")";
  }
  const std::string out = glc::testing::run_child(glc::testing::kMesaWithoutFp64);
  for (const char* name : {"sum", "min", "max", "mean"}) {
    EXPECT_THAT(out, HasSubstr(std::string(name) + ": glc::" + name +
                               ": Buffer<double> needs doubles in shaders (ARB_gpu_shader_fp64), "
                               "which this driver (llvmpipe"));
  }
  EXPECT_THAT(out, HasSubstr("empty sum: glc::sum: Buffer<double> needs doubles"));
  EXPECT_THAT(out, HasSubstr("ints: 136"));
}

}  // namespace

// The child half of DriverWithoutDoublesSaysSo runs instead of the tests.
int main(int argc, char** argv) {
  if (const char* out = std::getenv("GLC_TEST_CHILD_OUT")) {
    glc::Context ctx;
    std::ofstream file(out);
    const glc::Buffer<double> d = ctx.buffer(std::vector<double>(16, 1.0));
    const glc::Buffer<double> empty = ctx.buffer<double>(0);
    file << "sum: " << error_of([&] { glc::sum(d); }) << "\n";
    file << "min: " << error_of([&] { glc::min(d); }) << "\n";
    file << "max: " << error_of([&] { glc::max(d); }) << "\n";
    file << "mean: " << error_of([&] { glc::mean(d); }) << "\n";
    file << "empty sum: " << error_of([&] { glc::sum(empty); }) << "\n";
    std::vector<std::int32_t> ints(16);
    for (int i = 0; i < 16; ++i) ints[i] = i + 1;
    file << "ints: " << glc::sum(ctx.buffer(ints)) << "\n";
    return 0;
  }
  ::testing::InitGoogleMock(&argc, argv);
  return RUN_ALL_TESTS();
}
