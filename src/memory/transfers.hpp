#pragma once
// The transfer module: every copy between host memory and GPU buffers, and the host-visible
// memory it uses (staging memory, pooled host mappings). Internal.

#include <cstddef>
#include <memory>
#include <vector>

#include <glad/gl.h>

#include "glcompute/detail/host_mapping.hpp"
#include "memory/staging.hpp"

namespace glc::detail {

class ContextState;

/// A context's transfers: buffer reads and writes (through the staging buffer, created on first
/// use, or the driver's plain path), and the pool of host mappings behind map_read, read_async
/// and map_write. Attached to the context (ContextState::attachment); on destruction it detaches
/// the mappings still held by views (their contents move to plain host memory) and deletes the
/// staging memory, while the GL context still exists.
class TransferState {
 public:
  explicit TransferState(ContextState& context);
  ~TransferState();
  TransferState(const TransferState&) = delete;
  TransferState& operator=(const TransferState&) = delete;

  /// True where transfers go through persistently mapped memory: ContextOptions::staging_bytes
  /// is not 0 and the driver has ARB_buffer_storage.
  bool staging_enabled() const noexcept { return staging_enabled_; }

  /// Copies `bytes` at `offset` of GL buffer `source` into host memory (context current).
  void download(GLuint source, std::size_t offset, std::size_t bytes, void* destination);
  /// Copies `bytes` of host memory into GL buffer `destination` at `offset` (context current).
  /// Always a GPU-side copy, so it is ordered with the GPU work before it.
  void upload(const void* source, GLuint destination, std::size_t offset, std::size_t bytes);

  /// Host memory for `bytes`, a spare from the pool where one is large enough (waited for: it
  /// may still be uploading), else a new mapping of `context` (this one's owner).
  std::shared_ptr<HostMapping> acquire(const std::shared_ptr<ContextState>& context,
                                       std::size_t bytes);
  /// Keeps a mapping the views gave back for reuse: at most a few, the largest.
  void keep_spare(std::shared_ptr<HostMapping> mapping) noexcept;

 private:
  StagingBuffer& staging();

  ContextState& context_;
  const std::size_t staging_bytes_;
  const bool staging_enabled_;
  std::unique_ptr<StagingBuffer> staging_;            ///< created on first use
  std::vector<std::shared_ptr<HostMapping>> spares_;  ///< given back by views, for reuse
  /// Every mapping made here, to detach those still alive on destruction.
  std::vector<std::weak_ptr<HostMapping>> live_;
};

}  // namespace glc::detail
