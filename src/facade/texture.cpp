// Context::texture2d, texture3d and texture2d_array: textures are made by their context, like
// buffers and programs.

#include "glcompute/context.hpp"
#include "glcompute/texture.hpp"

namespace glc {

std::shared_ptr<detail::TextureStorage> Context::make_texture(
    TextureKind kind, std::uint32_t width, std::uint32_t height, std::uint32_t depth,
    TextureFormat format, detail::HostPixel pixel, const void* pixels, std::size_t values) {
  const char* creator = kind == TextureKind::texture_3d         ? "Context::texture3d"
                        : kind == TextureKind::texture_2d_array ? "Context::texture2d_array"
                                                                : "Context::texture2d";
  return std::make_shared<detail::TextureStorage>(state(), creator, kind, width, height, depth,
                                                  format, pixel, pixels, values);
}

Texture2D Context::texture2d(std::uint32_t width, std::uint32_t height, TextureFormat format) {
  return detail::Access::make<Texture2D>(make_texture(TextureKind::texture_2d, width, height, 1, format, {}, nullptr, 0));
}

Texture3D Context::texture3d(std::uint32_t width, std::uint32_t height, std::uint32_t depth,
                             TextureFormat format) {
  return detail::Access::make<Texture3D>(make_texture(TextureKind::texture_3d, width, height, depth, format, {}, nullptr, 0));
}

Texture2DArray Context::texture2d_array(std::uint32_t width, std::uint32_t height,
                                        std::uint32_t layers, TextureFormat format) {
  return detail::Access::make<Texture2DArray>(
      make_texture(TextureKind::texture_2d_array, width, height, layers, format, {}, nullptr, 0));
}

}  // namespace glc
