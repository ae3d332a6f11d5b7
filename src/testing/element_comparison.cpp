// ElementsEqual and ElementsNear: which elements differ, and the report NumPy's
// assert_allclose would give, with the first mismatches listed by index.

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <type_traits>

#include "glcompute/testing.hpp"

namespace glc::testing::detail {
namespace {

constexpr std::size_t kListed = 10;  // mismatches listed; the rest are counted

template <class S>
bool is_nan(S value) {
  if constexpr (std::is_floating_point_v<S>) return std::isnan(value);
  return false;
}

// A float's position among all floats, so that neighbours are one apart (-0 and +0 are one).
template <class S>
std::int64_t ordinal(S value) {
  using Bits = std::conditional_t<sizeof(S) == 4, std::uint32_t, std::uint64_t>;
  const Bits bits = std::bit_cast<Bits>(value);
  constexpr Bits sign = Bits{1} << (sizeof(S) * 8 - 1);
  const auto magnitude = static_cast<std::int64_t>(bits & ~sign);
  return bits & sign ? -magnitude : magnitude;
}

// |a - e|: exact for integers (as an unsigned 64-bit count), in double for floats.
template <class S>
double difference(S a, S e) {
  if constexpr (std::is_floating_point_v<S>) {
    return std::fabs(static_cast<double>(a) - static_cast<double>(e));
  } else if constexpr (std::is_same_v<S, bool>) {
    return a == e ? 0.0 : 1.0;
  } else {
    return static_cast<double>(a > e ? static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(e)
                                     : static_cast<std::uint64_t>(e) - static_cast<std::uint64_t>(a));
  }
}

template <class S>
std::uint64_t ulp_distance(S a, S e) {
  if constexpr (std::is_floating_point_v<S>) {
    const std::int64_t d = ordinal(a) - ordinal(e);
    return static_cast<std::uint64_t>(d < 0 ? -d : d);
  } else if constexpr (std::is_same_v<S, bool>) {
    return a == e ? 0 : 1;
  } else {
    return a > e ? static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(e)
                 : static_cast<std::uint64_t>(e) - static_cast<std::uint64_t>(a);
  }
}

template <class S>
bool matches(S a, S e, const std::optional<Tolerance>& tolerance) {
  if (is_nan(a) || is_nan(e)) return is_nan(a) && is_nan(e);
  if (a == e) return true;
  if (!tolerance) return false;
  if constexpr (std::is_floating_point_v<S>) {
    if (std::isinf(a) || std::isinf(e)) return false;
  }
  const double allowed = tolerance->abs + tolerance->rel * std::fabs(static_cast<double>(e));
  return difference(a, e) <= allowed || (tolerance->ulp != 0 && ulp_distance(a, e) <= tolerance->ulp);
}

// "[0, 2]": the flat index in `shape`, outermost first.
std::string index_text(std::size_t flat, const Shape& shape) {
  std::vector<std::size_t> index(shape.size());
  for (std::size_t axis = shape.size(); axis-- > 0;) {
    const std::size_t dim = shape[axis] == 0 ? 1 : shape[axis];
    index[axis] = axis == 0 ? flat : flat % dim;
    flat /= dim;
  }
  std::string text = "[";
  for (std::size_t i = 0; i < index.size(); ++i) text += (i ? ", " : "") + std::to_string(index[i]);
  return text + "]";
}

// The values as NumPy shows them in one array, one string each, padded alike so that their
// points line up: formatted as a (k, 1) array, one element per line.
template <class S>
std::vector<std::string> value_texts(const std::vector<S>& values) {
  std::vector<std::string> out;
  if constexpr (std::is_same_v<S, bool>) {
    for (const bool b : values) out.emplace_back(b ? "True" : "False");
    return out;
  } else {
    const Shape column{values.size(), 1};
    std::string text;
    if constexpr (std::is_floating_point_v<S> || sizeof(S) >= 4) {
      text = glc::format(std::span<const S>(values), column);
    } else {
      using Wide = std::conditional_t<std::is_signed_v<S>, std::int32_t, std::uint32_t>;
      const std::vector<Wide> wide(values.begin(), values.end());
      text = glc::format(std::span<const Wide>(wide), column);
    }
    // "[[  6. ]\n [  nan]\n [127.5]]": two characters before each element, ']' after it.
    std::size_t begin = 0;
    while (begin < text.size()) {
      const std::size_t end = text.find('\n', begin);
      std::string line = text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
      out.push_back(line.substr(2, line.find(']') - 2));
      begin = end == std::string::npos ? text.size() : end + 1;
    }
    return out;
  }
}

std::string number_text(double value) {
  const std::string text = glc::format(std::span<const double>(&value, 1));
  return text.substr(1, text.size() - 2);  // NumPy's text for the value, without the brackets
}

std::string pad_left(const std::string& text, std::size_t width) {
  return std::string(width - std::min(width, text.size()), ' ') + text;
}

}  // namespace

template <class S>
std::optional<std::string> compare_elements(std::span<const S> actual, std::span<const S> expected,
                                            const std::optional<Tolerance>& tolerance, const Shape& shape) {
  if (actual.size() != expected.size()) {
    return "it has " + std::to_string(actual.size()) + " elements, " + std::to_string(expected.size()) + " expected";
  }
  std::vector<std::size_t> listed;
  std::size_t mismatched = 0;
  double max_abs = -1, max_rel = -1;
  std::uint64_t max_abs_whole = 0;  // integers' largest difference, exactly
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const S a = actual[i], e = expected[i];
    if (!matches(a, e, tolerance)) {
      if (listed.size() < kListed) listed.push_back(i);
      ++mismatched;
    }
    bool finite = true;
    if constexpr (std::is_floating_point_v<S>) finite = std::isfinite(a) && std::isfinite(e);
    if (finite) {
      const double d = difference(a, e);
      max_abs = std::max(max_abs, d);
      if constexpr (!std::is_floating_point_v<S>) max_abs_whole = std::max(max_abs_whole, ulp_distance(a, e));
      if (e != S{}) max_rel = std::max(max_rel, d / std::fabs(static_cast<double>(e)));
    }
  }
  if (mismatched == 0) return std::nullopt;

