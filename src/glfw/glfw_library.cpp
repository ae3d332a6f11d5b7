#include "glfw/glfw_library.hpp"

#include <sys/types.h>
#include <unistd.h>

#include <mutex>
#include <utility>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "context/fork_guard.hpp"

namespace glc::detail {
namespace {

std::mutex g_library_mutex;
int g_library_users = 0;
bool g_terminate_with_last_user = false;

// The innermost capture on the main thread (captures nest: init inside window creation).
GlfwErrorCapture* g_capture = nullptr;

/// Whether GLFW was initialised before glcompute asked (by the program itself).
bool glfw_already_initialised() {
  GlfwErrorCapture quiet;  // the probe's GLFW_NOT_INITIALIZED must not reach the program
  glfwGetTime();           // reports GLFW_NOT_INITIALIZED before glfwInit
  return quiet.take().empty();
}

}  // namespace

bool on_main_thread() noexcept { return gettid() == getpid(); }

std::string GlfwFailure::to_string() const {
  std::string text = what;
  for (std::size_t i = 0; i < messages.size(); ++i) text += (i ? "; " : ": ") + messages[i];
  if (messages.empty()) text += " (GLFW gave no reason)";
  return text;
}

GlfwErrorCapture::GlfwErrorCapture() : outer_(g_capture) {
  g_capture = this;
  previous_ = glfwSetErrorCallback(&GlfwErrorCapture::record);
}

GlfwErrorCapture::~GlfwErrorCapture() {
  glfwSetErrorCallback(previous_);
  g_capture = outer_;
}

std::vector<std::string> GlfwErrorCapture::take() { return std::exchange(messages_, {}); }

void GlfwErrorCapture::record(int /*code*/, const char* description) {
  if (g_capture != nullptr) g_capture->messages_.emplace_back(description ? description : "");
}

GlfwLibrary::GlfwLibrary() {
  std::lock_guard lock(g_library_mutex);
  if (g_library_users == 0) {
    if (glfw_already_initialised()) {
      g_terminate_with_last_user = false;
    } else {
      GlfwErrorCapture errors;
      if (glfwInit() != GLFW_TRUE) throw GlfwFailure{"glfwInit failed", errors.take()};
      g_terminate_with_last_user = true;
    }
  }
  ++g_library_users;
  held_ = true;
}

GlfwLibrary::~GlfwLibrary() {
  if (!held_ || forked_with_gl()) return;  // a forked child leaves the parent's connection be
  std::lock_guard lock(g_library_mutex);
  if (--g_library_users == 0 && g_terminate_with_last_user) glfwTerminate();
}

}  // namespace glc::detail
