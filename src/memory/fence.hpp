#pragma once
// Fences: how the host learns that the GPU has passed a point in the command stream. Internal.

#include <glad/gl.h>

namespace glc::detail {

class ContextState;

/// One GL fence object (GLsync), owned: deleted when replaced or destroyed (the context must be
/// current then, or abandon() first). Empty (nothing to wait for) until placed. Move-only.
class Fence {
 public:
  Fence() = default;
  ~Fence() { reset(); }
  Fence(Fence&& other) noexcept : sync_(other.sync_) { other.sync_ = nullptr; }
  Fence& operator=(Fence&& other) noexcept;
  Fence(const Fence&) = delete;
  Fence& operator=(const Fence&) = delete;

  /// Replaces the fence (if any) with one after every command issued so far.
  void place();
  /// True while a placed fence has not been waited for.
  bool pending() const noexcept { return sync_ != nullptr; }
  /// True once the GPU has passed the fence, or if none is pending. Never blocks.
  bool signaled() const;
  /// Waits until the GPU has passed the fence (flushing first), then deletes it; returns at
  /// once if none is pending. Throws glc::Error naming `operation` if that takes longer than
  /// the context's ContextOptions::gpu_timeout (a runaway shader or a lost device: an error,
  /// not a hang) or the wait fails, saying the context was lost where a GPU reset is the reason.
  void wait(const char* operation, ContextState& context);
  /// Forgets the fence without touching GL (its context is gone or current elsewhere).
  void abandon() noexcept { sync_ = nullptr; }

 private:
  void reset() noexcept;
  GLsync sync_ = nullptr;
};

}  // namespace glc::detail
