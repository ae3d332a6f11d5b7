#include "context/context_state.hpp"

#include <chrono>
#include <limits>
#include <string>

#include "context/fork_guard.hpp"
#include "context/info_query.hpp"
#include "glcompute/error.hpp"

namespace glc::detail {
namespace {

/// ContextOptions::gpu_timeout in GL's nanoseconds, saturated: a duration_cast of
/// milliseconds::max() to nanoseconds overflowed (undefined behaviour; 2^62 ms came out as 0 ns,
/// a wait that gives up at once). Anything beyond 2^64 - 1 ns waits as long as it takes, which
/// is what drivers do with that value. Not positive: 0 (the constructor refuses it).
std::uint64_t timeout_ns(std::chrono::milliseconds timeout) {
  constexpr std::uint64_t kForever = std::numeric_limits<std::uint64_t>::max();
  if (timeout.count() <= 0) return 0;
  const auto ms = static_cast<std::uint64_t>(timeout.count());
  return ms > kForever / 1'000'000 ? kForever : ms * 1'000'000;
}

}  // namespace

ContextState::ContextState(std::unique_ptr<PlatformContext> platform,
                           const ContextOptions& options)
    : platform_(std::move(platform)),
      options_(options),
      gpu_timeout_ns_(timeout_ns(options.gpu_timeout)) {
  try {
    if (options.gpu_timeout.count() <= 0) {
      throw Error("glc::Context: ContextOptions::gpu_timeout must be positive (it is " +
                  std::to_string(options.gpu_timeout.count()) + " ms)");
    }
    info_ = query_context_info(*platform_);
    info_.debug = options.debug;
    info_.reset_notification = errors_.enable_reset_notification(*platform_);
    mark_ = std::make_unique<ContextMark>(errors_);
    if (options.debug) errors_.enable_debug_output();
    check_errors("context creation");
  } catch (...) {
    destroy();  // the destructor does not run for a throwing constructor
    throw;
  }
}

ContextState::~ContextState() { destroy(); }

void ContextState::destroy() noexcept {
  // The floors above delete their GL objects (kernel programs, staging memory, mappings) while
  // the GL context still exists; each makes it current itself, or gives its objects up where it
  // cannot (current on another thread: the context's destruction frees them).
  attachments_.clear();
  // Current here: removing the mark removes the debug callback. Current elsewhere, or in a child
  // forked with contexts (where GL calls could wait for the parent's driver threads): the
  // context takes its callback along.
  if (alive() && !forked_with_gl() && platform_->is_current()) mark_.reset();
  if (mark_) mark_->abandon();
  // What other threads dropped goes with the context.
  deferred_.drop();
  platform_.reset();
}

void ContextState::use() {
  if (!alive()) {
    throw Error("glcompute: used a buffer, texture or program whose glc::Context was destroyed");
  }
  errors_.throw_if_lost();
  // In a child forked with contexts the inherited one still looks current: refuse it first.
  if (forked_with_gl()) throw_forked_with_gl("glc::Context");
  // GL's own answer first: asking EGL costs a system call in glvnd (ContextMark). Bound here
  // means held here (only make_current binds it, and the holder's release unbinds it).
  if (!mark_ || !mark_->current_here()) platform_->make_current();
  if (deferred_.pending()) deferred_.run();  // objects dropped on other threads
}

void ContextState::release_objects(std::function<void()> gl_release) noexcept {
  if (!alive() || forked_with_gl()) return;
  // A destructor never takes the context from another thread, nor a free one: the objects wait
  // for the thread that uses the context next.
  if (!platform_->held_here()) {
    deferred_.defer(std::move(gl_release));
    return;
  }
  try {
    use();
    gl_release();
  } catch (...) {  // lost: the objects go with the context
  }
}

void ContextState::release_current() {
  if (!alive()) {
    throw Error("glc::Context::release_current: the context was destroyed");
  }
  if (forked_with_gl()) throw_forked_with_gl("glc::Context::release_current");
  platform_->release_current();
}

}  // namespace glc::detail
