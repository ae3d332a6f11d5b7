#pragma once
/// @file
/// `glc::copy_if`: the elements for which a GLSL expression holds, in their order (stream
/// compaction), as `std::copy_if` / Thrust's `copy_if`.
///
///     std::size_t kept = glc::copy_if(xs, out, "x > 0.5");   // out[0 .. kept) = those xs
///     glc::copy_if(ids, even, "(x & 1u) == 0u && i < 1000u");
///
/// Elements: float, double, std::int32_t, std::uint32_t. The predicate is a GLSL expression of
/// `x` (the element, of the GLSL type float, double, int or uint) and `i` (its index, uint)
/// that converts to bool. Returns how many elements were kept; they are written to
/// out[0 .. count) in their original order and the rest of `out` is left as it was. Where
/// more are kept than `out` holds, the first out.size() are written and glc::Error says how
/// many there were. Any length works, up to 2^32 - 1 elements, including input and output
/// larger than one storage binding (the output through up to four bindings); the call waits
/// for the GPU to read back the count. The kernel is generated once per element type and
/// predicate per context (through the program cache) and runs scan.comp's tiles and paths.
///
/// Throws glc::Error if `in` and `out` are the same buffer or belong to different contexts,
/// glc::ShaderError (diagnostics in "<copy_if predicate>", lines of the expression's text) for
/// a predicate that does not compile.

#include <cstddef>
#include <string_view>

#include "buffer.hpp"
#include "detail/element_type.hpp"

namespace glc {

namespace detail {
std::size_t copy_if(const BufferStorage& in, std::size_t count, BufferStorage& out,
                    std::size_t out_count, ElementType type, std::string_view predicate);
}  // namespace detail

/// Copies the elements of `in` for which `predicate` holds to the front of `out`, in order,
/// and returns how many there were.
template <class T>
std::size_t copy_if(const Buffer<T>& in, Buffer<T>& out, std::string_view predicate) {
  static_assert(detail::is_algorithm_element_v<T>,
                "glc::copy_if: the element type must be float, double, int32_t or uint32_t");
  return detail::copy_if(detail::Access::storage(in), in.size(), detail::Access::storage(out),
                         out.size(), detail::element_type<T>(),
                         predicate);
}

}  // namespace glc
