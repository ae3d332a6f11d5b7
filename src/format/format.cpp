#include "glcompute/format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <functional>
#include <iostream>
#include <iterator>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>

#include "glcompute/error.hpp"

// The rules below follow NumPy 1.24's numpy/core/arrayprint.py with its default print options
// (legacy=False), so that `format` matches `str(array)` byte for byte.

namespace glc {
namespace {

constexpr std::ptrdiff_t kLineWidth = 75;  // NumPy's `linewidth`
constexpr std::size_t kThreshold = 1000;   // arrays larger than this are summarised
constexpr std::size_t kEdgeItems = 3;      // items kept at each end of a summarised axis
constexpr std::size_t kPrecision = 8;      // most fractional digits a float shows
constexpr const char* kSummary = "...";
constexpr std::size_t kCharsSize = 512;  // room for any double from std::to_chars, even fixed

// ---------------------------------------------------------------------------------------------
// Shape checks

// "(8, 8)", or "(8,)" for one dimension, as Python writes a shape.
std::string shape_text(const Shape& shape) {
  std::string text = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    text += (i == 0 ? "" : ", ") + std::to_string(shape[i]);
  }
  return text + (shape.size() == 1 ? ",)" : ")");
}

// The number of elements of `shape`, or nothing when that does not fit in a size_t (a wrapped
// product could otherwise match the data's size by accident).
std::optional<std::size_t> element_count(const Shape& shape) {
  std::size_t count = 1;
  for (const std::size_t dim : shape) {
    if (dim != 0 && count > std::numeric_limits<std::size_t>::max() / dim) return std::nullopt;
    count *= dim;
  }
  return count;
}

void check_shape(const Shape& shape, std::size_t size) {
  const std::optional<std::size_t> count = element_count(shape);
  if (count == size) return;
  throw Error("glc::format: shape " + shape_text(shape) + " holds " +
              (count ? std::to_string(*count) : std::string("too many")) +
              " elements but the data has " + std::to_string(size));
}

// ---------------------------------------------------------------------------------------------
// Which elements are shown

// Whether an axis of `length` loses its middle to "..." (NumPy's `_leading_trailing`).
bool elides(std::size_t length, bool summarize) { return summarize && length > 2 * kEdgeItems; }

// The indices shown along an axis of `length`.
std::vector<std::size_t> shown_indices(std::size_t length, bool summarize) {
  std::vector<std::size_t> indices;
  for (std::size_t i = 0; i < length; ++i) {
    if (!elides(length, summarize) || i < kEdgeItems || i >= length - kEdgeItems) {
      indices.push_back(i);
    }
  }
  return indices;
}

// Row-major strides of `shape`, in elements.
std::vector<std::size_t> strides_of(const Shape& shape) {
  std::vector<std::size_t> strides(shape.size(), 1);
  for (std::size_t axis = shape.size(); axis-- > 1;) {
    strides[axis - 1] = strides[axis] * shape[axis];
  }
  return strides;
}

// Flat offsets of the shown elements. NumPy sizes the columns from these alone, so a summarised
// array's hidden values do not widen what is printed.
std::vector<std::size_t> shown_offsets(const Shape& shape, bool summarize) {
  const std::vector<std::size_t> strides = strides_of(shape);
  std::vector<std::size_t> offsets = {0};
  for (std::size_t axis = 0; axis < shape.size(); ++axis) {
    std::vector<std::size_t> next;
    for (const std::size_t offset : offsets) {
      for (const std::size_t i : shown_indices(shape[axis], summarize)) {
        next.push_back(offset + i * strides[axis]);
      }
    }
    offsets = std::move(next);
  }
  return offsets;
}

// ---------------------------------------------------------------------------------------------
// Padding

std::string left_pad(const std::string& text, std::size_t width) {
  return std::string(width - std::min(width, text.size()), ' ') + text;
}

std::string right_pad(const std::string& text, std::size_t width, char fill = ' ') {
  return text + std::string(width - std::min(width, text.size()), fill);
}

// ---------------------------------------------------------------------------------------------
// Integers

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

std::size_t digit_count(int exponent) { return std::to_string(std::abs(exponent)).size(); }

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

// ---------------------------------------------------------------------------------------------
// Layout

std::string rstrip(const std::string& text) {
  return text.substr(0, text.find_last_not_of(' ') + 1);
}

// NumPy's _extendLine: appends `word`, first starting a new line at `indent` if the word would
// pass `width` and the line holds more than its indent (wrapping would not help otherwise).
void extend_line(std::string& text, std::string& line, const std::string& word,
                 std::ptrdiff_t width, const std::string& indent) {
  const auto length = static_cast<std::ptrdiff_t>(line.size() + word.size());
  if (length > width && line.size() > indent.size()) {
    text += rstrip(line) + '\n';
    line = indent;
  }
  line += word;
}

// Nested brackets with hanging indents, as NumPy's _formatArray writes them.
class Layout {
 public:
  using ElementText = std::function<std::string(std::size_t offset)>;

