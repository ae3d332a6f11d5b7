#include "worker_threads.hpp"

#include <algorithm>
#include <thread>
#include <vector>

namespace glc::detail {

void run_parts(unsigned parts, const std::function<void(unsigned)>& part) noexcept {
  std::vector<std::thread> workers;
  unsigned started = 1;
  try {
    workers.reserve(parts);
    for (; started < parts; ++started) workers.emplace_back(part, started);
  } catch (...) {  // std::system_error (EAGAIN) or std::bad_alloc: fewer threads, same work
  }
  for (unsigned p = started; p < parts; ++p) part(p);
  if (parts > 0) part(0);
  for (std::thread& w : workers) w.join();
}

unsigned threads_for(std::size_t bytes, std::size_t bytes_per_thread, unsigned max_threads) {
  if (bytes < 2 * bytes_per_thread) return 1;
  // Asked once: glibc reads /sys/devices/system/cpu/online on every call (three system calls,
  // more than a small copy takes).
  static const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::clamp<std::size_t>(
      bytes / std::max<std::size_t>(bytes_per_thread, 1), 1, std::min<std::size_t>(cores, max_threads)));
}

void split_pages(std::size_t bytes, unsigned parts,
                 const std::function<void(std::size_t, std::size_t)>& part) noexcept {
  parts = std::max(parts, 1u);
  const std::size_t piece = (bytes / parts + 4095) / 4096 * 4096;
  run_parts(parts, [&](unsigned p) {
    const std::size_t begin = std::min(bytes, p * piece);
    const std::size_t end = p + 1 == parts ? bytes : std::min(bytes, begin + piece);
    if (begin < end) part(begin, end);
  });
}

}  // namespace glc::detail
