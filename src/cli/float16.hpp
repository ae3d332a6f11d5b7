#pragma once
// IEEE 754 half precision (NumPy's float16) as raw 16-bit words: conversions with the rounding
// NumPy uses (to nearest, ties to even, straight from double).

#include <cstdint>

namespace glc::cli {

/// The half nearest to `value` (ties to even); overflow gives infinity, NaN a quiet NaN.
std::uint16_t float16_from_double(double value) noexcept;
/// The exact value of a half.
double float16_to_double(std::uint16_t bits) noexcept;

}  // namespace glc::cli
