#pragma once
/// @file
/// `glc::Backend`: which window-system layer creates a context's GL context.

#include <string_view>

namespace glc {

/// How a `glc::Context` reaches the GL driver (see `ContextOptions::backend`).
enum class Backend {
  /// EGL first; GLFW when EGL gives no context and the program links glcompute::glfw. The
  /// environment variable GLCOMPUTE_BACKEND=egl|glfw replaces this choice.
  automatic,
  /// EGL only: the device platform, Mesa's surfaceless platform, then the default display.
  /// Needs no window system.
  egl,
  /// GLFW only (a hidden window, GLX or the platform's native API): for desktops and systems
  /// without EGL. Needs a display (DISPLAY on X11) and linking glcompute::glfw.
  glfw,
};

/// "automatic", "egl" or "glfw".
constexpr std::string_view to_string(Backend backend) noexcept {
  switch (backend) {
    case Backend::automatic: return "automatic";
    case Backend::egl: return "egl";
    case Backend::glfw: return "glfw";
  }
  return "unknown";
}

}  // namespace glc
