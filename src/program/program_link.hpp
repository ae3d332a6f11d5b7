#pragma once
// Compiling and linking one compute shader, from GLSL text or a SPIR-V module, and the checks
// that come first on the SPIR-V path. Internal.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <glad/gl.h>

#include "glcompute/context_info.hpp"
#include "glcompute/error.hpp"
#include "program/program_cache.hpp"
#include "program/program_state.hpp"
#include "shader/specialization.hpp"

namespace glc::detail {

/// The work group limits resolve_constants checks a shader's local size against.
inline WorkGroupLimits work_group_limits(const ComputeLimits& limits) {
  return {limits.max_work_group_size, limits.max_work_group_invocations};
}

/// What reaches the driver: specialized GLSL, or a module and its entry point.
struct ProgramText {
  const std::string* glsl = nullptr;
  std::optional<std::span<const std::uint32_t>> spirv;
  std::string entry = "main";
  /// Added to the driver's messages where compiling fails (see version_note).
  std::optional<Diagnostic> note;
};

/// Compiles and links `text`; `files` map the driver's messages back to the sources. Throws
/// glc::ShaderError. `cache` prepares the program for glGetProgramBinary.
GLuint link_program(const ProgramText& text, const std::vector<std::string>& files,
                    const SpecializationValues& values, const ProgramCache* cache);

/// Source::spirv: reads and checks the module, then builds it on the SPIR-V path
/// (program/spirv_source.cpp).
std::shared_ptr<ProgramState> build_from_module(const std::shared_ptr<ContextState>& context,
                                                const Source& source, const CompileOptions& options);

/// The module a Source::spirv holds (read from its file where it has one) once checked: the
/// SPIR-V validator's rules for OpenGL 4.5, a GLCompute entry point. Words in the other byte
/// order are swapped. Throws glc::ShaderError naming the source.
std::vector<std::uint32_t> load_module(const Source& source);

/// Context::compile_to_spirv.
std::vector<std::uint32_t> compile_to_spirv(const std::shared_ptr<ContextState>& context, const Source& source,
                                            const CompileOptions& options);

/// On the SPIR-V path array lengths set by specialization constants are not checked by the
/// driver (the GLSL path's compiler reports an empty array at its line): throws
/// glc::ShaderError for an array that `values` make empty or negative, or that then runs into
/// the next member of its block, located at the constant's declaration in `glsl` (for a
/// module without source, `glsl` is empty and the module is named).
void check_specialized_arrays(std::span<const std::uint32_t> module, const SpecializationValues& values,
                              const ShaderConstants& declared, const std::string& glsl,
                              const std::vector<std::string>& files);

}  // namespace glc::detail
