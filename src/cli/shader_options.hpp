#pragma once
// The options run and compile share, checked and turned into the library's option structs.

#include <filesystem>

#include <glcompute/context.hpp>
#include <glcompute/source.hpp>

#include "command_args.hpp"

namespace glc::cli {

/// --device and --backend as ContextOptions. Throws UsageError.
ContextOptions context_options(const ContextArgs& args);

/// -I, --define, --specialize, --local-size and --path as CompileOptions. Throws UsageError.
/// --specialize values are GLSL literals, whose form gives their type as in GLSL: 5 (int),
/// 5u (uint), 1.5 or 1e3 (float), true / false (bool).
CompileOptions compile_options(const ShaderArgs& args);

/// The shader file as a Source: a SPIR-V module where its name ends in .spv (as
/// `glcompute compile --spirv` and `glslc --target-env=opengl` write them), else GLSL. A missing
/// file is reported by the compile, as glc::Error.
Source shader_source(const std::string& shader);

}  // namespace glc::cli
