#pragma once
// The SPIR-V path in GL: glShaderBinary loads the module (shader/spirv/spirv_compile.hpp made it)
// and glSpecializeShader applies the specialization constants; the module names what GL leaves
// out (program/spirv_interface.hpp). Internal.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <glad/gl.h>

#include "shader/specialization_values.hpp"

namespace glc::detail {

/// Loads `module` into `shader` and specializes its entry point `entry` with `values`. The
/// caller checks GL_COMPILE_STATUS.
void load_spirv(GLuint shader, std::span<const std::uint32_t> module, const SpecializationValues& values,
                const std::string& entry = "main");

}  // namespace glc::detail
