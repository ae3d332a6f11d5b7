#pragma once
// The library's one shaderc compiler. Internal.

#include <shaderc/shaderc.hpp>

namespace glc::detail {

/// shaderc's compiler for preprocessing (preprocess.cpp) and the SPIR-V path
/// (spirv/spirv_compile.cpp): created on first use, safe to use from several threads at once.
const shaderc::Compiler& shaderc_compiler();

}  // namespace glc::detail
