#pragma once
// Program.set: a Python value converted to the uniform's GLSL type, found by reflection.

#include <string_view>

#include <pybind11/pybind11.h>

#include <glcompute/program.hpp>

namespace glc::python {

namespace py = pybind11;

/// Sets the active uniform `name` of `program` from `value`: a Python or NumPy number for a
/// scalar, a sequence/array of shape (N,) for a vecN, (rows, columns) for a matrix, with a
/// leading axis for arrays of them (fewer than the declared length set the first ones). Throws
/// glc::Error naming the uniform, its type and the value where it does not fit.
void set_uniform(Program& program, std::string_view name, py::handle value);

}  // namespace glc::python
