#include "glcompute/detail/checks.hpp"

#include <cstdint>

#include "glcompute/error.hpp"

namespace glc::detail {

void check_range(const char* what, std::size_t offset, std::size_t count, std::size_t size) {
  if (offset > size || count > size - offset) {
    throw Error(std::string(what) + ": elements [" + std::to_string(offset) + ", " +
                std::to_string(offset) + " + " + std::to_string(count) +
                ") are out of range for a buffer of " + std::to_string(size) + " elements");
  }
}

void check_same_size(const char* what, std::size_t source_size, std::size_t size) {
  if (source_size != size) {
    throw Error(std::string(what) + ": the source has " + std::to_string(source_size) +
                " elements and this buffer " + std::to_string(size) +
                "; copying a whole buffer needs equal sizes (copy a range with "
                "copy_from(src, src_offset, dst_offset, count))");
  }
}

void check_disjoint(const char* what, std::size_t src_offset, std::size_t dst_offset,
                    std::size_t count) {
  if (count == 0 || src_offset + count <= dst_offset || dst_offset + count <= src_offset) return;
  const auto range = [&](std::size_t first) {
    return "[" + std::to_string(first) + ", " + std::to_string(first + count) + ")";
  };
  throw Error(std::string(what) + ": source elements " + range(src_offset) +
              " and destination elements " + range(dst_offset) +
              " overlap within one buffer; GL copies only between ranges that do not overlap "
              "(glCopyBufferSubData: GL_INVALID_VALUE). Copy through a second buffer");
}

std::size_t checked_bytes(const char* what, std::size_t count, std::size_t element_size) {
  if (element_size != 0 && count > SIZE_MAX / element_size) {
    throw Error(std::string(what) + ": " + std::to_string(count) + " elements of " +
                std::to_string(element_size) + " bytes do not fit in memory (the size overflows)");
  }
  return count * element_size;
}

void throw_misuse(const std::string& message) { throw Error(message); }

void throw_empty_handle(const char* type) {
  throw Error(std::string(type) + ": used an empty handle (default-constructed or moved-from)");
}

}  // namespace glc::detail
