#include "program/spirv_program.hpp"

#include "context/gl_names.hpp"
#include "shader/spirv/spirv_reflect.hpp"

namespace glc::detail {
namespace {

/// The module's block for a block GL reports: by name where GL gives one, else by binding.
std::size_t match_block(const StorageBlockInfo& block, const std::vector<SpirvBlock>& reflected,
                        const std::vector<bool>& used) {
  for (std::size_t i = 0; i < reflected.size(); ++i) {
    if (used[i]) continue;
    if (block.name.empty() ? reflected[i].binding == block.binding : is_reported_name_of(block.name, reflected[i].name)) {
      return i;
    }
  }
  return reflected.size();
}

/// Names, and the layout of trailing arrays: for arrays of structs Mesa reports neither the
/// array's offset nor its stride on this path, while the module's Offset and ArrayStride
/// decorations are exact. GL keeps the size of blocks without one (drivers pad it their way).
void complete_blocks(std::vector<StorageBlockInfo>& blocks, const std::vector<SpirvBlock>& reflected) {
  std::vector<bool> used(reflected.size(), false);
  for (StorageBlockInfo& block : blocks) {
    const std::size_t i = match_block(block, reflected, used);
    if (i == reflected.size()) continue;
    used[i] = true;
    block.name = reflected[i].name;
    if (reflected[i].array_stride != 0) {
      block.fixed_bytes = reflected[i].fixed_bytes;
      block.array_stride = reflected[i].array_stride;
    }
  }
}

/// The depth-comparison variant of a sampler type (GL_SAMPLER_2D -> GL_SAMPLER_2D_SHADOW).
GLenum shadow_type(GLenum type) {
  switch (type) {
    case GL_SAMPLER_1D: return GL_SAMPLER_1D_SHADOW;
    case GL_SAMPLER_2D: return GL_SAMPLER_2D_SHADOW;
    case GL_SAMPLER_1D_ARRAY: return GL_SAMPLER_1D_ARRAY_SHADOW;
    case GL_SAMPLER_2D_ARRAY: return GL_SAMPLER_2D_ARRAY_SHADOW;
    case GL_SAMPLER_CUBE: return GL_SAMPLER_CUBE_SHADOW;
    case GL_SAMPLER_CUBE_MAP_ARRAY: return GL_SAMPLER_CUBE_MAP_ARRAY_SHADOW;
    case GL_SAMPLER_2D_RECT: return GL_SAMPLER_2D_RECT_SHADOW;
    default: return type;
  }
}

void complete_uniforms(std::vector<UniformInfo>& uniforms, const std::vector<SpirvUniform>& reflected) {
  for (UniformInfo& uniform : uniforms) {
    for (const SpirvUniform& r : reflected) {
      if (r.location != uniform.location) continue;
      if (uniform.name.empty() || is_reported_name_of(uniform.name, r.name)) uniform.name = r.name;
      if (r.shadow && shadow_type(uniform.gl_type) != uniform.gl_type) {
        uniform.gl_type = shadow_type(uniform.gl_type);
        uniform.type_name = glsl_type_name(uniform.gl_type);
      }
    }
  }
}

}  // namespace

void load_spirv(GLuint shader, std::span<const std::uint32_t> module, const SpecializationValues& values) {
  glShaderBinary(1, &shader, GL_SHADER_BINARY_FORMAT_SPIR_V_ARB, module.data(),
                 static_cast<GLsizei>(module.size_bytes()));
  std::vector<GLuint> ids, data;
  for (const auto& [id, bits] : values) {
    ids.push_back(id);
    data.push_back(bits);
  }
  // GL 4.6 has it in core; a 4.5 driver with ARB_gl_spirv has only the extension's entry point.
  const auto specialize = glad_glSpecializeShader != nullptr ? glad_glSpecializeShader : glad_glSpecializeShaderARB;
  specialize(shader, "main", static_cast<GLuint>(ids.size()), ids.data(), data.data());
}

void name_from_spirv(ProgramInterface& interface, std::span<const std::uint32_t> module,
                     const SpecializationValues& values) {
  const SpirvInterface reflected = reflect_spirv(module, values);
  complete_blocks(interface.blocks, reflected.storage_blocks);
  complete_uniforms(interface.uniforms, reflected.uniforms);
}

}  // namespace glc::detail
