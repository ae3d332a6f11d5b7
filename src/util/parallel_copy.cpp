#include "util/parallel_copy.hpp"

#include <algorithm>
#include <cstring>
#include <thread>
#include <vector>

namespace glc::detail {
namespace {

/// Below this a thread costs more than it saves.
constexpr std::size_t kBytesPerThread = std::size_t{4} << 20;
constexpr unsigned kMaxThreads = 8;

}  // namespace

void parallel_copy(void* destination, const void* source, std::size_t bytes) {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const auto threads = static_cast<unsigned>(
      std::min<std::size_t>({kMaxThreads, cores, std::max<std::size_t>(1, bytes / kBytesPerThread)}));
  if (threads <= 1) {
    std::memcpy(destination, source, bytes);
    return;
  }
  auto* out = static_cast<std::byte*>(destination);
  const auto* in = static_cast<const std::byte*>(source);
  // Parts are multiples of 4 KiB so no two threads touch one page.
  const std::size_t part = (bytes / threads + 4095) / 4096 * 4096;
  std::vector<std::thread> workers;
  workers.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) {
    const std::size_t begin = std::min(bytes, t * part);
    const std::size_t end = std::min(bytes, begin + part);
    if (begin < end) workers.emplace_back([=] { std::memcpy(out + begin, in + begin, end - begin); });
  }
  std::memcpy(out, in, std::min(part, bytes));
  for (std::thread& w : workers) w.join();
}

}  // namespace glc::detail
