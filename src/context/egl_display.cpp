#include "context/egl_display.hpp"

#include <map>
#include <mutex>
#include <vector>

#include <glad/gl.h>

#include "context/gl_loader.hpp"
#include "context/gl_names.hpp"
#include "context/platform_context.hpp"

namespace glc::detail {
namespace {

// Displays are shared by every context on the same device, and eglTerminate would destroy
// them all: count the users per display. A display that has held a context stays initialised
// after its last context goes, for the rest of the process: terminating it makes the next
// context initialise the driver again (llvmpipe: about 120 ms for its screen and threads, where
// a context on an initialised display takes a few ms), which a program that makes and drops
// contexts in turn (a script per call, the talk's example end to end) would pay every time.
// Only displays where no context could be made are terminated with their last user.
std::mutex g_display_mutex;
std::map<EGLDisplay, int> g_display_users;
std::map<EGLDisplay, bool> g_display_kept;  ///< a context was made on it: never terminated

void retain_display(EGLDisplay display) {
  std::lock_guard lock(g_display_mutex);
  ++g_display_users[display];
}

void release_display(EGLDisplay display) noexcept {
  std::lock_guard lock(g_display_mutex);
  auto it = g_display_users.find(display);
  if (it == g_display_users.end()) return;
  if (--it->second == 0) {
    g_display_users.erase(it);
    if (!g_display_kept[display]) eglTerminate(display);
  }
}

void keep_display(EGLDisplay display) {
  std::lock_guard lock(g_display_mutex);
  g_display_kept[display] = true;
}

/// eglCreateContext's attributes for a core context of version `v`.
std::vector<EGLint> context_attributes(GlVersion v, bool debug, bool reset_notification) {
  std::vector<EGLint> attribs = {EGL_CONTEXT_MAJOR_VERSION, v.major, EGL_CONTEXT_MINOR_VERSION,
                                 v.minor, EGL_CONTEXT_OPENGL_PROFILE_MASK,
                                 EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT};
  if (debug) attribs.insert(attribs.end(), {EGL_CONTEXT_OPENGL_DEBUG, EGL_TRUE});
  if (reset_notification) {
    // The desktop GL attribute of EGL 1.5 / KHR_create_context: the _EXT one of
    // EGL_EXT_create_context_robustness is for OpenGL ES only (Mesa: EGL_BAD_ATTRIBUTE).
    attribs.insert(attribs.end(), {EGL_CONTEXT_OPENGL_RESET_NOTIFICATION_STRATEGY,
                                   EGL_LOSE_CONTEXT_ON_RESET});
  }
  attribs.push_back(EGL_NONE);
  return attribs;
}

/// Creates the newest core context >= min on an initialised display, or throws PathFailed.
void create_core_context(EglContext& out, const ContextOptions& options) {
  const char* extensions = eglQueryString(out.display, EGL_EXTENSIONS);
  if (!eglBindAPI(EGL_OPENGL_API)) fail_with_egl_error("eglBindAPI(EGL_OPENGL_API)");

  const bool surfaceless = has_extension(extensions, "EGL_KHR_surfaceless_context");
  EGLConfig config = EGL_NO_CONFIG_KHR;
  if (!surfaceless || !has_extension(extensions, "EGL_KHR_no_config_context")) {
    const EGLint attribs[] = {EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_SURFACE_TYPE,
                              surfaceless ? EGL_DONT_CARE : EGL_PBUFFER_BIT, EGL_NONE};
    EGLint count = 0;
    if (!eglChooseConfig(out.display, attribs, &config, 1, &count)) {
      fail_with_egl_error("eglChooseConfig");
    }
    if (count == 0) throw PathFailed{"no EGL config supports desktop OpenGL"};
  }

  // Newest first: drivers refuse versions they lack with EGL_BAD_MATCH.
  const std::vector<GlVersion> versions = core_versions_to_try(options.min_version);
  // Reset notification where the display's driver supports robustness (which
  // EGL_EXT_create_context_robustness announces); a driver that refuses it for a version still
  // gets asked for that version without it.
  const bool robust = has_extension(extensions, "EGL_EXT_create_context_robustness");
  std::string refusals;
  GlVersion created{0, 0};
  for (const GlVersion& v : versions) {
    for (const bool with_reset_notification : {true, false}) {
      if (with_reset_notification && !robust) continue;
      out.context = eglCreateContext(out.display, config, EGL_NO_CONTEXT,
                                     context_attributes(v, options.debug, with_reset_notification).data());
      if (out.context != EGL_NO_CONTEXT) {
        out.reset_notification = with_reset_notification;
        break;
      }
    }
    if (out.context != EGL_NO_CONTEXT) {
      created = v;
      break;
    }
    refusals += " " + std::to_string(v.major) + "." + std::to_string(v.minor) + ": " +
                egl_error_name(eglGetError()) + ";";
  }
  if (out.context == EGL_NO_CONTEXT) {
    throw PathFailed{no_core_context(options.min_version, "eglCreateContext", refusals)};
  }
  if (const std::string why = below_minimum(created, options.min_version); !why.empty()) {
    eglDestroyContext(out.display, out.context);
    out.context = EGL_NO_CONTEXT;
    throw PathFailed{why};
  }

  if (!surfaceless) {
    const EGLint pbuffer[] = {EGL_WIDTH, 1, EGL_HEIGHT, 1, EGL_NONE};
    out.surface = eglCreatePbufferSurface(out.display, config, pbuffer);
    if (out.surface == EGL_NO_SURFACE) fail_with_egl_error("eglCreatePbufferSurface");
  }
  if (!eglMakeCurrent(out.display, out.surface, out.surface, out.context)) {
    fail_with_egl_error("eglMakeCurrent");
  }
  if (!load_gl()) {
    throw PathFailed{"the context was created but GL functions could not be loaded "
                     "through eglGetProcAddress"};
  }
}

}  // namespace

[[noreturn]] void fail_with_egl_error(const std::string& what) {
  throw PathFailed{what + " failed with " + egl_error_name(eglGetError())};
}

bool has_extension(const char* list, std::string_view name) {
  if (list == nullptr) return false;
  std::string_view all(list);
  for (std::size_t pos = 0; (pos = all.find(name, pos)) != std::string_view::npos; pos += name.size()) {
    const bool starts = pos == 0 || all[pos - 1] == ' ';
    const bool ends = pos + name.size() == all.size() || all[pos + name.size()] == ' ';
    if (starts && ends) return true;
  }
  return false;
}

EGLDisplay platform_display(EGLenum platform, void* native) {
  if (eglGetPlatformDisplayEXT == nullptr) {
    throw PathFailed{"libEGL lacks eglGetPlatformDisplayEXT (EGL_EXT_platform_base)"};
  }
  return eglGetPlatformDisplayEXT(platform, native, nullptr);
}

/// Initialises `display` and creates the context on it; cleans up if that fails.
EglContext try_display(EGLDisplay display, const ContextOptions& options, std::string path,
                       std::string device) {
  if (display == EGL_NO_DISPLAY) fail_with_egl_error("eglGetPlatformDisplay");
  EGLint major = 0, minor = 0;
  if (!eglInitialize(display, &major, &minor)) fail_with_egl_error("eglInitialize");
  retain_display(display);
  EglContext out;
  out.display = display;
  out.path = std::move(path);
  out.device = std::move(device);
  try {
    const char* vendor = eglQueryString(display, EGL_VENDOR);
    out.egl_version = "EGL " + std::to_string(major) + "." + std::to_string(minor) + " (" +
                      (vendor ? vendor : "unknown vendor") + ")";
    create_core_context(out, options);
    keep_display(display);
  } catch (...) {
    destroy_egl_context(out);
    throw;
  }
  return out;
}

void destroy_egl_context(EglContext& ctx) noexcept {
  if (ctx.display == EGL_NO_DISPLAY) return;
  if (eglGetCurrentContext() == ctx.context) {
    eglMakeCurrent(ctx.display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
  }
  if (ctx.context != EGL_NO_CONTEXT) eglDestroyContext(ctx.display, ctx.context);
  if (ctx.surface != EGL_NO_SURFACE) eglDestroySurface(ctx.display, ctx.surface);
  release_display(ctx.display);
  ctx = EglContext{};
}

}  // namespace glc::detail
