// glc::TextureFormat: names, channel counts, host types and the GL enums behind each format:
// GL 4.6 spec table 8.27 (image unit formats) with the host formats and types of table 8.8.

#include <array>
#include <string>
#include <utility>

#include "glcompute/error.hpp"
#include "memory/texture_formats.hpp"

namespace glc {
namespace detail {
namespace {

using enum ChannelType;
constexpr ImageKind F = ImageKind::floating;
constexpr ImageKind I = ImageKind::signed_integer;
constexpr ImageKind U = ImageKind::unsigned_integer;

constexpr FormatInfo kFormats[] = {
    {TextureFormat::rgba32f, "rgba32f", GL_RGBA32F, GL_RGBA, GL_FLOAT, 4, 4, float32, 16, F},
    {TextureFormat::rg32f, "rg32f", GL_RG32F, GL_RG, GL_FLOAT, 2, 2, float32, 8, F},
    {TextureFormat::r32f, "r32f", GL_R32F, GL_RED, GL_FLOAT, 1, 1, float32, 4, F},
    {TextureFormat::rgba8, "rgba8", GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE, 4, 4, uint8, 4, F},
    {TextureFormat::r8, "r8", GL_R8, GL_RED, GL_UNSIGNED_BYTE, 1, 1, uint8, 1, F},
    {TextureFormat::rgba32ui, "rgba32ui", GL_RGBA32UI, GL_RGBA_INTEGER, GL_UNSIGNED_INT, 4, 4,
     uint32, 16, U},
    {TextureFormat::rg32ui, "rg32ui", GL_RG32UI, GL_RG_INTEGER, GL_UNSIGNED_INT, 2, 2, uint32, 8,
     U},
    {TextureFormat::r32ui, "r32ui", GL_R32UI, GL_RED_INTEGER, GL_UNSIGNED_INT, 1, 1, uint32, 4, U},
    {TextureFormat::rgba32i, "rgba32i", GL_RGBA32I, GL_RGBA_INTEGER, GL_INT, 4, 4, int32, 16, I},
    {TextureFormat::rg32i, "rg32i", GL_RG32I, GL_RG_INTEGER, GL_INT, 2, 2, int32, 8, I},
    {TextureFormat::r32i, "r32i", GL_R32I, GL_RED_INTEGER, GL_INT, 1, 1, int32, 4, I},
    {TextureFormat::rgba16f, "rgba16f", GL_RGBA16F, GL_RGBA, GL_HALF_FLOAT, 4, 4, float16, 8, F},
    {TextureFormat::rg16f, "rg16f", GL_RG16F, GL_RG, GL_HALF_FLOAT, 2, 2, float16, 4, F},
    {TextureFormat::r16f, "r16f", GL_R16F, GL_RED, GL_HALF_FLOAT, 1, 1, float16, 2, F},
    {TextureFormat::r11f_g11f_b10f, "r11f_g11f_b10f", GL_R11F_G11F_B10F, GL_RGB,
     GL_UNSIGNED_INT_10F_11F_11F_REV, 3, 1, uint32, 4, F},
    {TextureFormat::rgba16, "rgba16", GL_RGBA16, GL_RGBA, GL_UNSIGNED_SHORT, 4, 4, uint16, 8, F},
    {TextureFormat::rgb10_a2, "rgb10_a2", GL_RGB10_A2, GL_RGBA, GL_UNSIGNED_INT_2_10_10_10_REV, 4,
     1, uint32, 4, F},
    {TextureFormat::rg16, "rg16", GL_RG16, GL_RG, GL_UNSIGNED_SHORT, 2, 2, uint16, 4, F},
    {TextureFormat::rg8, "rg8", GL_RG8, GL_RG, GL_UNSIGNED_BYTE, 2, 2, uint8, 2, F},
    {TextureFormat::r16, "r16", GL_R16, GL_RED, GL_UNSIGNED_SHORT, 1, 1, uint16, 2, F},
    {TextureFormat::rgba16_snorm, "rgba16_snorm", GL_RGBA16_SNORM, GL_RGBA, GL_SHORT, 4, 4, int16,
     8, F},
    {TextureFormat::rgba8_snorm, "rgba8_snorm", GL_RGBA8_SNORM, GL_RGBA, GL_BYTE, 4, 4, int8, 4, F},
    {TextureFormat::rg16_snorm, "rg16_snorm", GL_RG16_SNORM, GL_RG, GL_SHORT, 2, 2, int16, 4, F},
    {TextureFormat::rg8_snorm, "rg8_snorm", GL_RG8_SNORM, GL_RG, GL_BYTE, 2, 2, int8, 2, F},
    {TextureFormat::r16_snorm, "r16_snorm", GL_R16_SNORM, GL_RED, GL_SHORT, 1, 1, int16, 2, F},
    {TextureFormat::r8_snorm, "r8_snorm", GL_R8_SNORM, GL_RED, GL_BYTE, 1, 1, int8, 1, F},
    {TextureFormat::rgba16ui, "rgba16ui", GL_RGBA16UI, GL_RGBA_INTEGER, GL_UNSIGNED_SHORT, 4, 4,
     uint16, 8, U},
    {TextureFormat::rgb10_a2ui, "rgb10_a2ui", GL_RGB10_A2UI, GL_RGBA_INTEGER,
     GL_UNSIGNED_INT_2_10_10_10_REV, 4, 1, uint32, 4, U},
    {TextureFormat::rgba8ui, "rgba8ui", GL_RGBA8UI, GL_RGBA_INTEGER, GL_UNSIGNED_BYTE, 4, 4, uint8,
     4, U},
    {TextureFormat::rg16ui, "rg16ui", GL_RG16UI, GL_RG_INTEGER, GL_UNSIGNED_SHORT, 2, 2, uint16, 4,
     U},
    {TextureFormat::rg8ui, "rg8ui", GL_RG8UI, GL_RG_INTEGER, GL_UNSIGNED_BYTE, 2, 2, uint8, 2, U},
    {TextureFormat::r16ui, "r16ui", GL_R16UI, GL_RED_INTEGER, GL_UNSIGNED_SHORT, 1, 1, uint16, 2,
     U},
    {TextureFormat::r8ui, "r8ui", GL_R8UI, GL_RED_INTEGER, GL_UNSIGNED_BYTE, 1, 1, uint8, 1, U},
    {TextureFormat::rgba16i, "rgba16i", GL_RGBA16I, GL_RGBA_INTEGER, GL_SHORT, 4, 4, int16, 8, I},
    {TextureFormat::rgba8i, "rgba8i", GL_RGBA8I, GL_RGBA_INTEGER, GL_BYTE, 4, 4, int8, 4, I},
    {TextureFormat::rg16i, "rg16i", GL_RG16I, GL_RG_INTEGER, GL_SHORT, 2, 2, int16, 4, I},
    {TextureFormat::rg8i, "rg8i", GL_RG8I, GL_RG_INTEGER, GL_BYTE, 2, 2, int8, 2, I},
    {TextureFormat::r16i, "r16i", GL_R16I, GL_RED_INTEGER, GL_SHORT, 1, 1, int16, 2, I},
    {TextureFormat::r8i, "r8i", GL_R8I, GL_RED_INTEGER, GL_BYTE, 1, 1, int8, 1, I},
};

// The table is indexed by the enum: each entry sits at its format's value.
constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < std::size(kFormats); ++i) {
    if (static_cast<std::size_t>(kFormats[i].format) != i) return false;
  }
  return true;
}
static_assert(in_enum_order(), "kFormats must list the formats in the order of the enum");

template <std::size_t... I>
constexpr std::array<TextureFormat, sizeof...(I)> formats_of(std::index_sequence<I...>) {
  return {kFormats[I].format...};
}
constexpr auto kAll = formats_of(std::make_index_sequence<std::size(kFormats)>());

}  // namespace

