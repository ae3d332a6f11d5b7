// glc::format over any element values and any shape, including shapes whose element count
// overflows or has zero-length axes. Allowed outcomes: text, or glc::Error (a shape that does
// not match the data).

#include <cstring>
#include <exception>
#include <span>
#include <string>
#include <vector>

#include "glcompute/error.hpp"
#include "glcompute/format.hpp"
#include "harnesses.hpp"

namespace glc::fuzz {
namespace {

/// Reads one dimension: a byte below 0xF0 is the length itself; above it, the next 8 bytes are
/// a 64-bit length (so huge and overflowing shapes are reachable).
std::size_t read_dimension(const std::uint8_t*& data, std::size_t& size) {
  const std::uint8_t first = *data++;
  --size;
  if (first < 0xF0 || size < 8) return first;
  std::uint64_t value;
  std::memcpy(&value, data, 8);
  data += 8;
  size -= 8;
  return static_cast<std::size_t>(value);
}

template <class T>
std::string format_as(const std::uint8_t* data, std::size_t size, const Shape& shape) {
  std::vector<T> values(size / sizeof(T));
  if (!values.empty()) std::memcpy(values.data(), data, values.size() * sizeof(T));
  return glc::format(std::span<const T>(values), shape);
}

std::string format_any(int type, const std::uint8_t* data, std::size_t size, const Shape& shape) {
  switch (type) {
    case 0: return format_as<float>(data, size, shape);
    case 1: return format_as<double>(data, size, shape);
    case 2: return format_as<std::int32_t>(data, size, shape);
    case 3: return format_as<std::uint32_t>(data, size, shape);
    case 4: return format_as<std::int64_t>(data, size, shape);
    default: return format_as<std::uint64_t>(data, size, shape);
  }
}

}  // namespace

int format(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const int type = data[0] % 6;
  const std::size_t rank = data[1] % 5;
  data += 2;
  size -= 2;
  Shape shape;
  for (std::size_t i = 0; i < rank && size > 0; ++i) shape.push_back(read_dimension(data, size));
  try {
    const std::string text = format_any(type, data, size, shape);
    check(!text.empty(), "format returned no text");
  } catch (const Error&) {
  } catch (const std::exception& e) {
    unexpected_exception("format threw something other than glc::Error", e);
  }
  return 0;
}

}  // namespace glc::fuzz
