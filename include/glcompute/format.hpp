#pragma once
/// @file
/// NumPy-style text for arrays: `glc::format(buffer, {8, 8})` gives what `print(a)` shows in
/// NumPy for an array of that shape (fixed or scientific notation chosen as NumPy does, columns
/// aligned, long arrays summarised with "...").

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace glc {

template <class T>
class Buffer;  // glcompute/buffer.hpp; the overloads below need it only where they are used

/// Dimensions, outermost first. An empty shape means one dimension of the data's size.
using Shape = std::vector<std::size_t>;

/// Formats `data` with `shape` (the product must equal data.size()).
std::string format(std::span<const float> data, const Shape& shape = {});
std::string format(std::span<const double> data, const Shape& shape = {});
std::string format(std::span<const std::int32_t> data, const Shape& shape = {});
std::string format(std::span<const std::uint32_t> data, const Shape& shape = {});
std::string format(std::span<const std::int64_t> data, const Shape& shape = {});
std::string format(std::span<const std::uint64_t> data, const Shape& shape = {});

/// Reads the buffer back and formats it.
template <class T>
std::string format(const Buffer<T>& buffer, const Shape& shape = {}) {
  const std::vector<T> host = buffer.read();
  return format(std::span<const T>(host), shape);
}

/// Writes `text` and a newline to std::cout.
void print_line(const std::string& text);

/// Writes `format(buffer, shape)` and a newline to std::cout, like NumPy's `print(a)`.
template <class T>
void print(const Buffer<T>& buffer, const Shape& shape = {}) {
  print_line(format(buffer, shape));
}

}  // namespace glc