std::span<const FormatInfo> texture_format_table() noexcept { return kFormats; }

const FormatInfo* find_format(TextureFormat format) noexcept {
  const auto index = static_cast<std::size_t>(format);
  return index < std::size(kFormats) ? &kFormats[index] : nullptr;
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
    case ChannelType::float16: scalar = "glc::half"; vector = ""; break;
    case ChannelType::uint8: scalar = "std::uint8_t"; vector = "u8vec"; break;
    case ChannelType::int8: scalar = "std::int8_t"; vector = "i8vec"; break;
    case ChannelType::uint16: scalar = "std::uint16_t"; vector = "u16vec"; break;
    case ChannelType::int16: scalar = "std::int16_t"; vector = "i16vec"; break;
    case ChannelType::uint32: scalar = "std::uint32_t"; vector = "uvec"; break;
    case ChannelType::int32: scalar = "std::int32_t"; vector = "ivec"; break;
  }
  if (count == 1) return scalar;
  // glm has no vector of halves: std::array holds them.
  if (*vector == '\0') return "std::array<" + std::string(scalar) + ", " + std::to_string(count) + ">";
  return "glm::" + std::string(vector) + std::to_string(count);
}

const char* kind_description(ImageKind kind) noexcept {
  switch (kind) {
    case ImageKind::floating: return "a float or normalized format";
    case ImageKind::signed_integer: return "a signed integer format";
    case ImageKind::unsigned_integer: return "an unsigned integer format";
  }
  return "an unknown format";
}

std::string formats_of_kind(ImageKind kind) {
  std::string names;
  std::string last;
  for (const FormatInfo& info : kFormats) {
    if (info.kind != kind) continue;
    if (!last.empty()) names += (names.empty() ? "" : ", ") + last;
    last = info.name;
  }
  return names.empty() ? last : names + " or " + last;
}

}  // namespace detail

std::span<const TextureFormat> texture_formats() noexcept { return detail::kAll; }

std::string_view to_string(TextureFormat format) noexcept {
  const detail::FormatInfo* f = detail::find_format(format);
  return f ? f->name : "unknown";
}

int channel_count(TextureFormat format) noexcept {
  const detail::FormatInfo* f = detail::find_format(format);
  return f ? f->channels : 0;
}

int values_per_texel(TextureFormat format) noexcept {
  const detail::FormatInfo* f = detail::find_format(format);
  return f ? f->values : 0;
}

int texel_bytes(TextureFormat format) noexcept {
  const detail::FormatInfo* f = detail::find_format(format);
  return f ? static_cast<int>(f->texel_bytes) : 0;
}

}  // namespace glc
