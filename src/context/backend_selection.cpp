#include "context/backend_selection.hpp"

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "context/egl_context.hpp"
#include "context/fork_guard.hpp"
#include "util/environment.hpp"
#include "glcompute/error.hpp"

namespace glc::detail {
namespace {

constexpr const char* kGlfwNotLinked =
    "not linked into this program (link glcompute::glfw: "
    "target_link_libraries(app PRIVATE glcompute::glfw))";

/// The backend asked for, and who asked (for error messages).
struct Request {
  Backend backend;
  const char* source;
};

/// ContextOptions::backend, or GLCOMPUTE_BACKEND where that is `automatic`. Throws glc::Error
/// for a value that names no backend.
Request requested_backend(const ContextOptions& options) {
  if (options.backend != Backend::automatic) return {options.backend, "ContextOptions::backend"};
  const std::optional<std::string> word = environment_word("GLCOMPUTE_BACKEND");
  if (!word) return {Backend::automatic, "the default"};
  for (Backend b : {Backend::automatic, Backend::egl, Backend::glfw}) {
    if (to_string(b) == *word) return {b, "GLCOMPUTE_BACKEND"};
  }
  throw Error("glc::Context: GLCOMPUTE_BACKEND='" + environment_text("GLCOMPUTE_BACKEND") +
              "' is not a backend (egl, glfw or automatic)");
}

PlatformFactory glfw_factory() noexcept {
  return &glcompute_glfw_backend != nullptr ? glcompute_glfw_backend : nullptr;
}

/// What every backend tried said, and what would help.
struct Failures {
  std::vector<Attempt> attempts;
  std::vector<std::string> hints;
  bool glfw_tried = false;

  void add(BackendUnavailable&& failed) {
    attempts.insert(attempts.end(), failed.attempts.begin(), failed.attempts.end());
    if (!failed.hint.empty()) hints.push_back(std::move(failed.hint));
  }
};

[[noreturn]] void throw_no_context(const ContextOptions& options, const Failures& failures) {
  std::ostringstream msg;
  // "headless" while only EGL was tried: GLFW's context lives in a (hidden) window.
  msg << "glc::Context: no " << (failures.glfw_tried ? "" : "headless ") << "OpenGL "
      << options.min_version.major << "." << options.min_version.minor
      << " core context could be created. Tried:\n";
  for (std::size_t i = 0; i < failures.attempts.size(); ++i) {
    msg << "  " << i + 1 << ". " << failures.attempts[i].path << ": "
        << failures.attempts[i].outcome << "\n";
  }
  for (std::size_t i = 0; i < failures.hints.size(); ++i) msg << (i ? "\n" : "") << failures.hints[i];
  throw Error(msg.str());
}

/// The GLFW backend's context, or nullptr with the backend's attempts added to `failures`.
std::unique_ptr<PlatformContext> try_glfw(PlatformFactory factory, const ContextOptions& options,
                                          Failures& failures) {
  failures.glfw_tried = true;
  try {
    return factory(options);
  } catch (BackendUnavailable& failed) {
    failures.add(std::move(failed));
    return nullptr;
  }
}

std::unique_ptr<PlatformContext> create_with_glfw(const ContextOptions& options,
                                                  const char* requested_by) {
  const PlatformFactory factory = glfw_factory();
  if (factory == nullptr) {
    throw Error(std::string("glc::Context: the GLFW backend was requested (by ") + requested_by +
                ") but it is " + kGlfwNotLinked);
  }
  if (options.device) {
    throw Error("glc::Context: ContextOptions::device chooses an EGL device; the GLFW backend "
                "uses the window system's GL driver and cannot honour it");
  }
  Failures failures;
  if (auto context = try_glfw(factory, options, failures)) return context;
  throw_no_context(options, failures);
}

}  // namespace

std::unique_ptr<PlatformContext> create_platform_context(const ContextOptions& options) {
  if (forked_with_gl()) throw_forked_with_gl("glc::Context");
  const auto [backend, requested_by] = requested_backend(options);
  PlatformContext::unbind_here();  // the new context becomes current here
  if (backend == Backend::glfw) return create_with_glfw(options, requested_by);
  Failures failures;
  try {
    return create_egl_context(options);
  } catch (BackendUnavailable& failed) {
    const bool stop = backend == Backend::egl || failed.device_requested;
    failures.add(std::move(failed));
    if (stop) throw_no_context(options, failures);
  }
  // Backend::automatic: GLFW where it is linked, for systems without a working EGL.
  if (const PlatformFactory factory = glfw_factory()) {
    if (auto context = try_glfw(factory, options, failures)) return context;
  } else {
    failures.attempts.push_back({"GLFW backend", kGlfwNotLinked});
  }
  throw_no_context(options, failures);
}

}  // namespace glc::detail
