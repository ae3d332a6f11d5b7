#pragma once
// The SPIR-V path: shaderc compiles the preprocessed GLSL for OpenGL, glShaderBinary loads it
// and glSpecializeShader applies the specialization constants. Internal.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <glad/gl.h>

#include "shader/preprocess.hpp"
#include "program/program_state.hpp"
#include "shader/specialization.hpp"

namespace glc::detail {

/// SPIR-V for OpenGL. Default-block uniforms get locations and bindings assigned in order
/// (GL's SPIR-V has no names to find them by). Throws glc::ShaderError with file:line.
std::vector<std::uint32_t> compile_spirv(const PreprocessedSource& source);

/// Loads `module` into `shader` and specializes its "main" with `values`. The caller checks
/// GL_COMPILE_STATUS.
void load_spirv(GLuint shader, std::span<const std::uint32_t> module, const SpecializationValues& values);

/// Fills in what GL leaves out on this path (see spirv_reflect.hpp) from the module: names of
/// storage blocks (matched by binding) and uniforms (by location), the layout of trailing
/// arrays of structs, and the types of shadow samplers.
void name_from_spirv(ProgramInterface& interface, std::span<const std::uint32_t> module,
                     const SpecializationValues& values);

}  // namespace glc::detail
