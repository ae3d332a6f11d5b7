#pragma once
// GL objects whose owner (a Buffer, Texture2D, Program) was destroyed on a thread that does not
// hold their context: GL can only free them where the context is current, so they wait here
// until the context's next use on the thread that holds it, or its destruction. Without this
// they were never freed (a destructor cannot throw, and cannot take the context from the thread
// that holds it). Internal.

#include <atomic>
#include <functional>
#include <mutex>
#include <vector>

namespace glc::detail {

class DeferredReleases {
 public:
  /// Queues `release`, GL calls that free objects of this context. Never throws: if even the
  /// queue cannot grow, the objects stay until the context is destroyed.
  void defer(std::function<void()> release) noexcept;
  /// Whether anything is queued (an atomic load: cheap on every use of the context).
  bool pending() const noexcept { return pending_.load(std::memory_order_acquire); }
  /// Runs what is queued; the context must be current on the calling thread. A release that
  /// throws is skipped (its objects go with the context).
  void run() noexcept;
  /// Forgets what is queued without running it (the context is gone, and its objects with it).
  void drop() noexcept;

 private:
  std::mutex mutex_;
  std::vector<std::function<void()>> queue_;
  std::atomic<bool> pending_{false};
};

}  // namespace glc::detail
