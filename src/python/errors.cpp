// glc::Error and glc::ShaderError as Python exceptions: glcompute.Error (a RuntimeError) and
// glcompute.ShaderError (an Error) with .file, .line and .diagnostics.

#include <exception>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <glcompute/error.hpp>

#include "bindings.hpp"

namespace glc::python {
namespace {

/// The exception types, created once with the module and kept for the life of the process.
PyObject* error_type = nullptr;
PyObject* shader_error_type = nullptr;

void raise_shader_error(const ShaderError& e) {
  const std::vector<Diagnostic>& diagnostics = e.diagnostics();
  try {
    py::object exc = py::reinterpret_steal<py::object>(
        PyObject_CallFunction(shader_error_type, "s", e.what()));
    if (!exc) throw py::error_already_set();
    exc.attr("diagnostics") = py::cast(diagnostics);
    if (!diagnostics.empty()) {
      exc.attr("file") = py::str(diagnostics.front().file);
      exc.attr("line") = py::int_(diagnostics.front().line);
    }
    PyErr_SetObject(shader_error_type, exc.ptr());
  } catch (...) {  // a translator must not throw: the message alone then
    PyErr_Clear();
    PyErr_SetString(shader_error_type, e.what());
  }
}

}  // namespace

void bind_errors(py::module_& m) {
  py::class_<Diagnostic>(m, "Diagnostic",
                         "One message of the preprocessor, compiler or linker, located in the "
                         "original source: file, line (1-based; 0 where the driver gave none) and "
                         "message.")
      .def_readonly("file", &Diagnostic::file)
      .def_readonly("line", &Diagnostic::line)
      .def_readonly("message", &Diagnostic::message)
      .def("__str__", &Diagnostic::to_string)
      .def("__repr__", [](const Diagnostic& d) {
        return "<glcompute.Diagnostic " + py::repr(py::str(d.to_string())).cast<std::string>() + ">";
      });

  error_type = PyErr_NewExceptionWithDoc(
      "glcompute.Error",
      "Every failure glcompute reports: its message names the problem (and the GL limit or "
      "driver error behind it).",
      PyExc_RuntimeError, nullptr);
  if (error_type == nullptr) throw py::error_already_set();
  py::dict shader_defaults;
  shader_defaults["file"] = py::none();
  shader_defaults["line"] = py::none();
  shader_defaults["diagnostics"] = py::tuple();
  shader_error_type = PyErr_NewExceptionWithDoc(
      "glcompute.ShaderError",
      "A shader failed to preprocess, compile or link. .diagnostics lists every message "
      "(glcompute.Diagnostic: file, line, message); .file and .line are the first one's.",
      error_type, shader_defaults.ptr());
  if (shader_error_type == nullptr) throw py::error_already_set();
  m.attr("Error") = py::handle(error_type);
  m.attr("ShaderError") = py::handle(shader_error_type);

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const ShaderError& e) {
      raise_shader_error(e);
    } catch (const Error& e) {
      PyErr_SetString(error_type, e.what());
    }
  });
}

}  // namespace glc::python
