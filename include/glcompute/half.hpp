#pragma once
/// @file
/// `glc::half`: an IEEE 754 binary16 number on the host, the channel type of the rgba16f, rg16f
/// and r16f texture formats (GL_HALF_FLOAT). It holds the 16 bits exactly as the GPU stores
/// them; conversions from and to float are explicit.
///
///     std::vector<glc::half> texels{glc::half(0.5f), glc::half(-2.0f)};
///     float f = static_cast<float>(texels[0]);        // 0.5f
///     std::uint16_t bits = texels[1].bits();          // 0xC000

#include <bit>
#include <cstdint>

namespace glc {

/// A 16-bit float: 1 sign bit, 5 exponent bits, 10 mantissa bits (largest finite value 65504,
/// smallest normal 2^-14, smallest subnormal 2^-24). Trivially copyable, 2 bytes, no padding,
/// so a std::vector<half> is what GL reads and writes. Value-initialized, it is +0.
class half {
 public:
  half() = default;
  /// `value` rounded to the nearest half, ties to even, as GL and IEEE 754 convert: values of
  /// magnitude 65520 and above become infinity, values below 2^-25 in magnitude a signed zero,
  /// NaN stays NaN (quiet) and the sign of zero is kept.
  constexpr explicit half(float value) noexcept : bits_(from_float(value)) {}
  /// Exact: every half is a float.
  constexpr explicit operator float() const noexcept { return to_float(bits_); }

  /// The half whose bits are `bits`.
  static constexpr half from_bits(std::uint16_t bits) noexcept {
    half h;
    h.bits_ = bits;
    return h;
  }
  /// The 16 bits as stored.
  constexpr std::uint16_t bits() const noexcept { return bits_; }

 private:
  static constexpr std::uint16_t from_float(float value) noexcept {
    const std::uint32_t f = std::bit_cast<std::uint32_t>(value);
    const auto sign = static_cast<std::uint16_t>((f >> 16) & 0x8000u);
    const std::uint32_t magnitude = f & 0x7fffffffu;
    if (magnitude > 0x7f800000u) {  // NaN: quiet, with the payload's top bits
      return static_cast<std::uint16_t>(sign | 0x7e00u | ((magnitude >> 13) & 0x3ffu));
    }
    if (magnitude >= 0x477ff000u) return sign | 0x7c00u;  // >= 65520: rounds to infinity
    if (magnitude < 0x38800000u) {                       // below 2^-14: a subnormal half
      if (magnitude <= 0x33000000u) return sign;         // <= 2^-25: the tie goes to even zero
      const std::uint32_t exponent = magnitude >> 23;
      const std::uint32_t mantissa = (magnitude & 0x7fffffu) | 0x800000u;
      const std::uint32_t shift = 126 - exponent;  // 14..24: units of 2^-24
      std::uint32_t result = mantissa >> shift;
      const std::uint32_t rest = mantissa & ((1u << shift) - 1);
      const std::uint32_t halfway = 1u << (shift - 1);
      if (rest > halfway || (rest == halfway && (result & 1u))) ++result;
      return static_cast<std::uint16_t>(sign | result);  // 0x400 (the smallest normal) on carry
    }
    std::uint32_t result = (magnitude - 0x38000000u) >> 13;  // exponent rebiased by 127 - 15
    const std::uint32_t rest = magnitude & 0x1fffu;
    if (rest > 0x1000u || (rest == 0x1000u && (result & 1u))) ++result;  // may carry upwards
    return static_cast<std::uint16_t>(sign | result);
  }

  static constexpr float to_float(std::uint16_t h) noexcept {
    const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000u) << 16;
    const std::uint32_t exponent = (h >> 10) & 0x1fu;
    const std::uint32_t mantissa = h & 0x3ffu;
    if (exponent == 0) {  // zero or subnormal: mantissa * 2^-24, exact in float
      const float magnitude = static_cast<float>(mantissa) * (1.0f / 16777216.0f);
      return sign ? -magnitude : magnitude;
    }
    if (exponent == 31) return std::bit_cast<float>(sign | 0x7f800000u | (mantissa << 13));
    return std::bit_cast<float>(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  std::uint16_t bits_ = 0;
};

static_assert(sizeof(half) == 2, "glc::half must be exactly the 16 bits GL stores");

}  // namespace glc
