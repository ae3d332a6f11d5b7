#pragma once
// Which path (GLSL or SPIR-V) a program is built on, and the canonical text of the options
// that shape a program. Internal.

#include <string>

#include "glcompute/context_info.hpp"
#include "glcompute/source.hpp"

namespace glc::detail {

/// `requested`, or for ShaderPath::automatic: GLCOMPUTE_SHADER_PATH (glsl|spirv) where set, else
/// the path measured faster on this driver. Never returns automatic. Throws glc::Error for
/// spirv where the driver lacks ARB_gl_spirv, and for an unknown GLCOMPUTE_SHADER_PATH.
ShaderPath resolve_shader_path(const ContextInfo& info, ShaderPath requested);

/// "glsl" or "spirv" ("automatic" for the unresolved value).
const char* shader_path_name(ShaderPath path);

/// Everything in `options` that changes the program built from a given source, with the path
/// as resolved, as one string: equal strings mean equal programs. Defines and include
/// directories keep their order (it matters); constants are listed by id or name with their
/// type and bits. For keys of a program cache.
std::string canonical_options(const CompileOptions& options, ShaderPath resolved);

}  // namespace glc::detail
