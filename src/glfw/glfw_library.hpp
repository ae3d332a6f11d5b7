#pragma once
// GLFW's process-wide state as glcompute uses it: initialisation shared by every GLFW-backed
// context, and GLFW's error messages collected into glcompute's errors. Internal to
// glcompute::glfw.

#include <string>
#include <vector>

namespace glc::detail {

/// One reference to an initialised GLFW. The first reference calls glfwInit and the last one
/// glfwTerminate, unless the program had initialised GLFW itself: then its windows are its own
/// and glcompute never terminates GLFW under them. Main thread only (GLFW's rule).
class GlfwLibrary {
 public:
  /// Initialises GLFW where needed. Throws GlfwFailure (GLFW's messages) if glfwInit fails.
  GlfwLibrary();
  ~GlfwLibrary();
  GlfwLibrary(GlfwLibrary&& other) noexcept : held_(other.held_) { other.held_ = false; }
  GlfwLibrary& operator=(GlfwLibrary&&) = delete;
  GlfwLibrary(const GlfwLibrary&) = delete;
  GlfwLibrary& operator=(const GlfwLibrary&) = delete;

 private:
  bool held_ = false;
};

/// A GLFW call failed; `messages` are what GLFW reported (its error callback's descriptions).
struct GlfwFailure {
  std::string what;
  std::vector<std::string> messages;

  /// "what: message; message" for glcompute's error text.
  std::string to_string() const;
};

/// Collects the descriptions GLFW reports through its error callback while it exists, and
/// restores the program's own callback afterwards. Main thread only (glfwSetErrorCallback is).
class GlfwErrorCapture {
 public:
  GlfwErrorCapture();
  ~GlfwErrorCapture();
  GlfwErrorCapture(const GlfwErrorCapture&) = delete;
  GlfwErrorCapture& operator=(const GlfwErrorCapture&) = delete;

  /// The messages so far, emptying the list.
  std::vector<std::string> take();

 private:
  using Callback = void (*)(int, const char*);
  Callback previous_ = nullptr;
  GlfwErrorCapture* outer_ = nullptr;
  std::vector<std::string> messages_;

  static void record(int code, const char* description);
};

/// Whether the calling thread is the process's main thread, where GLFW must be initialised and
/// windows created and destroyed.
bool on_main_thread() noexcept;

}  // namespace glc::detail
