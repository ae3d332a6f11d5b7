#pragma once
/// @file
/// Reductions on the GPU: `glc::sum`, `glc::min`, `glc::max`, `glc::mean`.
///
///     double total = glc::sum(xs);               // Buffer<float>: float elements, double result
///     float lo = glc::min(xs), hi = glc::max(xs);
///     double m = glc::mean(xs, 100, 50);         // elements [100, 150)
///     std::int64_t s = glc::sum(ints);           // Buffer<int32_t>: exact, never wraps
///     double d = glc::sum(doubles);              // Buffer<double>: compensated, double-double
///
/// Element types: float, double, int32_t and uint32_t. Any length works, including ranges larger
/// than one storage buffer binding, and every range is checked (glc::Error if it is not
/// inside the buffer). Doubles need ARB_gpu_shader_fp64 (`ctx.info().features.fp64`; NVIDIA
/// and llvmpipe have it): elsewhere the double reductions throw glc::Error saying so.
///
/// Results:
///  - `sum` of float is a double. Each GPU invocation sums its elements with at least twice
///    the working precision: in float with compensation (TwoSum: the rounding error of every
///    addition is kept and added back), or, where the driver runs doubles as fast as floats
///    (llvmpipe), in double; invocations, work groups and pieces of the range are then added in
///    double in a fixed pairwise order. The result is typically within 1e-8 (relative) of the
///    exact sum of the floats, far better than a plain float loop. A NaN element makes it NaN,
///    infinities give infinities (or NaN for +inf and -inf) like NumPy; with float
///    accumulation, a finite sum beyond float range in a single invocation's share (about
///    3.4e38) becomes infinite.
///  - `sum` of double is a double with the same contract one precision up: each invocation
///    sums in double with compensation, and invocations, work groups and pieces are added as
///    double-double pairs (a double and its rounding error) in a fixed order, rounded to double
///    once at the end. The result is typically within 1e-15 (relative) of the exact sum, often
///    the exact sum correctly rounded; a plain double loop over 10^8 values is off by about
///    1e-12. NaN and infinities as for float; a finite sum beyond double range becomes infinite.
///  - `sum` of int32_t is an exact int64_t, of uint32_t an exact uint64_t (64-bit accumulation
///    throughout, so e.g. 2^31 elements of INT32_MIN sum exactly).
///  - `min` and `max` return the element type; for float and double, a NaN anywhere in the
///    range makes the result NaN (like numpy.min). -0.0 and +0.0 compare equal; either may be
///    returned.
///  - `mean` is sum / count in double.
///  - An empty range sums to 0; `min`, `max` and `mean` of an empty range throw glc::Error.
///
/// Deterministic: elements are assigned to GPU invocations by position alone and combined in
/// a fixed order (no atomics), so the same input on the same device gives bit-identical
/// results on every run. Each call waits for the GPU to finish the reduction (it reads back
/// one value).

#include <bit>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "buffer.hpp"

