#pragma once
/// @file
/// Textures on the GPU: `glc::Texture2D`, `glc::Texture3D` and `glc::Texture2DArray`, all
/// `glc::Texture`s. Compute shaders read and write them as images (`imageLoad` /
/// `imageStore`, bound with `Program::bind_image`) and sample them (`texture()`,
/// `texelFetch()`, bound with `Program::bind_texture` and a glc::Sampler).
///
/// Create one with `ctx.texture2d(w, h, format)`, `ctx.texture3d(w, h, d, format)` or
/// `ctx.texture2d_array(w, h, layers, format)` — zero-filled, or from host data given as a
/// last argument. Reads, writes and copies after a dispatch always see the dispatch's
/// results, and a dispatch sees what an earlier one stored: glcompute issues the memory
/// barriers.
///
///     glc::Texture3D vol = ctx.texture3d(64, 64, 64, glc::TextureFormat::r16f);
///     program.bind_image("vol", vol);          // layout(r16f) uniform image3D vol;
///     program.dispatch_for(64, 64, 64);
///     std::vector<glc::half> slice = vol.read<glc::half>({.z = 32, .width = 64, .height = 64});

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "buffer.hpp"
#include "detail/access.hpp"
#include "detail/buffer_storage.hpp"
#include "detail/checks.hpp"
#include "detail/texture_storage.hpp"
#include "half.hpp"
#include "texture_format.hpp"

namespace glc {

class Context;

/// How a program's dispatches may use a texture bound as an image (glBindImageTexture's
/// access). It must allow what the shader declares: a `readonly` image needs read_only or
/// read_write, a `writeonly` image write_only or read_write.
enum class ImageAccess { read_only, write_only, read_write };

/// A texture of one format with immutable storage (one mipmap level): the operations every
/// kind shares. Move-only; the GL object is deleted with the last handle (or with its context,
/// whichever comes first). Used after its context was destroyed, it throws. A Texture2D,
/// Texture3D or Texture2DArray moves into a Texture, which then keeps its kind().
///
/// Host pixel data is x fastest, then y (row 0 is y = 0 in the shader), then z (slices of a
/// Texture3D, layers of a Texture2DArray); each texel's channels in order. Its element type T
/// is the format's host channel type (see texture_format.hpp: float for the 32f formats,
/// glc::half for 16f, std::uint8_t for rgba8 and rgba8ui, std::int16_t for rgba16_snorm and
/// rgba16i, std::uint32_t for the packed formats...), or a glm vector or std::array of exactly
/// the format's values per texel (glm::vec4 for rgba32f, glm::u8vec4 for rgba8,
/// std::array<glc::half, 2> for rg16f). Nothing is converted: a type that does not match the
/// format is refused (glc::Error, naming the types that fit).
///
/// Regions (see glc::Region) must lie inside the texture; the calls without one take all of
/// it. Buffer offsets and sizes count elements of the buffer's T, which must fit the format as
/// host data does.
class Texture {
 public:
  /// An empty handle; using it throws. Real textures come from the Context.
  Texture() = default;
  Texture(Texture&&) noexcept = default;
  Texture& operator=(Texture&&) noexcept = default;
  Texture(const Texture&) = delete;
  Texture& operator=(const Texture&) = delete;

  TextureKind kind() const { return storage().kind(); }
  std::uint32_t width() const { return storage().width(); }
  std::uint32_t height() const { return storage().height(); }
  /// Slices of a Texture3D, layers of a Texture2DArray, 1 for a Texture2D.
  std::uint32_t depth() const { return storage().depth(); }
  TextureFormat format() const { return storage().format(); }
  /// The whole texture as a region: {0, 0, 0, width(), height(), depth()}.
  Region whole() const { return storage().whole(); }

  /// Replaces every texel with `pixels`. Throws if T does not match the format or the number
  /// of values is not the whole texture.
  template <class T>
  void write(std::span<const T> pixels) {
    write(whole(), pixels);
  }
  template <class T>
  void write(const std::vector<T>& pixels) {
    write(whole(), std::span<const T>(pixels));
  }
  /// Replaces the texels of `region` with `pixels`, which hold exactly that region (x
  /// fastest). Throws if the region is not inside the texture.
  template <class T>
  void write(const Region& region, std::span<const T> pixels) {
    storage().check_values("write", detail::host_pixel<T>(), region, pixels.size());
    storage().write("write", region, pixels.data());
  }
  template <class T>
  void write(const Region& region, const std::vector<T>& pixels) {
    write(region, std::span<const T>(pixels));
  }

  /// Every texel, copied to the host as values of T.
  template <class T>
  std::vector<T> read() const {
    return read<T>(whole());
  }
  /// The texels of `region`, x fastest.
  template <class T>
  std::vector<T> read(const Region& region) const {
    std::vector<T> out(storage().values_in("read", detail::host_pixel<T>(), region));
    storage().read("read", region, out.data());
    return out;
  }
  /// Copies every texel into `out`, which must hold exactly the whole texture.
  template <class T>
  void read_into(std::span<T> out) const {
    read_into(whole(), out);
  }
  /// Copies the texels of `region` into `out`, which must hold exactly that region.
  template <class T>
  void read_into(const Region& region, std::span<T> out) const {
    storage().check_values("read_into", detail::host_pixel<T>(), region, out.size());
    storage().read("read_into", region, out.data());
  }

