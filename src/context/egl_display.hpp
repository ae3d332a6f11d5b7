#pragma once
// One EGL display and the GL core context created on it: what every EGL path (device,
// surfaceless, default display) does once it has a display. Internal to the EGL backend
// (egl_context.cpp).

#include <string>
#include <string_view>

#include <glad/egl.h>

#include "glcompute/context_options.hpp"

namespace glc::detail {

/// A created EGL context and how it was found.
struct EglContext {
  EGLDisplay display = EGL_NO_DISPLAY;
  EGLContext context = EGL_NO_CONTEXT;
  EGLSurface surface = EGL_NO_SURFACE;  ///< a 1x1 pbuffer where surfaceless is unsupported
  std::string path;                     ///< "device", "surfaceless" or "default"
  std::string device;                   ///< which EGL device, or "-"
  std::string egl_version;              ///< "EGL 1.5 (vendor)"
  bool reset_notification = false;      ///< created with LOSE_CONTEXT_ON_RESET
};

/// Why one path failed; thrown by the EGL backend's paths only, and collected into the final
/// message.
struct PathFailed {
  std::string reason;
};

/// Throws PathFailed: `what` failed with eglGetError()'s error, by name.
[[noreturn]] void fail_with_egl_error(const std::string& what);

/// Whether the space-separated extension `list` (may be nullptr) holds `name`.
bool has_extension(const char* list, std::string_view name);

/// eglGetPlatformDisplayEXT(platform, native); throws PathFailed where libEGL lacks it.
EGLDisplay platform_display(EGLenum platform, void* native);

/// Initialises `display` and creates on it the newest core context of at least
/// options.min_version, current on this thread with GL loaded; `path` and `device` describe how
/// the display was found. Throws PathFailed (cleaning up) if that fails.
EglContext try_display(EGLDisplay display, const ContextOptions& options, std::string path,
                       std::string device);

/// Destroys the context and its surface, and terminates the display with its last user.
void destroy_egl_context(EglContext& ctx) noexcept;

}  // namespace glc::detail
