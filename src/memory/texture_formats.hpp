#pragma once
// What each glc::TextureFormat is to GL and to the host: one table, so texture creation,
// transfers and image binding agree. Internal.

#include <cstddef>
#include <span>
#include <string>

#include <glad/gl.h>

#include "glcompute/detail/texture_storage.hpp"
#include "glcompute/texture_format.hpp"

namespace glc::detail {

/// Which GLSL image types can read a format: image2D, iimage2D or uimage2D.
enum class ImageKind { floating, signed_integer, unsigned_integer };

struct FormatInfo {
  TextureFormat format;
  const char* name;        ///< the GLSL format qualifier
  GLenum internal_format;  ///< for glTexStorage2D and glBindImageTexture
  GLenum pixel_format;     ///< host layout for glTexSubImage2D / glGetTexImage
  GLenum pixel_type;
  int channels;
  ChannelType channel;
  std::size_t channel_bytes;
  ImageKind kind;
};

/// Every format, in the order of the enum.
std::span<const FormatInfo> texture_formats() noexcept;
/// The table entry of `format`, or nullptr for a value outside the enum.
const FormatInfo* find_format(TextureFormat format) noexcept;
/// The table entry of `format`; throws glc::Error naming `what` for a value outside the enum.
const FormatInfo& format_info(const char* what, TextureFormat format);

/// "float", "std::uint8_t", ... or for vectors "glm::vec4", "glm::u8vec4", "glm::ivec2"...
std::string pixel_type_name(ChannelType channel, int count);

/// "a float format" / "a signed integer format" / "an unsigned integer format".
const char* kind_description(ImageKind kind) noexcept;

}  // namespace glc::detail
