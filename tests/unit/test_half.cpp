// glc::half without GL: every one of the 65536 bit patterns converts to float and back
// unchanged (NaNs stay NaNs), and float to half rounds to the nearest half, ties to even, as
// IEEE 754 says, checked against the halves on either side of each float (compared exactly in
// double) rather than against a second implementation of the same bit arithmetic.

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "glcompute/half.hpp"

namespace {

using glc::half;

bool is_nan(std::uint16_t bits) { return (bits & 0x7C00u) == 0x7C00u && (bits & 0x3FFu) != 0; }

TEST(Half, EveryBitPatternRoundTripsThroughFloat) {
  for (std::uint32_t b = 0; b <= 0xFFFFu; ++b) {
    const auto bits = static_cast<std::uint16_t>(b);
    const float f = static_cast<float>(half::from_bits(bits));
    if (is_nan(bits)) {
      EXPECT_TRUE(std::isnan(f)) << std::hex << b;
      EXPECT_TRUE(is_nan(half(f).bits())) << std::hex << b;
      continue;
    }
    ASSERT_EQ(half(f).bits(), bits) << std::hex << b << " -> " << f;
  }
}

TEST(Half, KnownValues) {
  EXPECT_EQ(half(1.0f).bits(), 0x3C00u);
  EXPECT_EQ(half(-2.0f).bits(), 0xC000u);
  EXPECT_EQ(half(65504.0f).bits(), 0x7BFFu);                       // largest finite
  EXPECT_EQ(half(65520.0f).bits(), 0x7C00u);                       // rounds to infinity
  EXPECT_EQ(half(65519.99f).bits(), 0x7BFFu);
  EXPECT_EQ(half(std::ldexp(1.0f, -24)).bits(), 0x0001u);          // smallest subnormal
  EXPECT_EQ(half(std::ldexp(1.0f, -25)).bits(), 0x0000u);          // the tie goes to even zero
  EXPECT_EQ(half(std::ldexp(1.5f, -25)).bits(), 0x0001u);
  EXPECT_EQ(half(-0.0f).bits(), 0x8000u);
  EXPECT_EQ(half(std::numeric_limits<float>::infinity()).bits(), 0x7C00u);
  EXPECT_EQ(static_cast<float>(half::from_bits(0x3555u)), 0.333251953125f);
  EXPECT_EQ(half().bits(), 0u);
}

/// The half nearest `f`, ties to the even bit pattern, by looking at candidates: the finite
/// halves of f's sign whose value brackets f (found by scanning), compared in double.
std::uint16_t nearest_half(float f) {
  const std::uint16_t sign = std::signbit(f) ? 0x8000u : 0;
  const double target = std::fabs(static_cast<double>(f));
  if (target >= 65520.0) return sign | 0x7C00u;  // IEEE: beyond max + half an ulp, infinity
  std::uint16_t best = 0;
  double best_distance = std::numeric_limits<double>::infinity();
  for (std::uint16_t m = 0; m <= 0x7BFFu; ++m) {
    const double distance = std::fabs(static_cast<double>(static_cast<float>(half::from_bits(m))) - target);
    if (distance < best_distance || (distance == best_distance && (m & 1u) == 0)) {
      best = m;
      best_distance = distance;
    }
    if (static_cast<double>(static_cast<float>(half::from_bits(m))) > target) break;
  }
  return sign | best;
}

TEST(Half, FloatsRoundToTheNearestHalfTiesToEven) {
  std::vector<float> floats;
  std::uint64_t state = 12345;
  for (int i = 0; i < 3000; ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    // Random magnitudes across the half range (exponents -27..16) and random mantissas.
    const int exponent = static_cast<int>((state >> 40) % 44) - 27;
    const float mantissa = 1.0f + static_cast<float>((state >> 8) & 0x7FFFFF) / 8388608.0f;
    floats.push_back(((state >> 63) ? -1.0f : 1.0f) * std::ldexp(mantissa, exponent));
  }
  // Exact ties between neighbouring halves, normal and subnormal.
  for (std::uint16_t m : {0x0001, 0x0002, 0x03FF, 0x0400, 0x3C00, 0x3C01, 0x7BFE}) {
    const double a = static_cast<float>(half::from_bits(m));
    const double b = static_cast<float>(half::from_bits(static_cast<std::uint16_t>(m + 1)));
    floats.push_back(static_cast<float>((a + b) / 2));
  }
  for (float f : floats) ASSERT_EQ(half(f).bits(), nearest_half(f)) << f;
}

}  // namespace
