#pragma once
/// @file
/// `glc::Buffer<T>`: a typed shader storage buffer living on the GPU.
///
/// Create one with `ctx.buffer<T>(n)` (zero-filled) or `ctx.buffer(host_data)`, bind it to a
/// program with `program.bind("Block", buffer)`, and read it back with `read()`.
/// Reads, writes and copies after a dispatch always see the dispatch's results: glcompute
/// issues the memory barriers.

#include <cstddef>
#include <memory>
#include <span>
#include <type_traits>
#include <vector>

#include <glm/fwd.hpp>

#include "detail/access.hpp"
#include "detail/buffer_storage.hpp"
#include "detail/checks.hpp"
#include "detail/new_vector.hpp"
#include "mapped.hpp"

namespace glc {

class Context;

namespace detail {
template <class T> struct is_three_component_vector : std::false_type {};
template <class T, glm::qualifier Q>
struct is_three_component_vector<glm::vec<3, T, Q>> : std::true_type {};
}  // namespace detail

/// A GPU buffer of `size()` elements of type T. Move-only; the GL object is deleted with the
/// last handle (or with its context, whichever comes first).
template <class T>
class Buffer {
  static_assert(std::is_trivially_copyable_v<T>,
                "glc::Buffer<T>: T must be trivially copyable (it is copied byte-wise to the GPU)");
  static_assert(!detail::is_three_component_vector<T>::value,
                "glc::Buffer<T>: 3-component glm vectors (vec3/ivec3/uvec3...) are 12 bytes in C++ "
                "but have a 16-byte stride in std430 arrays; use glm::vec4 (or a padded struct)");

 public:
  using value_type = T;

  /// An empty handle; using it throws. Real buffers come from `Context::buffer`.
  Buffer() = default;
  Buffer(Buffer&&) noexcept = default;
  Buffer& operator=(Buffer&&) noexcept = default;
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  /// Number of elements.
  std::size_t size() const { return storage().bytes() / sizeof(T); }
  std::size_t size_bytes() const { return storage().bytes(); }
  bool empty() const { return size() == 0; }

  /// Copies `data` into elements [offset, offset + data.size()). Throws if out of range.
  void write(std::span<const T> data, std::size_t offset = 0) {
    detail::check_range("Buffer::write", offset, data.size(), size());
    storage().write(offset * sizeof(T), data.size_bytes(), data.data());
  }

  /// All elements, copied to the host.
  std::vector<T> read() const { return read(0, size()); }

  /// Elements [offset, offset + count), copied to the host. Throws if out of range.
  std::vector<T> read(std::size_t offset, std::size_t count) const {
    detail::check_range("Buffer::read", offset, count, size());
    std::vector<T> out;
    // Small reads of a mapped buffer copy once, into the vector as it is made (no zeroing pass).
    if (count * sizeof(T) < detail::kPreparedVectorBytes &&
        storage().read_mapped(offset * sizeof(T), count * sizeof(T), [&](const void* contents) {
          const T* first = static_cast<const T*>(contents);
          out.assign(first, first + count);
        })) {
      return out;
    }
    out = detail::new_vector<T>(count);
    storage().read(offset * sizeof(T), count * sizeof(T), out.data());
    return out;
  }

  /// Copies elements [offset, offset + out.size()) into `out`. Throws if out of range.
  void read_into(std::span<T> out, std::size_t offset = 0) const {
    detail::check_range("Buffer::read_into", offset, out.size(), size());
    storage().read(offset * sizeof(T), out.size_bytes(), out.data());
  }

  /// Copies `count` elements of `src` starting at `src_offset` to this buffer at `dst_offset`,
  /// on the GPU. Both buffers must belong to the same context. Within one buffer the two
  /// ranges must not overlap (GL refuses it: glCopyBufferSubData's GL_INVALID_VALUE); that
  /// throws glc::Error naming both.
  void copy_from(const Buffer& src, std::size_t src_offset, std::size_t dst_offset,
                 std::size_t count) {
    detail::check_range("Buffer::copy_from (source)", src_offset, count, src.size());
    detail::check_range("Buffer::copy_from (destination)", dst_offset, count, size());
    if (&src.storage() == &storage()) {
      detail::check_disjoint("Buffer::copy_from", src_offset, dst_offset, count);
    }
    storage().copy_from(src.storage(), src_offset * sizeof(T), dst_offset * sizeof(T),
                        count * sizeof(T));
  }
  /// Copies all of `src`, which must have the same size, on the GPU.
  void copy_from(const Buffer& src) {
    detail::check_range("Buffer::copy_from", 0, src.size(), size());
    detail::check_same_size("Buffer::copy_from", src.size(), size());
    copy_from(src, 0, 0, src.size());
  }

  /// Starts copying elements [offset, offset + count) (all by default) into host-visible
  /// memory and returns at once; the PendingRead waits on a fence when asked for the data.
  PendingRead<T> read_async(std::size_t offset, std::size_t count) const {
    detail::check_range("Buffer::read_async", offset, count, size());
    return PendingRead<T>(storage().read_async(offset * sizeof(T), count * sizeof(T)), count);
  }
  PendingRead<T> read_async() const { return read_async(0, size()); }

  /// A read-only view of elements [offset, offset + count) (all by default) in host-visible
  /// memory: the GPU copies them at transfer speed and the host reads them in place.
  MappedRead<T> map_read(std::size_t offset, std::size_t count) const {
    detail::check_range("Buffer::map_read", offset, count, size());
    return read_async(offset, count).wait();
  }
  MappedRead<T> map_read() const { return map_read(0, size()); }

  /// Host-visible memory for elements [offset, offset + count) (all by default), written in
  /// place and copied to the buffer when the view is committed or destroyed; a view destroyed
  /// by an exception's unwinding writes nothing (see MappedWrite).
  MappedWrite<T> map_write(std::size_t offset, std::size_t count) {
    detail::check_range("Buffer::map_write", offset, count, size());
    return MappedWrite<T>(storage().map_write(count * sizeof(T)), shared_storage(), offset, count);
  }
  MappedWrite<T> map_write() { return map_write(0, size()); }

  /// The GL buffer name, for interop with raw GL.
  unsigned id() const { return storage().id(); }

 private:
  // The library (Context::buffer, Program::bind, the kernel library) makes buffers and reaches
  // their storage through detail::Access.
  friend struct detail::Access;
  explicit Buffer(std::shared_ptr<detail::BufferStorage> s) : storage_(std::move(s)) {}

  detail::BufferStorage& storage() const {
    if (!storage_) detail::throw_empty_handle("glc::Buffer");
    return *storage_;
  }
  const std::shared_ptr<detail::BufferStorage>& shared_storage() const {
    storage();
    return storage_;
  }

  std::shared_ptr<detail::BufferStorage> storage_;
};

}  // namespace glc
