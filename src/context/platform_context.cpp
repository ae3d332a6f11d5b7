#include "context/platform_context.hpp"

#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "context/fork_guard.hpp"
#include "glcompute/error.hpp"

namespace glc::detail {
namespace {

// Every live context, for what a thread holds. The backends' own "current on another thread"
// checks cannot be relied on: under GLX (GLFW) the check is an X protocol error, which Xlib's
// default handler answers by ending the process; and EGL keeps a context bound to a thread
// that ended without releasing it, forever.
struct Registry {
  std::mutex mutex;
  std::vector<PlatformContext*> contexts;
};

// Never destroyed: contexts in static storage may be created before and destroyed after it.
Registry& registry() {
  static auto* contexts = new Registry;
  return *contexts;
}

// A thread lets go of its contexts when it ends. C++ thread_local destructors run before the
// thread's pthread keys are destroyed (glibc), so EGL's and glvnd's per-thread state still
// exists and the release reaches the driver; at exit() the main thread's run before static
// destructors, which may take their context back (from then on nothing watches that thread).
thread_local bool t_ended = false;  // trivially destructible: readable after ~ThreadEnd

struct ThreadEnd {
  ~ThreadEnd() {
    t_ended = true;
    let_go_of_ending_thread();
  }
};

void watch_this_thread() {
  if (t_ended) return;
  static thread_local ThreadEnd end;
  (void)end;
}

std::string held_elsewhere(const char* call) {
  return std::string("glc::Context") + call +
         ": the context is current on another thread, which holds it (the thread that created "
         "it, or the one that took it since); a context is used by one thread at a time. On "
         "that thread call ctx.release_current() (or let the thread end), then use the context "
         "here or call ctx.make_current()";
}

}  // namespace

PlatformContext::PlatformContext() : holder_(std::this_thread::get_id()) {
  note_context_created();
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  r.contexts.push_back(this);
  watch_this_thread();
}

PlatformContext::~PlatformContext() { note_context_destroyed(); }  // backends forget() first

void PlatformContext::make_current() {
  // In a child forked with a context, EGL still says the parent's context is current here.
  if (forked_with_gl()) throw_forked_with_gl("glc::Context");
  if (is_current()) return;  // bound here, so held here
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  const std::thread::id self = std::this_thread::get_id();
  const std::thread::id holder = holder_.load();
  if (holder != std::thread::id() && holder != self) throw Error(held_elsewhere(""));
  for (PlatformContext* other : r.contexts) {  // it stays held here, unbound
    if (other != this && other->holder_.load() == self && other->is_current()) other->release();
  }
  bind();
  holder_.store(self);
  watch_this_thread();
}

void PlatformContext::release_current() {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  const std::thread::id holder = holder_.load();
  if (holder == std::thread::id()) return;
  if (holder != std::this_thread::get_id()) {
    throw Error(held_elsewhere("::release_current") + " (only the thread that holds a context "
                "can release it)");
  }
  if (is_current()) release();
  holder_.store(std::thread::id());
}

bool PlatformContext::held_here() const noexcept {
  return holder_.load() == std::this_thread::get_id();
}

void PlatformContext::forget() noexcept {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  std::erase(r.contexts, this);
}

void PlatformContext::unbind_here() noexcept {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  const std::thread::id self = std::this_thread::get_id();
  for (PlatformContext* context : r.contexts) {
    if (context->holder_.load() == self && context->is_current()) context->release();
  }
}

void let_go_of_ending_thread() noexcept {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  const std::thread::id self = std::this_thread::get_id();
  for (PlatformContext* context : r.contexts) {
    if (context->holder_.load() != self) continue;
    if (context->is_current()) context->release();
    context->holder_.store(std::thread::id());
  }
}

std::vector<GlVersion> core_versions_to_try(GlVersion min) {
  std::vector<GlVersion> versions;
  if (min.major > 4 || (min.major == 4 && min.minor > 6)) versions.push_back(min);
  for (int minor = 6; minor >= 3; --minor) versions.push_back({4, minor});
  return versions;
}

std::string no_core_context(GlVersion min, const char* call, const std::string& refusals) {
  return "no GL core context of version " + std::to_string(min.major) + "." +
         std::to_string(min.minor) + " or later (" + call + " refused" + refusals + ")";
}

std::string below_minimum(GlVersion created, GlVersion min) {
  if (created.major > min.major || (created.major == min.major && created.minor >= min.minor)) return "";
  return "GL " + std::to_string(min.major) + "." + std::to_string(min.minor) +
         " core was required but this driver offers at most " + std::to_string(created.major) + "." +
         std::to_string(created.minor);
}

}  // namespace glc::detail
