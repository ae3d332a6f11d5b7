#pragma once
// How NumPy writes the numbers of one array: integers right-aligned to a common width, floats
// in NumPy's default 'maxprec' mode (positional or scientific for the whole array, each value
// with its own shortest digits, padded to align). For glc::format (format.cpp). Internal.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace glc::detail {

constexpr std::size_t kPrecision = 8;      // most fractional digits a float shows
constexpr std::size_t kCharsSize = 512;  // room for any double from std::to_chars, even fixed

/// `text` right-aligned in `width` (never cut).
std::string left_pad(const std::string& text, std::size_t width);
/// `text` followed by `fill` up to `width`.
std::string right_pad(const std::string& text, std::size_t width, char fill = ' ');

// NumPy's IntegerFormat: right-aligned to the widest of the shown minimum and maximum.
template <class T>
class IntegerFormat {
 public:
  explicit IntegerFormat(const std::vector<T>& shown) {
    const auto [min, max] = std::minmax_element(shown.begin(), shown.end());
    width_ = std::max(std::to_string(*min).size(), std::to_string(*max).size());
  }

  std::string operator()(T value) const { return left_pad(std::to_string(value), width_); }

 private:
  std::size_t width_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Floats: decimal digits

// A finite value as ±d0.d1d2... × 10^exponent, without trailing zero digits (but at least one).
struct Decimal {
  bool negative = false;
  std::string digits;
  int exponent = 0;
};

// Parses std::to_chars's scientific text, e.g. "-1.25e-05".
Decimal parse_scientific(std::string_view text);

// `value` rounded to `precision` digits after the mantissa's point or, without one, the shortest
// digits that read back as `value` in its own type (float32's shortest for float, as NumPy's
// Dragon4 does in its "unique" mode).
template <class T>
Decimal to_decimal(T value, std::optional<std::size_t> precision = std::nullopt) {
  char buffer[kCharsSize];
  char* const end = buffer + sizeof buffer;
  const auto result = precision ? std::to_chars(buffer, end, value, std::chars_format::scientific,
                                                static_cast<int>(*precision))
                                : std::to_chars(buffer, end, value, std::chars_format::scientific);
  return parse_scientific({buffer, result.ptr});
}

// The mantissa NumPy sizes scientific columns from: the shortest digits, but no more than
// kPrecision after the point; past that, Dragon4 rounds the exact value.
template <class T>
Decimal scientific_decimal(T value) {
  const Decimal shortest = to_decimal(value);
  return shortest.digits.size() - 1 <= kPrecision ? shortest : to_decimal(value, kPrecision);
}

// A positional number split at its point; `integer` carries the sign.
struct Positional {
  std::string integer;
  std::string fraction;
};

/// The digits of `decimal` split at the point.
Positional to_positional(const Decimal& decimal);

// `value` rounded to `fraction_digits` after the point, without trailing zeros.
template <class T>
Positional fixed_parts(T value, std::size_t fraction_digits) {
  char buffer[kCharsSize];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed,
                                    static_cast<int>(fraction_digits));
  const std::string_view text(buffer, result.ptr);
  const std::size_t point = std::min(text.find('.'), text.size());
  Positional parts{std::string(text.substr(0, point)), std::string(text.substr(point))};
  parts.fraction.erase(0, 1);  // the point, if any
  parts.fraction.erase(parts.fraction.find_last_not_of('0') + 1);
  return parts;
}

// The positional digits NumPy shows. Dragon4 emits the shortest digits, but with NumPy's
// min_digits=0 it never stops above the units place (float32 90590064 has the shortest digits
// 9.059006e7, yet prints as 90590064.), and it stops at kPrecision fractional digits; in both
// cases it rounds the exact value at that place.
template <class T>
Positional positional_parts(T value) {
  const Decimal shortest = to_decimal(value);
  if (shortest.exponent >= static_cast<int>(shortest.digits.size())) return fixed_parts(value, 0);
  Positional parts = to_positional(shortest);
  return parts.fraction.size() <= kPrecision ? parts : fixed_parts(value, kPrecision);
}

// ---------------------------------------------------------------------------------------------
// Floats: the common format of an array

