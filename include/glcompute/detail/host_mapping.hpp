#pragma once
// Host-visible memory behind the zero-copy views of glcompute/mapped.hpp. Not part of the public
// API: the views' templates call it, so it is declared here; the library makes the mappings
// (memory/transfers.hpp) and no user code can construct one.

#include <cstddef>
#include <memory>

namespace glc::detail {

class BufferStorage;
class ContextState;
class HostPages;
class TransferState;

/// What a view's memory is for: reads and writes are pooled apart (memory/mapping_pool.hpp), so
/// a map_write view never starts out holding what another buffer's read brought to the host.
enum class MappingUse { read, write };

/// A block of host memory the buffers are copied into or out of: on the staging path a
/// persistently mapped GL buffer (ARB_buffer_storage) with a fence for the GPU's last copy;
/// elsewhere plain host memory filled and emptied by the host. Reused through the context's
/// pools (TransferState), so repeated map_read / map_write calls do not map new memory each time.
class HostMapping {
 public:
  ~HostMapping();
  HostMapping(const HostMapping&) = delete;
  HostMapping& operator=(const HostMapping&) = delete;

  std::byte* data() const noexcept { return data_; }
  std::size_t size() const noexcept { return bytes_; }
  /// Copies the first `bytes` out to pageable memory, on several cores for large copies.
  void copy_out(void* destination, std::size_t bytes) const;

  /// Starts copying `bytes` at `offset` of `source` into this memory (fenced; no wait).
  void start_download(const BufferStorage& source, std::size_t offset, std::size_t bytes);
  /// True once the copy has landed (never blocks).
  bool ready();
  /// Waits for the copy; throws glc::Error on timeout or a lost device, and where the context
  /// was destroyed on another thread before the copy was known to have landed.
  void wait();
  /// The GL buffer behind the memory (0 on the fallback path), for shaders that write their
  /// results straight into host memory.
  unsigned gl_buffer() const noexcept;
  /// Makes shader writes to gl_buffer() visible to the host once wait() returns.
  void fence_shader_writes();
  /// Copies `bytes` of this memory to `destination` at `offset` (queued in GL order).
  void upload(BufferStorage& destination, std::size_t offset, std::size_t bytes);
  /// Returns the memory to its context's pool for `use` (called by the views' destructors).
  static void release(std::shared_ptr<HostMapping> mapping, MappingUse use) noexcept;

 private:
  friend class TransferState;
  /// The GL side: the mapped buffer and the fence of the GPU's last copy (memory/host_mapping.cpp).
  struct GpuMemory;

  HostMapping(std::shared_ptr<ContextState> context, std::size_t bytes, bool gpu_memory);
  /// Called while the context is being destroyed: moves the contents to plain host memory so
  /// views that are still alive stay readable. `current`: the context is current on this
  /// thread; where it is not (destroyed on another thread) a copy still in flight cannot be
  /// waited for, and wait() then says the read was cut off.
  void detach_from_context(bool current) noexcept;

  std::shared_ptr<ContextState> context_;
  std::size_t bytes_ = 0;
  std::unique_ptr<GpuMemory> gpu_;    ///< null for plain host memory and once detached
  std::unique_ptr<HostPages> host_;   ///< plain host memory, also once detached
  std::byte* data_ = nullptr;
  bool cut_off_ = false;  ///< a copy was in flight when the context went on another thread
};

}  // namespace glc::detail
