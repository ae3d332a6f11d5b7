#include "glcompute/detail/texture_storage.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "context/context_state.hpp"
#include "glcompute/error.hpp"
#include "memory/texture_formats.hpp"

namespace glc::detail {
namespace {

/// Where the fallback zero fill has no glClearTexImage (GL 4.3), zeros are uploaded in strips
/// of rows of at most this many bytes, so a large texture needs no equally large host block.
constexpr std::size_t kZeroStripBytes = std::size_t{4} << 20;

/// Sets the pixel store state of one direction (pack: GL to host, unpack: host to GL) to tightly
/// packed rows read from client memory, and restores what was there on destruction. GL's
/// default row alignment of 4 would pad the rows of an r8 or rgba8 texture of odd width; a
/// pixel buffer left bound by raw GL code would turn the host pointer into a buffer offset.
class PixelStoreScope {
 public:
  explicit PixelStoreScope(bool pack)
      : names_(pack ? kPack : kUnpack),
        buffer_target_(pack ? GL_PIXEL_PACK_BUFFER : GL_PIXEL_UNPACK_BUFFER) {
    for (std::size_t i = 0; i < names_.size(); ++i) {
      glGetIntegerv(names_[i], &saved_[i]);
      glPixelStorei(names_[i], i == 0 ? 1 : 0);  // alignment 1; no row length, skips or swaps
    }
    glGetIntegerv(pack ? GL_PIXEL_PACK_BUFFER_BINDING : GL_PIXEL_UNPACK_BUFFER_BINDING,
                  &saved_buffer_);
    glBindBuffer(buffer_target_, 0);
  }
  ~PixelStoreScope() {
    for (std::size_t i = 0; i < names_.size(); ++i) glPixelStorei(names_[i], saved_[i]);
    glBindBuffer(buffer_target_, static_cast<GLuint>(saved_buffer_));
  }
  PixelStoreScope(const PixelStoreScope&) = delete;
  PixelStoreScope& operator=(const PixelStoreScope&) = delete;

 private:
  using Names = std::array<GLenum, 5>;
  static constexpr Names kPack = {GL_PACK_ALIGNMENT, GL_PACK_ROW_LENGTH, GL_PACK_SKIP_ROWS,
                                  GL_PACK_SKIP_PIXELS, GL_PACK_SWAP_BYTES};
  static constexpr Names kUnpack = {GL_UNPACK_ALIGNMENT, GL_UNPACK_ROW_LENGTH, GL_UNPACK_SKIP_ROWS,
                                    GL_UNPACK_SKIP_PIXELS, GL_UNPACK_SWAP_BYTES};
  const Names& names_;
  GLenum buffer_target_;
  std::array<GLint, 5> saved_{};
  GLint saved_buffer_ = 0;
};

GLint max_texture_size() {
  GLint size = 0;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &size);
  return size;
}

std::string size_text(std::uint32_t width, std::uint32_t height) {
  return std::to_string(width) + " x " + std::to_string(height);
}

/// "a 4 x 2 rgba8 texture", for messages.
std::string texture_text(std::uint32_t width, std::uint32_t height, const FormatInfo& info) {
  return "a " + size_text(width, height) + " " + info.name + " texture";
}

/// The host types that hold a texel of `info`'s format: "use float or glm::vec4", for messages.
std::string fitting_types(const FormatInfo& info) {
  return "use " + pixel_type_name(info.channel, 1) +
         (info.channels > 1 ? " or " + pixel_type_name(info.channel, info.channels) : "");
}

void check_size(std::uint32_t width, std::uint32_t height) {
  if (width == 0 || height == 0) {
    throw Error("Context::texture2d: a texture needs a width and height of at least 1 (got " +
                size_text(width, height) + ")");
  }
  const auto max = static_cast<std::uint32_t>(max_texture_size());
  if (width > max || height > max) {
    throw Error("Context::texture2d: " + size_text(width, height) +
                " exceeds the driver's maximum texture size of " + std::to_string(max) +
                " in each dimension (GL_MAX_TEXTURE_SIZE)");
  }
}

}  // namespace

TextureStorage::TextureStorage(std::shared_ptr<ContextState> context, std::uint32_t width,
                               std::uint32_t height, TextureFormat format)
    : context_(std::move(context)), width_(width), height_(height), format_(format) {
  const FormatInfo& info = format_info("Context::texture2d", format);
  context_->use();
  check_size(width, height);
  glGenTextures(1, &id_);
  glBindTexture(GL_TEXTURE_2D, id_);
  glTexStorage2D(GL_TEXTURE_2D, 1, info.internal_format, static_cast<GLsizei>(width),
                 static_cast<GLsizei>(height));
  // Integer textures cannot be filtered; GL_NEAREST keeps them complete for texelFetch and
  // samplers in raw GL. One level, so no mipmap filter either way.
  const GLint filter = info.kind == ImageKind::floating ? GL_LINEAR : GL_NEAREST;
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
  try {
    context_->check_errors(("allocating a " + size_text(width, height) + " " + info.name +
                            " texture").c_str());
    zero_fill();
  } catch (...) {
    glDeleteTextures(1, &id_);
    throw;
  }
}

