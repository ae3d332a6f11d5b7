#pragma once
// Python numbers to C++ scalars, refusing what does not fit: the one rule behind uniforms,
// specialization constants, fill values and the kernel library's parameters.

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

#include <pybind11/pybind11.h>

#include <glcompute/error.hpp>

namespace glc::python {

namespace py = pybind11;

/// str(value), as a std::string.
inline std::string str_of(py::handle value) { return py::str(value).cast<std::string>(); }

/// What a Python value is, for error messages: "float 2.5", "str 'x'".
std::string describe_value(py::handle value);

/// True for Python bool and numpy.bool_.
bool is_bool(py::handle value);
/// True for Python int and NumPy integers (not bool).
bool is_integer(py::handle value);
/// True for Python float and NumPy floating-point scalars.
bool is_floating(py::handle value);

/// The exact integer value, or a glc::Error naming `what` if `value` is no integer.
py::int_ to_python_int(py::handle value, const std::string& what);

/// [[noreturn]] "<what>: <value> does not fit <type> (<lo> to <hi>)".
[[noreturn]] void throw_does_not_fit(const std::string& what, py::handle value, const char* type,
                                     const std::string& range);

/// `value` as T. bool takes bool only; integer types take integers only (never a float, so
/// 2.5 is not silently cut to 2), within T's range; float and double take integers and floats,
/// and refuse finite values beyond T's range (which would become infinite). NaN and infinities
/// pass through to floating types. `what` names the destination in errors.
template <class T>
T to_scalar(py::handle value, const std::string& what, const char* glsl_type) {
  if constexpr (std::is_same_v<T, bool>) {
    if (!is_bool(value)) {
      throw Error(what + " is " + glsl_type + ": needs True or False, got " + describe_value(value));
    }
    return value.cast<bool>();
  } else if constexpr (std::is_integral_v<T>) {
    const py::int_ exact = to_python_int(value, what + " is " + glsl_type);
    using Wide = std::conditional_t<std::is_signed_v<T>, long long, unsigned long long>;
    const std::string range = std::to_string(std::numeric_limits<T>::min()) + " to " +
                              std::to_string(std::numeric_limits<T>::max());
    int overflow = 0;
    Wide wide = 0;
    if constexpr (std::is_signed_v<T>) {
      wide = PyLong_AsLongLongAndOverflow(exact.ptr(), &overflow);
    } else {
      if (PyObject_RichCompareBool(exact.ptr(), py::int_(0).ptr(), Py_LT) == 1) {
        throw_does_not_fit(what, value, glsl_type, range);
      }
      wide = PyLong_AsUnsignedLongLong(exact.ptr());
      if (PyErr_Occurred()) {
        PyErr_Clear();
        overflow = 1;
      }
    }
    if (overflow != 0 || wide < static_cast<Wide>(std::numeric_limits<T>::min()) ||
        wide > static_cast<Wide>(std::numeric_limits<T>::max())) {
      throw_does_not_fit(what, value, glsl_type, range);
    }
    return static_cast<T>(wide);
  } else {
    static_assert(std::is_floating_point_v<T>);
    if (!is_integer(value) && !is_floating(value) && !is_bool(value)) {
      throw Error(what + " is " + glsl_type + ": needs a number, got " + describe_value(value));
    }
    double x = 0;
    if (is_floating(value)) {
      x = PyFloat_AsDouble(value.ptr());
      if (x == -1.0 && PyErr_Occurred()) throw py::error_already_set();
    } else {
      const py::int_ exact = to_python_int(value, what + " is " + glsl_type);
      x = PyLong_AsDouble(exact.ptr());
      if (x == -1.0 && PyErr_Occurred()) {
        PyErr_Clear();
        throw_does_not_fit(what, value, glsl_type, "a magnitude below 1.8e+308");
      }
    }
    if constexpr (std::is_same_v<T, float>) {
      // Values at or above FLT_MAX + half an ulp round to infinity.
      constexpr double kFloatOverflow = 0x1.ffffffp+127;
      if (std::isfinite(x) && std::fabs(x) >= kFloatOverflow) {
        throw_does_not_fit(what, value, glsl_type, "a magnitude below 3.4028235e+38");
      }
    }
    return static_cast<T>(x);
  }
}

}  // namespace glc::python
