#pragma once
// The shape of GL's basic uniform and buffer-variable types (scalar size, vector size, matrix
// columns), to size block members from GL's reflection and to name the GL type of a SPIR-V
// module's uniforms. Internal.

#include <cstdint>
#include <optional>

#include "shader/spirv/spirv_reflect.hpp"

namespace glc::detail {

struct TypeShape {
  unsigned scalar_bytes = 4;  ///< 4, or 8 for double types
  unsigned rows = 1;          ///< components of a vector, rows of a matrix
  unsigned columns = 0;       ///< columns of a matrix; 0 for scalars and vectors
};

/// The shape of a scalar, vector or matrix type enum (GL_FLOAT_MAT3x2...); nullopt otherwise.
std::optional<TypeShape> basic_shape(unsigned gl_type);

/// The GL type enum of a SPIR-V module's basic uniform; 0 where there is none.
unsigned gl_basic_type(SpirvScalar scalar, std::uint32_t components, std::uint32_t columns);

/// Where a block member ends past its offset: its elements (array_stride apart) with the last
/// one's extent (matrix_stride between columns, or rows where row-major).
std::uint64_t member_extent(unsigned gl_type, std::int64_t array_size, std::int64_t array_stride,
                            std::int64_t matrix_stride, bool row_major);

}  // namespace glc::detail
