#include "context/context_mark.hpp"

#include <atomic>
#include <mutex>
#include <unordered_map>

#include "context/error_checks.hpp"

namespace glc::detail {
namespace {

/// Marks by context, for the debug callback. Never destroyed: contexts in static storage may
/// outlive it otherwise.
struct Registry {
  std::mutex mutex;
  std::unordered_map<std::uintptr_t, ErrorChecks*> contexts;
};

Registry& registry() {
  static auto* r = new Registry;
  return *r;
}

std::uintptr_t next_mark() {
  // "glc" in the high bytes: a user's own pointer is unlikely to look like this.
  static std::atomic<std::uintptr_t> counter{0x676C630000000000u};
  return ++counter;
}

void GLAPIENTRY debug_callback(GLenum /*source*/, GLenum type, GLuint /*id*/, GLenum severity,
                               GLsizei /*length*/, const GLchar* message, const void* user) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  const auto it = r.contexts.find(reinterpret_cast<std::uintptr_t>(user));
  if (it != r.contexts.end()) it->second->record_debug_message(type, severity, message);
}

}  // namespace

ContextMark::ContextMark(ErrorChecks& errors) : mark_(next_mark()) {
  {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    r.contexts[mark_] = &errors;
  }
  glDebugMessageCallback(debug_callback, reinterpret_cast<const void*>(mark_));
}

ContextMark::~ContextMark() {
  if (abandoned_) return;
  abandon();
  glDebugMessageCallback(nullptr, nullptr);
}

void ContextMark::abandon() noexcept {
  if (abandoned_) return;
  abandoned_ = true;
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  r.contexts.erase(mark_);
}

}  // namespace glc::detail
