#include "dtypes.hpp"

#include <array>
#include <string>

#include <glcompute/error.hpp>

#include "scalars.hpp"

namespace glc::python {
namespace {

constexpr std::array<DTypeInfo, 11> kDTypes{{
    {DType::float16, "float16", "e", 2},
    {DType::float32, "float32", "f", 4},
    {DType::float64, "float64", "d", 8},
    {DType::int8, "int8", "b", 1},
    {DType::uint8, "uint8", "B", 1},
    {DType::int16, "int16", "h", 2},
    {DType::uint16, "uint16", "H", 2},
    {DType::int32, "int32", "i", 4},
    {DType::uint32, "uint32", "I", 4},
    {DType::int64, "int64", "q", 8},
    {DType::uint64, "uint64", "Q", 8},
}};

DType from_kind(char kind, py::ssize_t itemsize, const std::string& shown) {
  for (const DTypeInfo& d : kDTypes) {
    const char k = d.name[0] == 'f' ? 'f' : d.name[0] == 'u' ? 'u' : 'i';
    if (k == kind && static_cast<py::ssize_t>(d.itemsize) == itemsize) return d.dtype;
  }
  if (kind == 'b') {
    throw Error("glcompute: dtype bool cannot be a buffer's element type: NumPy's bool is 1 byte "
                "and GLSL's 4; use numpy.uint32 (0 or 1) or numpy.int32");
  }
  throw Error("glcompute: dtype " + shown +
              " cannot be a buffer's element type (supported: float16, float32, float64, int8, "
              "uint8, int16, uint16, int32, uint32, int64, uint64)");
}

}  // namespace

const DTypeInfo& dtype_info(DType dtype) { return kDTypes.at(static_cast<std::size_t>(dtype)); }

DType to_dtype(py::handle dtype_like) {
  if (dtype_like.is_none()) throw Error("glcompute: a dtype is needed, got None");
  const py::dtype dt = py::dtype::from_args(py::reinterpret_borrow<py::object>(dtype_like));
  return from_kind(dt.kind(), dt.itemsize(), str_of(dt));
}

DType dtype_of(const py::array& array) {
  const py::dtype dt = array.dtype();
  return from_kind(dt.kind(), dt.itemsize(), str_of(dt));
}

py::dtype numpy_dtype(DType dtype) { return py::dtype(std::string(dtype_info(dtype).name)); }

std::vector<py::ssize_t> shape_of(const py::array& array) {
  std::vector<py::ssize_t> shape;
  for (py::ssize_t i = 0; i < array.ndim(); ++i) shape.push_back(array.shape(i));
  return shape;
}

py::array contiguous_array(py::handle data, DType dtype, const std::string& what) {
  const py::module_ np = py::module_::import("numpy");
  const py::dtype target = numpy_dtype(dtype);
  py::array source = py::reinterpret_borrow<py::object>(data);  // numpy.asarray(data) where needed
  const py::dtype from = source.dtype();
  if (!from.is(target) && !from.equal(target)) {
    const char kind = from.kind();
    const char to = target.kind();
    const bool integers = (kind == 'i' || kind == 'u') && (to == 'i' || to == 'u');
    if (!integers && !np.attr("can_cast")(from, target, "same_kind").cast<bool>()) {
      throw Error(what + ": cannot convert " + str_of(from) + " to " +
                  dtype_info(dtype).name + " (NumPy's same_kind rule; use .astype() to convert "
                  "on purpose)");
    }
    if (integers && source.size() > 0 &&
        !np.attr("can_cast")(from, target, "safe").cast<bool>()) {
      const py::object info = np.attr("iinfo")(target);
      const py::object lo = np.attr("min")(source);
      const py::object hi = np.attr("max")(source);
      if (lo < info.attr("min") || hi > info.attr("max")) {
        throw Error(what + ": values from " + str_of(lo) + " to " +
                    str_of(hi) + " do not fit " + dtype_info(dtype).name);
      }
    }
  }
  py::array result = np.attr("ascontiguousarray")(source, target);
  if (source.ndim() == 0) result = result.attr("reshape")(py::tuple());  // it makes 0-d arrays 1-d
  return result;
}

}  // namespace glc::python
