#pragma once
// The values a program's specialization constants get, as GL takes them. Internal.

#include <cstdint>
#include <utility>
#include <vector>

#include "glcompute/source.hpp"

namespace glc::detail {

/// Constant id -> 32-bit value (a float's bits, a bool as 0/1), sorted by id: what
/// glSpecializeShader takes, what the GLSL path writes into the source, and what SPIR-V
/// reflection applies to array sizes given by constants.
using SpecializationValues = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

/// "bool", "int", "uint" or "float": the GLSL type a SpecValue holds.
const char* spec_value_type(const SpecValue& value);
/// A SpecValue as glSpecializeShader takes it: a float's bits, a bool as 0 or 1.
std::uint32_t spec_value_bits(const SpecValue& value);

}  // namespace glc::detail
