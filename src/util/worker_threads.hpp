#pragma once
// Host work split over threads, for copies and first touches of many megabytes: one core moves
// about 10 GB/s, well below what PCIe or the memory give. Internal.

#include <cstddef>
#include <functional>

namespace glc::detail {

/// Runs part(0), ..., part(parts - 1) once each: part 0 on the calling thread, the others on new
/// threads. Where a thread cannot be created (a container's pids limit, no memory for a stack),
/// the calling thread runs that part itself, so a copy never fails for want of threads and no
/// std::system_error leaves. `part` must not throw: it runs where no one could catch it.
void run_parts(unsigned parts, const std::function<void(unsigned)>& part) noexcept;

/// How many threads `bytes` of memory work are worth: one per `bytes_per_thread`, at least one,
/// at most the hardware threads and `max_threads`.
unsigned threads_for(std::size_t bytes, std::size_t bytes_per_thread, unsigned max_threads);

/// Calls part(begin, end) for `parts` page-aligned pieces covering [0, bytes), on as many
/// threads (run_parts): no two threads touch one 4 KiB page.
void split_pages(std::size_t bytes, unsigned parts,
                 const std::function<void(std::size_t begin, std::size_t end)>& part) noexcept;

}  // namespace glc::detail
