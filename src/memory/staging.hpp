#pragma once
// Host <-> GPU copies of large ranges through one bounded staging buffer. Internal.
//
// glGetBufferSubData and glBufferSubData copy through the driver at 1-10 GB/s on NVIDIA; a
// glCopyBufferSubData into (or out of) persistently mapped host memory runs at PCIe speed.
// Transfers are split into chunks that alternate between two halves of one staging buffer, so
// the GPU copies one chunk while the host copies the other, and staging memory stays bounded.

#include <cstddef>

#include <glad/gl.h>

#include "memory/fence.hpp"
#include "memory/mapped_buffer.hpp"

namespace glc::detail {

class ContextState;

class StagingBuffer {
 public:
  /// `bytes` of staging memory (split in two halves); needs ARB_buffer_storage. `context`
  /// (whose TransferState owns the staging buffer) bounds and checks its fence waits.
  StagingBuffer(std::size_t bytes, ContextState& context);
  StagingBuffer(const StagingBuffer&) = delete;
  StagingBuffer& operator=(const StagingBuffer&) = delete;

  /// Copies `bytes` at `offset` of buffer `source` to `destination` (host memory).
  void download(GLuint source, std::size_t offset, std::size_t bytes, void* destination);
  /// Copies `bytes` from host memory to buffer `destination` at `offset`. Returns once the data
  /// is in staging memory; the GPU finishes the copy in order with later commands.
  void upload(const void* source, GLuint destination, std::size_t offset, std::size_t bytes);
  /// Forgets the GL objects without touching GL (their context is being destroyed elsewhere).
  void abandon() noexcept;

 private:
  ContextState& context_;
  std::size_t half_bytes_;
  MappedBuffer memory_;
  Fence fences_[2];  ///< the GPU's last use of each half
};

}  // namespace glc::detail
