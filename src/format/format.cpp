#include "glcompute/format.hpp"

#include <iostream>

#include "format/array_layout.hpp"
#include "format/number_format.hpp"

// The rules below follow NumPy 1.24's numpy/core/arrayprint.py with its default print options
// (legacy=False), so that `format` matches `str(array)` byte for byte.

namespace glc {
namespace {

using detail::FloatFormat;
using detail::IntegerFormat;

template <class Format, class T>
std::string format_array(std::span<const T> data, const Shape& requested) {
  const Shape shape = requested.empty() ? Shape{data.size()} : requested;
  detail::check_shape(shape, data.size());
  if (data.empty()) return "[]";
  const bool summarize = data.size() > detail::kThreshold;
  std::vector<T> shown;
  for (const std::size_t offset : detail::shown_offsets(shape, summarize)) shown.push_back(data[offset]);
  const Format element_format(shown);
  const detail::Layout layout(shape, summarize,
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
