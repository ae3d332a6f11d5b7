#pragma once
/// @file
/// `glc::Program`: a linked compute program, its reflected interface, and dispatch.
///
///     glc::Program p = ctx.compile(glc::Source::file("saxpy.comp"));
///     p.bind("Xs", xs).bind("Ys", ys).set("a", 2.0f).set("n", uint32_t(n));
///     p.dispatch_for(n);            // enough work groups for n invocations
///     std::vector<float> y = ys.read();   // barrier issued by glcompute

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "buffer.hpp"
#include "detail/access.hpp"
#include "detail/uniform_type.hpp"
#include "texture.hpp"

namespace glc {

namespace detail {
class ProgramState;
}

/// A shader storage block declared by the program.
struct StorageBlockInfo {
  std::string name;                ///< the block name, e.g. "outs_1" in `buffer outs_1 { ... }`
  std::uint32_t binding = 0;       ///< `layout(binding = N)`
  std::uint64_t fixed_bytes = 0;   ///< bytes before the trailing unsized array (all bytes if none)
  std::uint64_t array_stride = 0;  ///< std430 stride of the trailing unsized array; 0 if none
};

/// A uniform in the default block (uniforms inside blocks are not listed).
struct UniformInfo {
  std::string name;        ///< without "[0]" for arrays
  unsigned gl_type = 0;    ///< GL type enum, e.g. GL_FLOAT_VEC4
  std::string type_name;   ///< GLSL spelling, e.g. "vec4"
  int location = -1;
  int array_size = 1;      ///< 1 for non-arrays
};

/// An image uniform (`uniform image2D img;` and the other image types). Also in uniforms().
struct ImageInfo {
  std::string name;
  unsigned gl_type = 0;    ///< GL type enum, e.g. GL_IMAGE_2D
  std::string type_name;   ///< GLSL spelling: "image2D", "uimage2D", "iimage3D"...
  /// The image unit: `layout(binding = N)`, else 0 (on ShaderPath::spirv, a free unit chosen
  /// by the compiler), or what set() gave it since.
  std::uint32_t unit = 0;
  int array_size = 1;
  std::string format;      ///< the format qualifier, e.g. "rgba32f"; empty if none is declared
  bool readonly = false;   ///< declared `readonly`
  bool writeonly = false;  ///< declared `writeonly`
};

/// A linked compute program. Move-only. Bindings set with `bind` and `bind_image` belong to the
/// program and are applied at each dispatch, so programs never disturb each other's bindings.
class Program {
 public:
  Program() = default;  ///< an empty handle; using it throws
  Program(Program&&) noexcept;
  Program& operator=(Program&&) noexcept;
  ~Program();

  /// Binds `buffer` to the storage block named `block`. Throws if there is no such block, if
  /// the buffer's size does not fit the block's layout, or if it exceeds the driver's maximum
  /// storage block size (bind a range instead).
  template <class T>
  Program& bind(std::string_view block, const Buffer<T>& buffer) {
    return bind(block, buffer, 0, buffer.size());
  }
  /// Binds elements [offset, offset + count) of `buffer`. The byte offset must be a multiple of
  /// `ctx.info().limits.storage_buffer_offset_alignment`.
  template <class T>
  Program& bind(std::string_view block, const Buffer<T>& buffer, std::size_t offset,
                std::size_t count) {
    detail::check_range("Program::bind", offset, count, buffer.size());
    bind_block(find_block(block), detail::Access::shared_storage(buffer), offset * sizeof(T),
               count * sizeof(T));
    return *this;
  }
  /// Binds to the block with `layout(binding = binding)`.
  template <class T>
  Program& bind(std::uint32_t binding, const Buffer<T>& buffer) {
    return bind(binding, buffer, 0, buffer.size());
  }
  template <class T>
  Program& bind(std::uint32_t binding, const Buffer<T>& buffer, std::size_t offset,
                std::size_t count) {
    detail::check_range("Program::bind", offset, count, buffer.size());
    bind_block(find_binding(binding), detail::Access::shared_storage(buffer), offset * sizeof(T),
               count * sizeof(T));
    return *this;
  }

