#include "scalars.hpp"

namespace glc::python {
namespace {

/// numpy.<name>, looked up once. The reference is kept for the life of the process: a static
/// py::object would be released after the interpreter is gone.
py::handle numpy_type(const char* name) { return py::object(py::module_::import("numpy").attr(name)).release(); }

bool instance_of(py::handle value, py::handle type) {
  const int r = PyObject_IsInstance(value.ptr(), type.ptr());
  if (r < 0) throw py::error_already_set();
  return r == 1;
}

}  // namespace

std::string describe_value(py::handle value) {
  std::string type = py::str(py::type::handle_of(value).attr("__name__")).cast<std::string>();
  std::string text = py::repr(value).cast<std::string>();
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return type + " " + text;
}

bool is_bool(py::handle value) {
  static const py::handle numpy_bool = numpy_type("bool_");
  return PyBool_Check(value.ptr()) || instance_of(value, numpy_bool);
}

bool is_integer(py::handle value) {
  static const py::handle numpy_integer = numpy_type("integer");
  return (PyLong_Check(value.ptr()) && !PyBool_Check(value.ptr())) || instance_of(value, numpy_integer);
}

bool is_floating(py::handle value) {
  static const py::handle numpy_floating = numpy_type("floating");
  return PyFloat_Check(value.ptr()) || instance_of(value, numpy_floating);
}

py::int_ to_python_int(py::handle value, const std::string& what) {
  if (!is_integer(value) && !is_bool(value)) {
    throw Error(what + ": needs an integer, got " + describe_value(value));
  }
  if (is_bool(value)) return py::int_(PyObject_IsTrue(value.ptr()) == 1 ? 1 : 0);
  PyObject* index = PyNumber_Index(value.ptr());
  if (index == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::int_>(index);
}

void throw_does_not_fit(const std::string& what, py::handle value, const char* type,
                        const std::string& range) {
  throw Error(what + " is " + type + ": " + py::repr(value).cast<std::string>() +
              " does not fit (" + range + ")");
}

}  // namespace glc::python
