#pragma once
// One object of a type per context for the kernel library's scratch memory and result records:
// objects that own buffers, which keep a shared pointer to their context, so they are made
// from that pointer (ContextAttachments makes its objects from a plain ContextState&).
// Internal.

#include <memory>

#include "context/context_state.hpp"

namespace glc::detail {

/// The attachment that holds a context's T (created on first use by per_context).
template <class T>
struct PerContext {
  std::unique_ptr<T> object;
};

/// `context`'s T, made now as T(context) if it has none; destroyed with the context's other
/// attachments (ContextState::destroy), while its GL context still exists.
template <class T>
T& per_context(const std::shared_ptr<ContextState>& context) {
  std::unique_ptr<T>& object = context->attachment<PerContext<T>>().object;
  if (!object) object = std::make_unique<T>(context);
  return *object;
}

}  // namespace glc::detail
