#pragma once
// The kernel library's programs on each context. Internal.

#include <map>
#include <memory>
#include <string>

#include "kernels/kernel.hpp"

namespace glc::detail {

class ContextState;

/// The kernel library's programs on one context, by shader and defines: each built on first use
/// from the shaders compiled into the library (or loaded from the program cache) and kept until
/// the context goes. Attached to the context (ContextState::attachment).
class KernelCache {
 public:
  /// `context`'s kernel for `shader` (a path under shaders/) with `defines`.
  static Kernel& get(const std::shared_ptr<ContextState>& context, const std::string& shader,
                     const Defines& defines = {});

 private:
  std::map<std::string, std::unique_ptr<Kernel>> kernels_;  ///< by shader and defines
};

}  // namespace glc::detail
