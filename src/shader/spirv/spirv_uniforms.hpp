#pragma once
// Default-block uniforms of a SPIR-V module, flattened into the entries GL lists: one per
// basic-typed leaf (a scalar, vector or matrix, or an array of one) and per opaque uniform,
// named as GL names them, at the locations GL gives them. In SPIR-V for OpenGL a uniform
// variable has one Location; its leaves take consecutive locations in declaration order, one
// per leaf and, for an array of a basic type, one per element (ARB_gl_spirv, "Uniform
// Locations"). Internal.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "shader/spirv/spirv_layout.hpp"
#include "shader/spirv/spirv_reflect.hpp"

namespace glc::detail::spirv {

class UniformFlattener {
 public:
  UniformFlattener(const Layout& layout, std::vector<SpirvUniform>& out) : layout_(layout), out_(out) {}

  /// Adds the leaves of UniformConstant variable `v` of type `type`, the `index`th variable.
  void add(const Variable& v, std::uint32_t type, std::size_t index);

 private:
  /// Adds the leaves of a value of `type` named `name` at `location` (-1: none); returns the
  /// locations they take.
  std::uint64_t flatten(std::uint32_t type, const std::string& name, std::int64_t location, int depth);
  /// Fills in `u`'s type from basic or opaque type `type`; false if it is neither.
  bool describe(std::uint32_t type, SpirvUniform& u) const;

  const Layout& layout_;
  std::vector<SpirvUniform>& out_;
  SpirvUniform variable_;  ///< what the leaves of the current variable share
  std::size_t visits_ = 0;
};

}  // namespace glc::detail::spirv
