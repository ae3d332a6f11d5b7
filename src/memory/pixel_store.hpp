#pragma once
// Pixel transfers with a known layout, whatever raw GL code left behind. Internal.

#include <array>

#include <glad/gl.h>

namespace glc::detail {

/// Sets the pixel store state of one direction (pack: GL to host, unpack: host to GL) to tightly
/// packed texels, rows and images, with `buffer` (0: client memory) as the pixel buffer, and
/// restores what was there on destruction. GL's default row alignment of 4 would pad the rows
/// of an r8 or rgba8 texture of odd width; an image height or skip left by raw GL code would
/// shift a 3D transfer; a pixel buffer left bound would turn a host pointer into a buffer
/// offset.
class PixelStoreScope {
 public:
  PixelStoreScope(bool pack, GLuint buffer)
      : names_(pack ? kPack : kUnpack),
        buffer_target_(pack ? GL_PIXEL_PACK_BUFFER : GL_PIXEL_UNPACK_BUFFER) {
    for (std::size_t i = 0; i < names_.size(); ++i) {
      glGetIntegerv(names_[i], &saved_[i]);
      glPixelStorei(names_[i], i == 0 ? 1 : 0);  // alignment 1; no lengths, skips or swaps
    }
    glGetIntegerv(pack ? GL_PIXEL_PACK_BUFFER_BINDING : GL_PIXEL_UNPACK_BUFFER_BINDING,
                  &saved_buffer_);
    glBindBuffer(buffer_target_, buffer);
  }
  ~PixelStoreScope() {
    for (std::size_t i = 0; i < names_.size(); ++i) glPixelStorei(names_[i], saved_[i]);
    glBindBuffer(buffer_target_, static_cast<GLuint>(saved_buffer_));
  }
  PixelStoreScope(const PixelStoreScope&) = delete;
  PixelStoreScope& operator=(const PixelStoreScope&) = delete;

 private:
  using Names = std::array<GLenum, 7>;
  static constexpr Names kPack = {GL_PACK_ALIGNMENT,   GL_PACK_ROW_LENGTH,   GL_PACK_SKIP_ROWS,
                                  GL_PACK_SKIP_PIXELS, GL_PACK_SWAP_BYTES,   GL_PACK_IMAGE_HEIGHT,
                                  GL_PACK_SKIP_IMAGES};
  static constexpr Names kUnpack = {GL_UNPACK_ALIGNMENT,    GL_UNPACK_ROW_LENGTH,
                                    GL_UNPACK_SKIP_ROWS,    GL_UNPACK_SKIP_PIXELS,
                                    GL_UNPACK_SWAP_BYTES,   GL_UNPACK_IMAGE_HEIGHT,
                                    GL_UNPACK_SKIP_IMAGES};
  const Names& names_;
  GLenum buffer_target_;
  std::array<GLint, 7> saved_{};
  GLint saved_buffer_ = 0;
};

}  // namespace glc::detail
