#include "float16.hpp"

#include <algorithm>
#include <cmath>

namespace glc::cli {

std::uint16_t float16_from_double(double value) noexcept {
  const std::uint16_t sign = std::signbit(value) ? 0x8000 : 0;
  if (std::isnan(value)) return sign | 0x7E00;
  const double magnitude = std::fabs(value);
  if (magnitude == 0) return sign;
  // The binary exponent, no lower than that of the smallest normal half (subnormals share it);
  // scaled by 2^(10 - exponent) the value's integer part is the half's 11-bit significand, and
  // the scaling is exact, so rounding it to an integer rounds the value as IEEE 754 does.
  const int exponent = std::max(std::ilogb(magnitude), -14);
  if (exponent > 15) return sign | 0x7C00;
  const double significand = std::nearbyint(std::ldexp(magnitude, 10 - exponent));  // ties to even
  // Normal: ((exponent + 15) << 10) + significand - 1024, where a significand rounded up to 2048
  // carries into the exponent by itself; subnormal (exponent -14, significand < 1024): the
  // significand is the whole word, and 1024 is the smallest normal half.
  const auto bits = static_cast<std::uint32_t>(exponent + 14) * 1024 + static_cast<std::uint32_t>(significand);
  return static_cast<std::uint16_t>(sign | std::min<std::uint32_t>(bits, 0x7C00));
}

double float16_to_double(std::uint16_t bits) noexcept {
  const int exponent = (bits >> 10) & 0x1F;
  const int mantissa = bits & 0x3FF;
  const double sign = bits & 0x8000 ? -1.0 : 1.0;
  if (exponent == 0x1F) return mantissa == 0 ? sign * INFINITY : NAN;
  if (exponent == 0) return sign * std::ldexp(mantissa, -24);
  return sign * std::ldexp(1024 + mantissa, exponent - 25);
}

}  // namespace glc::cli
