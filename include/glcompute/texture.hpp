#pragma once
/// @file
/// `glc::Texture2D`: a 2D texture on the GPU that compute shaders read and write as an image
/// (`imageLoad` / `imageStore`).
///
/// Create one with `ctx.texture2d(width, height, format)` (zero-filled), bind it to an image
/// uniform with `program.bind_image("name", texture)`, and read it back with `read<T>()`.
/// Reads and writes after a dispatch always see the dispatch's results, and a dispatch sees
/// what an earlier one stored: glcompute issues the memory barriers.
///
///     glc::Texture2D img = ctx.texture2d(640, 480, glc::TextureFormat::rgba8);
///     program.bind_image("img", img);         // layout(rgba8) uniform writeonly image2D img;
///     program.dispatch_for(640, 480);          // enough work groups to cover every pixel
///     std::vector<glm::u8vec4> pixels = img.read<glm::u8vec4>();

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "detail/access.hpp"
#include "detail/checks.hpp"
#include "detail/texture_storage.hpp"
#include "texture_format.hpp"

namespace glc {

class Context;

/// How a program's dispatches may use a texture bound as an image (glBindImageTexture's
/// access). It must allow what the shader declares: a `readonly` image needs read_only or
/// read_write, a `writeonly` image write_only or read_write.
enum class ImageAccess { read_only, write_only, read_write };

/// A width x height texture of one format, with immutable storage (one mipmap level).
/// Move-only; the GL object is deleted with the last handle (or with its context, whichever
/// comes first). Used after its context was destroyed, it throws.
///
/// Host pixel data is row-major, row 0 first (the row a shader addresses as y = 0), each
/// texel's channels in order. Its element type T is the format's channel type — float for the
/// 32f formats, std::uint8_t for rgba8 and r8 (0..255), std::uint32_t for the 32ui formats,
/// std::int32_t for the 32i formats — or a glm vector of exactly the format's channels
/// (glm::vec4 for rgba32f, glm::u8vec4 for rgba8, glm::uvec2 for rg32ui...). Nothing is
/// converted: a type that does not match the format is refused.
class Texture2D {
 public:
  /// An empty handle; using it throws. Real textures come from `Context::texture2d`.
  Texture2D() = default;
  Texture2D(Texture2D&&) noexcept = default;
  Texture2D& operator=(Texture2D&&) noexcept = default;
  Texture2D(const Texture2D&) = delete;
  Texture2D& operator=(const Texture2D&) = delete;

  std::uint32_t width() const { return storage().width(); }
  std::uint32_t height() const { return storage().height(); }
  TextureFormat format() const { return storage().format(); }

  /// Replaces every texel with `pixels` (width * height texels). Throws if T does not match the
  /// format or the number of values is not the whole image.
  template <class T>
  void write(std::span<const T> pixels) {
    check_pixel_type<T>();
    storage().check_values("Texture2D::write", detail::PixelType<T>::channel,
                           detail::PixelType<T>::count, pixels.size());
    storage().write(pixels.data());
  }
  template <class T>
  void write(const std::vector<T>& pixels) {
    write(std::span<const T>(pixels));
  }

  /// Every texel, copied to the host as values of T. Throws if T does not match the format.
  template <class T>
  std::vector<T> read() const {
    check_pixel_type<T>();
    std::vector<T> out(storage().values_of("Texture2D::read", detail::PixelType<T>::channel,
                                           detail::PixelType<T>::count));
    storage().read(out.data());
    return out;
  }

  /// Copies every texel into `out`, which must hold exactly the whole image.
  template <class T>
  void read_into(std::span<T> out) const {
    check_pixel_type<T>();
    storage().check_values("Texture2D::read_into", detail::PixelType<T>::channel,
                           detail::PixelType<T>::count, out.size());
    storage().read(out.data());
  }

  /// The GL texture name, for interop with raw GL (e.g. attaching it to a framebuffer).
  unsigned id() const { return storage().id(); }

 private:
  // The library (Context::texture2d, Program::bind_image) makes textures and reaches their
  // storage through detail::Access.
  friend struct detail::Access;
  explicit Texture2D(std::shared_ptr<detail::TextureStorage> s) : storage_(std::move(s)) {}

  detail::TextureStorage& storage() const {
    if (!storage_) detail::throw_empty_handle("glc::Texture2D");
    return *storage_;
  }
  const std::shared_ptr<detail::TextureStorage>& shared_storage() const {
    storage();
    return storage_;
  }

  template <class T>
  static constexpr void check_pixel_type() {
    static_assert(detail::PixelType<T>::supported,
                  "glc::Texture2D: pixel data must be float, std::uint8_t, std::uint32_t or "
                  "std::int32_t, or a glm vector of 1, 2 or 4 of them (glm::vec4, glm::u8vec4...)");
  }

  std::shared_ptr<detail::TextureStorage> storage_;
};

}  // namespace glc
