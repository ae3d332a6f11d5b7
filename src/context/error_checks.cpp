#include "context/error_checks.hpp"

#include <algorithm>
#include <string_view>

#include "context/gl_loader.hpp"
#include "context/gl_names.hpp"
#include "context/platform_context.hpp"
#include "glcompute/error.hpp"

namespace glc::detail {
namespace {

/// Which glGetGraphicsResetStatus the current context has: GL_RESET_NOTIFICATION_STRATEGY and
/// the query are GL 4.5 core and KHR_robustness, or ARB_robustness's ...ARB. Every entry point
/// is loaded whatever the context has (context/gl_loader.hpp), so a loaded pointer says
/// nothing: the context's version and extensions decide.
ErrorChecks::ResetQuery reset_query_of_current_context() {
  if (current_context_version() >= 45) return ErrorChecks::ResetQuery::core;
  const std::vector<std::string> extensions = current_context_extensions();
  const auto has = [&](std::string_view name) {
    return std::find(extensions.begin(), extensions.end(), name) != extensions.end();
  };
  if (has("GL_KHR_robustness")) return ErrorChecks::ResetQuery::core;
  if (has("GL_ARB_robustness")) return ErrorChecks::ResetQuery::arb;
  return ErrorChecks::ResetQuery::none;
}

/// The reset status in words, for the error that reports a lost context.
std::string describe_reset(GLenum status) {
  switch (status) {
    case GL_GUILTY_CONTEXT_RESET:
      return "guilty: this context's own work caused the reset, e.g. a shader that faulted or "
             "ran too long";
    case GL_INNOCENT_CONTEXT_RESET:
      return "innocent: work of another context or process caused the reset";
    default:
      return "unknown cause";
  }
}

}  // namespace

bool ErrorChecks::enable_reset_notification(const PlatformContext& platform) {
  // The platform asked for LOSE_CONTEXT_ON_RESET; the context has it only if GL confirms the
  // strategy and offers the query that reports a reset.
  if (!platform.requested_reset_notification()) return false;
  reset_query_ = reset_query_of_current_context();
  if (reset_query_ == ResetQuery::none) return false;
  GLint strategy = 0;
  glGetIntegerv(GL_RESET_NOTIFICATION_STRATEGY, &strategy);
  reset_notification_ = strategy == GL_LOSE_CONTEXT_ON_RESET;
  return reset_notification_;
}

void ErrorChecks::record_debug_message(GLenum type, GLenum severity, const char* message) {
  if (type == GL_DEBUG_TYPE_ERROR || severity == GL_DEBUG_SEVERITY_HIGH) {
    debug_errors_.emplace_back(message ? message : "");
  }
}

void ErrorChecks::enable_debug_output() {
  glEnable(GL_DEBUG_OUTPUT);
  // Synchronous, so the message arrives inside the call that caused it.
  glEnable(GL_DEBUG_OUTPUT_SYNCHRONOUS);
}

void ErrorChecks::check(const char* operation) {
  std::string errors;
  // glGetError returns one flag per call; a few are possible at once. The bound keeps a
  // lost context (which may report an error forever) from looping.
  for (int i = 0; i < 8; ++i) {
    const GLenum error = glGetError();
    if (error == GL_NO_ERROR) break;
    errors += (errors.empty() ? "" : ", ") + gl_error_name(error);
  }
  for (const std::string& message : debug_errors_) {
    errors += (errors.empty() ? "" : "; ") + message;
  }
  debug_errors_.clear();
  // A lost context reports GL_CONTEXT_LOST (or nothing) for every call: say what happened.
  check_lost(operation);
  if (!errors.empty()) {
    throw Error(std::string("glcompute: GL error during ") + operation + ": " + errors);
  }
}

void ErrorChecks::check_lost(const char* operation) {
  if (!lost_.empty()) throw_lost(operation);
  if (!reset_notification_) return;
  const GLenum status = reset_query_ == ResetQuery::core ? glGetGraphicsResetStatus()
                                                        : glGetGraphicsResetStatusARB();
  if (status == GL_NO_ERROR) return;
  lost_ = describe_reset(status);
  throw_lost(operation);
}

void ErrorChecks::throw_if_lost() const {
  if (!lost_.empty()) throw_lost(nullptr);
}

void ErrorChecks::throw_lost(const char* operation) const {
  throw Error(std::string("glcompute: the GL context was lost") +
              (operation ? std::string(" during ") + operation : std::string()) +
              " (GPU reset; " + lost_ +
              "). Every later use of this glc::Context throws: create a new one.");
}

}  // namespace glc::detail
