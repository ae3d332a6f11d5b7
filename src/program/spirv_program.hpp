#pragma once
// The SPIR-V path in GL: glShaderBinary loads the module (shader/spirv/spirv_compile.hpp made it)
// and glSpecializeShader applies the specialization constants; the module names what GL leaves
// out. Internal.

#include <cstdint>
#include <span>
#include <vector>

#include <glad/gl.h>

#include "program/program_state.hpp"
#include "shader/specialization_values.hpp"

namespace glc::detail {

/// Loads `module` into `shader` and specializes its "main" with `values`. The caller checks
/// GL_COMPILE_STATUS.
void load_spirv(GLuint shader, std::span<const std::uint32_t> module, const SpecializationValues& values);

/// Fills in what GL leaves out on this path (see spirv_reflect.hpp) from the module: names of
/// storage blocks (matched by binding) and uniforms (by location), the layout of trailing
/// arrays of structs, and the types of shadow samplers.
void name_from_spirv(ProgramInterface& interface, std::span<const std::uint32_t> module,
                     const SpecializationValues& values);

}  // namespace glc::detail
