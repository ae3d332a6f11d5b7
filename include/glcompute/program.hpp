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
#include <type_traits>
#include <vector>

#include "buffer.hpp"
#include "detail/access.hpp"
#include "detail/uniform_type.hpp"
#include "sampler.hpp"
#include "texture.hpp"

namespace glc {

namespace detail {
class ProgramState;
}

/// A shader storage block declared by the program. Every block the shader declares is listed,
/// used or not, on both compile paths (GL keeps std430, std140 and shared blocks whether the code
/// reads them or not; glcompute does the same where a driver drops them), and each must have a
/// buffer bound before a dispatch.
struct StorageBlockInfo {
  std::string name;                ///< the block name, e.g. "outs_1" in `buffer outs_1 { ... }`
  std::uint32_t binding = 0;       ///< `layout(binding = N)`
  std::uint64_t fixed_bytes = 0;   ///< bytes before the trailing unsized array (all bytes if none)
  std::uint64_t array_stride = 0;  ///< std430 stride of the trailing unsized array; 0 if none
  /// Where the members before the trailing array end (all members if there is none): below
  /// fixed_bytes by the padding the driver adds (`buffer a { vec3 v; }` ends at 12, is 16).
  std::uint64_t members_end = 0;
};

/// A uniform block declared by the program: `layout(std140, binding = 2) uniform Params {...};`.
/// Listed, and required at dispatch, on the same terms as storage blocks.
struct UniformBlockInfo {
  std::string name;               ///< the block name, e.g. "Params"
  std::uint32_t binding = 0;      ///< `layout(binding = N)`
  std::uint64_t data_bytes = 0;   ///< GL_BUFFER_DATA_SIZE: what a bound buffer must hold
  std::uint64_t members_end = 0;  ///< where the last member ends: data_bytes less the padding
};

/// A buffer of atomic counters: every `layout(binding = N, offset = M) uniform atomic_uint`
/// the program uses, grouped by binding.
struct AtomicCounterBufferInfo {
  std::uint32_t binding = 0;          ///< `layout(binding = N)`
  std::uint64_t data_bytes = 0;       ///< GL_BUFFER_DATA_SIZE: bytes up to the last counter's end
  std::vector<std::string> counters;  ///< the counters' names, arrays without "[0]"
};

/// A uniform in the default block (uniforms inside blocks are not listed). Structs are listed
/// member by member as GL names them: `uniform P params;` gives "params.M", "params.k"...,
/// `uniform Light lights[4];` gives "lights[0].pos" ... "lights[3].power". Uniforms the shader
/// never reads are left out (the compiler removes them), but a struct or array the shader
/// reads is listed whole, at its declared size, on both compile paths: elements and members
/// it never reads can be set and are ignored.
struct UniformInfo {
  std::string name;        ///< without "[0]" for arrays
  unsigned gl_type = 0;    ///< GL type enum, e.g. GL_FLOAT_VEC4
  std::string type_name;   ///< GLSL spelling, e.g. "vec4"
  /// GL's location; -1 for a member or element the compiler removed (setting it does nothing).
  int location = -1;
  int array_size = 1;      ///< the declared size (specialized); 1 for non-arrays
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

/// A sampler uniform (`uniform sampler2D tex;` and the other sampler types). Also in uniforms().
struct SamplerInfo {
  std::string name;
  unsigned gl_type = 0;    ///< GL type enum, e.g. GL_SAMPLER_3D
  std::string type_name;   ///< GLSL spelling: "sampler2D", "usampler2DArray"...
  /// The texture unit: `layout(binding = N)`, else 0 (on ShaderPath::spirv, a free unit chosen
  /// by the compiler), or what set() gave it since.
  std::uint32_t unit = 0;
  int array_size = 1;
};

namespace detail {
/// What Program::bind knows of a Buffer<T>'s elements, to compare them with a block's layout.
struct ElementLayout {
  std::size_t bytes = 0;  ///< sizeof(T)
  /// T is a plain number (an integer or floating-point type, not bool): a buffer of them may
  /// hold a block's elements flat, several numbers per element (Buffer<float> for `vec4 v[]`).
  bool flat = false;
};
template <class T>
constexpr ElementLayout element_layout() {
  return {sizeof(T), std::is_arithmetic_v<T> && !std::is_same_v<T, bool>};
}
}  // namespace detail

/// A linked compute program. Move-only. Everything bound with `bind`, `set_block`,
/// `bind_image`, `bind_texture` and `bind_atomic_counters` belongs to the program and is
/// applied at each dispatch, so programs never disturb each other's bindings; raw GL bindings
/// (e.g. glBindBufferBase, glActiveTexture) are neither needed nor looked at.
class Program {
 public:
  Program() = default;  ///< an empty handle; using it throws
  Program(Program&&) noexcept;
  Program& operator=(Program&&) noexcept;
  ~Program();

