#pragma once
// A linked program and what is bound to it. Internal.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <glad/gl.h>

#include "context/barriers.hpp"
#include "context/context_state.hpp"
#include "glcompute/program.hpp"
#include "glcompute/source.hpp"

namespace glc::detail {

/// A buffer range attached to one storage block, uniform block or atomic counter binding; weak
/// so a destroyed buffer is detected.
struct BlockBinding {
  bool set = false;
  std::weak_ptr<BufferStorage> buffer;
  std::size_t offset = 0;
  std::size_t size = 0;
};

/// A texture attached to one image uniform; weak so a destroyed texture is detected.
struct ImageBinding {
  bool set = false;
  std::weak_ptr<TextureStorage> texture;
  GLenum access = GL_READ_WRITE;
  GLenum format = 0;  ///< the texture's internal format (equal to the shader's, where declared)
  bool layered = false;     ///< all slices / layers (image3D, image2DArray)
  std::uint32_t layer = 0;  ///< the one slice or layer bound where not layered

  friend bool operator==(const ImageBinding& a, const ImageBinding& b) {
    return a.set == b.set && a.texture.lock() == b.texture.lock() && a.access == b.access &&
           a.format == b.format && a.layered == b.layered && a.layer == b.layer;
  }
};

class SamplerObject;

/// A texture attached to one sampler uniform, with the sampler object it is read through.
struct TextureBinding {
  bool set = false;
  std::weak_ptr<TextureStorage> texture;
  std::shared_ptr<SamplerObject> sampler;
};

/// What the driver reports about a linked program.
struct ProgramInterface {
  std::array<std::uint32_t, 3> local_size{};
  std::vector<StorageBlockInfo> blocks;
  std::vector<UniformBlockInfo> uniform_blocks;
  std::vector<AtomicCounterBufferInfo> atomic_buffers;
  std::vector<UniformInfo> uniforms;
  /// Per uniform: the elements GL keeps (its GL_ARRAY_SIZE), fewer than the declared
  /// UniformInfo::array_size where the compiler trimmed an array's unread tail; 0 for members
  /// and elements it removed. Values past it are not uploaded: GL ignores them, and
  /// the locations after them may be another uniform's.
  std::vector<int> active_elements;
  /// GL lists a struct member or an array among the uniforms: the GLSL path may then show
  /// less than the shader declares (see program/spirv_interface.hpp).
  bool has_aggregates = false;
  /// glMemoryBarrier bits a dispatch needs after earlier shader writes: storage buffers always,
  /// plus textures and images, uniform blocks and atomic counters where the program uses them.
  GLbitfield barrier_bits = kStorageBarrierBits;
};

class ProgramState {
 public:
  ProgramState(std::shared_ptr<ContextState> context, GLuint id, std::string name,
               ProgramInterface interface, std::vector<ImageInfo> images);
  ~ProgramState();
  ProgramState(const ProgramState&) = delete;
  ProgramState& operator=(const ProgramState&) = delete;

  const std::shared_ptr<ContextState> context;
  const GLuint id;
  const std::string name;  ///< the source's name, for messages
  const ProgramInterface interface;
  std::vector<BlockBinding> bindings;  ///< one per interface.blocks entry
  std::vector<BlockBinding> uniform_bindings;  ///< one per interface.uniform_blocks entry
  /// The buffers set_block uploads to, one per uniform block, made on first use.
  std::vector<std::shared_ptr<BufferStorage>> block_values;
  std::vector<BlockBinding> atomic_bindings;  ///< one per interface.atomic_buffers entry
  /// Loaded from the program binary cache rather than compiled (Program::loaded_from_cache).
  bool loaded_from_cache = false;
  /// The image uniforms (reflect_images), with the units as set() last changed them.
  std::vector<ImageInfo> images;
  std::vector<ImageBinding> image_bindings;  ///< one per images entry
  /// The sampler uniforms (reflect_samplers), with the units as set() last changed them.
  std::vector<SamplerInfo> samplers;
  std::vector<TextureBinding> texture_bindings;  ///< one per samplers entry

  /// Binds everything the program uses (storage and uniform blocks, atomic counter buffers,
  /// images, samplers) for a dispatch; throws glc::Error naming the first thing left unbound,
  /// destroyed, or bound in a way that cannot work (two blocks on one binding, two buffers).
  void apply_all_bindings() const;
  /// Binds every storage block's buffer to its binding point; throws for a missing or dead buffer.
  void apply_bindings() const;
  void apply_uniform_block_bindings() const;
  void apply_atomic_bindings() const;
  /// Binds every image's texture (whole, or one layer) to its image unit; throws for an image
  /// type glcompute cannot bind, a missing or dead texture, or two images on one unit that
  /// disagree.
  void apply_image_bindings() const;
  /// Binds every sampler's texture and sampler object to its texture unit; throws for a
  /// sampler type glcompute cannot bind, a missing or dead texture, a unit beyond the driver's
  /// GL_MAX_COMPUTE_TEXTURE_IMAGE_UNITS, or two samplers on one unit that disagree.
  void apply_texture_bindings() const;
  /// Keeps an image's or sampler's unit in step with Program::set on its uniform.
  void note_uniform_set(const UniformInfo& uniform, const void* data, std::size_t count);
};

/// Makes `program` the current program unless it already is. glUseProgram costs about 0.8 us
/// of GPU time per call on an NVIDIA H100 even when nothing changes (a one-group dispatch
/// with its barrier: 3.7 us with it, 2.9 us without), while asking which program is current
/// costs nothing measurable. Asking GL rather than remembering keeps a user's own
/// glUseProgram calls between glcompute calls harmless.
inline void use_program(GLuint program) {
  GLint current = 0;
  glGetIntegerv(GL_CURRENT_PROGRAM, &current);
  if (static_cast<GLuint>(current) != program) glUseProgram(program);
}

/// Reads work group size, storage and uniform blocks, atomic counter buffers and default-block
/// uniforms of a linked program.
ProgramInterface reflect_program(GLuint program);
/// Uniform blocks and atomic counter buffers (program/block_reflection.cpp), and where the
/// members of storage block `blocks[i]` end.
void reflect_blocks(GLuint program, ProgramInterface& interface);

/// Throws "Program::dispatch (name): <what> has no <thing> bound; <how>".
[[noreturn]] void throw_unbound(const ProgramState& s, const std::string& what, const char* thing,
                                const std::string& how);

/// The image uniforms among `uniforms` (named: after SPIR-V naming), with their units.
/// `glsl`, the program's preprocessed source, tells their formats and memory qualifiers.
std::vector<ImageInfo> reflect_images(GLuint program, const std::vector<UniformInfo>& uniforms,
                                      std::string_view glsl);

/// The sampler uniforms among `uniforms`, with their texture units (program/program_textures.cpp).
std::vector<SamplerInfo> reflect_samplers(GLuint program, const std::vector<UniformInfo>& uniforms);

/// Preprocesses, compiles and links `source`. Throws glc::ShaderError.
/// `identity`, where given, names everything preprocessing would produce (the library's own
/// kernels: their embedded sources and defines), and the program cache is keyed by it instead:
/// a hit then skips preprocessing, whose first use in a process (shaderc setting up glslang's
/// built-in symbol tables) costs more than the load itself.
std::shared_ptr<ProgramState> build_program(const std::shared_ptr<ContextState>& context,
                                            const Source& source, const CompileOptions& options,
                                            std::string_view identity = {});

}  // namespace glc::detail
