#pragma once
// Reads the interface of a SPIR-V compute module: storage blocks (name, binding, layout) and
// default-block uniforms (name, location). GL drivers may report no names for programs made
// from SPIR-V (ARB_gl_spirv makes them optional; Mesa drops them), yet Program::bind and set
// work by name. The module comes from shaderc here, but the parser trusts nothing in it: every
// read is bounds-checked and a malformed module is a glc::Error. Internal.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shader/specialization_values.hpp"

namespace glc::detail {

struct SpirvBlock {
  std::string name;  ///< the block's type name (`buffer Name { ... }`), as GL names blocks
  std::uint32_t binding = 0;
  std::uint64_t fixed_bytes = 0;   ///< bytes before a trailing runtime array (all bytes if none)
  std::uint64_t array_stride = 0;  ///< the trailing runtime array's stride; 0 if none
};

struct SpirvUniform {
  std::string name;
  std::int32_t location = -1;
  /// A depth-comparison sampler (sampler2DShadow...): Mesa reports these as plain samplers
  /// for SPIR-V programs, since SPIR-V moves the comparison into the sampling instruction.
  bool shadow = false;
};

struct SpirvInterface {
  std::vector<SpirvBlock> storage_blocks;  ///< in declaration order
  std::vector<SpirvUniform> uniforms;      ///< default-block variables with a Location
};

/// Whether `reported`, a name a GL driver gives a resource of a SPIR-V program, stands for the
/// module's `declared` name. NVIDIA (580) renames variables that share a name with a GLSL
/// built-in function: `uniform uint step;` is reported as "step.151". A GLSL name never has a
/// part that starts with a digit, so a suffix of "." and digits is always such a renaming, never
/// a struct member.
bool is_reported_name_of(std::string_view reported, std::string_view declared);

/// Throws glc::Error naming the word offset of the first problem found in a malformed module.
/// `specialization` replaces the defaults of specialization constants, so array sizes given by
/// constants come out as specialized.
SpirvInterface reflect_spirv(std::span<const std::uint32_t> words,
                             const SpecializationValues& specialization = {});

}  // namespace glc::detail
