// glc::TextureFormat: names, channel counts and the GL enums behind each format.

#include <string>

#include "glcompute/error.hpp"
#include "memory/texture_formats.hpp"

namespace glc {
namespace detail {
namespace {

constexpr FormatInfo kFormats[] = {
    {TextureFormat::rgba32f, "rgba32f", GL_RGBA32F, GL_RGBA, GL_FLOAT, 4, ChannelType::float32, 4,
     ImageKind::floating},
    {TextureFormat::rg32f, "rg32f", GL_RG32F, GL_RG, GL_FLOAT, 2, ChannelType::float32, 4,
     ImageKind::floating},
    {TextureFormat::r32f, "r32f", GL_R32F, GL_RED, GL_FLOAT, 1, ChannelType::float32, 4,
     ImageKind::floating},
    {TextureFormat::rgba8, "rgba8", GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE, 4, ChannelType::unorm8, 1,
     ImageKind::floating},
    {TextureFormat::r8, "r8", GL_R8, GL_RED, GL_UNSIGNED_BYTE, 1, ChannelType::unorm8, 1,
     ImageKind::floating},
    {TextureFormat::rgba32ui, "rgba32ui", GL_RGBA32UI, GL_RGBA_INTEGER, GL_UNSIGNED_INT, 4,
     ChannelType::uint32, 4, ImageKind::unsigned_integer},
    {TextureFormat::rg32ui, "rg32ui", GL_RG32UI, GL_RG_INTEGER, GL_UNSIGNED_INT, 2,
     ChannelType::uint32, 4, ImageKind::unsigned_integer},
    {TextureFormat::r32ui, "r32ui", GL_R32UI, GL_RED_INTEGER, GL_UNSIGNED_INT, 1,
     ChannelType::uint32, 4, ImageKind::unsigned_integer},
    {TextureFormat::rgba32i, "rgba32i", GL_RGBA32I, GL_RGBA_INTEGER, GL_INT, 4, ChannelType::int32,
     4, ImageKind::signed_integer},
    {TextureFormat::rg32i, "rg32i", GL_RG32I, GL_RG_INTEGER, GL_INT, 2, ChannelType::int32, 4,
     ImageKind::signed_integer},
    {TextureFormat::r32i, "r32i", GL_R32I, GL_RED_INTEGER, GL_INT, 1, ChannelType::int32, 4,
     ImageKind::signed_integer},
};

}  // namespace

std::span<const FormatInfo> texture_formats() noexcept { return kFormats; }

const FormatInfo* find_format(TextureFormat format) noexcept {
  for (const FormatInfo& f : kFormats) {
    if (f.format == format) return &f;
  }
  return nullptr;
}

const FormatInfo& format_info(const char* what, TextureFormat format) {
  if (const FormatInfo* f = find_format(format)) return *f;
  throw Error(std::string(what) + ": TextureFormat " + std::to_string(static_cast<int>(format)) +
              " is not one of the formats glc::TextureFormat lists");
}

std::string pixel_type_name(ChannelType channel, int count) {
  const char* scalar = "float";
  const char* vector = "vec";
  switch (channel) {
    case ChannelType::float32: break;
    case ChannelType::unorm8: scalar = "std::uint8_t"; vector = "u8vec"; break;
    case ChannelType::uint32: scalar = "std::uint32_t"; vector = "uvec"; break;
    case ChannelType::int32: scalar = "std::int32_t"; vector = "ivec"; break;
  }
  return count == 1 ? scalar : "glm::" + std::string(vector) + std::to_string(count);
}

const char* kind_description(ImageKind kind) noexcept {
  switch (kind) {
    case ImageKind::floating: return "a float format";
    case ImageKind::signed_integer: return "a signed integer format";
    case ImageKind::unsigned_integer: return "an unsigned integer format";
  }
  return "an unknown format";
}

}  // namespace detail

std::string_view to_string(TextureFormat format) noexcept {
  const detail::FormatInfo* f = detail::find_format(format);
  return f ? f->name : "unknown";
}

int channel_count(TextureFormat format) noexcept {
  const detail::FormatInfo* f = detail::find_format(format);
  return f ? f->channels : 0;
}

}  // namespace glc
