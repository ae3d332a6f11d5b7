#pragma once
// The SPIR-V path's compile step: shaderc turns the preprocessed GLSL into SPIR-V for OpenGL.
// Internal; loading the module into GL is program/spirv_program.hpp.

#include <cstdint>
#include <vector>

#include "shader/preprocess.hpp"

namespace glc::detail {

/// SPIR-V for OpenGL. Default-block uniforms get locations and bindings assigned in order
/// (GL's SPIR-V has no names to find them by). Throws glc::ShaderError with file:line.
std::vector<std::uint32_t> compile_spirv(const PreprocessedSource& source);

}  // namespace glc::detail
