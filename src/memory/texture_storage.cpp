// TextureStorage: creating a texture of any kind, zero-filling it, and the checks every transfer
// makes (host type against format, regions against extents). Transfers: memory/
// texture_transfers.cpp; copies between textures: memory/texture_copies.cpp.

#include "glcompute/detail/texture_storage.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "context/context_state.hpp"
#include "glcompute/error.hpp"
#include "memory/pixel_store.hpp"
#include "memory/texture_formats.hpp"

namespace glc::detail {
namespace {

/// Where the fallback zero fill has no glClearTexImage (GL 4.3 without ARB_clear_texture),
/// zeros are uploaded in strips of rows of at most this many bytes, so a large texture needs
/// no equally large host block.
constexpr std::size_t kZeroStripBytes = std::size_t{4} << 20;

std::string size_text(TextureKind kind, std::uint32_t w, std::uint32_t h, std::uint32_t d) {
  std::string text = std::to_string(w) + " x " + std::to_string(h);
  if (kind == TextureKind::texture_3d) text += " x " + std::to_string(d);
  if (kind == TextureKind::texture_2d_array) text += " x " + std::to_string(d) + " layers";
  return text;
}

/// The host types that hold a texel of `info`'s format: "use float or glm::vec4", for messages.
std::string fitting_types(const FormatInfo& info) {
  if (info.values == 1 && info.channels > 1) {
    return "use std::uint32_t: " + std::string(info.name) + " packs a texel into one word";
  }
  return "use " + pixel_type_name(info.channel, 1) +
         (info.values > 1 ? " or " + pixel_type_name(info.channel, info.values) : "");
}

/// Throws unless every extent is at least 1 and within the driver's limit for `kind`.
void check_extent(const char* creator, const ComputeLimits& limits, TextureKind kind,
                  std::uint32_t w, std::uint32_t h, std::uint32_t d) {
  const char* sides = kind == TextureKind::texture_3d         ? "a width, height and depth"
                      : kind == TextureKind::texture_2d_array ? "a width, height and layer count"
                                                              : "a width and height";
  if (w == 0 || h == 0 || d == 0) {
    throw Error(std::string(creator) + ": a texture needs " + sides + " of at least 1 (got " +
                size_text(kind, w, h, d) + ")");
  }
  const std::uint32_t max_side =
      kind == TextureKind::texture_3d ? limits.max_3d_texture_size : limits.max_texture_size;
  const char* limit = kind == TextureKind::texture_3d ? "GL_MAX_3D_TEXTURE_SIZE" : "GL_MAX_TEXTURE_SIZE";
  const bool depth_is_side = kind == TextureKind::texture_3d;
  if (w > max_side || h > max_side || (depth_is_side && d > max_side)) {
    throw Error(std::string(creator) + ": " + size_text(kind, w, h, d) +
                " exceeds the driver's maximum texture size of " + std::to_string(max_side) +
                " in each dimension (" + limit + ")");
  }
  if (kind == TextureKind::texture_2d_array && d > limits.max_array_texture_layers) {
    throw Error(std::string(creator) + ": " + std::to_string(d) +
                " layers exceed the driver's maximum of " +
                std::to_string(limits.max_array_texture_layers) + " (GL_MAX_ARRAY_TEXTURE_LAYERS)");
  }
}

}  // namespace

TextureStorage::TextureStorage(std::shared_ptr<ContextState> context, const char* creator,
                               TextureKind kind, std::uint32_t width, std::uint32_t height,
                               std::uint32_t depth, TextureFormat format, HostPixel pixel,
                               const void* pixels, std::size_t values)
    : context_(std::move(context)), kind_(kind), width_(width), height_(height), depth_(depth),
      format_(format) {
  const FormatInfo& info = format_info(creator, format);
  if (kind != TextureKind::texture_2d && kind != TextureKind::texture_3d &&
      kind != TextureKind::texture_2d_array) {
    throw Error(std::string(creator) + ": TextureKind " + std::to_string(static_cast<int>(kind)) +
                " is not texture_2d, texture_3d or texture_2d_array");
  }
  context_->use();
  check_extent(creator, context_->info().limits, kind, width, height, depth);
  if (pixels != nullptr) check_values(creator, pixel, whole(), values);
  glGenTextures(1, &id_);
  const GLenum gl_target = target();
  glBindTexture(gl_target, id_);
  if (kind == TextureKind::texture_2d) {
    glTexStorage2D(gl_target, 1, info.internal_format, static_cast<GLsizei>(width),
                   static_cast<GLsizei>(height));
  } else {
    glTexStorage3D(gl_target, 1, info.internal_format, static_cast<GLsizei>(width),
                   static_cast<GLsizei>(height), static_cast<GLsizei>(depth));
  }
  // Integer textures cannot be filtered; GL_NEAREST keeps them complete for texelFetch and
  // samplers in raw GL. One level, so no mipmap filter either way. Program::bind_texture's
  // sampler objects override these.
  const GLint filter = info.kind == ImageKind::floating ? GL_LINEAR : GL_NEAREST;
  glTexParameteri(gl_target, GL_TEXTURE_MIN_FILTER, filter);
  glTexParameteri(gl_target, GL_TEXTURE_MAG_FILTER, filter);
  try {
    context_->check_errors(("allocating " + describe()).c_str());
    if (pixels != nullptr) {
      write(creator, whole(), pixels);
    } else {
      zero_fill();
    }
  } catch (...) {
    glDeleteTextures(1, &id_);
    throw;
  }
}

TextureStorage::~TextureStorage() {
  // As for buffers: now, or at the context's next use on the thread that holds it.
  context_->release_objects([id = id_] { glDeleteTextures(1, &id); });
}

unsigned TextureStorage::id() const {
  if (!context_->alive()) context_->use();  // throws the "context destroyed" error
  return id_;
}

unsigned TextureStorage::target() const noexcept {
  switch (kind_) {
    case TextureKind::texture_2d: return GL_TEXTURE_2D;
    case TextureKind::texture_3d: return GL_TEXTURE_3D;
    case TextureKind::texture_2d_array: return GL_TEXTURE_2D_ARRAY;
  }
  return GL_TEXTURE_2D;
}

const char* TextureStorage::type_name() const noexcept {
  switch (kind_) {
    case TextureKind::texture_2d: return "Texture2D";
    case TextureKind::texture_3d: return "Texture3D";
    case TextureKind::texture_2d_array: return "Texture2DArray";
  }
  return "Texture";
}

std::string TextureStorage::describe() const {
  const char* noun = kind_ == TextureKind::texture_3d         ? " 3D texture"
                     : kind_ == TextureKind::texture_2d_array ? " texture array"
                                                              : " texture";
  std::string name(find_format(format_)->name);
  if (kind_ == TextureKind::texture_2d_array) {
    return "a " + std::to_string(width_) + " x " + std::to_string(height_) + " " + name + noun +
           " of " + std::to_string(depth_) + " layers";
  }
  return "a " + size_text(kind_, width_, height_, depth_) + " " + name + noun;
}

std::string TextureStorage::where(const char* what) const {
  if (std::strchr(what, ':') != nullptr) return what;
  return std::string(type_name()) + "::" + what;
}

void TextureStorage::zero_fill() {
  // GL leaves new storage undefined; a fresh texture reads as zeros, like a fresh buffer.
  // Storage clears itself and never calls the kernel library (a layer above it).
  const FormatInfo& info = *find_format(format_);
  const ContextInfo& gl = context_->info();
  if (gl.gl_major * 10 + gl.gl_minor >= 44 || GLAD_GL_ARB_clear_texture) {
    glClearTexImage(id_, 0, info.pixel_format, info.pixel_type, nullptr);  // nullptr: zeros
  } else {
    const std::size_t row_bytes = std::size_t{width_} * info.texel_bytes;
    const std::size_t strip_rows = std::clamp<std::size_t>(kZeroStripBytes / row_bytes, 1, height_);
    const std::vector<unsigned char> zeros(strip_rows * row_bytes);
    PixelStoreScope unpack(false, 0);
    for (std::uint32_t z = 0; z < depth_; ++z) {
      for (std::uint32_t y = 0; y < height_; y += static_cast<std::uint32_t>(strip_rows)) {
        const auto rows = static_cast<std::uint32_t>(std::min<std::size_t>(strip_rows, height_ - y));
        upload({0, y, z, width_, rows, 1}, zeros.data());
      }
    }
  }
  context_->check_errors("clearing a new texture");
}

void TextureStorage::check_region(const char* what, const Region& r, const char* which) const {
  const std::string prefix = where(what) + ": " + which;
  if (kind_ == TextureKind::texture_2d && (r.z != 0 || r.depth != 1)) {
    throw Error(prefix + "region z = " + std::to_string(r.z) + ", depth = " +
                std::to_string(r.depth) + " on " + describe() +
                ", which has one slice: z must be 0 and depth 1");
  }
  const char* third = kind_ == TextureKind::texture_2d_array ? "layer" : "depth";
  const struct {
    const char* start;
    const char* extent;
    std::uint32_t first, count, size;
  } axes[] = {{"x", "width", r.x, r.width, width_},
              {"y", "height", r.y, r.height, height_},
              {"z", kind_ == TextureKind::texture_2d_array ? "layers (depth)" : "depth", r.z,
               r.depth, depth_}};
  for (const auto& a : axes) {
    if (std::uint64_t{a.first} + a.count > a.size) {
      throw Error(prefix + "region " + a.start + " = " + std::to_string(a.first) + ", " +
                  a.extent + " = " + std::to_string(a.count) + " ends at " +
                  std::to_string(std::uint64_t{a.first} + a.count) + ", outside " + describe() +
                  (a.start[0] == 'z' ? std::string(" (") + third + "s 0.." : " (0..") +
                  std::to_string(a.size) + ")");
    }
  }
}

std::size_t TextureStorage::values_in(const char* what, HostPixel pixel,
                                      const Region& region) const {
  const FormatInfo& info = *find_format(format_);
  if (pixel.channel != info.channel) {
    throw Error(where(what) + ": " + describe() + " holds " + pixel_type_name(info.channel, 1) +
                " values, not " + pixel_type_name(pixel.channel, 1) + " (" + fitting_types(info) +
                "; nothing is converted)");
  }
  if (pixel.count != 1 && pixel.count != info.values) {
    const std::string per_texel = info.values == info.channels
                                      ? std::to_string(info.channels) + " channel(s) per texel"
                                      : "one packed value per texel";
    throw Error(where(what) + ": " + describe() + " has " + per_texel + "; " +
                pixel_type_name(pixel.channel, pixel.count) + " has " +
                std::to_string(pixel.count) + " (" + fitting_types(info) + ")");
  }
  check_region(what, region);
  const std::size_t texels = std::size_t{region.width} * region.height * region.depth;
  return texels * static_cast<std::size_t>(info.values / pixel.count);
}

void TextureStorage::check_values(const char* what, HostPixel pixel, const Region& region,
                                  std::size_t values) const {
  const std::size_t expected = values_in(what, pixel, region);
  if (values == expected) return;
  const FormatInfo& info = *find_format(format_);
  const std::string texels =
      region == whole() ? describe() + " is "
                        : "the " + size_text(kind_, region.width, region.height, region.depth) +
                              " region at (" + std::to_string(region.x) + ", " +
                              std::to_string(region.y) + ", " + std::to_string(region.z) +
                              ") of " + describe() + " is ";
  throw Error(where(what) + ": " + texels + std::to_string(expected) + " values of " +
              pixel_type_name(pixel.channel, pixel.count) + " (" +
              size_text(kind_, region.width, region.height, region.depth) + " texels of " +
              std::to_string(info.values) + " value(s)), but " + std::to_string(values) +
              " were given");
}

}  // namespace glc::detail