  char percent[32];
  std::snprintf(percent, sizeof percent, "%.3g", 100.0 * static_cast<double>(mismatched) / static_cast<double>(actual.size()));
  std::string report = "Mismatched elements: " + std::to_string(mismatched) + " / " + std::to_string(actual.size()) +
                       " (" + percent + "%)\n";
  if (max_abs >= 0) {
    const bool whole = !std::is_floating_point_v<S>;
    report += "Max absolute difference: " + (whole ? std::to_string(max_abs_whole) : number_text(max_abs)) + "\n";
  }
  if (max_rel >= 0) report += "Max relative difference: " + number_text(max_rel) + "\n";

  std::vector<S> listed_actual, listed_expected;
  std::vector<std::string> indices;
  for (const std::size_t i : listed) {
    listed_actual.push_back(actual[i]);
    listed_expected.push_back(expected[i]);
    indices.push_back(index_text(i, shape));
  }
  const std::vector<std::string> a = value_texts(listed_actual), e = value_texts(listed_expected);
  std::size_t wi = std::string("index").size(), wa = std::string("actual").size(), we = std::string("expected").size();
  for (std::size_t k = 0; k < listed.size(); ++k) {
    wi = std::max(wi, indices[k].size());
    wa = std::max(wa, a[k].size());
    we = std::max(we, e[k].size());
  }
  report += " " + std::string("index") + std::string(wi - 5, ' ') + "  " + pad_left("actual", wa) + "  " +
            pad_left("expected", we) + "\n";
  for (std::size_t k = 0; k < listed.size(); ++k) {
    report += " " + indices[k] + std::string(wi - indices[k].size(), ' ') + "  " + pad_left(a[k], wa) + "  " +
              pad_left(e[k], we) + "\n";
  }
  if (mismatched > listed.size()) report += " ... and " + std::to_string(mismatched - listed.size()) + " more\n";
  report.pop_back();  // the last newline: gmock ends the line itself
  return report;
}

std::string describe(std::size_t count, const std::optional<Tolerance>& tolerance, bool negated) {
  std::string text = negated ? "is not elementwise " : "is elementwise ";
  if (!tolerance) return text + "equal to the " + std::to_string(count) + " expected elements";
  std::string within;
  if (tolerance->abs != 0 || tolerance->rel != 0 || tolerance->ulp == 0) {
    within = "abs " + number_text(tolerance->abs) + " + rel " + number_text(tolerance->rel) + " x |expected|";
  }
  if (tolerance->ulp != 0) within += (within.empty() ? "" : " or ") + std::to_string(tolerance->ulp) + " ulp";
  return text + "within " + within + " of the " + std::to_string(count) + " expected elements";
}

#define GLC_COMPARE_ELEMENTS(S)                                                                   \
  template std::optional<std::string> compare_elements<S>(std::span<const S>, std::span<const S>, \
                                                          const std::optional<Tolerance>&, const Shape&);
GLC_COMPARE_ELEMENTS(bool)
GLC_COMPARE_ELEMENTS(float)
GLC_COMPARE_ELEMENTS(double)
GLC_COMPARE_ELEMENTS(std::int8_t)
GLC_COMPARE_ELEMENTS(std::int16_t)
GLC_COMPARE_ELEMENTS(std::int32_t)
GLC_COMPARE_ELEMENTS(std::int64_t)
GLC_COMPARE_ELEMENTS(std::uint8_t)
GLC_COMPARE_ELEMENTS(std::uint16_t)
GLC_COMPARE_ELEMENTS(std::uint32_t)
GLC_COMPARE_ELEMENTS(std::uint64_t)
#undef GLC_COMPARE_ELEMENTS

}  // namespace glc::testing::detail
