#include "context/egl_context.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <string_view>
#include <vector>

#include <glad/egl.h>
#include <glad/gl.h>

#include "context/gl_names.hpp"
#include "glcompute/error.hpp"

namespace glc::detail {
namespace {

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

void destroy_egl_context(EglContext& ctx) noexcept;

constexpr const char* kInstallHint =
    "To get a driver: on Debian/Ubuntu install libegl1 and Mesa (apt-get install libegl1 "
    "libegl-mesa0 libgl1-mesa-dri) for llvmpipe on any CPU, or the NVIDIA driver's GL/EGL "
    "libraries (libnvidia-gl, providing libEGL_nvidia.so.0) on an NVIDIA GPU.";

/// Why one path failed; thrown inside this file only and collected into the final message.
struct PathFailed {
  std::string reason;
};

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

// Displays are shared by every context on the same device, and eglTerminate would destroy
// them all: count the users per display and terminate with the last one.
std::mutex g_display_mutex;
std::map<EGLDisplay, int> g_display_users;

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
    eglTerminate(display);
  }
}

EGLDisplay platform_display(EGLenum platform, void* native) {
  if (eglGetPlatformDisplayEXT == nullptr) {
    throw PathFailed{"libEGL lacks eglGetPlatformDisplayEXT (EGL_EXT_platform_base)"};
  }
  return eglGetPlatformDisplayEXT(platform, native, nullptr);
}

GLADapiproc load_gl_function(const char* name) {
  return reinterpret_cast<GLADapiproc>(eglGetProcAddress(name));
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
    throw PathFailed{"no GL core context of version 4.3 or later (eglCreateContext refused" +
                     refusals + ")"};
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
  if (gladLoadGL(load_gl_function) == 0) {
    throw PathFailed{"the context was created but GL functions could not be loaded "
                     "through eglGetProcAddress"};
  }
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
    gladLoaderLoadEGL(display);  // display extensions (and EGL 1.5 entry points)
    const char* vendor = eglQueryString(display, EGL_VENDOR);
    out.egl_version = "EGL " + std::to_string(major) + "." + std::to_string(minor) + " (" +
                      (vendor ? vendor : "unknown vendor") + ")";
    create_core_context(out, options);
  } catch (...) {
    destroy_egl_context(out);
    throw;
  }
  return out;
}

std::string describe_device(EGLDeviceEXT device) {
  const char* extensions = eglQueryDeviceStringEXT(device, EGL_EXTENSIONS);
  if (has_extension(extensions, "EGL_MESA_device_software")) return "software rasterizer";
  if (has_extension(extensions, "EGL_EXT_device_drm_render_node")) {
    if (const char* node = eglQueryDeviceStringEXT(device, EGL_DRM_RENDER_NODE_FILE_EXT)) {
      return node;
    }
  }
  if (has_extension(extensions, "EGL_EXT_device_drm")) {
    if (const char* file = eglQueryDeviceStringEXT(device, EGL_DRM_DEVICE_FILE_EXT)) return file;
  }
  if (has_extension(extensions, "EGL_NV_device_cuda")) return "NVIDIA CUDA device";
  return "unnamed device";
}

/// Which device the user asked for: options first, then GLCOMPUTE_DEVICE. Throws glc::Error
/// (not PathFailed) for a malformed value: that is a usage error, not a missing driver.
std::optional<int> requested_device(const ContextOptions& options) {
  if (options.device) {
    if (*options.device < 0) {
      throw Error("glc::Context: ContextOptions::device is " + std::to_string(*options.device) +
                  "; device indices start at 0");
    }
    return options.device;
  }
  const char* env = std::getenv("GLCOMPUTE_DEVICE");
  if (env == nullptr || *env == '\0') return std::nullopt;
  char* end = nullptr;
  const long value = std::strtol(env, &end, 10);
  if (*end != '\0' || value < 0 || value > 1'000'000) {
    throw Error(std::string("glc::Context: GLCOMPUTE_DEVICE='") + env +
                "' is not a device index (0, 1, ...)");
  }
  return static_cast<int>(value);
}

std::optional<EglContext> try_device_platform(const ContextOptions& options,
                                              const char* client_extensions,
                                              std::vector<Attempt>& attempts) {
  const std::string path = "EGL device platform (EGL_EXT_platform_device)";
  // EGL_EXT_device_base is the older name for enumeration + query (NVIDIA reports only it).
  const bool enumeration = has_extension(client_extensions, "EGL_EXT_device_enumeration") ||
                           has_extension(client_extensions, "EGL_EXT_device_base");
  if (!enumeration || !has_extension(client_extensions, "EGL_EXT_platform_device") ||
      eglQueryDevicesEXT == nullptr) {
    attempts.push_back({path, "not offered by libEGL (no EGL_EXT_device_enumeration/"
                              "EGL_EXT_platform_device client extension)"});
    return std::nullopt;
  }
  const std::optional<int> wanted = requested_device(options);
  EGLint count = 0;
  if (!eglQueryDevicesEXT(0, nullptr, &count) || count <= 0) {
    attempts.push_back({path, count == 0 ? "no EGL devices found (is a driver installed?)"
                                         : "eglQueryDevicesEXT failed with " +
                                               egl_error_name(eglGetError())});
    return std::nullopt;
  }
  std::vector<EGLDeviceEXT> devices(static_cast<std::size_t>(count));
  eglQueryDevicesEXT(count, devices.data(), &count);
  if (wanted && *wanted >= count) {
    std::ostringstream list;
    for (int i = 0; i < count; ++i) list << (i ? ", " : "") << i << ": " << describe_device(devices[i]);
    throw Error("glc::Context: EGL device " + std::to_string(*wanted) + " was requested but " +
                std::to_string(count) + " device(s) exist (" + list.str() + ")");
  }
  // An explicit device is the only one tried; otherwise the first device that works wins.
  const int first = wanted.value_or(0);
  const int last = wanted ? *wanted : count - 1;
  for (int i = first; i <= last; ++i) {
    const std::string name =
        std::to_string(i) + " of " + std::to_string(count) + ": " + describe_device(devices[i]);
    try {
      return try_display(platform_display(EGL_PLATFORM_DEVICE_EXT, devices[i]), options,
                         "device", name);
    } catch (const PathFailed& failed) {
      attempts.push_back({path + ", device " + name, failed.reason});
    }
  }
  return std::nullopt;
}

