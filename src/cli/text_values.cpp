#include "text_values.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "float16.hpp"
#include "usage_error.hpp"

namespace glc::cli {
namespace {

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

// The magnitude of an integer without its sign: decimal or 0x hexadecimal.
std::optional<std::uint64_t> magnitude(std::string_view digits) {
  int base = 10;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
    base = 16;
    digits.remove_prefix(2);
  }
  std::uint64_t value = 0;
  const char* end = digits.data() + digits.size();
  const auto [ptr, ec] = std::from_chars(digits.data(), end, value, base);
  if (digits.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

// Range of each integer dtype, as long double holds every int64 and uint64 bound exactly.
template <class T>
void append_integer(std::string_view text, npy::Dtype dtype, std::vector<std::byte>& out) {
  const std::optional<std::int64_t> signed_value = to_int64(text);
  const std::optional<std::uint64_t> unsigned_value = to_uint64(text);
  if (!signed_value && !unsigned_value) {
    const bool number = to_double(text).has_value();
    throw UsageError(quoted(text) + (number ? " is not a whole number" : " is not a number") +
                     " (" + std::string(npy::name(dtype)) + ")");
  }
  using Limits = std::numeric_limits<T>;
  const bool fits = std::is_signed_v<T>
                        ? signed_value && *signed_value >= Limits::min() && *signed_value <= Limits::max()
                        : unsigned_value && *unsigned_value <= Limits::max();
  if (!fits) {
    throw UsageError(quoted(text) + " does not fit in " + std::string(npy::name(dtype)) + " (" +
                     std::to_string(Limits::min()) + " to " + std::to_string(Limits::max()) + ")");
  }
  const T value = std::is_signed_v<T> ? static_cast<T>(*signed_value) : static_cast<T>(*unsigned_value);
  const auto* bytes = reinterpret_cast<const std::byte*>(&value);
  out.insert(out.end(), bytes, bytes + sizeof value);
}

double parse_float(std::string_view text, npy::Dtype dtype) {
  const std::optional<double> value = to_double(text);
  if (!value) {
    throw UsageError(quoted(text) + " is not a number (" + std::string(npy::name(dtype)) + ")");
  }
  return *value;
}

[[noreturn]] void too_large(std::string_view text, npy::Dtype dtype, const char* largest) {
  throw UsageError(quoted(text) + " does not fit in " + std::string(npy::name(dtype)) +
                   " (largest " + largest + ")");
}

template <class T>
void append_bytes(const T& value, std::vector<std::byte>& out) {
  const auto* bytes = reinterpret_cast<const std::byte*>(&value);
  out.insert(out.end(), bytes, bytes + sizeof value);
}

// The list reader: values separated by commas, lists nested in brackets.
class ListReader {
 public:
  ListReader(std::string_view text, npy::Dtype dtype) : text_(text), dtype_(dtype) {}

  npy::Array read() {
    npy::Array array{dtype_, {}, {}};
    skip_space();
    if (!next_is('[')) fail("a value list starts with '['");
    read_list(0, array);
    skip_space();
    if (at_ != text_.size()) fail("unexpected " + quoted(text_.substr(at_)) + " after the list");
    for (const std::optional<std::size_t>& length : lengths_) array.shape.push_back(*length);
    return array;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const { throw UsageError(what); }

  void skip_space() {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t')) ++at_;
  }
  bool next_is(char c) const { return at_ < text_.size() && text_[at_] == c; }

  // The list starting at text_[at_] == '[', at `depth` (0: the outermost). Its length is the
  // shape's dimension `depth`, which every list at that depth must share.
  void read_list(std::size_t depth, npy::Array& array) {
    if (depth == npy::kMaxDimensions) {
      fail("lists nested more than " + std::to_string(npy::kMaxDimensions) + " deep");
    }
    ++at_;
    std::size_t length = 0;
    std::optional<bool> of_lists;
    skip_space();
    while (!next_is(']')) {
      const bool is_list = next_is('[');
      if (of_lists && *of_lists != is_list) fail("lists and values are mixed in one list");
      of_lists = is_list;
      if (is_list) {
        read_list(depth + 1, array);
      } else {
        if (leaf_depth_ && *leaf_depth_ != depth) fail("the lists are not nested equally deep");
        leaf_depth_ = depth;
        read_value(array);
      }
      ++length;
      skip_space();
      if (next_is(',')) {
        ++at_;
        skip_space();
      } else if (!next_is(']')) {
        fail(at_ == text_.size() ? "a list is not closed with ']'"
                                 : "expected ',' or ']' at " + quoted(text_.substr(at_, 20)));
      }
    }
    ++at_;
    if (lengths_.size() <= depth) lengths_.resize(depth + 1);
    if (lengths_[depth] && *lengths_[depth] != length) {
      fail("the lists at depth " + std::to_string(depth + 1) + " have different lengths (" +
           std::to_string(*lengths_[depth]) + " and " + std::to_string(length) + ")");
    }
    lengths_[depth] = length;
  }

  void read_value(npy::Array& array) {
    const std::size_t begin = at_;
    while (at_ < text_.size() && text_[at_] != ',' && text_[at_] != ']' && text_[at_] != '[') ++at_;
    const std::string_view value = trim(text_.substr(begin, at_ - begin));
    if (value.empty()) fail("a value is missing");
    append_value(value, dtype_, array.data);
  }

  std::string_view text_;
  npy::Dtype dtype_;
  std::size_t at_ = 0;
  std::optional<std::size_t> leaf_depth_;
  std::vector<std::optional<std::size_t>> lengths_;
};

}  // namespace

std::optional<std::int64_t> to_int64(std::string_view text) {
  text = trim(text);
  const bool negative = !text.empty() && text[0] == '-';
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
  const std::optional<std::uint64_t> m = magnitude(text);
  if (!m) return std::nullopt;
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (negative) {
    if (*m > kMax + 1) return std::nullopt;
    return *m == kMax + 1 ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(*m);
  }
  if (*m > kMax) return std::nullopt;
  return static_cast<std::int64_t>(*m);
}

std::optional<std::uint64_t> to_uint64(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  return magnitude(text);
}

std::optional<double> to_double(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  if (text.empty() || text[0] == '+') return std::nullopt;  // from_chars takes a '-' only
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value, std::chars_format::general);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::uint64_t parse_count(std::string_view text, std::uint64_t min) {
  const std::optional<std::uint64_t> value = text.empty() || text[0] == '-' ? std::nullopt : to_uint64(text);
  if (!value) throw UsageError(quoted(text) + " is not a whole number");
  if (*value < min) throw UsageError(quoted(text) + " is less than " + std::to_string(min));
  return *value;
}

std::array<std::uint64_t, 3> parse_sizes(std::string_view text, std::uint64_t min, std::uint64_t fill) {
  std::array<std::uint64_t, 3> out{fill, fill, fill};
  std::size_t begin = 0;
  for (std::size_t axis = 0;; ++axis) {
    if (axis == 3) throw UsageError(quoted(text) + " has more than three sizes");
    const std::size_t comma = text.find(',', begin);
    out[axis] = parse_count(trim(text.substr(begin, comma == std::string_view::npos ? comma : comma - begin)), min);
    if (comma == std::string_view::npos) return out;
    begin = comma + 1;
  }
}

bool is_shape_text(std::string_view text) {
  return !trim(text).empty() && text.find_first_not_of("0123456789, ") == std::string_view::npos;
}

npy::Shape parse_shape(std::string_view text) {
  npy::Shape shape;
  std::size_t begin = 0;
  while (true) {
    const std::size_t comma = text.find(',', begin);
    const std::string_view part = trim(text.substr(begin, comma == std::string_view::npos ? comma : comma - begin));
    if (part.empty() || part.find_first_not_of("0123456789") != std::string_view::npos) {
      throw UsageError(quoted(text) + " is not a shape (sizes separated by commas, such as 8,8)");
    }
    const std::optional<std::uint64_t> dim = to_uint64(part);
    if (!dim || *dim > std::numeric_limits<std::size_t>::max()) throw UsageError(quoted(part) + " is too large a size");
    shape.push_back(static_cast<std::size_t>(*dim));
    if (comma == std::string_view::npos) break;
    begin = comma + 1;
  }
  if (shape.size() > npy::kMaxDimensions) {
    throw UsageError(quoted(text) + " has more than " + std::to_string(npy::kMaxDimensions) + " dimensions");
  }
  if (!npy::element_count(shape)) throw UsageError("the shape " + quoted(text) + " holds too many elements");
  return shape;
}

npy::Dtype parse_dtype(std::string_view text) {
  if (const std::optional<npy::Dtype> dtype = npy::dtype_named(trim(text))) return *dtype;
  throw UsageError("unknown dtype " + quoted(text) + " (" + npy::dtype_names() + ")");
}

void append_value(std::string_view text, npy::Dtype dtype, std::vector<std::byte>& out) {
  text = trim(text);
  switch (dtype) {
    case npy::Dtype::bool_: {
      const bool is_true = text == "true" || text == "True" || text == "1";
      if (!is_true && text != "false" && text != "False" && text != "0") {
        throw UsageError(quoted(text) + " is not a bool (true, false, 1 or 0)");
      }
      out.push_back(std::byte{is_true});
      return;
    }
    case npy::Dtype::int8: return append_integer<std::int8_t>(text, dtype, out);
    case npy::Dtype::int16: return append_integer<std::int16_t>(text, dtype, out);
    case npy::Dtype::int32: return append_integer<std::int32_t>(text, dtype, out);
    case npy::Dtype::int64: return append_integer<std::int64_t>(text, dtype, out);
    case npy::Dtype::uint8: return append_integer<std::uint8_t>(text, dtype, out);
    case npy::Dtype::uint16: return append_integer<std::uint16_t>(text, dtype, out);
    case npy::Dtype::uint32: return append_integer<std::uint32_t>(text, dtype, out);
    case npy::Dtype::uint64: return append_integer<std::uint64_t>(text, dtype, out);
    case npy::Dtype::float16: {
      const double value = parse_float(text, dtype);
      const std::uint16_t half = float16_from_double(value);
      if (std::isfinite(value) && (half & 0x7FFF) == 0x7C00) too_large(text, dtype, "65504");
      return append_bytes(half, out);
    }
    case npy::Dtype::float32: {
      const double value = parse_float(text, dtype);
      const auto single = static_cast<float>(value);
      if (std::isfinite(value) && std::isinf(single)) too_large(text, dtype, "3.4028235e+38");
      return append_bytes(single, out);
    }
    case npy::Dtype::float64: return append_bytes(parse_float(text, dtype), out);
  }
}

npy::Array parse_list(std::string_view text, npy::Dtype dtype) { return ListReader(text, dtype).read(); }

std::string_view trim(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

std::pair<std::string, std::string> split_assignment(std::string_view text, std::string_view what) {
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos || trim(text.substr(0, eq)).empty()) {
    throw UsageError(quoted(text) + " is not " + std::string(what));
  }
  return {std::string(trim(text.substr(0, eq))), std::string(text.substr(eq + 1))};
}

}  // namespace glc::cli
