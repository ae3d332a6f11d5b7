#include "util/parallel_copy.hpp"

#include <cstring>

#include "util/worker_threads.hpp"

namespace glc::detail {
namespace {

/// Below this a thread costs more than it saves.
constexpr std::size_t kBytesPerThread = std::size_t{4} << 20;
constexpr unsigned kMaxThreads = 8;

}  // namespace

void parallel_copy(void* destination, const void* source, std::size_t bytes) {
  auto* out = static_cast<std::byte*>(destination);
  const auto* in = static_cast<const std::byte*>(source);
  const unsigned threads = threads_for(bytes, kBytesPerThread, kMaxThreads);
  if (threads <= 1) {
    std::memcpy(out, in, bytes);
    return;
  }
  // Parts are multiples of 4 KiB so no two threads touch one page; a part whose thread cannot
  // be created is copied by the calling thread (split_pages).
  split_pages(bytes, threads, [=](std::size_t begin, std::size_t end) {
    std::memcpy(out + begin, in + begin, end - begin);
  });
}

}  // namespace glc::detail
