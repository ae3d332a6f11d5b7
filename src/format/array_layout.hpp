#pragma once
// Which elements of an array NumPy shows, and the nested brackets it writes them in. For
// glc::format (format.cpp). Internal.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "glcompute/format.hpp"

namespace glc::detail {

constexpr std::size_t kThreshold = 1000;   // arrays larger than this are summarised

/// Throws glc::Error unless `shape` holds exactly `size` elements.
void check_shape(const Shape& shape, std::size_t size);

/// Flat offsets of the shown elements (all, or the edges of each axis where `summarize`).
/// NumPy sizes the columns from these alone, so a summarised array's hidden values do not widen
/// what is printed.
std::vector<std::size_t> shown_offsets(const Shape& shape, bool summarize);

/// Nested brackets with hanging indents, as NumPy's _formatArray writes them.
class Layout {
 public:
  using ElementText = std::function<std::string(std::size_t offset)>;

  Layout(const Shape& shape, bool summarize, ElementText element);

  /// The opening '[' is the indent that later lines hang from.
  std::string render() const;

 private:
  std::string render_axis(std::size_t axis, std::size_t offset, const std::string& indent,
                          std::ptrdiff_t width) const;

  Shape shape_;
  std::vector<std::size_t> strides_;
  bool summarize_;
  ElementText element_;
};

}  // namespace glc::detail
