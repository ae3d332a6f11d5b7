#pragma once
// The GLFW backend: a GL core context in a hidden GLFW window. Internal to glcompute::glfw.

#include <memory>
#include <string>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "glcompute/context_options.hpp"
#include "glfw/glfw_library.hpp"
#include "context/platform_context.hpp"

namespace glc::detail {

class GlfwPlatformContext final : public PlatformContext {
 public:
  /// Takes a created window whose context is current on this (the main) thread.
  GlfwPlatformContext(GlfwLibrary library, GLFWwindow* window, bool reset_notification);
  /// Destroys the window (GLFW's rule: on the main thread) and releases GLFW.
  ~GlfwPlatformContext() override;

  bool is_current() const noexcept override { return glfwGetCurrentContext() == window_; }
  void describe(ContextInfo& info) const override;
  bool requested_reset_notification() const noexcept override { return reset_notification_; }

  GLFWwindow* window() const noexcept { return window_; }

 protected:
  void bind() override;
  void release() noexcept override;

 private:
  GlfwLibrary library_;
  GLFWwindow* window_ = nullptr;
  bool reset_notification_ = false;
  std::string description_;
};

/// The backend's factory: creates the window and its context, current on this thread with GL
/// loaded through glfwGetProcAddress. Throws BackendUnavailable (with GLFW's own messages) if
/// GLFW cannot give a context, e.g. without a display.
std::unique_ptr<PlatformContext> create_glfw_context(const ContextOptions& options);

}  // namespace glc::detail
