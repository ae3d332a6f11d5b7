#pragma once
// GL errors and GPU resets of one context. Internal.

#include <string>
#include <vector>

#include <glad/gl.h>

namespace glc::detail {

class PlatformContext;

/// What can go wrong under a context: GL errors (glGetError, and in debug mode the KHR_debug
/// messages) and, where reset notification is on, a GPU reset (glGetGraphicsResetStatus). A
/// reset loses the context for good: from then on every check throws. Lives at a fixed address
/// (the debug callback's registry points to it).
class ErrorChecks {
 public:
  ErrorChecks() = default;
  ErrorChecks(const ErrorChecks&) = delete;
  ErrorChecks& operator=(const ErrorChecks&) = delete;

  /// Turns on reset detection where the platform asked for LOSE_CONTEXT_ON_RESET and GL confirms
  /// the strategy and offers the query; returns whether it is on (ContextInfo::reset_notification).
  bool enable_reset_notification(const PlatformContext& platform);
  /// Turns on KHR_debug output, synchronous so that a message arrives inside the call that
  /// caused it (the callback that passes it here is the context's ContextMark).
  void enable_debug_output();
  /// Keeps an error (or high-severity) message for the next check().
  void record_debug_message(GLenum type, GLenum severity, const char* message);

  /// Throws glc::Error naming `operation` if GL reported an error since the last check, or if
  /// the context was lost.
  void check(const char* operation);
  /// Throws glc::Error if the GPU was reset and the context lost. Called where errors are
  /// checked and where a wait for the GPU failed or timed out, since a reset is one reason.
  void check_lost(const char* operation);
  /// Throws if the context was found lost before (without asking GL).
  void throw_if_lost() const;

  /// Which glGetGraphicsResetStatus the context has, if any (from its version and extensions).
  enum class ResetQuery { none, core, arb };

 private:
  [[noreturn]] void throw_lost(const char* operation) const;

  std::vector<std::string> debug_errors_;  ///< KHR_debug errors since the last check
  std::string lost_;  ///< why the context was lost ("guilty: ..."); empty while it is fine
  bool reset_notification_ = false;
  ResetQuery reset_query_ = ResetQuery::none;
};

}  // namespace glc::detail
