#pragma once
// Creation of a headless GL core context through EGL: device platform, then Mesa
// surfaceless, then the default display. Internal.

#include <string>

#include <glad/egl.h>

#include "glcompute/context.hpp"

namespace glc::detail {

/// A created, current EGL context and how it was found.
struct EglContext {
  EGLDisplay display = EGL_NO_DISPLAY;
  EGLContext context = EGL_NO_CONTEXT;
  EGLSurface surface = EGL_NO_SURFACE;  ///< a 1x1 pbuffer where surfaceless is unsupported
  std::string path;                     ///< "device", "surfaceless" or "default"
  std::string device;                   ///< which EGL device, or "-"
  std::string egl_version;              ///< "EGL 1.5 (vendor)"
  int gl_major = 0;
  int gl_minor = 0;
};

/// Creates the context and makes it current on this thread, with GL functions loaded.
/// Throws glc::Error listing every path tried, why each failed and what to install.
EglContext create_egl_context(const ContextOptions& options);

/// Makes `ctx` current on the calling thread. Throws glc::Error naming the EGL error
/// (EGL_BAD_ACCESS means it is current on another thread).
void make_current(const EglContext& ctx);

/// Releases and destroys the context (and terminates its display when no other glcompute
/// context uses it). Never throws.
void destroy_egl_context(EglContext& ctx) noexcept;

}  // namespace glc::detail
