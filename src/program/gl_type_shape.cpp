#include "program/gl_type_shape.hpp"

#include <glad/gl.h>

namespace glc::detail {
namespace {

struct Entry {
  unsigned gl_type;
  SpirvScalar scalar;
  unsigned rows, columns;
};

constexpr SpirvScalar F = SpirvScalar::float32, D = SpirvScalar::float64, I = SpirvScalar::int32,
                      U = SpirvScalar::uint32, B = SpirvScalar::boolean;

// GL's basic types by scalar kind and shape (rows: vector size; columns: 0 for non-matrices).
constexpr Entry kTypes[] = {
    {GL_FLOAT, F, 1, 0}, {GL_FLOAT_VEC2, F, 2, 0}, {GL_FLOAT_VEC3, F, 3, 0}, {GL_FLOAT_VEC4, F, 4, 0},
    {GL_DOUBLE, D, 1, 0}, {GL_DOUBLE_VEC2, D, 2, 0}, {GL_DOUBLE_VEC3, D, 3, 0}, {GL_DOUBLE_VEC4, D, 4, 0},
    {GL_INT, I, 1, 0}, {GL_INT_VEC2, I, 2, 0}, {GL_INT_VEC3, I, 3, 0}, {GL_INT_VEC4, I, 4, 0},
    {GL_UNSIGNED_INT, U, 1, 0}, {GL_UNSIGNED_INT_VEC2, U, 2, 0}, {GL_UNSIGNED_INT_VEC3, U, 3, 0},
    {GL_UNSIGNED_INT_VEC4, U, 4, 0}, {GL_BOOL, B, 1, 0}, {GL_BOOL_VEC2, B, 2, 0},
    {GL_BOOL_VEC3, B, 3, 0}, {GL_BOOL_VEC4, B, 4, 0},
    {GL_FLOAT_MAT2, F, 2, 2}, {GL_FLOAT_MAT3, F, 3, 3}, {GL_FLOAT_MAT4, F, 4, 4},
    {GL_FLOAT_MAT2x3, F, 3, 2}, {GL_FLOAT_MAT2x4, F, 4, 2}, {GL_FLOAT_MAT3x2, F, 2, 3},
    {GL_FLOAT_MAT3x4, F, 4, 3}, {GL_FLOAT_MAT4x2, F, 2, 4}, {GL_FLOAT_MAT4x3, F, 3, 4},
    {GL_DOUBLE_MAT2, D, 2, 2}, {GL_DOUBLE_MAT3, D, 3, 3}, {GL_DOUBLE_MAT4, D, 4, 4},
    {GL_DOUBLE_MAT2x3, D, 3, 2}, {GL_DOUBLE_MAT2x4, D, 4, 2}, {GL_DOUBLE_MAT3x2, D, 2, 3},
    {GL_DOUBLE_MAT3x4, D, 4, 3}, {GL_DOUBLE_MAT4x2, D, 2, 4}, {GL_DOUBLE_MAT4x3, D, 3, 4},
};

}  // namespace

std::optional<TypeShape> basic_shape(unsigned gl_type) {
  for (const Entry& e : kTypes) {
    if (e.gl_type == gl_type) return TypeShape{e.scalar == D ? 8u : 4u, e.rows, e.columns};
  }
  return std::nullopt;
}

unsigned gl_basic_type(SpirvScalar scalar, std::uint32_t components, std::uint32_t columns) {
  for (const Entry& e : kTypes) {
    if (e.scalar == scalar && e.rows == components && e.columns == columns) return e.gl_type;
  }
  return 0;
}

std::uint64_t member_extent(unsigned gl_type, std::int64_t array_size, std::int64_t array_stride,
                            std::int64_t matrix_stride, bool row_major) {
  const std::optional<TypeShape> shape = basic_shape(gl_type);
  if (!shape) return 0;
  std::uint64_t one = std::uint64_t{shape->scalar_bytes} * shape->rows;
  if (shape->columns != 0 && matrix_stride > 0) {
    const std::uint64_t lines = row_major ? shape->rows : shape->columns;
    const std::uint64_t per_line = row_major ? shape->columns : shape->rows;
    one = (lines - 1) * static_cast<std::uint64_t>(matrix_stride) + per_line * shape->scalar_bytes;
  }
  if (array_size <= 1 || array_stride <= 0) return one;
  return static_cast<std::uint64_t>(array_size - 1) * static_cast<std::uint64_t>(array_stride) + one;
}

}  // namespace glc::detail
