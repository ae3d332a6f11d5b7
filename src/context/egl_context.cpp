#include "context/egl_context.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <vector>

#include "context/egl_display.hpp"
#include "context/fork_guard.hpp"
#include "context/gl_loader.hpp"
#include "context/gl_names.hpp"
#include "util/environment.hpp"
#include "glcompute/error.hpp"

namespace glc::detail {
namespace {

constexpr const char* kInstallHint =
    "To get a driver: on Debian/Ubuntu install libegl1 and Mesa (apt-get install libegl1 "
    "libegl-mesa0 libgl1-mesa-dri) for llvmpipe on any CPU, or the NVIDIA driver's GL/EGL "
    "libraries (libnvidia-gl, providing libEGL_nvidia.so.0) on an NVIDIA GPU.";

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
  // Blanks around the number are ignored, as for every GLCOMPUTE_* word (util/environment.hpp).
  const std::optional<std::string> word = environment_word("GLCOMPUTE_DEVICE");
  if (!word) return std::nullopt;
  const bool digits = word->size() <= 7 && std::all_of(word->begin(), word->end(), [](char c) {
    return c >= '0' && c <= '9';
  });
  if (!digits) {
    throw Error("glc::Context: GLCOMPUTE_DEVICE='" + environment_text("GLCOMPUTE_DEVICE") +
                "' is not a device index (0, 1, ...)");
  }
  return std::stoi(*word);
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
  explicit EglPlatformContext(EglContext egl) : egl_(std::move(egl)) {}

  ~EglPlatformContext() override {
    forget();
    // In a child forked with contexts, EGL calls could wait for the parent's driver threads:
    // what was inherited is left as it is (the child's memory goes with it).
    if (!forked_with_gl()) destroy_egl_context(egl_);
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
  if (!load_egl()) {
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

}  // namespace

std::unique_ptr<PlatformContext> create_egl_context(const ContextOptions& options) {
  return std::make_unique<EglPlatformContext>(create_first_working(options));
}

}  // namespace glc::detail
