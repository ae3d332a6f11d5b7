#pragma once
// Untyped GL texture object behind glc::Texture2D, Texture3D and Texture2DArray. Not part of the
// public API.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "../texture_format.hpp"
#include "pixel_type.hpp"

namespace glc {

/// What kind of texture a texture is: its GL target, what its third extent means, and which
/// GLSL image and sampler types it binds to.
enum class TextureKind {
  texture_2d,        ///< GL_TEXTURE_2D: width x height; image2D, sampler2D
  texture_3d,        ///< GL_TEXTURE_3D: width x height x depth; image3D, sampler3D
  texture_2d_array,  ///< GL_TEXTURE_2D_ARRAY: depth layers of width x height; image2DArray,
                     ///< sampler2DArray
};

/// A box of texels: (x, y, z) is its first texel, width x height x depth its extent. In a
/// Texture2DArray z is the first layer and depth the number of layers; in a Texture2D z is 0
/// and depth 1. Empty regions (a zero extent) are allowed and transfer nothing.
struct Region {
  std::uint32_t x = 0;
  std::uint32_t y = 0;
  std::uint32_t z = 0;
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::uint32_t depth = 1;

  friend constexpr bool operator==(const Region&, const Region&) = default;
};

namespace detail {

class BufferStorage;
class ContextState;

/// Owns one GL texture object with immutable storage (one level). Shared by the texture handle
/// and, weakly, by the programs it is bound to. Every `what` below names the public call
/// ("write", "copy_from"...) for messages, which also name the handle type (Texture3D...).
class TextureStorage {
 public:
  /// Allocates a width x height x depth texture (depth 1 for texture_2d) holding `pixels`,
  /// `values` values of host type `pixel` for the whole texture, or, for nullptr, zeros.
  /// Throws glc::Error naming `creator` ("Context::texture3d") for a zero extent, one above
  /// the driver's limit (GL_MAX_TEXTURE_SIZE, GL_MAX_3D_TEXTURE_SIZE,
  /// GL_MAX_ARRAY_TEXTURE_LAYERS), a format or kind outside the enums, pixels of a type or
  /// count that does not fit, or a GL error (out of memory).
  TextureStorage(std::shared_ptr<ContextState> context, const char* creator, TextureKind kind,
                 std::uint32_t width, std::uint32_t height, std::uint32_t depth,
                 TextureFormat format, HostPixel pixel = {}, const void* pixels = nullptr,
                 std::size_t values = 0);
  ~TextureStorage();
  TextureStorage(const TextureStorage&) = delete;
  TextureStorage& operator=(const TextureStorage&) = delete;

  TextureKind kind() const noexcept { return kind_; }
  std::uint32_t width() const noexcept { return width_; }
  std::uint32_t height() const noexcept { return height_; }
  std::uint32_t depth() const noexcept { return depth_; }
  TextureFormat format() const noexcept { return format_; }
  Region whole() const noexcept { return {0, 0, 0, width_, height_, depth_}; }
  /// The GL texture name; throws if the context is gone.
  unsigned id() const;
  /// GL_TEXTURE_2D, GL_TEXTURE_3D or GL_TEXTURE_2D_ARRAY.
  unsigned target() const noexcept;
  const std::shared_ptr<ContextState>& context() const noexcept { return context_; }
  /// "Texture2D", "Texture3D" or "Texture2DArray".
  const char* type_name() const noexcept;
  /// "a 4 x 2 rgba8 texture", "a 4 x 2 x 3 r32f Texture3D"..., for messages.
  std::string describe() const;

  /// How many values of host type `pixel` `region` holds. Throws glc::Error naming `what` if
  /// the type does not fit the format, or the region does not lie inside the texture.
  std::size_t values_in(const char* what, HostPixel pixel, const Region& region) const;
  /// Throws unless `values` of type `pixel` are exactly `region`'s texels.
  void check_values(const char* what, HostPixel pixel, const Region& region,
                    std::size_t values) const;

  /// Replaces `region`'s texels with `pixels` (checked by the caller: see check_values).
  void write(const char* what, const Region& region, const void* pixels);
  /// Copies `region`'s texels to `pixels` (sized by the caller: see values_in).
  void read(const char* what, const Region& region, void* pixels) const;

  /// Copies the texels of `from` in `src` to this texture at (x, y, z) (glCopyImageSubData):
  /// bits, not values. Throws for another context, formats of different texel sizes, a region
  /// outside either texture, or overlapping regions of one texture.
  void copy_from(const char* what, const TextureStorage& src, const Region& from,
                 std::uint32_t x, std::uint32_t y, std::uint32_t z);
  /// Unpacks `region`'s texels from `buffer`, starting `offset` values of `pixel` into it (a
  /// pixel unpack buffer). Throws for another context, a host type that does not fit the
  /// format, or a buffer range too short.
  void copy_from_buffer(const char* what, const BufferStorage& buffer, HostPixel pixel,
                        std::size_t offset, const Region& region);
  /// Packs `region`'s texels into `buffer`, from `offset` values of `pixel` on (a pixel pack
  /// buffer). Same checks.
  void copy_to_buffer(const char* what, BufferStorage& buffer, HostPixel pixel,
                      std::size_t offset, const Region& region) const;

 private:
  void zero_fill();
  /// "Texture3D::write" for what = "write"; a `what` naming its class already stays as it is.
  std::string where(const char* what) const;
  void check_region(const char* what, const Region& region, const char* which = "") const;
  /// Uploads `region` from client memory or, with a pixel unpack buffer bound, a buffer offset.
  void upload(const Region& region, const void* pixels);
  /// Reads `region` into client memory or a pixel pack buffer offset (`bytes` available).
  void download(const Region& region, void* pixels, std::size_t bytes) const;
  std::size_t check_buffer_range(const char* what, const BufferStorage& buffer, HostPixel pixel,
                                 std::size_t offset, const Region& region) const;

  std::shared_ptr<ContextState> context_;
  TextureKind kind_ = TextureKind::texture_2d;
  std::uint32_t width_ = 0;
  std::uint32_t height_ = 0;
  std::uint32_t depth_ = 1;
  TextureFormat format_ = TextureFormat::rgba32f;
  unsigned id_ = 0;
};

}  // namespace detail
}  // namespace glc
