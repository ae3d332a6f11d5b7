#include "program/spirv_program.hpp"

#include "context/gl_loader.hpp"

namespace glc::detail {

void load_spirv(GLuint shader, std::span<const std::uint32_t> module, const SpecializationValues& values,
                const std::string& entry) {
  glShaderBinary(1, &shader, GL_SHADER_BINARY_FORMAT_SPIR_V_ARB, module.data(),
                 static_cast<GLsizei>(module.size_bytes()));
  std::vector<GLuint> ids, data;
  for (const auto& [id, bits] : values) {
    ids.push_back(id);
    data.push_back(bits);
  }
  // GL 4.6 has it in core; a 4.5 driver with ARB_gl_spirv has only the extension's entry point
  // (every entry point is loaded, so the context's version decides: context/gl_loader.hpp).
  const auto specialize = current_context_version() >= 46 ? glad_glSpecializeShader : glad_glSpecializeShaderARB;
  specialize(shader, entry.c_str(), static_cast<GLuint>(ids.size()), ids.data(), data.data());
}

}  // namespace glc::detail
