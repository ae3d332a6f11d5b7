#pragma once
// detail::Access: how the library reaches the internals of its public handles (the storage
// behind a Buffer<T> or Texture2D, the state behind a Context) and makes handles around them,
// without public getters or constructors. Each handle names it a friend. Not part of the public
// API.

#include <memory>
#include <utility>

namespace glc {

class Context;

namespace detail {

class ContextState;

struct Access {
  /// The storage behind a Buffer<T> or Texture2D; throws glc::Error for an empty handle.
  template <class Handle>
  static auto& storage(const Handle& handle) {
    return handle.storage();
  }
  /// The same, as the shared pointer a program keeps for what is bound to it.
  template <class Handle>
  static const auto& shared_storage(const Handle& handle) {
    return handle.shared_storage();
  }
  /// A Handle around `args` (the internals it holds); handles have no public constructor for them.
  template <class Handle, class... Args>
  static Handle make(Args&&... args) {
    return Handle(std::forward<Args>(args)...);
  }
  /// The state behind `context`; throws glc::Error for a moved-from Context. Defined with
  /// Context on the top floor (src/facade/context.cpp): the kernel library takes a Context
  /// (glc::Random) without including the header that creates programs and buffers.
  static const std::shared_ptr<ContextState>& state(const Context& context);
};

}  // namespace detail
}  // namespace glc