namespace glc {

namespace detail {

enum class ReduceOp { sum, min, max };
enum class ReduceElement { f32, f64, i32, u32 };

template <class T>
inline constexpr bool is_reducible_v = std::is_same_v<T, float> || std::is_same_v<T, double> ||
                                       std::is_same_v<T, std::int32_t> ||
                                       std::is_same_v<T, std::uint32_t>;

template <class T>
constexpr ReduceElement reduce_element() {
  if constexpr (std::is_same_v<T, float>) return ReduceElement::f32;
  else if constexpr (std::is_same_v<T, double>) return ReduceElement::f64;
  else if constexpr (std::is_same_v<T, std::int32_t>) return ReduceElement::i32;
  else return ReduceElement::u32;
}

/// Reduces words [first_word, first_word + word_count) (word_count > 0) and returns the
/// result's bits: a double for float and double sums, a 64-bit integer for integer sums, the
/// element for min and max (a 32-bit one in the low half).
std::uint64_t reduce_words(const BufferStorage& buffer, std::size_t first_word,
                           std::size_t word_count, ReduceOp op, ReduceElement element);

/// Throws glc::Error "<what>: Buffer<double> needs ..." where the buffer's driver lacks doubles.
void require_fp64(const char* what, const BufferStorage& buffer);

/// Checks that `buffer`'s driver can reduce elements of type T (doubles need fp64).
template <class T>
void check_element(const char* what, const Buffer<T>& buffer) {
  if constexpr (std::is_same_v<T, double>) require_fp64(what, Access::storage(buffer));
}

/// Elements [offset, offset + count) of `buffer` reduced; the range is checked and not empty.
template <class T>
std::uint64_t reduce_range(const Buffer<T>& buffer, std::size_t offset, std::size_t count,
                           ReduceOp op) {
  constexpr std::size_t words = sizeof(T) / 4;
  return reduce_words(Access::storage(buffer), offset * words, count * words, op, reduce_element<T>());
}

/// Throws glc::Error: "<what>: empty range ...".
[[noreturn]] void throw_empty_reduction(const char* what, std::size_t offset, std::size_t size);

template <class T>
T reduce_extreme(const char* what, ReduceOp op, const Buffer<T>& buffer, std::size_t offset,
                 std::size_t count) {
  detail::check_range(what, offset, count, buffer.size());
  check_element(what, buffer);
  if (count == 0) throw_empty_reduction(what, offset, buffer.size());
  const std::uint64_t bits = reduce_range(buffer, offset, count, op);
  if constexpr (sizeof(T) == 8) {
    return std::bit_cast<T>(bits);
  } else {
    return std::bit_cast<T>(static_cast<std::uint32_t>(bits));
  }
}

}  // namespace detail

/// The type `glc::sum` returns for elements of type T: double for float and double, int64_t for
/// int32_t, uint64_t for uint32_t.
template <class T>
using sum_result_t =
    std::conditional_t<std::is_same_v<T, float> || std::is_same_v<T, double>, double,
                       std::conditional_t<std::is_same_v<T, std::int32_t>, std::int64_t,
                                          std::uint64_t>>;

/// Sum of elements [offset, offset + count); 0 for an empty range.
template <class T>
sum_result_t<T> sum(const Buffer<T>& buffer, std::size_t offset, std::size_t count) {
  static_assert(detail::is_reducible_v<T>,
                "glc::sum: the element type must be float, double, int32_t or uint32_t");
  detail::check_range("glc::sum", offset, count, buffer.size());
  detail::check_element("glc::sum", buffer);
  if (count == 0) return sum_result_t<T>(0);
  const std::uint64_t bits = detail::reduce_range(buffer, offset, count, detail::ReduceOp::sum);
  return std::bit_cast<sum_result_t<T>>(bits);
}

/// Sum of all elements; 0 for an empty buffer.
template <class T>
sum_result_t<T> sum(const Buffer<T>& buffer) {
  return sum(buffer, 0, buffer.size());
}

/// Smallest of elements [offset, offset + count). NaN if any is NaN. Throws for an empty range.
template <class T>
T min(const Buffer<T>& buffer, std::size_t offset, std::size_t count) {
  static_assert(detail::is_reducible_v<T>,
                "glc::min: the element type must be float, double, int32_t or uint32_t");
  if constexpr (detail::is_reducible_v<T>) {
    return detail::reduce_extreme("glc::min", detail::ReduceOp::min, buffer, offset, count);
  } else {
    return T{};  // unreachable: refused above
  }
}

/// Smallest element. NaN if any is NaN. Throws for an empty buffer.
template <class T>
T min(const Buffer<T>& buffer) {
  return min(buffer, 0, buffer.size());
}

/// Largest of elements [offset, offset + count). NaN if any is NaN. Throws for an empty range.
template <class T>
T max(const Buffer<T>& buffer, std::size_t offset, std::size_t count) {
  static_assert(detail::is_reducible_v<T>,
                "glc::max: the element type must be float, double, int32_t or uint32_t");
  if constexpr (detail::is_reducible_v<T>) {
    return detail::reduce_extreme("glc::max", detail::ReduceOp::max, buffer, offset, count);
  } else {
    return T{};  // unreachable: refused above
  }
}

/// Largest element. NaN if any is NaN. Throws for an empty buffer.
template <class T>
T max(const Buffer<T>& buffer) {
  return max(buffer, 0, buffer.size());
}

/// sum / count of elements [offset, offset + count), in double. Throws for an empty range.
template <class T>
double mean(const Buffer<T>& buffer, std::size_t offset, std::size_t count) {
  static_assert(detail::is_reducible_v<T>,
                "glc::mean: the element type must be float, double, int32_t or uint32_t");
  detail::check_range("glc::mean", offset, count, buffer.size());
  detail::check_element("glc::mean", buffer);
  if (count == 0) detail::throw_empty_reduction("glc::mean", offset, buffer.size());
  return static_cast<double>(sum(buffer, offset, count)) / static_cast<double>(count);
}

/// sum / size() in double. Throws for an empty buffer.
template <class T>
double mean(const Buffer<T>& buffer) {
  return mean(buffer, 0, buffer.size());
}

}  // namespace glc
