#pragma once
/// @file
/// `glc::Sampler`: how a shader's `texture()` reads a texture bound to a sampler uniform —
/// filter and wrap — given to `Program::bind_texture`. A plain struct whose zero values are the
/// defaults, filled with designated initializers:
///
///     p.bind_texture("tex", texture, {.filter = glc::Filter::linear, .wrap = glc::Wrap::repeat});
///
/// glcompute keeps one GL sampler object per distinct Sampler value and context, made on first
/// use and deleted with the context.

namespace glc {

/// How texels are combined at a coordinate between texel centres (GL_TEXTURE_MIN_FILTER and
/// GL_TEXTURE_MAG_FILTER; textures have one level, so no mipmap filtering).
enum class Filter {
  nearest,  ///< the texel whose square holds the coordinate (GL_NEAREST)
  linear,   ///< weighted average of the 2 x 2 (3D: 2 x 2 x 2) nearest texels (GL_LINEAR);
            ///< float and normalized formats only: GL cannot filter integer textures
};

/// What a coordinate outside [0, 1] reads, on every axis (GL_TEXTURE_WRAP_S/T/R). A
/// Texture2DArray's layer coordinate is never wrapped: GL clamps it to the layers there are.
enum class Wrap {
  clamp,   ///< the edge texels (GL_CLAMP_TO_EDGE)
  repeat,  ///< the texture tiles (GL_REPEAT)
  mirror,  ///< the texture tiles, every other tile mirrored (GL_MIRRORED_REPEAT)
};

/// Sampler state for Program::bind_texture. `Sampler{}` is nearest filtering, clamped.
struct Sampler {
  Filter filter = Filter::nearest;
  Wrap wrap = Wrap::clamp;

  friend constexpr bool operator==(const Sampler&, const Sampler&) = default;
};

}  // namespace glc