  /// Binds `buffer` to the block named `block`: a storage block (`buffer Name { ... }`) or a
  /// uniform block (`uniform Name { ... }`). Throws glc::Error
  /// - if the program declares no block of that name (the message lists those it declares);
  /// - if the buffer's size does not fit the block's layout: a storage block needs at least
  ///   StorageBlockInfo::fixed_bytes plus a whole number of array elements, a uniform block at
  ///   least UniformBlockInfo::data_bytes (where the shortfall is the driver's padding, the
  ///   message says so: "the driver pads block 'a' to 16 bytes; its members end at 12");
  /// - if T's size is not the block's array stride: elements must be the shader's, byte for
  ///   byte (a Buffer<glm::vec4> or a 16-byte struct for `vec3 v[]`, a Buffer<std::uint32_t>
  ///   for `bool flags[]`), except that a buffer of plain numbers may hold them flat
  ///   (a Buffer<float> for `vec4 v[]`);
  /// - if the range exceeds the driver's maximum block size (GL_MAX_SHADER_STORAGE_BLOCK_SIZE,
  ///   GL_MAX_UNIFORM_BLOCK_SIZE: bind a range instead), or the buffer belongs to another
  ///   context.
  template <class T>
  Program& bind(std::string_view block, const Buffer<T>& buffer) {
    return bind(block, buffer, 0, buffer.size());
  }
  /// Binds elements [offset, offset + count) of `buffer`. The byte offset must be a multiple of
  /// `ctx.info().limits.storage_buffer_offset_alignment` (storage blocks) or
  /// `uniform_buffer_offset_alignment` (uniform blocks).
  template <class T>
  Program& bind(std::string_view block, const Buffer<T>& buffer, std::size_t offset,
                std::size_t count) {
    detail::check_range("Program::bind", offset, count, buffer.size());
    bind_buffer(find_block(block), detail::Access::shared_storage(buffer), offset * sizeof(T),
                count * sizeof(T), detail::element_layout<T>());
    return *this;
  }
  /// Binds to the block(s) with `layout(binding = binding)`. Storage and uniform blocks number
  /// their bindings apart: where the binding has a block of each kind, bind by name.
  template <class T>
  Program& bind(std::uint32_t binding, const Buffer<T>& buffer) {
    return bind(binding, buffer, 0, buffer.size());
  }
  template <class T>
  Program& bind(std::uint32_t binding, const Buffer<T>& buffer, std::size_t offset,
                std::size_t count) {
    detail::check_range("Program::bind", offset, count, buffer.size());
    bind_buffer(find_binding(binding), detail::Access::shared_storage(buffer), offset * sizeof(T),
                count * sizeof(T), detail::element_layout<T>());
    return *this;
  }

  /// Uploads `value`, a trivially copyable C++ struct laid out as the block's std140 members
  /// (vec3 and vec4 on 16 bytes, array elements 16 bytes apart: `alignas(16)` where needed),
  /// into uniform block `block`, through a small buffer the program owns and binds: the
  /// push-constant pattern. Later calls replace the value; dispatches already issued keep the
  /// one they were issued with. A later bind() of the block replaces it. Throws if there is no
  /// such uniform block, or if sizeof(T) is below UniformBlockInfo::members_end or above
  /// data_bytes (the struct cannot be the block's layout).
  template <class T>
  Program& set_block(std::string_view block, const T& value) {
    static_assert(std::is_trivially_copyable_v<T>,
                  "Program::set_block: T must be trivially copyable (it is copied byte-wise)");
    set_block_bytes(block, &value, sizeof(T));
    return *this;
  }

  /// Binds `buffer` (counters of 4 bytes each) to the atomic counters with
  /// `layout(binding = binding)`: `atomicCounterIncrement` and the others act on its words at
  /// the counters' offsets. Throws if no counter the program uses has that binding, if the
  /// range is smaller than AtomicCounterBufferInfo::data_bytes, or if the buffer belongs to
  /// another context.
  Program& bind_atomic_counters(std::uint32_t binding, const Buffer<std::uint32_t>& buffer);
  /// Binds elements [offset, offset + count) of `buffer`.
  Program& bind_atomic_counters(std::uint32_t binding, const Buffer<std::uint32_t>& buffer,
                                std::size_t offset, std::size_t count);

  /// Binds `texture` to the image uniform `image`, the whole texture: a Texture2D to image2D,
  /// a Texture3D to image3D, a Texture2DArray to image2DArray, or their iimage / uimage forms.
  /// The image unit is the uniform's (`layout(binding = N)`). Throws glc::Error if there is no
  /// such image, if the image type needs another kind of texture (bind one slice or layer of
  /// a Texture3D or Texture2DArray to an image2D with bind_image_layer), if the texture's
  /// format is of another kind (image* needs a float or normalized format, iimage* a signed
  /// integer one, uimage* an unsigned integer one) or differs from the format qualifier the
  /// shader declares, if `access` does not allow what the shader's readonly / writeonly says
  /// it does, or if the texture belongs to another context.
  Program& bind_image(std::string_view image, const Texture& texture,
                      ImageAccess access = ImageAccess::read_write);
  /// Binds `texture` to the image uniform(s) using image unit `unit`.
  Program& bind_image(std::uint32_t unit, const Texture& texture,
                      ImageAccess access = ImageAccess::read_write);
  /// Binds slice `layer` of a Texture3D, or layer `layer` of a Texture2DArray, to the image2D
  /// (iimage2D, uimage2D) uniform `image`. The same checks as bind_image, and `layer` must be
  /// below the texture's depth(). (Textures have one mipmap level, so there is no level to
  /// choose.)
  Program& bind_image_layer(std::string_view image, const Texture& texture, std::uint32_t layer,
                            ImageAccess access = ImageAccess::read_write);

