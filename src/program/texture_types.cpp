#include "program/texture_types.hpp"

namespace glc::detail {

std::optional<TextureType> texture_type(unsigned gl_type) noexcept {
  constexpr ImageKind F = ImageKind::floating;
  constexpr ImageKind I = ImageKind::signed_integer;
  constexpr ImageKind U = ImageKind::unsigned_integer;
  constexpr TextureKind k2 = TextureKind::texture_2d;
  constexpr TextureKind k3 = TextureKind::texture_3d;
  constexpr TextureKind ka = TextureKind::texture_2d_array;
  switch (gl_type) {
    case GL_IMAGE_2D: return TextureType{k2, F, true};
    case GL_INT_IMAGE_2D: return TextureType{k2, I, true};
    case GL_UNSIGNED_INT_IMAGE_2D: return TextureType{k2, U, true};
    case GL_IMAGE_3D: return TextureType{k3, F, true};
    case GL_INT_IMAGE_3D: return TextureType{k3, I, true};
    case GL_UNSIGNED_INT_IMAGE_3D: return TextureType{k3, U, true};
    case GL_IMAGE_2D_ARRAY: return TextureType{ka, F, true};
    case GL_INT_IMAGE_2D_ARRAY: return TextureType{ka, I, true};
    case GL_UNSIGNED_INT_IMAGE_2D_ARRAY: return TextureType{ka, U, true};
    case GL_SAMPLER_2D: return TextureType{k2, F, false};
    case GL_INT_SAMPLER_2D: return TextureType{k2, I, false};
    case GL_UNSIGNED_INT_SAMPLER_2D: return TextureType{k2, U, false};
    case GL_SAMPLER_3D: return TextureType{k3, F, false};
    case GL_INT_SAMPLER_3D: return TextureType{k3, I, false};
    case GL_UNSIGNED_INT_SAMPLER_3D: return TextureType{k3, U, false};
    case GL_SAMPLER_2D_ARRAY: return TextureType{ka, F, false};
    case GL_INT_SAMPLER_2D_ARRAY: return TextureType{ka, I, false};
    case GL_UNSIGNED_INT_SAMPLER_2D_ARRAY: return TextureType{ka, U, false};
    default: return std::nullopt;
  }
}

const char* texture_class(TextureKind kind) noexcept {
  switch (kind) {
    case TextureKind::texture_2d: return "Texture2D";
    case TextureKind::texture_3d: return "Texture3D";
    case TextureKind::texture_2d_array: return "Texture2DArray";
  }
  return "Texture";
}

const char* bindable_types(bool image) noexcept {
  return image ? "image2D, image3D and image2DArray (and their iimage and uimage forms)"
               : "sampler2D, sampler3D and sampler2DArray (and their isampler and usampler forms)";
}

}  // namespace glc::detail
