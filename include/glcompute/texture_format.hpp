#pragma once
/// @file
/// `glc::TextureFormat`: the texel formats a texture can have — every format an image unit
/// takes in OpenGL 4.3 (GL 4.6 spec, table 8.27, "Supported image unit formats"), so any
/// texture can be read and written by `imageLoad` / `imageStore` as well as sampled. Each is
/// named after the GLSL format qualifier that reads it: a texture made with
/// `TextureFormat::rgba16f` binds to `layout(rgba16f) uniform image2D img;`.
///
/// On the host, each format is read and written in exactly one C++ channel type, nothing
/// converted (see glcompute/texture.hpp):
///
/// | formats                                   | shader sees            | host channel type |
/// |-------------------------------------------|------------------------|-------------------|
/// | rgba32f, rg32f, r32f                      | float (image2D)        | float             |
/// | rgba16f, rg16f, r16f                      | float                  | glc::half         |
/// | rgba16, rg16, r16 (unsigned normalized)   | float, 0..65535 -> 0..1 | std::uint16_t    |
/// | rgba8, rg8, r8 (unsigned normalized)      | float, 0..255 -> 0..1  | std::uint8_t      |
/// | rgba16_snorm, rg16_snorm, r16_snorm       | float, -32767..32767 -> -1..1 | std::int16_t |
/// | rgba8_snorm, rg8_snorm, r8_snorm          | float, -127..127 -> -1..1 | std::int8_t    |
/// | r11f_g11f_b10f (packed)                   | float                  | std::uint32_t, one per texel |
/// | rgb10_a2 (packed, unsigned normalized)    | float                  | std::uint32_t, one per texel |
/// | rgba32ui, rg32ui, r32ui                   | uint (uimage2D)        | std::uint32_t     |
/// | rgba16ui, rg16ui, r16ui                   | uint                   | std::uint16_t     |
/// | rgba8ui, rg8ui, r8ui                      | uint                   | std::uint8_t      |
/// | rgb10_a2ui (packed)                       | uint                   | std::uint32_t, one per texel |
/// | rgba32i, rg32i, r32i                      | int (iimage2D)         | std::int32_t      |
/// | rgba16i, rg16i, r16i                      | int                    | std::int16_t      |
/// | rgba8i, rg8i, r8i                         | int                    | std::int8_t       |
///
/// The packed formats keep a whole texel in one 32-bit word, as GL packs it
/// (GL_UNSIGNED_INT_2_10_10_10_REV: red in bits 0-9, green 10-19, blue 20-29, alpha 30-31;
/// GL_UNSIGNED_INT_10F_11F_11F_REV: red in bits 0-10, green 11-21, blue 22-31, each an unsigned
/// float with a 5-bit exponent).

#include <span>
#include <string_view>

namespace glc {

/// Texel formats of textures. The first eleven are the formats of earlier glcompute versions,
/// in their order; the rest complete GL's table of image unit formats.
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
  rgba16f,
  rg16f,
  r16f,
  r11f_g11f_b10f,
  rgba16,
  rgb10_a2,
  rg16,
  rg8,
  r16,
  rgba16_snorm,
  rgba8_snorm,
  rg16_snorm,
  rg8_snorm,
  r16_snorm,
  r8_snorm,
  rgba16ui,
  rgb10_a2ui,
  rgba8ui,
  rg16ui,
  rg8ui,
  r16ui,
  r8ui,
  rgba16i,
  rgba8i,
  rg16i,
  rg8i,
  r16i,
  r8i,
};

/// Every TextureFormat, in the order of the enum (to test or list them all).
std::span<const TextureFormat> texture_formats() noexcept;

/// The GLSL format qualifier, e.g. "rgba32f"; "unknown" for a value outside the enum.
std::string_view to_string(TextureFormat format) noexcept;

/// Channels per texel as the shader sees them: 4 for rgba formats and rgb10_a2(ui), 3 for
/// r11f_g11f_b10f, 2 for rg, 1 for r; 0 for a value outside the enum.
int channel_count(TextureFormat format) noexcept;

/// Host values per texel: the channel count, except 1 for the packed formats (r11f_g11f_b10f,
/// rgb10_a2, rgb10_a2ui: one std::uint32_t per texel); 0 for a value outside the enum.
int values_per_texel(TextureFormat format) noexcept;

/// Bytes per texel in GPU memory and on the host: 16 for rgba32f, 8 for rgba16f, 4 for rgba8
/// and the packed formats, 1 for r8...; 0 for a value outside the enum. Texture-to-texture
/// copies need formats of equal texel size (GL's copy compatibility for uncompressed formats).
int texel_bytes(TextureFormat format) noexcept;

}  // namespace glc
