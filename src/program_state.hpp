#pragma once
// A linked program and what is bound to it. Internal.

#include <memory>
#include <string>
#include <vector>

#include <glad/gl.h>

#include "context_state.hpp"
#include "glcompute/program.hpp"

namespace glc::detail {

/// A buffer range attached to one storage block; weak so a destroyed buffer is detected.
struct BlockBinding {
  bool set = false;
  std::weak_ptr<BufferStorage> buffer;
  std::size_t offset = 0;
  std::size_t size = 0;
};

/// What the driver reports about a linked program.
struct ProgramInterface {
  std::array<std::uint32_t, 3> local_size{};
  std::vector<StorageBlockInfo> blocks;
  std::vector<UniformInfo> uniforms;
  /// glMemoryBarrier bits a dispatch needs after earlier shader writes: storage buffers always,
  /// plus textures and images, uniform blocks and atomic counters where the program uses them.
  GLbitfield barrier_bits = kStorageBarrierBits;
};

class ProgramState {
 public:
  ProgramState(std::shared_ptr<ContextState> context, GLuint id, std::string name,
               ProgramInterface interface);
  ~ProgramState();
  ProgramState(const ProgramState&) = delete;
  ProgramState& operator=(const ProgramState&) = delete;

  const std::shared_ptr<ContextState> context;
  const GLuint id;
  const std::string name;  ///< the source's name, for messages
  const ProgramInterface interface;
  std::vector<BlockBinding> bindings;  ///< one per interface.blocks entry

  /// Binds every block's buffer to its binding point; throws for a missing or dead buffer.
  void apply_bindings() const;
};

/// Reads work group size, storage blocks and default-block uniforms of a linked program.
ProgramInterface reflect_program(GLuint program);

/// Preprocesses, compiles and links `source`. Throws glc::ShaderError.
std::shared_ptr<ProgramState> build_program(const std::shared_ptr<ContextState>& context,
                                            const Source& source, const CompileOptions& options);

}  // namespace glc::detail
