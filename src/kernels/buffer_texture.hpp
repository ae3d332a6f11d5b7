#pragma once
// A buffer texture (GL_TEXTURE_BUFFER) that views a range of a buffer as RGBA32UI texels, for
// kernels that read through texelFetch rather than storage buffer loads: on llvmpipe a
// storage buffer load walks the invocations of a SIMD vector one by one, while a texel fetch is
// one vector gather (reducing 128 MiB: 8-25 ms against 140-200 ms). Internal.

#include <cstddef>
#include <memory>

#include <glad/gl.h>

#include "glcompute/detail/buffer_storage.hpp"

namespace glc::detail {

class ContextState;

class BufferTexture {
 public:
  /// A texture name of `context`, and the limits that decide which ranges it can view.
  explicit BufferTexture(std::shared_ptr<ContextState> context);
  ~BufferTexture();
  BufferTexture(const BufferTexture&) = delete;
  BufferTexture& operator=(const BufferTexture&) = delete;

  /// Whether ranges starting at multiples of `offset_alignment` bytes and at most `max_bytes`
  /// long can be viewed (GL_TEXTURE_BUFFER_OFFSET_ALIGNMENT, GL_MAX_TEXTURE_BUFFER_SIZE).
  bool can_view(std::size_t offset_alignment, std::size_t max_bytes) const;

  /// Views bytes [offset, offset + size) of `buffer` (whole texels: size rounded down to 16)
  /// and binds the texture to unit(). The range must be one can_view() accepts.
  void view(const BufferStorage& buffer, std::size_t offset, std::size_t size);

  /// Lets go of the buffer viewed last (a deleted buffer's memory stays allocated while a
  /// texture views it). The commands issued before still read it.
  void detach();

  /// The texture unit it is bound to: the last one, out of the way of programs that number
  /// their units from 0.
  GLint unit() const { return unit_; }

 private:
  std::shared_ptr<ContextState> context_;
  GLuint id_ = 0;
  GLint unit_ = 0;
  std::size_t offset_alignment_ = 0;
  std::size_t max_texels_ = 0;
};

}  // namespace glc::detail
