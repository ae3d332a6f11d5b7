#pragma once
// Host-visible GL buffers: the memory every transfer goes through. Internal.

#include <cstddef>
#include <string>

#include <glad/gl.h>

namespace glc::detail {

class ContextState;

/// A GL buffer whose storage the host reads and writes in place at data() for the buffer's
/// whole life (ARB_buffer_storage: persistent, coherent mapping), so the GPU copies to and from
/// host memory at transfer speed (glCopyBufferSubData) instead of the driver's 1-10 GB/s
/// glGetBufferSubData. Owned: unmapped and deleted on destruction (the context must be current
/// then, or abandon() first). Not copyable or movable.
class MappedBuffer {
 public:
  /// `bytes` (at least 1) of mapped memory; needs ARB_buffer_storage and the context current.
  /// Throws glc::Error saying it could not map `what` ("a 64-byte staging buffer").
  MappedBuffer(ContextState& context, std::size_t bytes, const std::string& what);
  ~MappedBuffer();
  MappedBuffer(const MappedBuffer&) = delete;
  MappedBuffer& operator=(const MappedBuffer&) = delete;

  GLuint id() const noexcept { return id_; }
  std::byte* data() const noexcept { return data_; }
  std::size_t size() const noexcept { return bytes_; }
  /// Forgets the GL buffer without touching GL (its context is being destroyed elsewhere);
  /// data() is then invalid.
  void abandon() noexcept;

 private:
  GLuint id_ = 0;
  std::byte* data_ = nullptr;
  std::size_t bytes_ = 0;
};

/// GL_CLIENT_STORAGE_BIT (host memory, cached for the host's copies), unless the environment
/// sets GLCOMPUTE_STAGING_PLACEMENT=driver to let the driver choose (for measurement).
GLbitfield staging_placement_bit();

}  // namespace glc::detail
