#pragma once
// Which backend creates a context: ContextOptions::backend, GLCOMPUTE_BACKEND, and the
// automatic fallback from EGL to GLFW. Internal.

#include <memory>

#include "glcompute/context_options.hpp"
#include "context/platform_context.hpp"

/// The GLFW backend's factory, defined by glcompute::glfw (src/glfw/). The core refers to it
/// weakly, so it never links GLFW: the symbol is null unless the program links glcompute::glfw,
/// whose link option -Wl,--undefined=glcompute_glfw_backend pulls the definition out of the
/// static archive.
extern "C" {
extern const glc::detail::PlatformFactory glcompute_glfw_backend __attribute__((weak));
}

namespace glc::detail {

/// Creates the platform context `options` ask for, current on this thread with GL loaded.
/// Throws glc::Error listing every path of every backend tried, or naming a bad option.
std::unique_ptr<PlatformContext> create_platform_context(const ContextOptions& options);

}  // namespace glc::detail
