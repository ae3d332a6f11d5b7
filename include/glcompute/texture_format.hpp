#pragma once
/// @file
/// `glc::TextureFormat`: the texel formats a `glc::Texture2D` can have. Each is named after the
/// GLSL image format qualifier that reads it, so a texture made with `TextureFormat::rgba32f`
/// binds to `layout(rgba32f) uniform image2D img;`.

#include <string_view>

namespace glc {

/// Texel formats of textures, by channel type:
/// - float images (`image2D`): `rgba32f`, `rg32f`, `r32f` (32-bit floats) and `rgba8`, `r8`
///   (8-bit unsigned normalized: host bytes 0..255 read as 0.0..1.0 in the shader);
/// - unsigned integer images (`uimage2D`): `rgba32ui`, `rg32ui`, `r32ui`;
/// - signed integer images (`iimage2D`): `rgba32i`, `rg32i`, `r32i`.
enum class TextureFormat {
  rgba32f,
  rg32f,
  r32f,
  rgba8,
  r8,
  rgba32ui,
  rg32ui,
  r32ui,
  rgba32i,
  rg32i,
  r32i,
};

/// The GLSL format qualifier, e.g. "rgba32f"; "unknown" for a value outside the enum.
std::string_view to_string(TextureFormat format) noexcept;

/// Channels per texel: 4 for rgba formats, 2 for rg, 1 for r; 0 for a value outside the enum.
int channel_count(TextureFormat format) noexcept;

}  // namespace glc
