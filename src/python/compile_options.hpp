#pragma once
// Context.compile's keyword arguments as a glc::CompileOptions.

#include <string>

#include <pybind11/pybind11.h>

#include <glcompute/source.hpp>

namespace glc::python {

namespace py = pybind11;

/// defines: {name: value} (str as is; int and float as Python prints them; bool as true/false;
/// None: defined empty), or an iterable of names (defined empty).
/// include_dirs: an iterable of str or os.PathLike.
/// path: "auto", "glsl" or "spirv".
/// specialize: {name or constant_id: value}. bool, float and numpy.int32/uint32 give their own
/// type; a plain int takes the type the shader declares for that constant, read from `glsl`
/// (the source text), else int where it fits and uint above that (pass numpy.uint32(v) for a
/// uint constant declared in an included file).
/// local_size: up to three ints; 0 keeps the declared size.
CompileOptions to_compile_options(const std::string& glsl, py::handle defines, py::handle include_dirs,
                                  const std::string& path, py::handle specialize, py::handle local_size);

/// "<type>" of the constant declared `layout(constant_id = <id>) const <type> <name>` in
/// `glsl`, chosen by id (name empty) or by name; empty if not found.
std::string declared_constant_type(const std::string& glsl, const std::string& name, long long id);

}  // namespace glc::python
