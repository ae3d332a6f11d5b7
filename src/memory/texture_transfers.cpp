// Texture transfers: regions to and from host memory, and to and from buffers on the GPU
// (pixel unpack and pack buffers), with the barriers after shader writes to either side.

#include <algorithm>
#include <climits>
#include <cstring>
#include <string>
#include <vector>

#include "context/context_state.hpp"
#include "glcompute/detail/buffer_storage.hpp"
#include "glcompute/detail/texture_storage.hpp"
#include "glcompute/error.hpp"
#include "memory/pixel_store.hpp"
#include "memory/texture_formats.hpp"

namespace glc::detail {
namespace {

/// Barriers before a texture is written or read by a GL command (TexSubImage, GetTexImage,
/// CopyImageSubData) after a dispatch stored to it as an image.
constexpr GLbitfield kTextureUpdate = GL_TEXTURE_UPDATE_BARRIER_BIT;
/// And before a buffer is read or written as a pixel buffer after a dispatch wrote it.
constexpr GLbitfield kPixelBuffer = GL_PIXEL_BUFFER_BARRIER_BIT;

std::size_t region_bytes(const Region& r, std::size_t texel_bytes) {
  return std::size_t{r.width} * r.height * r.depth * texel_bytes;
}

bool empty(const Region& r) { return r.width == 0 || r.height == 0 || r.depth == 0; }

/// glGetTextureSubImage: GL 4.5 or ARB_get_texture_sub_image. Without it, a region is read by
/// reading the whole texture and keeping the region's rows.
bool has_sub_image_read(const ContextInfo& gl) {
  return (gl.gl_major * 10 + gl.gl_minor >= 45 || GLAD_GL_ARB_get_texture_sub_image) &&
         glGetTextureSubImage != nullptr;
}

/// Copies `region`'s rows out of `whole`, the tightly packed texels of a whole `w` x `h` level.
void crop(const unsigned char* whole, std::uint32_t w, std::uint32_t h, const Region& region,
          std::size_t texel_bytes, unsigned char* out) {
  const std::size_t row = std::size_t{region.width} * texel_bytes;
  for (std::uint32_t z = 0; z < region.depth; ++z) {
    for (std::uint32_t y = 0; y < region.height; ++y) {
      const std::size_t from =
          ((std::size_t{region.z + z} * h + region.y + y) * w + region.x) * texel_bytes;
      std::memcpy(out, whole + from, row);
      out += row;
    }
  }
}

}  // namespace

void TextureStorage::upload(const Region& r, const void* pixels) {
  const FormatInfo& info = *find_format(format_);
  glBindTexture(target(), id_);
  if (kind_ == TextureKind::texture_2d) {
    glTexSubImage2D(GL_TEXTURE_2D, 0, static_cast<GLint>(r.x), static_cast<GLint>(r.y),
                    static_cast<GLsizei>(r.width), static_cast<GLsizei>(r.height),
                    info.pixel_format, info.pixel_type, pixels);
  } else {
    glTexSubImage3D(target(), 0, static_cast<GLint>(r.x), static_cast<GLint>(r.y),
                    static_cast<GLint>(r.z), static_cast<GLsizei>(r.width),
                    static_cast<GLsizei>(r.height), static_cast<GLsizei>(r.depth),
                    info.pixel_format, info.pixel_type, pixels);
  }
}

void TextureStorage::download(const Region& r, void* pixels, std::size_t bytes) const {
  const FormatInfo& info = *find_format(format_);
  if (r == whole()) {
    glBindTexture(target(), id_);
    glGetTexImage(target(), 0, info.pixel_format, info.pixel_type, pixels);
  } else {
    glGetTextureSubImage(id_, 0, static_cast<GLint>(r.x), static_cast<GLint>(r.y),
                         static_cast<GLint>(r.z), static_cast<GLsizei>(r.width),
                         static_cast<GLsizei>(r.height), static_cast<GLsizei>(r.depth),
                         info.pixel_format, info.pixel_type,
                         static_cast<GLsizei>(std::min<std::size_t>(bytes, INT_MAX)), pixels);
  }
}

void TextureStorage::write(const char* what, const Region& region, const void* pixels) {
  if (empty(region)) return;
  context_->use();
  // A shader may still be reading or writing the texture as an image.
  context_->barriers().barrier_for(kTextureUpdate);
  {
    PixelStoreScope unpack(false, 0);
    upload(region, pixels);
  }
  context_->check_errors(where(what).c_str());
}

void TextureStorage::read(const char* what, const Region& region, void* pixels) const {
  if (empty(region)) return;
  const FormatInfo& info = *find_format(format_);
  context_->use();
  context_->barriers().barrier_for(kTextureUpdate);  // see what earlier dispatches stored
  {
    PixelStoreScope pack(true, 0);
    if (region == whole() || has_sub_image_read(context_->info())) {
      download(region, pixels, region_bytes(region, info.texel_bytes));
    } else {
      std::vector<unsigned char> all(region_bytes(whole(), info.texel_bytes));
      download(whole(), all.data(), all.size());
      crop(all.data(), width_, height_, region, info.texel_bytes,
           static_cast<unsigned char*>(pixels));
    }
  }
  context_->check_errors(where(what).c_str());
}

std::size_t TextureStorage::check_buffer_range(const char* what, const BufferStorage& buffer,
                                               HostPixel pixel, std::size_t offset,
                                               const Region& region) const {
  if (buffer.context() != context_) {
    throw Error(where(what) + ": the buffer belongs to a different glc::Context");
  }
  const std::size_t values = values_in(what, pixel, region);
  const std::size_t size = buffer.bytes() / pixel.bytes;
  if (offset > size || values > size - offset) {
    throw Error(where(what) + ": " + std::to_string(values) + " values of " +
                pixel_type_name(pixel.channel, pixel.count) + " from element " +
                std::to_string(offset) + " on need a buffer of at least " +
                std::to_string(static_cast<unsigned long long>(offset) + values) +
                " elements; it has " + std::to_string(size));
  }
  return values * pixel.bytes;
}

void TextureStorage::copy_from_buffer(const char* what, const BufferStorage& buffer,
                                      HostPixel pixel, std::size_t offset, const Region& region) {
  check_buffer_range(what, buffer, pixel, offset, region);
  if (empty(region)) return;
  context_->use();
  // The buffer may hold what a dispatch wrote; the texture may be an image a dispatch stores to.
  context_->barriers().barrier_for(kPixelBuffer | kTextureUpdate);
  {
    PixelStoreScope unpack(false, buffer.id());
    upload(region, reinterpret_cast<const void*>(offset * pixel.bytes));
  }
  context_->check_errors(where(what).c_str());
}

void TextureStorage::copy_to_buffer(const char* what, BufferStorage& buffer, HostPixel pixel,
                                    std::size_t offset, const Region& region) const {
  const std::size_t bytes = check_buffer_range(what, buffer, pixel, offset, region);
  if (empty(region)) return;
  context_->use();
  context_->barriers().barrier_for(kPixelBuffer | kTextureUpdate);
  if (region == whole() || has_sub_image_read(context_->info())) {
    PixelStoreScope pack(true, buffer.id());
    download(region, reinterpret_cast<void*>(offset * pixel.bytes), buffer.bytes() - offset * pixel.bytes);
  } else {
    // No sub-image read: the region goes through host memory (GL 4.3 drivers only).
    std::vector<unsigned char> cropped(bytes);
    read(what, region, cropped.data());
    buffer.write(offset * pixel.bytes, bytes, cropped.data());
  }
  context_->check_errors(where(what).c_str());
}

}  // namespace glc::detail
