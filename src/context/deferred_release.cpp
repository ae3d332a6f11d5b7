#include "context/deferred_release.hpp"

#include <utility>

namespace glc::detail {

void DeferredReleases::defer(std::function<void()> release) noexcept {
  try {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(release));
    pending_.store(true, std::memory_order_release);
  } catch (...) {  // out of memory: the context's destruction frees the objects
  }
}

void DeferredReleases::run() noexcept {
  std::vector<std::function<void()>> releases;
  {
    std::lock_guard lock(mutex_);
    releases.swap(queue_);
    pending_.store(false, std::memory_order_release);
  }
  for (std::function<void()>& release : releases) {
    try {
      release();
    } catch (...) {
    }
  }
}

void DeferredReleases::drop() noexcept {
  std::lock_guard lock(mutex_);
  queue_.clear();
  pending_.store(false, std::memory_order_release);
}

}  // namespace glc::detail
