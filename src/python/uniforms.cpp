// Program.set: a Python value converted to the uniform's GLSL type, found by reflection.
//
// The program reports each uniform's GL type; the value is converted to exactly that type
// (float, double, int, uint, bool, their vectors, float and double matrices; an int for samplers
// and images) with the rules of scalars.hpp, and a value that does not fit is a glcompute.Error.

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <glad/gl.h>
#include <glm/glm.hpp>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <glcompute/error.hpp>

#include "dtypes.hpp"
#include "scalars.hpp"
#include "uniforms.hpp"

namespace glc::python {
namespace {

/// What a C++ uniform type T is made of: `count` scalars of `Scalar`, in the shape NumPy users
/// write it: () for scalars, (N,) for vectors, (rows, columns) for matrices.
template <class T> struct UniformShape {
  using Scalar = T;
  static constexpr int rows = 0, columns = 0;  // a scalar
};
template <glm::length_t N, class S, glm::qualifier Q> struct UniformShape<glm::vec<N, S, Q>> {
  using Scalar = S;
  static constexpr int rows = N, columns = 0;  // a vector
};
template <glm::length_t C, glm::length_t R, class S, glm::qualifier Q> struct UniformShape<glm::mat<C, R, S, Q>> {
  using Scalar = S;
  static constexpr int rows = R, columns = C;
};

std::vector<py::ssize_t> element_shape(int rows, int columns) {
  if (rows == 0) return {};
  if (columns == 0) return {rows};
  return {rows, columns};
}

std::string shape_text(const std::vector<py::ssize_t>& shape) {
  return py::repr(py::tuple(py::cast(shape))).cast<std::string>();
}

/// Sets uniform `u` of C++ type T from `value`.
template <class T>
void set_as(Program& program, const UniformInfo& u, const std::string& name, py::handle value) {
  using Shape = UniformShape<T>;
  using S = typename Shape::Scalar;
  const std::string what = "Program.set: uniform '" + name + "'";
  const char* type = u.type_name.c_str();
  if constexpr (Shape::rows == 0) {  // fast path: one Python number for a scalar uniform
    if (is_integer(value) || is_floating(value) || is_bool(value)) {
      program.set(name, static_cast<T>(to_scalar<S>(value, what, type)));
      return;
    }
  }
  const std::vector<py::ssize_t> element = element_shape(Shape::rows, Shape::columns);
  const py::array a = py::module_::import("numpy").attr("asarray")(value);
  const std::vector<py::ssize_t> given = shape_of(a);
  std::size_t count = 0;
  if (given == element) {
    count = 1;
  } else if (given.size() == element.size() + 1 && std::equal(element.begin(), element.end(), given.begin() + 1)) {
    count = static_cast<std::size_t>(given[0]);
  } else {
    throw Error(what + " is " + u.type_name + (u.array_size > 1 ? "[" + std::to_string(u.array_size) + "]" : "") +
                ": needs shape " + shape_text(element) + (u.array_size > 1 ? " or (n, ...) of those" : "") +
                ", got " + shape_text(given));
  }
  constexpr std::size_t per = sizeof(T) / sizeof(S);
  // Arrays, not vectors: std::vector<bool> has no contiguous storage.
  const auto scalars = std::make_unique<S[]>(std::max<std::size_t>(count * per, 1));
  const py::list items = a.attr("ravel")().attr("tolist")();
  // NumPy's order is row-major (rows, columns); GLSL's matrices are column-major.
  for (std::size_t k = 0; k < count; ++k) {
    for (std::size_t i = 0; i < per; ++i) {
      std::size_t to = i;
      if constexpr (Shape::columns != 0) to = (i % Shape::columns) * Shape::rows + i / Shape::columns;
      scalars[k * per + to] = to_scalar<S>(items[k * per + i], what, type);
    }
  }
  const auto values = std::make_unique<T[]>(std::max<std::size_t>(count, 1));
  if (count > 0) std::memcpy(static_cast<void*>(values.get()), scalars.get(), count * sizeof(T));
  program.set(name, std::span<const T>(values.get(), count));
}

using Setter = void (*)(Program&, const UniformInfo&, const std::string&, py::handle);

struct Entry {
  unsigned gl_type;
  Setter setter;
};

// Every GLSL type Program::set takes, by the GL type reflection reports.
const Entry kSetters[] = {
    {GL_FLOAT, &set_as<float>}, {GL_DOUBLE, &set_as<double>}, {GL_INT, &set_as<std::int32_t>},
    {GL_UNSIGNED_INT, &set_as<std::uint32_t>}, {GL_BOOL, &set_as<bool>},
    {GL_FLOAT_VEC2, &set_as<glm::vec2>}, {GL_FLOAT_VEC3, &set_as<glm::vec3>}, {GL_FLOAT_VEC4, &set_as<glm::vec4>},
    {GL_INT_VEC2, &set_as<glm::ivec2>}, {GL_INT_VEC3, &set_as<glm::ivec3>}, {GL_INT_VEC4, &set_as<glm::ivec4>},
    {GL_UNSIGNED_INT_VEC2, &set_as<glm::uvec2>}, {GL_UNSIGNED_INT_VEC3, &set_as<glm::uvec3>},
    {GL_UNSIGNED_INT_VEC4, &set_as<glm::uvec4>},
    {GL_BOOL_VEC2, &set_as<glm::bvec2>}, {GL_BOOL_VEC3, &set_as<glm::bvec3>}, {GL_BOOL_VEC4, &set_as<glm::bvec4>},
    {GL_DOUBLE_VEC2, &set_as<glm::dvec2>}, {GL_DOUBLE_VEC3, &set_as<glm::dvec3>}, {GL_DOUBLE_VEC4, &set_as<glm::dvec4>},
    {GL_FLOAT_MAT2, &set_as<glm::mat2>}, {GL_FLOAT_MAT3, &set_as<glm::mat3>}, {GL_FLOAT_MAT4, &set_as<glm::mat4>},
    {GL_FLOAT_MAT2x3, &set_as<glm::mat2x3>}, {GL_FLOAT_MAT2x4, &set_as<glm::mat2x4>},
    {GL_FLOAT_MAT3x2, &set_as<glm::mat3x2>}, {GL_FLOAT_MAT3x4, &set_as<glm::mat3x4>},
    {GL_FLOAT_MAT4x2, &set_as<glm::mat4x2>}, {GL_FLOAT_MAT4x3, &set_as<glm::mat4x3>},
    {GL_DOUBLE_MAT2, &set_as<glm::dmat2>}, {GL_DOUBLE_MAT3, &set_as<glm::dmat3>}, {GL_DOUBLE_MAT4, &set_as<glm::dmat4>},
    {GL_DOUBLE_MAT2x3, &set_as<glm::dmat2x3>}, {GL_DOUBLE_MAT2x4, &set_as<glm::dmat2x4>},
    {GL_DOUBLE_MAT3x2, &set_as<glm::dmat3x2>}, {GL_DOUBLE_MAT3x4, &set_as<glm::dmat3x4>},
    {GL_DOUBLE_MAT4x2, &set_as<glm::dmat4x2>}, {GL_DOUBLE_MAT4x3, &set_as<glm::dmat4x3>},
};

}  // namespace

void set_uniform(Program& program, std::string_view name, py::handle value) {
  // "w[2]": element 2 of array w on, as GL names it (a struct member like "lights[2].pos" is
  // listed by its own name).
  const std::size_t bracket = name.ends_with(']') ? name.rfind('[') : std::string_view::npos;
  const std::string_view base = bracket != std::string_view::npos ? name.substr(0, bracket) : name;
  const UniformInfo* uniform = nullptr;
  std::string known;
  for (const UniformInfo& u : program.uniforms()) {
    if (u.name == name || (uniform == nullptr && u.name == base && u.array_size > 1)) uniform = &u;
    known += (known.empty() ? "" : ", ") + u.type_name + " " + u.name;
  }
  if (uniform == nullptr) {
    throw Error("Program.set: no active uniform named '" + std::string(name) + "' (uniforms: " +
                (known.empty() ? "none" : known) +
                "; uniforms the shader never uses are removed by the compiler)");
  }
  for (const Entry& e : kSetters) {
    if (e.gl_type == uniform->gl_type) return e.setter(program, *uniform, std::string(name), value);
  }
  // Samplers and images take their unit as an int; glcompute refuses the rest by name.
  set_as<std::int32_t>(program, *uniform, std::string(name), value);
}

}  // namespace glc::python
