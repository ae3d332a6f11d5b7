#pragma once
// `glcompute compile` and `glcompute info`: the commands that only look.

#include "command_args.hpp"

namespace glc::cli {

/// Compiles the shader and prints its interface. Throws UsageError, glc::ShaderError or
/// glc::Error.
void compile_shader(const CompileArgs& args);

/// Prints what ContextInfo::to_string says about a new context. Throws UsageError or glc::Error.
void print_info(const InfoArgs& args);

}  // namespace glc::cli
