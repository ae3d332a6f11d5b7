#pragma once
// Untyped GL texture object behind glc::Texture2D, and the host pixel types it accepts. Not
// part of the public API.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>

#include <glm/fwd.hpp>

#include "../texture_format.hpp"

namespace glc::detail {

class ContextState;

/// The type of one channel of a texel, as the host sees it.
enum class ChannelType { float32, unorm8, uint32, int32 };

/// What a host type T holds: `count` channels of `channel`. Other types are refused at compile
/// time by Texture2D (the members below only keep that refusal the compiler's one message).
template <class T> struct PixelType {
  static constexpr bool supported = false;
  static constexpr ChannelType channel = ChannelType::float32;
  static constexpr int count = 1;
};
template <> struct PixelType<float> {
  static constexpr bool supported = true;
  static constexpr ChannelType channel = ChannelType::float32;
  static constexpr int count = 1;
};
template <> struct PixelType<std::uint8_t> {
  static constexpr bool supported = true;
  static constexpr ChannelType channel = ChannelType::unorm8;
  static constexpr int count = 1;
};
template <> struct PixelType<std::uint32_t> {
  static constexpr bool supported = true;
  static constexpr ChannelType channel = ChannelType::uint32;
  static constexpr int count = 1;
};
template <> struct PixelType<std::int32_t> {
  static constexpr bool supported = true;
  static constexpr ChannelType channel = ChannelType::int32;
  static constexpr int count = 1;
};
/// glm vectors of 1, 2 or 4 supported channels (glm::vec4, glm::u8vec4, glm::uvec2...). There
/// are no 3-channel formats, so no 3-component vectors.
template <glm::length_t L, class T, glm::qualifier Q>
struct PixelType<glm::vec<L, T, Q>> {
  static constexpr bool supported = PixelType<T>::supported && (L == 1 || L == 2 || L == 4) &&
                                    sizeof(glm::vec<L, T, Q>) == L * sizeof(T);
  static constexpr ChannelType channel = PixelType<T>::channel;
  static constexpr int count = L;
};

/// Owns one GL texture object with immutable storage (one level). Shared by the Texture2D handle
/// and, weakly, by programs it is bound to as an image.
class TextureStorage {
 public:
  /// Throws glc::Error for a zero or too large size (GL_MAX_TEXTURE_SIZE) or an unknown format.
  TextureStorage(std::shared_ptr<ContextState> context, std::uint32_t width, std::uint32_t height,
                 TextureFormat format);
  ~TextureStorage();
  TextureStorage(const TextureStorage&) = delete;
  TextureStorage& operator=(const TextureStorage&) = delete;

  std::uint32_t width() const noexcept { return width_; }
  std::uint32_t height() const noexcept { return height_; }
  TextureFormat format() const noexcept { return format_; }
  /// The GL texture name; throws if the context is gone.
  unsigned id() const;
  const std::shared_ptr<ContextState>& context() const noexcept { return context_; }

  /// How many values of a host type with `count` channels of `channel` the whole image holds.
  /// Throws glc::Error naming `what` if that type does not fit the format.
  std::size_t values_of(const char* what, ChannelType channel, int count) const;
  /// Throws glc::Error naming `what` unless `values` of that host type are the whole image.
  void check_values(const char* what, ChannelType channel, int count, std::size_t values) const;

  /// Replaces the whole image with `pixels` (checked by the caller: see check_values).
  void write(const void* pixels);
  /// Copies the whole image to `pixels` (sized by the caller: see values_of).
  void read(void* pixels) const;

 private:
  void zero_fill();

  std::shared_ptr<ContextState> context_;
  std::uint32_t width_ = 0;
  std::uint32_t height_ = 0;
  TextureFormat format_ = TextureFormat::rgba32f;
  unsigned id_ = 0;
};

}  // namespace glc::detail
