#pragma once
// Which GLSL image and sampler types glcompute binds textures to, and what each needs: the
// texture's kind and its format's kind. Internal.

#include <optional>

#include "glcompute/detail/texture_storage.hpp"
#include "memory/texture_formats.hpp"

namespace glc::detail {

struct TextureType {
  TextureKind kind;        ///< the texture a layered binding needs (image2D: a Texture2D...)
  ImageKind format_kind;   ///< float/normalized, signed or unsigned integer formats
  bool image = false;      ///< an image (imageLoad/imageStore) rather than a sampler
};

/// The image2D / image3D / image2DArray or sampler2D / sampler3D / sampler2DArray type (with
/// their i and u forms) that `gl_type` is; nullopt for every other type (image1D, samplerCube,
/// shadow samplers...), which glcompute does not bind.
std::optional<TextureType> texture_type(unsigned gl_type) noexcept;

/// "Texture2D", "Texture3D" or "Texture2DArray".
const char* texture_class(TextureKind kind) noexcept;

/// The types glcompute binds, for messages.
const char* bindable_types(bool image) noexcept;

}  // namespace glc::detail
