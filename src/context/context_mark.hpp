#pragma once
// A context's mark in its own GL state, to tell cheaply whether it is current. Internal.

#include <cstdint>

#include <glad/gl.h>

namespace glc::detail {

class ErrorChecks;

/// Installs the context's KHR_debug callback (core since GL 4.3) with a user parameter that no
/// other context of the process ever had, and reads it back
/// (glGetPointerv(GL_DEBUG_CALLBACK_USER_PARAM)) to tell whether that context is current on
/// the calling thread: state of whichever context is current, read without a system call. The
/// EGL question (eglGetCurrentContext) costs one in glvnd, whose fork check calls getpid on
/// every EGL call: 0.7 to 7 us a call on this project's 2-core virtual machine, more than a
/// whole 40 KB transfer. With no context current, GL calls do nothing and the answer is no;
/// with another one current (the user's, another glc::Context), its own parameter answers no.
/// The callback hands the messages of debug contexts (ErrorChecks::enable_debug_output) to
/// ErrorChecks::record_debug_message, through a registry: the mark is a number, never a
/// pointer that a later context could reuse. Made and destroyed while its context is current.
class ContextMark {
 public:
  explicit ContextMark(ErrorChecks& errors);
  /// Removes the callback, unless abandoned.
  ~ContextMark();
  ContextMark(const ContextMark&) = delete;
  ContextMark& operator=(const ContextMark&) = delete;

  bool current_here() const noexcept {
    void* parameter = nullptr;
    glGetPointerv(GL_DEBUG_CALLBACK_USER_PARAM, &parameter);
    return parameter == reinterpret_cast<void*>(mark_);
  }
  /// Stops passing messages on, without GL (the context is current on another thread and goes
  /// with its callback).
  void abandon() noexcept;

 private:
  std::uintptr_t mark_;
  bool abandoned_ = false;
};

}  // namespace glc::detail
