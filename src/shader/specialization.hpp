#pragma once
// Specialization constants and local_size_*_id: found in the preprocessed GLSL, checked against
// CompileOptions, then handed to glSpecializeShader (SPIR-V path) or written into the source
// (GLSL path, where GL has no constant_id). Internal.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "glcompute/context_info.hpp"
#include "glcompute/source.hpp"

namespace glc::detail {

/// `layout(constant_id = id) const type name = default;`, located in the preprocessed text.
struct DeclaredConstant {
  std::uint32_t id = 0;
  std::string type;  ///< GLSL spelling: "bool", "int", "uint", "float", or another type
  std::string name;
  std::size_t layout_begin = 0, layout_end = 0;    ///< the `layout(...)` qualifier
  std::size_t default_begin = 0, default_end = 0;  ///< the initializer expression
};

/// One `layout(...) in;` statement that names a local_size_*_id.
struct LocalSizeLayout {
  std::size_t begin = 0, end = 0;  ///< the text between the parentheses
  std::vector<std::pair<std::string, std::string>> items;  ///< qualifier = value, in order
};

/// What the preprocessed source declares.
struct ShaderConstants {
  std::vector<DeclaredConstant> constants;
  std::array<std::optional<std::uint32_t>, 3> local_size_ids;  ///< x, y, z
  std::array<std::uint32_t, 3> declared_local_size{1, 1, 1};   ///< for dimensions with an id
  std::vector<LocalSizeLayout> local_size_layouts;
};

/// Constant id -> 32-bit value (a float's bits, a bool as 0/1), sorted by id: what
/// glSpecializeShader takes.
using SpecializationValues = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

/// Finds the declarations in preprocessed GLSL (PreprocessedSource::glsl and files). Throws
/// glc::ShaderError, located at the declaration, for one it cannot read.
ShaderConstants find_constants(const std::string& glsl, const std::vector<std::string>& files);

/// Checks `options` against the declarations (ids, names, types, finite floats, the work group
/// size against `limits`) and returns the values to apply. Throws glc::ShaderError.
SpecializationValues resolve_constants(const ShaderConstants& declared, const CompileOptions& options,
                                       const ComputeLimits& limits, const std::string& source_name);

/// The GLSL path: drops every constant_id / local_size_*_id qualifier (GL's GLSL has none) and
/// writes the values into the declarations. Line breaks are kept, so #line mapping still holds.
std::string specialize_glsl(std::string glsl, const ShaderConstants& declared,
                            const SpecializationValues& values);

/// "bool", "int", "uint" or "float": the GLSL type a SpecValue holds.
const char* spec_value_type(const SpecValue& value);
/// A SpecValue as glSpecializeShader takes it: a float's bits, a bool as 0 or 1.
std::uint32_t spec_value_bits(const SpecValue& value);

}  // namespace glc::detail