  /// Binds `texture` to the image uniform `image` (an image2D, iimage2D or uimage2D). Throws if
  /// there is no such image, if the texture's format is of another kind (image2D needs a
  /// float format, iimage2D a 32i one, uimage2D a 32ui one) or differs from the format
  /// qualifier the shader declares, or if `access` does not allow what the shader's readonly /
  /// writeonly says it does. The image unit is the uniform's (`layout(binding = N)`).
  Program& bind_image(std::string_view image, const Texture2D& texture,
                      ImageAccess access = ImageAccess::read_write);
  /// Binds `texture` to the image uniform(s) using image unit `unit`.
  Program& bind_image(std::uint32_t unit, const Texture2D& texture,
                      ImageAccess access = ImageAccess::read_write);

  /// Sets a uniform. T is a scalar (float, double, int32_t, uint32_t, bool) or a glm
  /// vector/matrix; it must match the GLSL type exactly (an int sets samplers and images).
  /// Throws naming both types on mismatch, or if no uniform has that name.
  template <class T>
  Program& set(std::string_view name, const T& value) {
    static_assert(detail::has_uniform_type<T>::value,
                  "Program::set: no GLSL uniform type matches this C++ type");
    set_uniform(name, detail::UniformType<T>::gl_type, detail::UniformType<T>::cpp_name, &value, 1);
    return *this;
  }
  /// Sets a uniform array (or its first values.size() elements).
  template <class T>
  Program& set(std::string_view name, std::span<const T> values) {
    static_assert(detail::has_uniform_type<T>::value,
                  "Program::set: no GLSL uniform type matches this C++ type");
    set_uniform(name, detail::UniformType<T>::gl_type, detail::UniformType<T>::cpp_name,
                values.data(), values.size());
    return *this;
  }

  /// Runs gx * gy * gz work groups. Every storage block must have a buffer bound, and every
  /// image2D / iimage2D / uimage2D uniform a texture. Throws if a count is zero or above
  /// `ctx.info().limits.max_work_group_count`.
  void dispatch(std::uint32_t gx, std::uint32_t gy = 1, std::uint32_t gz = 1);
  /// Runs ceil(n / local_size_x) work groups in x, i.e. at least n invocations. The shader must
  /// skip invocations with index >= n itself (pass n through a uniform). n = 0 runs nothing.
  void dispatch_for(std::uint64_t n);
  /// Runs enough work groups for an nx x ny (x nz) grid of invocations, e.g. one per pixel of an
  /// image: ceil(nx / local_size_x) x ceil(ny / local_size_y) x ceil(nz / local_size_z). The
  /// shader must skip invocations outside the grid itself (compare gl_GlobalInvocationID with
  /// imageSize or a uniform). A zero size runs nothing.
  void dispatch_for(std::uint64_t nx, std::uint64_t ny, std::uint64_t nz = 1);

  /// The work group size declared with `layout(local_size_x = ...) in;`.
  std::array<std::uint32_t, 3> local_size() const;
  const std::vector<StorageBlockInfo>& storage_blocks() const;
  const std::vector<UniformInfo>& uniforms() const;
  const std::vector<ImageInfo>& images() const;
  /// The GL program name, for interop with raw GL.
  unsigned id() const;
  /// True if the program was loaded from the program binary cache instead of being compiled
  /// (see glcompute/program_cache.hpp).
  bool loaded_from_cache() const;

 private:
  friend class Context;
  explicit Program(std::shared_ptr<detail::ProgramState> state);
  std::size_t find_block(std::string_view name) const;
  std::size_t find_binding(std::uint32_t binding) const;
  void bind_block(std::size_t block, const std::shared_ptr<detail::BufferStorage>& buffer,
                  std::size_t offset_bytes, std::size_t size_bytes);
  void set_uniform(std::string_view name, unsigned gl_type, const char* cpp_name,
                   const void* data, std::size_t count);
  detail::ProgramState& state() const;

  std::shared_ptr<detail::ProgramState> state_;
};

}  // namespace glc
