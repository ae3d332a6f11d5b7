#pragma once
// The transfer module: every copy between host memory and GPU buffers, and the host-visible
// memory it uses (staging memory, pooled host mappings). Internal.

#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include <glad/gl.h>

#include "glcompute/detail/host_mapping.hpp"
#include "memory/mapping_pool.hpp"
#include "memory/staging.hpp"
#include "memory/transfer_path.hpp"

namespace glc::detail {

class ContextState;

/// A context's transfers: buffer reads and writes on the path chosen for its driver
/// (TransferPath: staging, direct or plain), and the pools of host mappings behind map_read,
/// read_async and map_write. Attached to the context (ContextState::attachment); on
/// destruction it detaches the mappings still held by views (their contents move to plain host
/// memory, also when the context is current on another thread) and deletes the staging memory.
class TransferState {
 public:
  explicit TransferState(ContextState& context);
  ~TransferState();
  TransferState(const TransferState&) = delete;
  TransferState& operator=(const TransferState&) = delete;

  /// How this context's transfers go.
  TransferPath path() const noexcept { return path_; }
  /// True where persistently mapped host memory is available (ContextOptions::staging_bytes is
  /// not 0 and the driver has ARB_buffer_storage): for shaders that write results straight to
  /// the host (acquire(context, bytes)).
  bool staging_enabled() const noexcept { return staging_enabled_; }
  /// The storage flags buffers need for this path's transfers (the direct path maps them).
  GLbitfield buffer_map_bits() const noexcept;

  /// Copies `bytes` at `offset` of GL buffer `source` into host memory (context current,
  /// barriers issued).
  void download(GLuint source, std::size_t offset, std::size_t bytes, void* destination);
  /// Copies `bytes` of host memory into GL buffer `destination` at `offset` (context current,
  /// barriers issued), ordered with the GPU work before it.
  void upload(const void* source, GLuint destination, std::size_t offset, std::size_t bytes);
  /// On the direct path, calls `see` with [offset, offset + bytes) of `source` mapped for
  /// reading, then unmaps, and returns true; elsewhere returns false without calling it.
  bool read_mapped(GLuint source, std::size_t offset, std::size_t bytes,
                   const std::function<void(const void*)>& see);

  /// Memory for a view of `bytes` used for `use`: a spare from that use's pool where one may
  /// serve (waited for: it may still be uploading), else a new mapping of `context` (this
  /// one's owner): GPU-visible on the staging path, plain host memory elsewhere.
  std::shared_ptr<HostMapping> acquire(const std::shared_ptr<ContextState>& context,
                                       std::size_t bytes, MappingUse use);
  /// A persistently mapped GL buffer of `bytes` for shaders that write results straight into
  /// host memory (needs staging_enabled()); kept by the caller, never pooled.
  std::shared_ptr<HostMapping> acquire(const std::shared_ptr<ContextState>& context,
                                       std::size_t bytes);
  /// Keeps a mapping a view gave back, for reuse by `use` (MappingPool says what stays).
  void keep_spare(std::shared_ptr<HostMapping> mapping, MappingUse use) noexcept;
  /// Frees the large spares whose time is up (every transfer does this too).
  void trim() { pool_.trim(); }

 private:
  StagingBuffer& staging();
  std::shared_ptr<HostMapping> track(std::shared_ptr<HostMapping> mapping);
  void download_direct(GLuint source, std::size_t offset, std::size_t bytes, void* destination);
  void upload_direct(const void* source, GLuint destination, std::size_t offset, std::size_t bytes);

  ContextState& context_;
  const std::size_t staging_bytes_;
  const bool staging_enabled_;
  const TransferPath path_;
  std::unique_ptr<StagingBuffer> staging_;  ///< created on first use (staging path)
  MappingPool pool_;                        ///< spares the views gave back
  /// Every mapping made here, to detach those still alive on destruction.
  std::vector<std::weak_ptr<HostMapping>> live_;
};

}  // namespace glc::detail