  Layout(const Shape& shape, bool summarize, ElementText element)
      : shape_(shape),
        strides_(strides_of(shape)),
        summarize_(summarize),
        element_(std::move(element)) {}

  // The opening '[' is the indent that later lines hang from.
  std::string render() const { return render_axis(0, 0, " ", kLineWidth); }

 private:
  // `width` is what remains of the line width once the closing brackets of the enclosing axes
  // are accounted for.
  std::string render_axis(std::size_t axis, std::size_t offset, const std::string& indent,
                          std::ptrdiff_t width) const {
    if (axis == shape_.size()) return element_(offset);
    const std::size_t length = shape_[axis];
    std::vector<std::string> items;
    for (const std::size_t i : shown_indices(length, summarize_)) {
      if (elides(length, summarize_) && i == length - kEdgeItems) items.emplace_back(kSummary);
      items.push_back(render_axis(axis + 1, offset + i * strides_[axis], indent + ' ', width - 1));
    }
    const std::size_t axes_left = shape_.size() - axis;
    // Rows leave room for their own ']'.
    const std::string body =
        axes_left == 1 ? join_row(items, indent, width - 1) : join_blocks(items, indent, axes_left);
    return '[' + body.substr(indent.size()) + ']';
  }

  // Elements separated by spaces, wrapped onto lines that hang from `indent`.
  static std::string join_row(const std::vector<std::string>& words, const std::string& indent,
                              std::ptrdiff_t width) {
    std::string text;
    std::string line = indent;
    for (std::size_t i = 0; i < words.size(); ++i) {
      extend_line(text, line, words[i], width, indent);
      if (i + 1 < words.size()) line += ' ';
    }
    return text + line;
  }

  // Sub-arrays one per line, with a blank line between 2-D blocks, two between 3-D ones, etc.
  static std::string join_blocks(const std::vector<std::string>& blocks, const std::string& indent,
                                 std::size_t axes_left) {
    const std::string separator(axes_left - 1, '\n');
    std::string text;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      text += indent + blocks[i];
      if (i + 1 < blocks.size()) text += separator;
    }
    return text;
  }

  Shape shape_;
  std::vector<std::size_t> strides_;
  bool summarize_;
  ElementText element_;
};

// ---------------------------------------------------------------------------------------------
// Putting it together

template <class Format, class T>
std::string format_array(std::span<const T> data, const Shape& requested) {
  const Shape shape = requested.empty() ? Shape{data.size()} : requested;
  check_shape(shape, data.size());
  if (data.empty()) return "[]";
  const bool summarize = data.size() > kThreshold;
  std::vector<T> shown;
  for (const std::size_t offset : shown_offsets(shape, summarize)) shown.push_back(data[offset]);
  const Format element_format(shown);
  const Layout layout(shape, summarize,
                      [&](std::size_t offset) { return element_format(data[offset]); });
  return layout.render();
}

}  // namespace

std::string format(std::span<const float> data, const Shape& shape) {
  return format_array<FloatFormat<float>>(data, shape);
}

std::string format(std::span<const double> data, const Shape& shape) {
  return format_array<FloatFormat<double>>(data, shape);
}

std::string format(std::span<const std::int32_t> data, const Shape& shape) {
  return format_array<IntegerFormat<std::int32_t>>(data, shape);
}

std::string format(std::span<const std::uint32_t> data, const Shape& shape) {
  return format_array<IntegerFormat<std::uint32_t>>(data, shape);
}

std::string format(std::span<const std::int64_t> data, const Shape& shape) {
  return format_array<IntegerFormat<std::int64_t>>(data, shape);
}

std::string format(std::span<const std::uint64_t> data, const Shape& shape) {
  return format_array<IntegerFormat<std::uint64_t>>(data, shape);
}

void print_line(const std::string& text) { std::cout << text << '\n'; }

}  // namespace glc
