#include "format/array_layout.hpp"

#include <algorithm>
#include <limits>
#include <optional>

#include "glcompute/error.hpp"

namespace glc::detail {
namespace {

constexpr std::ptrdiff_t kLineWidth = 75;  // NumPy's `linewidth`
constexpr std::size_t kEdgeItems = 3;      // items kept at each end of a summarised axis
constexpr const char* kSummary = "...";

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

// Elements separated by spaces, wrapped onto lines that hang from `indent`.
std::string join_row(const std::vector<std::string>& words, const std::string& indent,
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
std::string join_blocks(const std::vector<std::string>& blocks, const std::string& indent,
                        std::size_t axes_left) {
  const std::string separator(axes_left - 1, '\n');
  std::string text;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    text += indent + blocks[i];
    if (i + 1 < blocks.size()) text += separator;
  }
  return text;
}

}  // namespace

void check_shape(const Shape& shape, std::size_t size) {
  const std::optional<std::size_t> count = element_count(shape);
  if (count == size) return;
  throw Error("glc::format: shape " + shape_text(shape) + " holds " +
              (count ? std::to_string(*count) : std::string("too many")) +
              " elements but the data has " + std::to_string(size));
}

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

Layout::Layout(const Shape& shape, bool summarize, ElementText element)
    : shape_(shape), strides_(strides_of(shape)), summarize_(summarize), element_(std::move(element)) {}

std::string Layout::render() const { return render_axis(0, 0, " ", kLineWidth); }

// `width` is what remains of the line width once the closing brackets of the enclosing axes
// are accounted for.
std::string Layout::render_axis(std::size_t axis, std::size_t offset, const std::string& indent,
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

}  // namespace glc::detail
