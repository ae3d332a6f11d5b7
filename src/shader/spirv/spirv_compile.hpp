#pragma once
// The SPIR-V path's compile step: shaderc turns the preprocessed GLSL into SPIR-V for OpenGL.
// Internal; loading the module into GL is program/spirv_program.hpp.

#include <cstdint>
#include <vector>

#include "shader/preprocess.hpp"
#include "shader/spirv/shader_limits.hpp"

namespace glc::detail {

/// SPIR-V for OpenGL, checked against the driver's `limits`. Default-block uniforms get
/// locations and bindings assigned in order (GL's SPIR-V has no names to find them by).
/// Throws glc::ShaderError with file:line.
std::vector<std::uint32_t> compile_spirv(const PreprocessedSource& source, const ShaderLimits& limits);

}  // namespace glc::detail
