#pragma once
// Reads the limits shaderc checks shaders against from the current GL context. Internal.

#include <algorithm>
#include <cstdint>

#include "glcompute/context_info.hpp"
#include "shader/spirv/shader_limits.hpp"

namespace glc::detail {

/// The current context's limits; needs the context current.
ShaderLimits query_shader_limits(const ComputeLimits& compute);

}  // namespace glc::detail
