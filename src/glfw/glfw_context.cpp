#include "glfw/glfw_context.hpp"

#include <cstdlib>
#include <vector>

#include <glad/gl.h>

#include "context/fork_guard.hpp"
#include "context/gl_loader.hpp"
#include "glcompute/error.hpp"

namespace glc::detail {
namespace {

constexpr const char* kPath = "GLFW backend (hidden window, GLFW's native context API)";

constexpr const char* kSetupHint =
    "The GLFW backend needs a window system: on X11 a running X server named by DISPLAY "
    "(xvfb-run provides one on a machine without a screen) and Mesa's or the GPU vendor's GLX "
    "(Debian: apt-get install libglfw3 libglx-mesa0 libgl1-mesa-dri).";

// The window is hidden until the program shows it (glcompute/glfw.hpp); this size is what it
// then shows.
constexpr int kWindowWidth = 640;
constexpr int kWindowHeight = 480;

[[noreturn]] void unavailable(const std::string& outcome) {
  throw BackendUnavailable{{{kPath, outcome}}, kSetupHint, false};
}

std::string join_messages(const std::vector<std::string>& messages) {
  if (messages.empty()) return "GLFW gave no reason";
  std::string text;
  for (const std::string& m : messages) text += (text.empty() ? "" : "; ") + m;
  return text;
}

GLADapiproc load_gl_function(const char* name) {
  return reinterpret_cast<GLADapiproc>(glfwGetProcAddress(name));
}

/// Sets every window hint for a hidden window with a core context of version `v`.
void set_window_hints(GlVersion v, bool debug, bool reset_notification) {
  glfwDefaultWindowHints();
  glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
  glfwWindowHint(GLFW_FOCUSED, GLFW_FALSE);
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, v.major);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, v.minor);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_DEBUG_CONTEXT, debug ? GLFW_TRUE : GLFW_FALSE);
  // GLFW leaves robustness out where GLX_ARB_create_context_robustness is missing; whether the
  // context has it is read back from GL (ContextInfo::reset_notification).
  glfwWindowHint(GLFW_CONTEXT_ROBUSTNESS,
                 reset_notification ? GLFW_LOSE_CONTEXT_ON_RESET : GLFW_NO_ROBUSTNESS);
}

struct CreatedWindow {
  GLFWwindow* window = nullptr;
  GlVersion version;
  bool reset_notification = false;
};

/// Creates the window with the newest core context GLFW gives, or throws BackendUnavailable
/// listing GLFW's refusals. Each refused version costs a window creation (0.1-0.2 s on Xvfb), so
/// reset notification is asked for in a first pass over the versions and dropped only if that
/// pass finds none (GLFW itself leaves it out where GLX lacks it).
CreatedWindow create_window(const ContextOptions& options) {
  GlfwErrorCapture errors;
  std::string refusals;
  for (const bool reset_notification : {true, false}) {
    for (const GlVersion& v : core_versions_to_try(options.min_version)) {
      set_window_hints(v, options.debug, reset_notification);
      GLFWwindow* window = glfwCreateWindow(kWindowWidth, kWindowHeight, "glcompute", nullptr, nullptr);
      const std::vector<std::string> messages = errors.take();
      if (window != nullptr) {
        glfwDefaultWindowHints();  // the program's own windows start from GLFW's defaults
        return {window, v, reset_notification};
      }
      if (!reset_notification) {
        refusals += " " + std::to_string(v.major) + "." + std::to_string(v.minor) + ": " +
                    join_messages(messages) + ";";
      }
    }
  }
  glfwDefaultWindowHints();
  unavailable(no_core_context(options.min_version, "glfwCreateWindow", refusals));
}

}  // namespace

GlfwPlatformContext::GlfwPlatformContext(GlfwLibrary library, GLFWwindow* window,
                                         bool reset_notification)
    : library_(std::move(library)), window_(window), reset_notification_(reset_notification) {
  const char* display = std::getenv("DISPLAY");
  description_ = std::string("GLFW ") + glfwGetVersionString() + ", hidden window" +
                 (display && *display ? std::string(", DISPLAY=") + display : std::string());
  glfwMakeContextCurrent(window_);
}

GlfwPlatformContext::~GlfwPlatformContext() {
  forget();
  // In a child forked with contexts, the X connection is the parent's: leave it alone.
  if (forked_with_gl()) return;
  release();  // first, where it is current on this thread
  glfwDestroyWindow(window_);
}

void GlfwPlatformContext::describe(ContextInfo& info) const {
  info.backend = Backend::glfw;
  info.egl_path = "-";
  info.egl_device = "-";
  info.egl_version = "-";
  info.glfw_version = description_;
}

void GlfwPlatformContext::bind() {
  // Any thread may make a GLFW context current; GLFW's error callback is main-thread state, so
  // the thread's own error slot reports failures here.
  glfwGetError(nullptr);
  glfwMakeContextCurrent(window_);
  const char* description = nullptr;
  if (glfwGetError(&description) != GLFW_NO_ERROR) {
    throw Error(std::string("glc::Context: glfwMakeContextCurrent failed: ") +
                (description ? description : "GLFW gave no reason"));
  }
}

void GlfwPlatformContext::release() noexcept {
  if (is_current()) glfwMakeContextCurrent(nullptr);
}

std::unique_ptr<PlatformContext> create_glfw_context(const ContextOptions& options) {
  if (!on_main_thread()) {
    unavailable("skipped: not on the main thread (GLFW creates and destroys windows on the "
                "main thread only)");
  }
  std::unique_ptr<GlfwLibrary> library;
  try {
    library = std::make_unique<GlfwLibrary>();
  } catch (const GlfwFailure& failure) {
    unavailable(failure.to_string());
  }
  const CreatedWindow created = create_window(options);
  if (const std::string why = below_minimum(created.version, options.min_version); !why.empty()) {
    glfwDestroyWindow(created.window);
    unavailable(why);
  }
  auto context = std::make_unique<GlfwPlatformContext>(std::move(*library), created.window,
                                                       created.reset_notification);
  // From here the context owns the window (current here): a failure below destroys it.
  // Through libEGL where there is one: pointers GLFW gives die with its GL library when GLFW
  // terminates, which would leave every other context calling into freed code.
  if (!(load_egl() ? load_gl() : load_gl_without_egl(load_gl_function))) {
    unavailable("the context was created but GL functions could not be loaded through "
                "eglGetProcAddress or glfwGetProcAddress");
  }
  return context;
}

}  // namespace glc::detail

// The core refers to this weakly (src/context/backend_selection.hpp): linking glcompute::glfw, whose
// link option -Wl,--undefined=glcompute_glfw_backend pulls this file out of the archive, is
// what turns the GLFW backend on.
extern "C" const glc::detail::PlatformFactory glcompute_glfw_backend =
    &glc::detail::create_glfw_context;
