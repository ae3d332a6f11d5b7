#pragma once
// The host types textures read and write: what one value of a type T holds, so a texture can
// check T against its format at run time. Not part of the public API.

#include <array>
#include <cstddef>
#include <cstdint>

#include <glm/fwd.hpp>

#include "../half.hpp"

namespace glc::detail {

/// The C++ type of one channel of a texel on the host.
enum class ChannelType { float32, float16, uint8, int8, uint16, int16, uint32, int32 };

/// What a host type T holds: `count` channels of `channel`. Other types are refused at compile
/// time by the textures (the members below only keep that refusal the compiler's one message).
template <class T> struct PixelType {
  static constexpr bool supported = false;
  static constexpr ChannelType channel = ChannelType::float32;
  static constexpr int count = 1;
};

template <ChannelType C> struct ScalarPixel {
  static constexpr bool supported = true;
  static constexpr ChannelType channel = C;
  static constexpr int count = 1;
};
template <> struct PixelType<float> : ScalarPixel<ChannelType::float32> {};
template <> struct PixelType<half> : ScalarPixel<ChannelType::float16> {};
template <> struct PixelType<std::uint8_t> : ScalarPixel<ChannelType::uint8> {};
template <> struct PixelType<std::int8_t> : ScalarPixel<ChannelType::int8> {};
template <> struct PixelType<std::uint16_t> : ScalarPixel<ChannelType::uint16> {};
template <> struct PixelType<std::int16_t> : ScalarPixel<ChannelType::int16> {};
template <> struct PixelType<std::uint32_t> : ScalarPixel<ChannelType::uint32> {};
template <> struct PixelType<std::int32_t> : ScalarPixel<ChannelType::int32> {};

/// glm vectors of 1, 2 or 4 supported channels (glm::vec4, glm::u8vec4, glm::i16vec2...). No
/// format has 3 channels of its own type on the host (r11f_g11f_b10f is packed), so no
/// 3-component vectors.
template <glm::length_t L, class T, glm::qualifier Q>
struct PixelType<glm::vec<L, T, Q>> {
  static constexpr bool supported = PixelType<T>::supported && (L == 1 || L == 2 || L == 4) &&
                                    sizeof(glm::vec<L, T, Q>) == L * sizeof(T);
  static constexpr ChannelType channel = PixelType<T>::channel;
  static constexpr int count = L;
};
/// std::array of 1, 2 or 4 supported channels: std::array<glc::half, 4> for an rgba16f texel.
template <class T, std::size_t N>
struct PixelType<std::array<T, N>> {
  static constexpr bool supported = PixelType<T>::supported && (N == 1 || N == 2 || N == 4) &&
                                    sizeof(std::array<T, N>) == N * sizeof(T);
  static constexpr ChannelType channel = PixelType<T>::channel;
  static constexpr int count = static_cast<int>(N);
};

/// The run-time description of a host type, passed to the untyped texture storage.
struct HostPixel {
  ChannelType channel = ChannelType::float32;
  int count = 1;           ///< channels per value of the host type
  std::size_t bytes = 0;   ///< sizeof the host type
};

template <class T>
constexpr HostPixel host_pixel() {
  static_assert(PixelType<T>::supported,
                "glc::Texture: pixel data must be float, glc::half, std::uint8_t, std::int8_t, "
                "std::uint16_t, std::int16_t, std::uint32_t or std::int32_t, or a glm vector or "
                "std::array of 1, 2 or 4 of them (glm::vec4, glm::u8vec4, "
                "std::array<glc::half, 4>...)");
  return {PixelType<T>::channel, PixelType<T>::count, sizeof(T)};
}

}  // namespace glc::detail
