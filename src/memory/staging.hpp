#pragma once
// Host <-> GPU transfers through a persistently mapped staging buffer. Internal.
//
// glGetBufferSubData and glBufferSubData copy through the driver at 1-10 GB/s on NVIDIA; a
// glCopyBufferSubData into (or out of) persistently mapped host memory runs at PCIe speed.
// Transfers are split into chunks that alternate between two halves of one staging buffer, so
// the GPU copies one chunk while the host copies the other, and staging memory stays bounded.

#include <cstddef>
#include <cstdint>

#include <glad/gl.h>

namespace glc::detail {

class ContextState;

class StagingBuffer {
 public:
  /// `bytes` of staging memory (split in two halves); needs ARB_buffer_storage. `context`
  /// (which owns the staging buffer) bounds and checks its fence waits.
  StagingBuffer(std::size_t bytes, ContextState& context);
  ~StagingBuffer();
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
  void wait_for(int half);
  void fence(int half);

  GLuint id_ = 0;
  ContextState& context_;
  std::byte* mapped_ = nullptr;
  std::size_t half_bytes_ = 0;
  GLsync fences_[2] = {nullptr, nullptr};
};

/// GL_CLIENT_STORAGE_BIT (host memory, cached for the host's copies), unless the environment
/// sets GLCOMPUTE_STAGING_PLACEMENT=driver to let the driver choose (for measurement).
GLbitfield staging_placement_bit();

/// Waits for `sync` (a fence), flushing first; throws glc::Error if the GPU does not get there
/// within `context`'s gpu_timeout or the wait fails, saying the context was lost where a GPU
/// reset is the reason.
void wait_for_fence(GLsync sync, const char* operation, ContextState& context);

}  // namespace glc::detail
