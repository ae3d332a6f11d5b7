#include "format/number_format.hpp"

#include <cstdlib>

namespace glc::detail {

std::string left_pad(const std::string& text, std::size_t width) {
  return std::string(width - std::min(width, text.size()), ' ') + text;
}

std::string right_pad(const std::string& text, std::size_t width, char fill) {
  return text + std::string(width - std::min(width, text.size()), fill);
}

// Parses std::to_chars's scientific text, e.g. "-1.25e-05".
Decimal parse_scientific(std::string_view text) {
  Decimal decimal;
  if (text.front() == '-') {
    decimal.negative = true;
    text.remove_prefix(1);
  }
  const std::size_t e = text.find('e');
  for (const char c : text.substr(0, e)) {
    if (c != '.') decimal.digits += c;
  }
  const std::size_t last = decimal.digits.find_last_not_of('0');
  decimal.digits.resize(last == std::string::npos ? 1 : last + 1);
  std::string_view exponent = text.substr(e + 1);
  if (exponent.front() == '+') exponent.remove_prefix(1);  // from_chars rejects a '+'
  std::from_chars(exponent.data(), exponent.data() + exponent.size(), decimal.exponent);
  return decimal;
}

Positional to_positional(const Decimal& decimal) {
  Positional parts;
  const std::string sign = decimal.negative ? "-" : "";
  if (decimal.exponent < 0) {
    parts.integer = sign + "0";
    parts.fraction =
        std::string(static_cast<std::size_t>(-decimal.exponent - 1), '0') + decimal.digits;
  } else {
    const std::size_t integer_digits = static_cast<std::size_t>(decimal.exponent) + 1;
    parts.integer = sign + right_pad(decimal.digits.substr(0, integer_digits), integer_digits, '0');
    parts.fraction = decimal.digits.substr(std::min(integer_digits, decimal.digits.size()));
  }
  return parts;
}

std::size_t digit_count(int exponent) { return std::to_string(std::abs(exponent)).size(); }

}  // namespace glc::detail
