#pragma once
// What each glc::TextureFormat is to GL and to the host: one table, so texture creation,
// transfers, copies and image and sampler binding agree. Internal.

#include <cstddef>
#include <span>
#include <string>

#include <glad/gl.h>

#include "glcompute/detail/pixel_type.hpp"
#include "glcompute/texture_format.hpp"

namespace glc::detail {

/// Which GLSL image and sampler types read a format: image2D / sampler2D (float and normalized
/// formats), iimage2D / isampler2D or uimage2D / usampler2D.
enum class ImageKind { floating, signed_integer, unsigned_integer };

struct FormatInfo {
  TextureFormat format;
  const char* name;        ///< the GLSL format qualifier
  GLenum internal_format;  ///< for glTexStorage* and glBindImageTexture
  GLenum pixel_format;     ///< host layout for glTexSubImage* / glGetTexImage
  GLenum pixel_type;
  int channels;            ///< channels the shader sees
  int values;              ///< host values per texel: `channels`, or 1 for packed formats
  ChannelType channel;     ///< the host type of one value
  std::size_t texel_bytes;
  ImageKind kind;
};

/// Every format, in the order of the enum.
std::span<const FormatInfo> texture_format_table() noexcept;
/// The table entry of `format`, or nullptr for a value outside the enum.
const FormatInfo* find_format(TextureFormat format) noexcept;
/// The table entry of `format`; throws glc::Error naming `what` for a value outside the enum.
const FormatInfo& format_info(const char* what, TextureFormat format);

/// "float", "glc::half", "std::uint8_t", ... or for vectors "glm::vec4", "glm::u8vec4",
/// "glm::i16vec2"...
std::string pixel_type_name(ChannelType channel, int count);

/// "a float or normalized format" / "a signed integer format" / "an unsigned integer format".
const char* kind_description(ImageKind kind) noexcept;

/// The formats of one kind, for messages: "rgba32ui, rg32ui, ... or r8ui".
std::string formats_of_kind(ImageKind kind);

}  // namespace glc::detail
