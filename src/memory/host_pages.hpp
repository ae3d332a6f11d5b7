#pragma once
// Host memory by whole pages, straight from the kernel; and prepare_new_pages
// (glcompute/detail/new_vector.hpp), which readies new host memory for a large copy. Internal.

#include <cstddef>

namespace glc::detail {

/// Page-aligned host memory from mmap, given back with munmap when destroyed: what the mapping
/// pool frees leaves the resident set at once (memory from malloc may stay with the allocator).
/// Blocks of 2 MiB and more ask for transparent huge pages, so first touching them costs one
/// fault per 2 MiB instead of one per 4 KiB. Move-only.
class HostPages {
 public:
  HostPages() = default;
  /// At least `bytes` (one page for 0); throws glc::Error naming the size where the kernel
  /// refuses.
  explicit HostPages(std::size_t bytes);
  ~HostPages();
  HostPages(HostPages&& other) noexcept;
  HostPages& operator=(HostPages&& other) noexcept;
  HostPages(const HostPages&) = delete;
  HostPages& operator=(const HostPages&) = delete;

  std::byte* data() const noexcept { return data_; }
  std::size_t size() const noexcept { return bytes_; }

 private:
  std::byte* data_ = nullptr;
  std::size_t bytes_ = 0;
};

}  // namespace glc::detail