  /// Copies all of `src`, a texture of the same extent, into this one (glCopyImageSubData: on
  /// the GPU, bits not values, so the formats need equal texel_bytes(), e.g. rgba8ui into r32f).
  /// Kinds may differ (a Texture2DArray's layers into a Texture3D's slices). Throws for extents
  /// or texel sizes that differ, or textures of different contexts.
  void copy_from(const Texture& src) {
    check_same_extent(src);
    copy_from(src, src.whole(), 0, 0, 0);
  }
  /// Copies the texels of `from` in `src` to this texture, with (x, y, z) the first texel
  /// written. Both regions must lie inside their textures; within one texture they must not
  /// overlap.
  void copy_from(const Texture& src, const Region& from, std::uint32_t x, std::uint32_t y,
                 std::uint32_t z = 0) {
    storage().copy_from("copy_from", src.storage(), from, x, y, z);
  }

  /// Fills the texture from `src` (a pixel unpack buffer: no trip through the host), reading
  /// the whole texture's values from element `offset` on. T must fit the format as host data
  /// does. Throws if the buffer holds fewer than offset + the texture's values.
  template <class T>
  void copy_from(const Buffer<T>& src, std::size_t offset = 0) {
    copy_from(src, offset, whole());
  }
  /// Fills `region` from `src`, from element `offset` on (x fastest, as for write()).
  template <class T>
  void copy_from(const Buffer<T>& src, std::size_t offset, const Region& region) {
    storage().copy_from_buffer("copy_from", detail::Access::storage(src), detail::host_pixel<T>(), offset,
                               region);
  }
  /// Writes the whole texture into `dst` (a pixel pack buffer), from element `offset` on.
  /// Throws if the buffer holds fewer than offset + the texture's values.
  template <class T>
  void copy_to(const Buffer<T>& dst, std::size_t offset = 0) const {
    copy_to(dst, offset, whole());
  }
  /// Writes the texels of `region` into `dst`, from element `offset` on.
  template <class T>
  void copy_to(const Buffer<T>& dst, std::size_t offset, const Region& region) const {
    storage().copy_to_buffer("copy_to", detail::Access::storage(dst), detail::host_pixel<T>(), offset, region);
  }

  /// The GL texture name, for interop with raw GL (e.g. attaching it to a framebuffer).
  unsigned id() const { return storage().id(); }

 private:
  // The library (Context, Program::bind_image, bind_texture) makes textures and reaches their
  // storage through detail::Access.
  friend struct detail::Access;

  detail::TextureStorage& storage() const {
    if (!storage_) detail::throw_empty_handle(handle_name_);
    return *storage_;
  }
  const std::shared_ptr<detail::TextureStorage>& shared_storage() const {
    storage();
    return storage_;
  }

 protected:
  /// `handle_name` names the handle type in the error an empty handle throws.
  explicit Texture(const char* handle_name) : handle_name_(handle_name) {}
  Texture(const char* handle_name, std::shared_ptr<detail::TextureStorage> s)
      : storage_(std::move(s)), handle_name_(handle_name) {}

 private:
  void check_same_extent(const Texture& src) const;

  std::shared_ptr<detail::TextureStorage> storage_;
  const char* handle_name_ = "glc::Texture";
};

/// A width x height texture (GL_TEXTURE_2D): image2D / iimage2D / uimage2D, sampler2D /
/// isampler2D / usampler2D.
class Texture2D : public Texture {
 public:
  Texture2D() : Texture("glc::Texture2D") {}

 private:
  friend struct detail::Access;
  explicit Texture2D(std::shared_ptr<detail::TextureStorage> s)
      : Texture("glc::Texture2D", std::move(s)) {}
};

/// A width x height x depth texture (GL_TEXTURE_3D): image3D (and the i/u variants), sampler3D;
/// one slice binds to image2D with Program::bind_image_layer.
class Texture3D : public Texture {
 public:
  Texture3D() : Texture("glc::Texture3D") {}

 private:
  friend struct detail::Access;
  explicit Texture3D(std::shared_ptr<detail::TextureStorage> s)
      : Texture("glc::Texture3D", std::move(s)) {}
};

/// layers() textures of width x height (GL_TEXTURE_2D_ARRAY): image2DArray (and the i/u
/// variants), sampler2DArray; one layer binds to image2D with Program::bind_image_layer.
class Texture2DArray : public Texture {
 public:
  Texture2DArray() : Texture("glc::Texture2DArray") {}
  std::uint32_t layers() const { return depth(); }

 private:
  friend struct detail::Access;
  explicit Texture2DArray(std::shared_ptr<detail::TextureStorage> s)
      : Texture("glc::Texture2DArray", std::move(s)) {}
};

}  // namespace glc