// NumPy's choice of scientific notation, made from the finite non-zero shown values. The
// thresholds compare in double (NumPy promotes a float32 scalar against a Python float), but
// max/min divides in T first, as NumPy does.
template <class T>
bool needs_scientific(const std::vector<T>& finite) {
  std::vector<T> magnitudes;
  for (const T value : finite) {
    if (value != 0) magnitudes.push_back(std::abs(value));
  }
  if (magnitudes.empty()) return false;
  const auto [min, max] = std::minmax_element(magnitudes.begin(), magnitudes.end());
  const T ratio = *max / *min;
  return static_cast<double>(*max) >= 1e8 || static_cast<double>(*min) < 1e-4 ||
         static_cast<double>(ratio) > 1000.0;
}

/// Digits of |exponent|.
std::size_t digit_count(int exponent);

// NumPy's FloatingFormat in its default 'maxprec' mode: every value shows its own digits, and
// padding aligns the points (positional) or gives all mantissas the same length (scientific).
template <class T>
class FloatFormat {
 public:
  explicit FloatFormat(const std::vector<T>& shown) {
    std::vector<T> finite;
    std::copy_if(shown.begin(), shown.end(), std::back_inserter(finite),
                 [](T value) { return std::isfinite(value); });
    scientific_ = needs_scientific(finite);
    for (const T value : finite) {
      if (scientific_) {
        fit_scientific(scientific_decimal(value));
      } else {
        fit_positional(positional_parts(value));
      }
    }
    if (scientific_) {
      // Only the width of nan and inf uses pad_right in scientific mode.
      pad_right_ = exponent_digits_ + 2 + precision_;
    }
    if (finite.size() != shown.size()) fit_non_finite(shown);
  }

  std::string operator()(T value) const {
    if (!std::isfinite(value)) {
      const std::string text = std::isnan(value) ? "nan" : value < 0 ? "-inf" : "inf";
      return left_pad(text, pad_left_ + pad_right_ + 1);
    }
    if (scientific_) return scientific(common_precision_decimal(value));
    const Positional parts = positional_parts(value);
    return left_pad(parts.integer, pad_left_) + '.' + right_pad(parts.fraction, pad_right_);
  }

 private:
  void fit_positional(const Positional& parts) {
    pad_left_ = std::max(pad_left_, parts.integer.size());
    pad_right_ = std::max(pad_right_, parts.fraction.size());
  }

  void fit_scientific(const Decimal& decimal) {
    pad_left_ = std::max<std::size_t>(pad_left_, decimal.negative ? 2 : 1);
    precision_ = std::max(precision_, decimal.digits.size() - 1);
    // Exponents show at least two digits, as in "1.e-05".
    exponent_digits_ = std::max({exponent_digits_, std::size_t{2}, digit_count(decimal.exponent)});
  }

  // nan and inf are right-aligned to the full width, which they may widen.
  void fit_non_finite(const std::vector<T>& shown) {
    const bool negative_inf = std::any_of(shown.begin(), shown.end(),
                                          [](T value) { return std::isinf(value) && value < 0; });
    const std::size_t width = negative_inf ? 4 : 3;  // "nan", "inf", "-inf"
    const std::size_t others = pad_right_ + 1;       // the point and the fraction
    if (width > others) pad_left_ = std::max(pad_left_, width - others);
  }

  // Mantissas shorter than the common precision get more digits of the exact value (Dragon4's
  // min_digits), not zeros: float32 8.553778e+29 prints as 8.5537781e+29 beside longer ones.
  // Those that already have it keep their shortest digits, which rounding the exact value could
  // change where the gaps to the neighbouring floats differ (at powers of two).
  Decimal common_precision_decimal(T value) const {
    const Decimal decimal = scientific_decimal(value);
    return decimal.digits.size() - 1 < precision_ ? to_decimal(value, precision_) : decimal;
  }

  std::string scientific(const Decimal& decimal) const {
    const std::string integer = (decimal.negative ? "-" : "") + decimal.digits.substr(0, 1);
    const std::string fraction = right_pad(decimal.digits.substr(1), precision_, '0');
    const std::string exponent = std::to_string(std::abs(decimal.exponent));
    return left_pad(integer, pad_left_) + '.' + fraction + 'e' +
           (decimal.exponent < 0 ? '-' : '+') +
           std::string(exponent_digits_ - exponent.size(), '0') + exponent;
  }

  bool scientific_ = false;
  std::size_t pad_left_ = 0;         // width of the integer part, sign included
  std::size_t pad_right_ = 0;        // width of the fraction (positional)
  std::size_t precision_ = 0;        // mantissa digits after the point (scientific)
  std::size_t exponent_digits_ = 0;  // exponent digits after its sign (scientific)
};

}  // namespace glc::detail
