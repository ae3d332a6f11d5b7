// The element types of .npy files that glcompute reads and writes, and shapes.

#include <limits>

#include "glcompute/npy.hpp"

namespace glc::npy {
namespace {

struct DtypeInfo {
  std::string_view name;
  char kind;
  std::size_t size;
};

// In the order of the enum.
constexpr DtypeInfo kInfo[] = {
    {"bool", 'b', 1},   {"int8", 'i', 1},   {"int16", 'i', 2},   {"int32", 'i', 4},
    {"int64", 'i', 8},  {"uint8", 'u', 1},  {"uint16", 'u', 2},  {"uint32", 'u', 4},
    {"uint64", 'u', 8}, {"float16", 'f', 2}, {"float32", 'f', 4}, {"float64", 'f', 8},
};
static_assert(std::size(kInfo) == std::size(kDtypes));

const DtypeInfo& info(Dtype dtype) noexcept { return kInfo[static_cast<std::size_t>(dtype)]; }

}  // namespace

std::string_view name(Dtype dtype) noexcept { return info(dtype).name; }
std::size_t item_size(Dtype dtype) noexcept { return info(dtype).size; }
char kind(Dtype dtype) noexcept { return info(dtype).kind; }

std::optional<Dtype> dtype_named(std::string_view name) noexcept {
  for (const Dtype dtype : kDtypes) {
    if (info(dtype).name == name) return dtype;
  }
  return std::nullopt;
}

std::string dtype_names() {
  std::string names;
  for (const Dtype dtype : kDtypes) {
    names += (names.empty() ? "" : ", ") + std::string(name(dtype));
  }
  return names;
}

std::string shape_text(const Shape& shape) {
  std::string text = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    text += (i == 0 ? "" : ", ") + std::to_string(shape[i]);
  }
  return text + (shape.size() == 1 ? ",)" : ")");
}

std::optional<std::size_t> element_count(const Shape& shape) noexcept {
  std::size_t count = 1;
  for (const std::size_t dim : shape) {
    if (dim != 0 && count > std::numeric_limits<std::size_t>::max() / dim) {
      // A zero dimension further on would still make the count 0.
      for (const std::size_t other : shape) {
        if (other == 0) return 0;
      }
      return std::nullopt;
    }
    count *= dim;
  }
  return count;
}

}  // namespace glc::npy
