#pragma once
// Specialization constants and local_size_*_id: found in the preprocessed GLSL
// (specialization_declarations.cpp), checked against CompileOptions (specialization_values.cpp),
// then handed to glSpecializeShader (SPIR-V path) or written into the source (GLSL path, where GL
// has no constant_id: specialize_glsl.cpp). Internal.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "glcompute/error.hpp"
#include "glcompute/source.hpp"
#include "shader/specialization_values.hpp"

namespace glc::detail {

/// The axes of a work group, as GLSL names them (local_size_x ...).
inline constexpr const char* kLocalSizeAxes[3] = {"x", "y", "z"};

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

/// The driver's limits a specialized work group size is checked against
/// (ComputeLimits::max_work_group_size and max_work_group_invocations; 0 is unknown).
struct WorkGroupLimits {
  std::array<std::uint32_t, 3> max_size{};
  std::uint32_t max_invocations = 0;
};

/// Finds the declarations in preprocessed GLSL (PreprocessedSource::glsl and files). Throws
/// glc::ShaderError, located at the declaration, for one it cannot read.
ShaderConstants find_constants(const std::string& glsl, const std::vector<std::string>& files);

/// Checks `options` against the declarations (ids, names, types, finite floats, the work group
/// size against `limits`) and returns the values to apply. Throws glc::ShaderError.
SpecializationValues resolve_constants(const ShaderConstants& declared, const CompileOptions& options,
                                       const WorkGroupLimits& limits, const std::string& source_name);

/// The GLSL path: drops every constant_id / local_size_*_id qualifier (GL's GLSL has none) and
/// writes the values into the declarations. Line breaks are kept, so #line mapping still holds.
std::string specialize_glsl(std::string glsl, const ShaderConstants& declared,
                            const SpecializationValues& values);

/// The SPIR-V path: `expanded` (PreprocessedSource::expanded, line for line the text `glsl` that
/// `declared` was found in) with each specialized constant's default replaced by its value, the
/// constant_id qualifiers kept. glslang then sizes arrays by the values and gives the default
/// block's uniforms locations that do not overlap once GL specializes the module (with the
/// defaults, `uniform float a[N]; uniform float b;` would put b inside a larger a).
std::string with_specialized_defaults(std::string expanded, const std::string& glsl,
                                      const ShaderConstants& declared, const SpecializationValues& values);

/// The file and line of `offset` in preprocessed text (PreprocessedSource::glsl), from its
/// `#line N K` markers, as a diagnostic with `message`.
Diagnostic locate_in_preprocessed(const std::string& text, std::size_t offset,
                                  const std::vector<std::string>& files, std::string message);

}  // namespace glc::detail
