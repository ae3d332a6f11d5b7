#pragma once
// One interface for a shader on both compile paths: what GL reports about a linked program,
// completed from the shader's SPIR-V module where GL tells less than the shader declares.
// - ShaderPath::spirv: drivers may give no names (Mesa gives none) and drop blocks the code
//   never reads; the module names blocks (by binding), uniforms (by location) and atomic
//   counters (by binding), and adds the blocks the driver dropped.
// - Both paths: a struct or array uniform the shader reads is listed whole, at its declared
//   size (the GLSL path trims an array's unread tail and drops unread elements of arrays of
//   structs), with the elements GL keeps noted so that no value lands past them.
// Internal.

#include <string>
#include <vector>

#include <glad/gl.h>

#include "program/program_state.hpp"
#include "shader/spirv/spirv_reflect.hpp"

namespace glc::detail {

/// Completes `interface` from `module` as above. `spirv_path`: the program was built from the
/// module (names, dropped blocks); otherwise from GLSL (GL's names stand).
void complete_from_spirv(ProgramInterface& interface, const SpirvInterface& module, bool spirv_path);

/// Throws a glc::ShaderError naming `name` where the driver `vendor` (GL_VENDOR) is known to
/// run the module wrong: NVIDIA (580) counts every element of an array of atomic counters in
/// the first on this path (`atomicCounterIncrement(tally[1])` adds to tally[0]; measured on
/// an H100), so such a module is refused there, pointing to ShaderPath::glsl, which counts right.
void refuse_known_driver_faults(const SpirvInterface& module, const std::string& vendor, const std::string& name);

/// Formats and memory qualifiers of `images` from the module (exact on both paths; the only
/// source for a Source::spirv, which has no GLSL text).
void complete_images(std::vector<ImageInfo>& images, const SpirvInterface& module);

}  // namespace glc::detail
