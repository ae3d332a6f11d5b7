#pragma once
// Host-visible memory behind the zero-copy views of glcompute/mapped.hpp. Not part of the public
// API: the views' templates call it, so it is declared here; the library makes the mappings
// (memory/transfers.hpp) and no user code can construct one.

#include <cstddef>
#include <memory>

namespace glc::detail {

class BufferStorage;
class ContextState;
class TransferState;

/// A block of host memory the GPU copies into or out of: a persistently mapped GL buffer
/// (ARB_buffer_storage) with a fence for the GPU's last copy, or plain host memory on the
/// fallback path. Reused through the context's pool (TransferState), so repeated map_read /
/// map_write calls do not pin new memory each time.
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
  /// Waits for the copy; throws glc::Error on timeout or a lost device.
  void wait();
  /// The GL buffer behind the memory (0 on the fallback path), for shaders that write their
  /// results straight into host memory.
  unsigned gl_buffer() const noexcept;
  /// Makes shader writes to gl_buffer() visible to the host once wait() returns.
  void fence_shader_writes();
  /// Copies `bytes` of this memory to `destination` at `offset` (queued in GL order).
  void upload(BufferStorage& destination, std::size_t offset, std::size_t bytes);
  /// Returns the memory to its context's pool (called by the views' destructors).
  static void release(std::shared_ptr<HostMapping> mapping) noexcept;

 private:
  friend class TransferState;
  /// The GL side: the mapped buffer and the fence of the GPU's last copy (memory/host_mapping.cpp).
  struct GpuMemory;

  HostMapping(std::shared_ptr<ContextState> context, std::size_t bytes, bool gpu_memory);
  /// Called while the context is being destroyed: moves the contents to plain host memory so
  /// views that are still alive stay readable.
  void detach_from_context() noexcept;

  std::shared_ptr<ContextState> context_;
  std::size_t bytes_ = 0;
  std::unique_ptr<GpuMemory> gpu_;          ///< null on the fallback path and once detached
  std::unique_ptr<std::byte[]> host_;       ///< the memory on the fallback path and once detached
  std::byte* data_ = nullptr;
};

}  // namespace glc::detail
