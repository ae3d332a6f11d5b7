#pragma once
// The element types the algorithms (scan, sort, histogram, argmin/argmax, copy_if) take, as
// seen by their kernels. Not part of the public API.

#include <cstdint>
#include <type_traits>

namespace glc::detail {

enum class ElementType { f32, f64, i32, u32 };

/// float, double, std::int32_t or std::uint32_t.
template <class T>
inline constexpr bool is_algorithm_element_v =
    std::is_same_v<T, float> || std::is_same_v<T, double> || std::is_same_v<T, std::int32_t> ||
    std::is_same_v<T, std::uint32_t>;

template <class T>
constexpr ElementType element_type() {
  if constexpr (std::is_same_v<T, float>) return ElementType::f32;
  else if constexpr (std::is_same_v<T, double>) return ElementType::f64;
  else if constexpr (std::is_same_v<T, std::int32_t>) return ElementType::i32;
  else return ElementType::u32;
}

/// 32-bit words per element: 2 for double, else 1.
constexpr unsigned words_per_element(ElementType t) { return t == ElementType::f64 ? 2u : 1u; }

}  // namespace glc::detail
