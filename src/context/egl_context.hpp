#pragma once
// Creation of a headless GL core context through EGL: device platform, then Mesa
// surfaceless, then the default display. Internal.

#include <memory>

#include "glcompute/context_options.hpp"
#include "context/platform_context.hpp"

namespace glc::detail {

/// Creates the context and makes it current on this thread, with GL functions loaded. Throws
/// BackendUnavailable listing every EGL path tried and why each failed, or glc::Error for a
/// bad device index (ContextOptions::device, GLCOMPUTE_DEVICE).
std::unique_ptr<PlatformContext> create_egl_context(const ContextOptions& options);

}  // namespace glc::detail
