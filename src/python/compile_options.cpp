#include "compile_options.hpp"

#include <regex>
#include <string>

#include <glcompute/error.hpp>

#include "scalars.hpp"

namespace glc::python {
namespace {

std::string define_value(py::handle value) {
  if (value.is_none()) return "";
  if (PyBool_Check(value.ptr())) return value.cast<bool>() ? "true" : "false";
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  if (is_integer(value) || is_floating(value)) return str_of(value);
  throw Error("Context.compile: the value of a define must be str, int, float, bool or None, got " +
              describe_value(value));
}

ShaderPath to_path(const std::string& path) {
  if (path == "auto" || path == "automatic") return ShaderPath::automatic;
  if (path == "glsl") return ShaderPath::glsl;
  if (path == "spirv") return ShaderPath::spirv;
  throw Error("Context.compile: path must be 'auto', 'glsl' or 'spirv', not '" + path + "'");
}

bool is_numpy_scalar_of(py::handle value, const char* type) {
  const py::object t = py::module_::import("numpy").attr(type);
  return PyObject_IsInstance(value.ptr(), t.ptr()) == 1;
}

SpecValue to_spec_value(py::handle value, const std::string& glsl, const std::string& name, long long id) {
  const std::string what = "Context.compile: specialization constant " +
                           (name.empty() ? std::to_string(id) : "'" + name + "'");
  if (is_bool(value)) return to_scalar<bool>(value, what, "bool");
  if (is_floating(value)) return to_scalar<float>(value, what, "float");
  if (is_numpy_scalar_of(value, "int32")) return to_scalar<std::int32_t>(value, what, "int");
  if (is_numpy_scalar_of(value, "uint32")) return to_scalar<std::uint32_t>(value, what, "uint");
  if (!is_integer(value)) {
    throw Error(what + ": needs a bool, int or float, got " + describe_value(value));
  }
  const std::string declared = declared_constant_type(glsl, name, id);
  if (declared == "uint") return to_scalar<std::uint32_t>(value, what, "uint");
  if (declared == "float") return to_scalar<float>(value, what, "float");
  if (declared == "int") return to_scalar<std::int32_t>(value, what, "int");
  // Not declared in this text (an include, a macro): int where it fits, else uint.
  const py::int_ exact = to_python_int(value, what);
  if (exact < py::int_(-2147483648LL) || exact > py::int_(2147483647)) {
    return to_scalar<std::uint32_t>(value, what, "uint");
  }
  return to_scalar<std::int32_t>(value, what, "int");
}

}  // namespace

std::string declared_constant_type(const std::string& glsl, const std::string& name, long long id) {
  static const std::regex declaration(R"(layout\s*\(([^)]*)\)\s*const\s+(\w+)\s+(\w+))");
  static const std::regex constant_id(R"(\bconstant_id\s*=\s*(\d+))");
  for (auto it = std::sregex_iterator(glsl.begin(), glsl.end(), declaration); it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    const std::string layout = m[1].str();
    std::smatch idm;
    if (!std::regex_search(layout, idm, constant_id)) continue;
    if (name.empty() ? std::stoll(idm[1].str()) == id : m[3].str() == name) return m[2].str();
  }
  return "";
}

CompileOptions to_compile_options(const std::string& glsl, py::handle defines, py::handle include_dirs,
                                  const std::string& path, py::handle specialize, py::handle local_size) {
  CompileOptions o;
  if (!defines.is_none()) {
    if (py::isinstance<py::dict>(defines)) {
      for (auto [k, v] : py::reinterpret_borrow<py::dict>(defines)) {
        o.defines.emplace_back(str_of(k), define_value(v));
      }
    } else if (py::isinstance<py::str>(defines)) {
      throw Error("Context.compile: defines must be a dict {name: value} or a list of names, not a str");
    } else {
      for (py::handle d : defines) o.defines.emplace_back(str_of(d), "");
    }
  }
  if (!include_dirs.is_none()) {
    if (py::isinstance<py::str>(include_dirs)) {
      throw Error("Context.compile: include_dirs must be a list of directories, not a str");
    }
    const py::object fspath = py::module_::import("os").attr("fspath");
    for (py::handle d : include_dirs) o.include_dirs.emplace_back(fspath(d).cast<std::string>());
  }
  o.path = to_path(path);
  if (!specialize.is_none()) {
    if (!py::isinstance<py::dict>(specialize)) {
      throw Error("Context.compile: specialize must be a dict {name or constant_id: value}");
    }
    for (auto [k, v] : py::reinterpret_borrow<py::dict>(specialize)) {
      if (is_integer(k)) {
        const auto id = to_scalar<std::uint32_t>(k, "Context.compile: a constant_id", "an id");
        o.specialize(id, to_spec_value(v, glsl, "", id));
      } else if (py::isinstance<py::str>(k)) {
        const std::string name = k.cast<std::string>();
        o.specialize(name, to_spec_value(v, glsl, name, -1));
      } else {
        throw Error("Context.compile: specialize keys are constant names (str) or ids (int), got " +
                    describe_value(k));
      }
    }
  }
  if (!local_size.is_none()) {
    std::size_t i = 0;
    const py::object sizes = is_integer(local_size) ? py::make_tuple(local_size)
                                                    : py::reinterpret_borrow<py::object>(local_size);
    for (py::handle n : sizes) {
      if (i == 3) throw Error("Context.compile: local_size has at most three entries (x, y, z)");
      o.local_size[i++] = to_scalar<std::uint32_t>(n, "Context.compile: local_size", "a size");
    }
  }
  return o;
}

}  // namespace glc::python
