#pragma once
// New host vectors for large reads. Not part of the public API: the templates of buffer.hpp and
// mapped.hpp call it, so it is declared here.

#include <cstddef>
#include <vector>

namespace glc::detail {

/// New vectors of fewer bytes are built straight from their source (allocation and one copy);
/// larger ones are made ready first (new_vector), then filled on several threads.
inline constexpr std::size_t kPreparedVectorBytes = std::size_t{8} << 20;

/// Readies `bytes` of new, untouched memory at `data` for a large copy: transparent huge pages
/// where the kernel gives them, and the first-touch page faults taken on several threads
/// (writes zeros). Does nothing below kPreparedVectorBytes; never throws.
void prepare_new_pages(void* data, std::size_t bytes) noexcept;

/// A vector of `count` value-initialised elements whose pages were faulted in on several
/// threads before the vector zeroed them on one: a large read into new memory is otherwise
/// bound by one thread taking a page fault per 4 KiB (a 400 MB read() took 200 ms on an
/// H100's host that way, 10 ms of it the transfer).
template <class T>
std::vector<T> new_vector(std::size_t count) {
  std::vector<T> out;
  out.reserve(count);
  prepare_new_pages(out.data(), count * sizeof(T));
  out.resize(count);
  return out;
}

}  // namespace glc::detail
