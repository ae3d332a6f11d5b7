#pragma once
// `--set NAME=VALUE`: the value read as the uniform's GLSL type, which reflection gives
// (UniformInfo::type_name). Scalars are one number (bool: true, false, 1 or 0); vectors and
// matrices their components separated by commas ("1,2,3"; matrices column by column, as GLSL's
// constructors take them), optionally in brackets; arrays the components of one element after
// another, for the first elements or all of them.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <glcompute/program.hpp>

namespace glc::cli {

/// A uniform's values, ready for Program::set.
struct UniformValue {
  std::string name;
  std::string type_name;        ///< GLSL spelling, "vec3"
  std::size_t elements = 1;     ///< how many array elements are given (1 for a non-array)
  std::vector<std::byte> data;  ///< the components as float, double, int32, uint32 or bool
};

/// Reads `text` as a value of `uniform`. Throws UsageError naming the uniform and its type
/// ("uniform 'n' is uint: '-1' is not a uint (0 to 4294967295)"), also for types that cannot
/// be set from the command line (samplers and images).
UniformValue parse_uniform_value(const UniformInfo& uniform, std::string_view text);

/// Sets it on `program` (Program::set with the matching C++ type).
void set_uniform(Program& program, const UniformValue& value);

}  // namespace glc::cli
