#pragma once
// Host-visible memory for zero-copy views of buffer contents. Not part of the public API.

#include <cstddef>
#include <memory>

namespace glc::detail {

class BufferStorage;
class ContextState;

/// A block of host memory the GPU copies into or out of: a persistently mapped GL buffer
/// (ARB_buffer_storage), or plain host memory on the fallback path. Reused through a
/// per-context pool, so repeated map_read/map_write calls do not pin new memory each time.
class HostMapping {
 public:
  /// Memory for `bytes`, from the context's pool where possible.
  static std::shared_ptr<HostMapping> acquire(const std::shared_ptr<ContextState>& context,
                                              std::size_t bytes);
  ~HostMapping();
  HostMapping(const HostMapping&) = delete;
  HostMapping& operator=(const HostMapping&) = delete;

  std::byte* data() const noexcept { return data_; }
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
  unsigned gl_buffer() const noexcept { return id_; }
  /// Makes shader writes to gl_buffer() visible to the host once wait() returns.
  void fence_shader_writes();
  /// Copies `bytes` of this memory to `destination` at `offset` (queued in GL order).
  void upload(BufferStorage& destination, std::size_t offset, std::size_t bytes);
  /// Returns the memory to the context's pool (called by the views' destructors).
  static void release(std::shared_ptr<HostMapping> mapping) noexcept;
  /// Called while the context is being destroyed: moves the contents to plain host memory so
  /// views that are still alive stay readable.
  void detach_from_context() noexcept;

 private:
  HostMapping(std::shared_ptr<ContextState> context, std::size_t bytes);
  friend class ContextState;

  std::shared_ptr<ContextState> context_;
  std::size_t bytes_ = 0;
  unsigned id_ = 0;           ///< GL buffer, or 0 on the fallback path
  std::byte* data_ = nullptr;
  std::unique_ptr<std::byte[]> fallback_;
  void* fence_ = nullptr;     ///< GLsync of the last copy
};

}  // namespace glc::detail
