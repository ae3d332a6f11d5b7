#include "context/platform_context.hpp"

#include <map>
#include <mutex>
#include <thread>

#include "glcompute/error.hpp"

namespace glc::detail {
namespace {

// Which glcompute context each thread has current. The backends' own "current on another
// thread" checks cannot be relied on: under GLX (GLFW) the check is an X protocol error, which
// Xlib's default handler answers by ending the process.
struct CurrentContexts {
  std::mutex mutex;
  std::map<std::thread::id, PlatformContext*> by_thread;
};

// Never destroyed: contexts in static storage may be created before and destroyed after it.
CurrentContexts& current_contexts() {
  static auto* contexts = new CurrentContexts;
  return *contexts;
}

}  // namespace

PlatformContext::~PlatformContext() = default;  // backends forget() first

void PlatformContext::make_current() {
  if (is_current()) return;
  CurrentContexts& current = current_contexts();
  std::lock_guard lock(current.mutex);
  const std::thread::id self = std::this_thread::get_id();
  for (const auto& [thread, context] : current.by_thread) {
    if (context == this && thread != self) {
      throw Error("glc::Context: the context is current on another thread; a context is used "
                  "by one thread at a time");
    }
  }
  PlatformContext*& current_here = current.by_thread[self];
  if (current_here != nullptr && current_here != this) {
    current_here->release();
    current_here = nullptr;
  }
  bind();
  current_here = this;
}

void PlatformContext::forget() noexcept {
  CurrentContexts& current = current_contexts();
  std::lock_guard lock(current.mutex);
  std::erase_if(current.by_thread, [this](const auto& entry) { return entry.second == this; });
}

void PlatformContext::note_current_here() {
  CurrentContexts& current = current_contexts();
  std::lock_guard lock(current.mutex);
  current.by_thread[std::this_thread::get_id()] = this;
}

void PlatformContext::release_current_here() noexcept {
  CurrentContexts& current = current_contexts();
  std::lock_guard lock(current.mutex);
  const auto it = current.by_thread.find(std::this_thread::get_id());
  if (it == current.by_thread.end()) return;
  if (it->second != nullptr) it->second->release();
  current.by_thread.erase(it);
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
