#pragma once
// The SPIR-V validator (SPIRV-Tools) on modules glcompute did not compile itself, before any
// driver sees them: a driver given an invalid module may crash instead of failing. Internal.

#include <cstdint>
#include <span>
#include <string>

namespace glc::detail {

/// Empty if `words` is a valid module for OpenGL 4.5 (SPIR-V 1.0, ARB_gl_spirv's rules), else
/// the validator's first message.
std::string validate_spirv(std::span<const std::uint32_t> words);

}  // namespace glc::detail
