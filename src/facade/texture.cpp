// Context::texture2d: textures are made by their context, like buffers and programs.

#include "glcompute/context.hpp"
#include "glcompute/texture.hpp"

namespace glc {

Texture2D Context::texture2d(std::uint32_t width, std::uint32_t height, TextureFormat format) {
  return detail::Access::make<Texture2D>(
      std::make_shared<detail::TextureStorage>(state(), width, height, format));
}

}  // namespace glc
