#pragma once
// Reads the interface of a SPIR-V compute module: storage and uniform blocks (name, binding,
// layout), default-block uniforms flattened as GL names them ("params.M", "lights[2].pos"),
// with their locations and declared array sizes, atomic counters, images, specialization
// constants and the work group size. GL drivers may report no names for programs made from
// SPIR-V (ARB_gl_spirv makes them optional; Mesa drops them) and drop blocks the code never
// reads, yet Program::bind and set work by name and on the same interface as the GLSL path.
// The parser trusts nothing in the module: every read is bounds-checked and a malformed module
// is a glc::Error. Internal.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shader/specialization_values.hpp"

namespace glc::detail {

/// A storage block (`buffer Name { ... }`) or uniform block (`uniform Name { ... }`).
struct SpirvBlock {
  std::string name;  ///< the block's type name (`buffer Name { ... }`), as GL names blocks
  std::uint32_t binding = 0;
  /// Bytes before a trailing runtime array; without one, all bytes rounded up as GL pads a
  /// block (std430: to the block's alignment; uniform blocks, std140: to 16).
  std::uint64_t fixed_bytes = 0;
  std::uint64_t array_stride = 0;  ///< the trailing runtime array's stride; 0 if none
  std::uint64_t members_end = 0;   ///< where the members before a trailing array end
  bool used = false;               ///< the functions read or write it
};

/// The scalar kind of a basic uniform type.
enum class SpirvScalar { none, boolean, int32, uint32, float32, float64 };

/// One uniform of the default block as GL lists it: a basic type or an array of one, or an
/// opaque type (sampler, image). Struct variables give one entry per member, arrays of structs
/// one per element and member.
struct SpirvUniform {
  std::string name;          ///< "a", "params.M", "lights[2].pos", "w" (arrays without "[0]")
  std::int32_t location = -1;
  std::uint32_t array_size = 1;  ///< declared, specialized; 1 for non-arrays
  /// A basic type: scalar kind, vector size (1 for scalars) and matrix columns (0 if none).
  SpirvScalar scalar = SpirvScalar::none;
  std::uint32_t components = 1, columns = 0;
  /// A depth-comparison sampler (sampler2DShadow...): Mesa reports these as plain samplers
  /// for SPIR-V programs, since SPIR-V moves the comparison into the sampling instruction.
  bool shadow = false;
  std::size_t variable = 0;  ///< index of the variable it belongs to, in declaration order
  bool used = false;         ///< the functions use the variable
  // Images (OpTypeImage with Sampled = 2):
  bool image = false;
  std::string format;  ///< the format qualifier ("rgba32f"); empty for Unknown
  bool readonly = false, writeonly = false;
  std::optional<std::uint32_t> binding;  ///< the unit, where decorated
};

/// An `atomic_uint` (or an array of them).
struct SpirvAtomicCounter {
  std::string name;
  std::uint32_t binding = 0, offset = 0, array_size = 1;
  bool used = false;
};

struct SpirvInterface {
  std::vector<SpirvBlock> storage_blocks;  ///< in declaration order
  std::vector<SpirvBlock> uniform_blocks;
  std::vector<SpirvUniform> uniforms;      ///< default-block variables with a Location, flattened
  std::vector<SpirvAtomicCounter> atomic_counters;
};

/// A specialization constant the module declares.
struct SpirvConstant {
  std::uint32_t spec_id = 0;
  std::string name;
  std::string type;  ///< "bool", "int", "uint", "float", or "other"
};

/// What loading a module needs before its interface: the entry point, the specialization
/// constants and the work group size.
struct SpirvEntry {
  std::string entry_point;  ///< the GLCompute entry point's name; empty if there is none
  std::vector<SpirvConstant> constants;
  std::array<std::optional<std::uint32_t>, 3> local_size_ids;  ///< SpecIds of x, y, z
  std::array<std::uint32_t, 3> local_size{1, 1, 1};          ///< defaults (OpExecutionMode)
  /// What only Vulkan has (push constants, descriptor sets other than 0), described; the
  /// validator lets such modules through for OpenGL, and drivers load them with the push
  /// constants silently zero.
  std::vector<std::string> vulkan_only;
};

/// An array whose length depends on specialization constants and comes out below 1, or a
/// block member that such an array runs into (member offsets are fixed when SPIR-V is
/// compiled, only array lengths change): reported, with the SpecIds involved, so that the
/// caller can locate them in the source.
struct SpirvArrayProblem {
  std::string message;
  std::vector<std::uint32_t> spec_ids;
};

/// Whether `reported`, a name a GL driver gives a resource of a SPIR-V program, stands for the
/// module's `declared` name. NVIDIA (580) renames variables that share a name with a GLSL
/// built-in function: `uniform uint step;` is reported as "step.151". A GLSL name never has a
/// part that starts with a digit, so a suffix of "." and digits is always such a renaming, never
/// a struct member.
bool is_reported_name_of(std::string_view reported, std::string_view declared);

/// Throws glc::Error naming the word offset of the first problem found in a malformed module.
SpirvInterface reflect_spirv(std::span<const std::uint32_t> words,
                             const SpecializationValues& specialization = {});

/// The entry point, constants and work group size. Throws glc::Error for a malformed module.
SpirvEntry inspect_spirv(std::span<const std::uint32_t> words);

/// Arrays sized by specialization constants that `specialization` makes empty or negative, and
/// block members they then overlap. Throws glc::Error for a malformed module.
std::vector<SpirvArrayProblem> check_spirv_arrays(std::span<const std::uint32_t> words,
                                                  const SpecializationValues& specialization);

}  // namespace glc::detail
