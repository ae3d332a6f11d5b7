#pragma once
// What the kernel library's bindings share: choosing the glc::Buffer<T> of a buffer among the
// element types an operation takes.

#include <string>
#include <tuple>
#include <type_traits>
#include <variant>

#include <glcompute/error.hpp>

#include "bindings.hpp"

namespace glc::python {

/// Calls f(buffer) with the buffer's glc::Buffer<T> if its dtype is one of `Types`; else throws
/// glc::Error naming the operation, the dtype and the dtypes it takes.
template <class... T, class F>
decltype(auto) with_buffer_of(TypeList<T...> types, const BufferObject& b, const char* what, F&& f) {
  using R = decltype(f(std::get<Buffer<std::tuple_element_t<0, std::tuple<T...>>>>(*b.data)));
  return with_storage_type(b.dtype, [&]<class S>(std::type_identity<S>) -> R {
    if constexpr ((std::is_same_v<S, T> || ...)) {
      if (b.dtype == dtype_for<S>()) return f(std::get<Buffer<S>>(*b.data));  // not float16's bits
    }
    throw Error(std::string(what) + ": glcompute's kernel library does not take " + dtype_name(b.dtype) +
                " buffers here (it takes " + dtype_names(types) + ")");
  });
}

}  // namespace glc::python