  /// Binds `texture` to the sampler uniform `sampler`, read through a GL sampler object with
  /// `state` (filter and wrap; see glcompute/sampler.hpp): a Texture2D to sampler2D, a
  /// Texture3D to sampler3D, a Texture2DArray to sampler2DArray, integer formats to their
  /// isampler / usampler forms. The texture unit is the uniform's (`layout(binding = N)`).
  /// Throws glc::Error if there is no such sampler, if the sampler type needs another kind of
  /// texture or another kind of format, if `state` asks for Filter::linear on an integer
  /// format (GL cannot filter those), or if the texture belongs to another context.
  Program& bind_texture(std::string_view sampler, const Texture& texture,
                        const Sampler& state = {});
  /// Binds `texture` to the sampler uniform(s) using texture unit `unit`.
  Program& bind_texture(std::uint32_t unit, const Texture& texture, const Sampler& state = {});

  /// Sets a uniform. T is a scalar (float, double, int32_t, uint32_t, bool) or a glm
  /// vector/matrix; it must match the GLSL type exactly (an int sets samplers and images).
  /// Struct members and elements of arrays of structs are named as GL names them:
  /// `set("params.M", m)`, `set("lights[2].pos", p)`; `set("w[2]", x)` sets element 2 of an
  /// array (a span from there on sets the elements that follow).
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

  /// Runs gx * gy * gz work groups. Nothing the program uses may be unbound: every storage and
  /// uniform block needs a buffer, every atomic counter binding a buffer, every image and
  /// sampler a texture (arrays of images or samplers are left to raw GL); otherwise this
  /// throws naming what is missing and how to bind it. An image or sampler type glcompute
  /// cannot bind (image1D, samplerCube, shadow samplers...) throws too, naming it. Also
  /// throws if two blocks that share a binding are bound to different buffers, if two images
  /// or samplers sharing a unit are bound differently, if a bound buffer or texture was
  /// destroyed, if a sampler's unit is at or above the driver's
  /// GL_MAX_COMPUTE_TEXTURE_IMAGE_UNITS, if a count is zero or above
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
  /// Runs the number of work groups held in elements [offset, offset + 3) of `buffer` (x, y,
  /// z), which an earlier dispatch may have written (the barrier is issued): the GPU decides
  /// how much work follows, without a round trip to the host. The same bindings are required
  /// as for dispatch(). Throws if the three words lie outside the buffer or the buffer belongs
  /// to another context. Counts are read by the GPU, so glcompute cannot check them: a zero
  /// count runs nothing, and counts above `max_work_group_count` run nothing either (they are
  /// replaced by zeros on the GPU, as WebGPU does, instead of being undefined behaviour).
  void dispatch_indirect(const Buffer<std::uint32_t>& buffer, std::size_t offset = 0);

  /// The work group size declared with `layout(local_size_x = ...) in;`.
  std::array<std::uint32_t, 3> local_size() const;
  const std::vector<StorageBlockInfo>& storage_blocks() const;
  const std::vector<UniformBlockInfo>& uniform_blocks() const;
  const std::vector<AtomicCounterBufferInfo>& atomic_counter_buffers() const;
  const std::vector<UniformInfo>& uniforms() const;
  const std::vector<ImageInfo>& images() const;
  const std::vector<SamplerInfo>& samplers() const;
  /// The GL program name, for interop with raw GL.
  unsigned id() const;
  /// True if the program was loaded from the program binary cache instead of being compiled
  /// (see glcompute/program_cache.hpp).
  bool loaded_from_cache() const;

 private:
  friend class Context;
  explicit Program(std::shared_ptr<detail::ProgramState> state);
  /// A storage block (kind storage) or uniform block (kind uniform), by index in its list;
  /// several for a binding shared by blocks of one kind.
  struct BlockRef {
    bool uniform = false;
    std::vector<std::size_t> indices;
  };
  BlockRef find_block(std::string_view name) const;
  BlockRef find_binding(std::uint32_t binding) const;
  void bind_buffer(const BlockRef& block, const std::shared_ptr<detail::BufferStorage>& buffer,
                   std::size_t offset_bytes, std::size_t size_bytes, detail::ElementLayout element);
  void set_block_bytes(std::string_view block, const void* data, std::size_t bytes);
  void set_uniform(std::string_view name, unsigned gl_type, const char* cpp_name,
                   const void* data, std::size_t count);
  detail::ProgramState& state() const;

  std::shared_ptr<detail::ProgramState> state_;
};

}  // namespace glc
