#pragma once
// One GL context as the floors above see it. Internal.

#include <cstdint>
#include <functional>
#include <memory>

#include "context/barriers.hpp"
#include "context/context_attachments.hpp"
#include "context/context_mark.hpp"
#include "context/deferred_release.hpp"
#include "context/error_checks.hpp"
#include "context/platform_context.hpp"
#include "glcompute/context_info.hpp"
#include "glcompute/context_options.hpp"

namespace glc::detail {

/// The state behind a glc::Context, shared (through shared_ptr) by the Context and by every
/// buffer, texture, program and view made from it: the backend's GL context (`platform`), what
/// it reports (`info`), the options it was created with, its GL error and reset checks
/// (`ErrorChecks`), its barrier tracking (`BarrierState`), and the per-context objects of the
/// floors above (`ContextAttachments`: transfers, program cache, kernel programs). Like
/// Magnum's State, a thin gathering: each concept keeps its own small state.
class ContextState {
 public:
  /// Takes the created context (current on this thread) and reads what it reports. Throws
  /// glc::Error for a non-positive ContextOptions::gpu_timeout or a GL error meanwhile; the GL
  /// context is destroyed then.
  ContextState(std::unique_ptr<PlatformContext> platform, const ContextOptions& options);
  ~ContextState();
  ContextState(const ContextState&) = delete;
  ContextState& operator=(const ContextState&) = delete;

  /// Makes this context current on the calling thread; throws if it was destroyed, was lost
  /// (GPU reset) or is current on another thread. Every GL-touching operation starts here.
  void use();
  /// Lets the context go from the calling thread (see Context::release_current).
  void release_current();
  /// Frees GL objects of this context, for the destructor of their owner (a buffer, texture or
  /// program): now where the calling thread holds the context, else at the context's next use
  /// on the thread that holds it (or at its destruction). Never throws; nothing happens once the
  /// context is gone (its objects went with it).
  void release_objects(std::function<void()> gl_release) noexcept;
  bool alive() const noexcept { return platform_ != nullptr; }
  /// The backend's side of the context (for glc::glfw::window); nullptr once destroyed.
  PlatformContext* platform() const noexcept { return platform_.get(); }
  /// Destroys the attachments (which delete their GL objects), then the GL context. Buffers,
  /// textures and programs still referring to it then throw on use.
  void destroy() noexcept;

  const ContextInfo& info() const noexcept { return info_; }
  /// The options the context was created with (staging_bytes, program_cache, ...).
  const ContextOptions& options() const noexcept { return options_; }
  bool debug() const noexcept { return info_.debug; }
  /// ContextOptions::gpu_timeout, for every wait on a fence.
  std::uint64_t gpu_timeout_ns() const noexcept { return gpu_timeout_ns_; }

  /// Throws glc::Error naming `operation` if GL reported an error since the last check (see
  /// ErrorChecks::check), or if the context was lost.
  void check_errors(const char* operation) { errors_.check(operation); }
  /// Throws glc::Error if the GPU was reset and this context lost (ErrorChecks::check_lost).
  void check_lost(const char* operation) { errors_.check_lost(operation); }

  /// The barriers this context still owes after its dispatches.
  BarrierState& barriers() noexcept { return barriers_; }

  /// This context's T of a floor above (created on first use; see ContextAttachments).
  template <class T>
  T& attachment() {
    return attachments_.get<T>(*this);
  }
  /// This context's T, or nullptr if it has none: for code that must not create one (while
  /// the context is being destroyed).
  template <class T>
  T* find_attachment() noexcept {
    return attachments_.find<T>();
  }

 private:
  std::unique_ptr<PlatformContext> platform_;
  ContextOptions options_;
  std::uint64_t gpu_timeout_ns_ = 0;
  ContextInfo info_;
  ErrorChecks errors_;
  /// This context's mark in GL state, to tell cheaply whether it is current here (use()).
  std::unique_ptr<ContextMark> mark_;
  BarrierState barriers_;
  ContextAttachments attachments_;
  DeferredReleases deferred_;
};

}  // namespace glc::detail
