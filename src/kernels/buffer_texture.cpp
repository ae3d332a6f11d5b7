#include "kernels/buffer_texture.hpp"

#include "context/context_state.hpp"

namespace glc::detail {

BufferTexture::BufferTexture(std::shared_ptr<ContextState> context) : context_(std::move(context)) {
  context_->use();
  GLint value = 0;
  glGetIntegerv(GL_TEXTURE_BUFFER_OFFSET_ALIGNMENT, &value);
  offset_alignment_ = static_cast<std::size_t>(value);
  glGetIntegerv(GL_MAX_TEXTURE_BUFFER_SIZE, &value);
  max_texels_ = static_cast<std::size_t>(value);
  glGetIntegerv(GL_MAX_COMBINED_TEXTURE_IMAGE_UNITS, &value);
  unit_ = value - 1;
  glCreateTextures(GL_TEXTURE_BUFFER, 1, &id_);
  context_->check_errors("a buffer texture's creation");
}

BufferTexture::~BufferTexture() {
  // As for buffers: the context's own destruction frees the name if it is gone.
  if (!context_->alive()) return;
  try {
    context_->use();
    glDeleteTextures(1, &id_);
  } catch (...) {
  }
}

bool BufferTexture::can_view(std::size_t offset_alignment, std::size_t max_bytes) const {
  return offset_alignment_ != 0 && offset_alignment % offset_alignment_ == 0 &&
         max_bytes / 16 <= max_texels_ && unit_ >= 0;
}

void BufferTexture::view(const BufferStorage& buffer, std::size_t offset, std::size_t size) {
  // Less than one texel: nothing to view (GL refuses an empty range), and nothing is read.
  if (size >= 16) {
    glTextureBufferRange(id_, GL_RGBA32UI, buffer.id(), static_cast<GLintptr>(offset),
                         static_cast<GLsizeiptr>(size / 16 * 16));
  }
  glBindTextureUnit(static_cast<GLuint>(unit_), id_);
}

void BufferTexture::detach() { glTextureBuffer(id_, GL_RGBA32UI, 0); }

}  // namespace glc::detail
