#pragma once
/// @file
/// `glc::argmin`, `glc::argmax`: where the smallest or largest element is, as NumPy's.
///
///     std::size_t i = glc::argmax(scores);   // np.argmax(scores)
///
/// Elements: float, double, std::int32_t, std::uint32_t; any length, also larger than one
/// storage binding. NumPy's rules: the first index of the smallest (largest) element; if any
/// element is NaN, the first NaN's index (NaN wins both); -0.0 and +0.0 are equal, so the
/// first of them wins. Deterministic (integer comparisons with the index as tie-break). Each
/// call waits for the GPU and reads back one index.
///
/// Throws glc::Error for an empty buffer (NumPy: "attempt to get argmax of an empty
/// sequence") and for double elements on a driver without ARB_gpu_shader_fp64.

#include <cstddef>
#include <cstdint>

#include "buffer.hpp"
#include "detail/element_type.hpp"

namespace glc {

namespace detail {
std::size_t arg_extreme(const BufferStorage& values, std::size_t count, ElementType type,
                        bool largest, const char* what);
}  // namespace detail

/// The index of the first smallest element (of the first NaN, if any).
template <class T>
std::size_t argmin(const Buffer<T>& values) {
  static_assert(detail::is_algorithm_element_v<T>,
                "glc::argmin: the element type must be float, double, int32_t or uint32_t");
  return detail::arg_extreme(detail::Access::storage(values), values.size(),
                             detail::element_type<T>(), false,
                             "glc::argmin");
}

/// The index of the first largest element (of the first NaN, if any).
template <class T>
std::size_t argmax(const Buffer<T>& values) {
  static_assert(detail::is_algorithm_element_v<T>,
                "glc::argmax: the element type must be float, double, int32_t or uint32_t");
  return detail::arg_extreme(detail::Access::storage(values), values.size(),
                             detail::element_type<T>(), true,
                             "glc::argmax");
}

}  // namespace glc
