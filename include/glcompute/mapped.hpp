#pragma once
/// @file
/// Zero-copy access to buffer contents in host-visible memory:
///
///     {
///       glc::MappedRead<float> view = buffer.map_read();   // GPU copies at PCIe speed
///       double s = std::accumulate(view.begin(), view.end(), 0.0);
///     }                                                    // memory back to the pool
///     glc::PendingRead<float> pending = buffer.read_async();  // returns at once
///     ... other work ...
///     std::vector<float> values = pending.get();           // waits on a fence
///     {
///       glc::MappedWrite<float> w = buffer.map_write();    // uninitialised host memory
///       std::fill(w.begin(), w.end(), 1.0f);
///     }                                                    // copied to the GPU here
///
/// Views that outlive their glc::Context keep their contents (copied to plain host memory when
/// the context goes, also when it is destroyed on another thread). A read still in flight when
/// its context is destroyed on another thread cannot be waited for there: its wait() and get()
/// then throw glc::Error.
///
/// The memory comes from a per-context pool, reads and writes apart: a map_write view never
/// starts out holding what a read brought to the host. The pool keeps up to 64 MiB per kind for
/// reuse; larger blocks only while they are reused: they go back to the system at the first
/// transfer or finish() on the context after a second unused.

#include <exception>
#include <memory>
#include <span>
#include <vector>

#include "detail/buffer_storage.hpp"
#include "detail/checks.hpp"
#include "detail/host_mapping.hpp"
#include "detail/new_vector.hpp"

namespace glc {

template <class T>
class Buffer;
template <class T>
class PendingRead;

/// A read-only view of elements copied into host-visible memory, from Buffer::map_read or
/// PendingRead::wait. Move-only; the memory goes back to the context's pool when the view is
/// destroyed.
template <class T>
class MappedRead {
 public:
  MappedRead(MappedRead&&) noexcept = default;
  MappedRead& operator=(MappedRead&&) noexcept = default;
  ~MappedRead() { detail::HostMapping::release(std::move(mapping_), detail::MappingUse::read); }

  std::span<const T> span() const { return {data(), count_}; }
  const T* data() const {
    if (!mapping_) detail::throw_empty_handle("glc::MappedRead");
    return reinterpret_cast<const T*>(mapping_->data());
  }
  std::size_t size() const noexcept { return count_; }
  const T& operator[](std::size_t i) const { return data()[i]; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + count_; }

 private:
  friend class PendingRead<T>;
  MappedRead(std::shared_ptr<detail::HostMapping> mapping, std::size_t count)
      : mapping_(std::move(mapping)), count_(count) {}

  std::shared_ptr<detail::HostMapping> mapping_;
  std::size_t count_;
};

/// A read in flight, from Buffer::read_async: `ready()` polls, `wait()` gives a view, `get()` a
/// vector.
template <class T>
class PendingRead {
 public:
  PendingRead(PendingRead&&) noexcept = default;
  PendingRead& operator=(PendingRead&&) noexcept = default;
  ~PendingRead() { detail::HostMapping::release(std::move(mapping_), detail::MappingUse::read); }

  /// True once the data has arrived; never blocks.
  bool ready() { return mapping().ready(); }
  /// Waits, then hands the memory over as a view (this object is then empty).
  MappedRead<T> wait() {
    mapping().wait();
    return MappedRead<T>(std::move(mapping_), count_);
  }
  /// Waits, then copies into a vector (a large one made ready while the copy is in flight).
  std::vector<T> get() {
    if (count_ * sizeof(T) < detail::kPreparedVectorBytes) {
      mapping().wait();
      const T* first = reinterpret_cast<const T*>(mapping_->data());
      return std::vector<T>(first, first + count_);
    }
    mapping();
    std::vector<T> out = detail::new_vector<T>(count_);
    mapping_->wait();
    mapping_->copy_out(out.data(), count_ * sizeof(T));
    return out;
  }

 private:
  friend class Buffer<T>;
  PendingRead(std::shared_ptr<detail::HostMapping> mapping, std::size_t count)
      : mapping_(std::move(mapping)), count_(count) {}

  detail::HostMapping& mapping() {
    if (!mapping_) {
      detail::throw_misuse("glc::PendingRead: the read was already waited for (its data went to "
                           "the MappedRead that wait() returned) or moved from");
    }
    return *mapping_;
  }

  std::shared_ptr<detail::HostMapping> mapping_;
  std::size_t count_;
};

/// Writable host-visible memory for elements of a buffer, from Buffer::map_write. Its contents
/// start undefined (never data another view read); they are copied to the buffer by `commit()`
/// or when the view is destroyed, except where an exception thrown while the view was alive
/// destroys it: then nothing is written and the buffer keeps its contents (as after `discard()`).
template <class T>
class MappedWrite {
 public:
  MappedWrite(MappedWrite&&) noexcept = default;
  MappedWrite& operator=(MappedWrite&& other) noexcept {
    if (this != &other) {
      discard();  // what this view held is replaced, never half committed
      mapping_ = std::move(other.mapping_);
      target_ = std::move(other.target_);
      offset_ = other.offset_;
      count_ = other.count_;
      exceptions_at_start_ = other.exceptions_at_start_;
    }
    return *this;
  }
  ~MappedWrite() {
    if (std::uncaught_exceptions() > exceptions_at_start_) {
      discard();  // destroyed by an exception: the view may be half filled
      return;
    }
    try {
      commit();
    } catch (...) {  // a destructor must not throw; call commit() to see errors
    }
  }

  std::span<T> span() { return {data(), count_}; }
  /// Throws once committed (or discarded, or moved from).
  T* data() {
    if (!mapping_) {
      detail::throw_misuse("glc::MappedWrite: the view was already committed (or discarded, or "
                           "moved from); map_write() again for a new one");
    }
    return reinterpret_cast<T*>(mapping_->data());
  }
  std::size_t size() const noexcept { return count_; }
  T& operator[](std::size_t i) { return data()[i]; }
  T* begin() { return data(); }
  T* end() { return data() + count_; }

  /// Copies the view to the buffer now (once); later writes to the view are not sent. Throws
  /// glc::Error where the buffer's context was destroyed.
  void commit() {
    if (!mapping_) return;
    std::shared_ptr<detail::HostMapping> mapping = std::move(mapping_);
    mapping->upload(*target_, offset_ * sizeof(T), count_ * sizeof(T));
    detail::HostMapping::release(std::move(mapping), detail::MappingUse::write);
  }
  /// Gives the memory back without writing anything to the buffer; the view is then empty, as
  /// after commit().
  void discard() noexcept {
    detail::HostMapping::release(std::move(mapping_), detail::MappingUse::write);
  }

 private:
  friend class Buffer<T>;
  MappedWrite(std::shared_ptr<detail::HostMapping> mapping, std::shared_ptr<detail::BufferStorage> target,
              std::size_t offset, std::size_t count)
      : mapping_(std::move(mapping)), target_(std::move(target)), offset_(offset), count_(count),
        exceptions_at_start_(std::uncaught_exceptions()) {}

  std::shared_ptr<detail::HostMapping> mapping_;
  std::shared_ptr<detail::BufferStorage> target_;
  std::size_t offset_;
  std::size_t count_;
  int exceptions_at_start_;  ///< std::uncaught_exceptions() when the view was made
};

}  // namespace glc
