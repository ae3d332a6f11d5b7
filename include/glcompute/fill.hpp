#pragma once
/// @file
/// Filling buffers on the GPU: `glc::fill`, `glc::iota`, `glc::linspace`.
///
///     glc::fill(buffer, 1.0f);                 // every element
///     glc::fill(buffer, glm::vec4(0, 0, 0, 1), 10, 5);   // elements [10, 15)
///     glc::iota(indices, 0u);                  // 0, 1, 2, ...
///     glc::linspace(xs, 0.0f, 10.0f);          // like numpy.linspace(0, 10, xs.size())
///
/// Any length works, including buffers larger than one storage buffer binding.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "buffer.hpp"

namespace glc {

namespace detail {
void fill_words(BufferStorage& buffer, std::size_t first_word, std::size_t word_count,
                const std::uint32_t* value, unsigned value_words);
void iota_float(BufferStorage& buffer, double start, double step, bool exact_last, float last);
void iota_int(BufferStorage& buffer, std::uint32_t start, std::uint32_t step);
}  // namespace detail

/// Sets elements [offset, offset + count) to `value`. T is any trivially copyable type of 4, 8
/// or 16 bytes (float, int32_t, uint32_t, double, glm::vec2, glm::vec4, ...).
template <class T>
void fill(Buffer<T>& buffer, const T& value, std::size_t offset, std::size_t count) {
  static_assert(sizeof(T) == 4 || sizeof(T) == 8 || sizeof(T) == 16,
                "glc::fill: the element type must be 4, 8 or 16 bytes");
  detail::check_range("glc::fill", offset, count, buffer.size());
  std::uint32_t words[sizeof(T) / 4];
  std::memcpy(words, &value, sizeof(T));
  constexpr std::size_t w = sizeof(T) / 4;
  detail::fill_words(detail::Access::storage(buffer), offset * w, count * w, words, w);
}

/// Sets every element to `value`.
template <class T>
void fill(Buffer<T>& buffer, const T& value) {
  fill(buffer, value, 0, buffer.size());
}

/// Element i becomes start + i * step, computed per element (no accumulated rounding). For
/// float the product and sum are formed in double and rounded once; integers wrap like C++
/// unsigned arithmetic. T is float, int32_t or uint32_t.
template <class T>
void iota(Buffer<T>& buffer, T start, T step = T(1)) {
  static_assert(std::is_same_v<T, float> || std::is_same_v<T, std::int32_t> ||
                    std::is_same_v<T, std::uint32_t>,
                "glc::iota: the element type must be float, int32_t or uint32_t");
  if constexpr (std::is_same_v<T, float>) {
    detail::iota_float(detail::Access::storage(buffer), start, step, false, 0.0f);
  } else {
    detail::iota_int(detail::Access::storage(buffer), static_cast<std::uint32_t>(start),
                     static_cast<std::uint32_t>(step));
  }
}

/// size() evenly spaced values from `start` to `stop`, like numpy.linspace: the first element
/// is exactly `start` and the last exactly `stop`.
void linspace(Buffer<float>& buffer, float start, float stop);

}  // namespace glc
