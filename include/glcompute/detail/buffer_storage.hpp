#pragma once
// Untyped GL buffer object behind glc::Buffer<T>. Not part of the public API: Buffer<T>'s
// templates call it, so it is declared here.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

namespace glc::detail {

class ContextState;
class HostMapping;

/// What a new buffer holds before anything is written to it.
enum class InitialContents {
  /// Whatever GL leaves there: for storage the caller fills completely (Context::buffer<T>(n)
  /// zero-fills it the fastest way the driver has, through the kernel library).
  undefined,
  /// Zero bytes, set with a clear (glClearBufferData).
  zeros,
};

/// Owns one GL buffer object. Shared (through shared_ptr) by the Buffer<T> handle and, weakly,
/// by programs it is bound to, so a program can tell a destroyed buffer from a live one.
class BufferStorage {
 public:
  /// A buffer of `bytes` holding a copy of `initial` (that many bytes; nullptr leaves the
  /// contents undefined). Throws glc::Error where GL cannot allocate it.
  BufferStorage(std::shared_ptr<ContextState> context, std::size_t bytes, const void* initial);
  /// A buffer of `bytes` holding `contents`.
  BufferStorage(std::shared_ptr<ContextState> context, std::size_t bytes, InitialContents contents);
  ~BufferStorage();
  BufferStorage(const BufferStorage&) = delete;
  BufferStorage& operator=(const BufferStorage&) = delete;

  std::size_t bytes() const noexcept { return bytes_; }
  /// The GL buffer name; throws if the context is gone.
  unsigned id() const;
  const std::shared_ptr<ContextState>& context() const noexcept { return context_; }

  void write(std::size_t offset, std::size_t bytes, const void* src);
  void read(std::size_t offset, std::size_t bytes, void* dst) const;
  /// Where the context's transfers map buffers (the direct path), calls `see` with the contents
  /// of [offset, offset + bytes) mapped for reading, then unmaps, and returns true; elsewhere
  /// (and for 0 bytes) returns false without calling it.
  bool read_mapped(std::size_t offset, std::size_t bytes,
                   const std::function<void(const void*)>& see) const;
  void copy_from(const BufferStorage& src, std::size_t src_offset, std::size_t dst_offset,
                 std::size_t bytes);
  /// Sets words [first_word, first_word + word_count) to `value` (`value_words` of 1, 2 or 4
  /// words, repeated) with glClearBufferSubData, in GPU order; `what` names the operation in
  /// errors.
  void clear_words(std::size_t first_word, std::size_t word_count, const std::uint32_t* value,
                   unsigned value_words, const char* what);

  /// Starts copying `bytes` at `offset` into host-visible memory (Buffer::read_async).
  std::shared_ptr<HostMapping> read_async(std::size_t offset, std::size_t bytes) const;
  /// Host-visible memory for `bytes`, to be written in place and uploaded (Buffer::map_write).
  std::shared_ptr<HostMapping> map_write(std::size_t bytes);

 private:
  void allocate(const void* direct);

  std::shared_ptr<ContextState> context_;
  std::size_t bytes_ = 0;
  unsigned id_ = 0;
};

}  // namespace glc::detail