TextureStorage::~TextureStorage() {
  // As for buffers: the context's own destruction frees the name if it is gone or elsewhere.
  if (!context_->alive()) return;
  try {
    context_->use();
    glDeleteTextures(1, &id_);
  } catch (...) {
  }
}

unsigned TextureStorage::id() const {
  if (!context_->alive()) context_->use();  // throws the "context destroyed" error
  return id_;
}

void TextureStorage::zero_fill() {
  // GL leaves new storage undefined; a fresh texture reads as zeros, like a fresh buffer.
  const FormatInfo& info = *find_format(format_);
  const ContextInfo& gl = context_->info();
  if (gl.gl_major * 10 + gl.gl_minor >= 44) {
    glClearTexImage(id_, 0, info.pixel_format, info.pixel_type, nullptr);  // nullptr: zeros
  } else {
    const std::size_t row_bytes = std::size_t{width_} * info.channels * info.channel_bytes;
    const std::size_t strip_rows = std::clamp<std::size_t>(kZeroStripBytes / row_bytes, 1, height_);
    const std::vector<unsigned char> zeros(strip_rows * row_bytes);
    PixelStoreScope unpack(false);
    glBindTexture(GL_TEXTURE_2D, id_);
    for (std::uint32_t y = 0; y < height_; y += static_cast<std::uint32_t>(strip_rows)) {
      const auto rows = static_cast<GLsizei>(std::min<std::size_t>(strip_rows, height_ - y));
      glTexSubImage2D(GL_TEXTURE_2D, 0, 0, static_cast<GLint>(y), static_cast<GLsizei>(width_),
                      rows, info.pixel_format, info.pixel_type, zeros.data());
    }
  }
  context_->check_errors("clearing a new texture");
}

std::size_t TextureStorage::values_of(const char* what, ChannelType channel, int count) const {
  const FormatInfo& info = *find_format(format_);
  if (channel != info.channel) {
    throw Error(std::string(what) + ": " + texture_text(width_, height_, info) + " holds " +
                pixel_type_name(info.channel, 1) + " channels, not " + pixel_type_name(channel, 1) +
                " (" + fitting_types(info) + "; nothing is converted)");
  }
  if (count != 1 && count != info.channels) {
    throw Error(std::string(what) + ": " + texture_text(width_, height_, info) + " has " +
                std::to_string(info.channels) + " channel(s) per texel; " +
                pixel_type_name(channel, count) + " has " + std::to_string(count) + " (" +
                fitting_types(info) + ")");
  }
  return std::size_t{width_} * height_ * static_cast<std::size_t>(info.channels / count);
}

void TextureStorage::check_values(const char* what, ChannelType channel, int count,
                                  std::size_t values) const {
  const std::size_t expected = values_of(what, channel, count);
  if (values != expected) {
    const FormatInfo& info = *find_format(format_);
    throw Error(std::string(what) + ": " + texture_text(width_, height_, info) + " is " +
                std::to_string(expected) + " values of " + pixel_type_name(channel, count) + " (" +
                size_text(width_, height_) + " texels of " + std::to_string(info.channels) +
                " channel(s)), but " + std::to_string(values) + " were given");
  }
}

void TextureStorage::write(const void* pixels) {
  const FormatInfo& info = *find_format(format_);
  context_->use();
  // A shader may still be reading or writing the texture as an image.
  context_->barriers().barrier_for(kTextureTransferBarrierBits);
  {
    PixelStoreScope unpack(false);
    glBindTexture(GL_TEXTURE_2D, id_);
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, static_cast<GLsizei>(width_),
                    static_cast<GLsizei>(height_), info.pixel_format, info.pixel_type, pixels);
  }
  context_->check_errors("Texture2D::write");
}

void TextureStorage::read(void* pixels) const {
  const FormatInfo& info = *find_format(format_);
  context_->use();
  context_->barriers().barrier_for(kTextureTransferBarrierBits);  // see what earlier dispatches stored
  {
    PixelStoreScope pack(true);
    glBindTexture(GL_TEXTURE_2D, id_);
    glGetTexImage(GL_TEXTURE_2D, 0, info.pixel_format, info.pixel_type, pixels);
  }
  context_->check_errors("Texture2D::read");
}

}  // namespace glc::detail