std::optional<EglContext> try_surfaceless_platform(const ContextOptions& options,
                                                   const char* client_extensions,
                                                   std::vector<Attempt>& attempts) {
  const std::string path = "Mesa surfaceless platform (EGL_MESA_platform_surfaceless)";
  if (!has_extension(client_extensions, "EGL_MESA_platform_surfaceless")) {
    attempts.push_back({path, "not offered by libEGL (no Mesa EGL driver installed)"});
    return std::nullopt;
  }
  try {
    return try_display(platform_display(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY),
                       options, "surfaceless", "-");
  } catch (const PathFailed& failed) {
    attempts.push_back({path, failed.reason});
  }
  return std::nullopt;
}

std::optional<EglContext> try_default_display(const ContextOptions& options,
                                              std::vector<Attempt>& attempts) {
  const std::string path = "default EGL display (eglGetDisplay)";
  // With DISPLAY set, libEGL would pick X11 for the default display: a server process must
  // never end up depending on (or hanging on) a window system it did not ask for.
  for (const char* var : {"DISPLAY", "WAYLAND_DISPLAY"}) {
    if (const char* value = std::getenv(var); value && *value) {
      attempts.push_back({path, std::string("skipped: ") + var + " is set, and the default "
                                "display would connect to the window system"});
      return std::nullopt;
    }
  }
  try {
    return try_display(eglGetDisplay(EGL_DEFAULT_DISPLAY), options, "default", "-");
  } catch (const PathFailed& failed) {
    attempts.push_back({path, failed.reason});
  }
  return std::nullopt;
}

[[noreturn]] void throw_unavailable(std::vector<Attempt> attempts, bool device_requested) {
  throw BackendUnavailable{std::move(attempts), kInstallHint, device_requested};
}

/// The EGL backend's PlatformContext.
class EglPlatformContext final : public PlatformContext {
 public:
  explicit EglPlatformContext(EglContext egl) : egl_(std::move(egl)) { note_current_here(); }

  ~EglPlatformContext() override {
    forget();
    destroy_egl_context(egl_);
  }

  bool is_current() const noexcept override { return eglGetCurrentContext() == egl_.context; }

  void describe(ContextInfo& info) const override {
    info.backend = Backend::egl;
    info.egl_path = egl_.path;
    info.egl_device = egl_.device;
    info.egl_version = egl_.egl_version;
    info.glfw_version = "-";
  }

  bool requested_reset_notification() const noexcept override {
    return egl_.reset_notification;
  }

 protected:
  void bind() override {
    eglBindAPI(EGL_OPENGL_API);  // per-thread state
    if (!eglMakeCurrent(egl_.display, egl_.surface, egl_.surface, egl_.context)) {
      const EGLint error = eglGetError();
      if (error == EGL_BAD_ACCESS) {
        throw Error("glc::Context: eglMakeCurrent failed with EGL_BAD_ACCESS: the context is "
                    "current on another thread (a context is used by one thread at a time), or "
                    "this thread has another window system's (GLX) context current");
      }
      throw Error("glc::Context: eglMakeCurrent failed with " + egl_error_name(error));
    }
  }

  void release() noexcept override {
    if (is_current()) eglMakeCurrent(egl_.display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
  }

 private:
  EglContext egl_;
};

/// The EGL paths in order; the first that gives a context wins.
EglContext create_first_working(const ContextOptions& options) {
  std::vector<Attempt> attempts;
  if (gladLoaderLoadEGL(EGL_NO_DISPLAY) == 0) {
    const char* why = dlerror();
    attempts.push_back({"libEGL.so.1", std::string("could not be loaded") +
                                           (why ? std::string(" (") + why + ")" : "")});
    throw_unavailable(std::move(attempts), requested_device(options).has_value());
  }
  const char* client_extensions = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
  if (auto ctx = try_device_platform(options, client_extensions, attempts)) return std::move(*ctx);
  // A device the user chose is the only one tried: no silent fallback to another path.
  if (requested_device(options)) throw_unavailable(std::move(attempts), true);
  if (auto ctx = try_surfaceless_platform(options, client_extensions, attempts)) {
    return std::move(*ctx);
  }
  if (auto ctx = try_default_display(options, attempts)) return std::move(*ctx);
  throw_unavailable(std::move(attempts), false);
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

}  // namespace

std::unique_ptr<PlatformContext> create_egl_context(const ContextOptions& options) {
  return std::make_unique<EglPlatformContext>(create_first_working(options));
}

}  // namespace glc::detail
