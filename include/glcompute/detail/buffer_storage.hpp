#pragma once
// Untyped GL buffer object behind glc::Buffer<T>. Not part of the public API.

#include <cstddef>
#include <memory>
#include <string>

namespace glc::detail {

class ContextState;

/// Owns one GL buffer object. Shared (through shared_ptr) by the Buffer<T> handle and, weakly,
/// by programs it is bound to, so a program can tell a destroyed buffer from a live one.
class BufferStorage {
 public:
  BufferStorage(std::shared_ptr<ContextState> context, std::size_t bytes, const void* initial);
  ~BufferStorage();
  BufferStorage(const BufferStorage&) = delete;
  BufferStorage& operator=(const BufferStorage&) = delete;

  std::size_t bytes() const noexcept { return bytes_; }
  /// The GL buffer name; throws if the context is gone.
  unsigned id() const;
  const std::shared_ptr<ContextState>& context() const noexcept { return context_; }

  void write(std::size_t offset, std::size_t bytes, const void* src);
  void read(std::size_t offset, std::size_t bytes, void* dst) const;
  void copy_from(const BufferStorage& src, std::size_t src_offset, std::size_t dst_offset,
                 std::size_t bytes);

 private:
  void zero_fill();

  std::shared_ptr<ContextState> context_;
  std::size_t bytes_ = 0;
  unsigned id_ = 0;
};

/// Throws glc::Error naming `what` unless [offset, offset + count) lies within [0, size).
void check_range(const char* what, std::size_t offset, std::size_t count, std::size_t size);

/// Throws glc::Error naming `what` unless a whole-buffer operation's sizes agree.
void check_same_size(const char* what, std::size_t source_size, std::size_t size);

/// `count * element_size`, or a glc::Error naming `what` where that overflows.
std::size_t checked_bytes(const char* what, std::size_t count, std::size_t element_size);

/// Throws glc::Error with `message` (for misuse of views: used after commit or wait).
[[noreturn]] void throw_misuse(const std::string& message);

/// Throws glc::Error for use of a default-constructed or moved-from handle.
[[noreturn]] void throw_empty_handle(const char* type);

}  // namespace glc::detail
