#pragma once
// NumPy dtypes a glcompute buffer can hold, the glc::Buffer<T> behind each, and the helpers that
// turn a runtime dtype into a compile-time type.

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <glcompute/buffer.hpp>

namespace glc::python {

namespace py = pybind11;

/// NumPy's fixed-size numbers. float16 is kept as its 16 bits (std::uint16_t); the dtype says
/// how to read them. bool is refused: a GLSL bool in a buffer is 4 bytes, NumPy's 1.
enum class DType { float16, float32, float64, int8, uint8, int16, uint16, int32, uint32, int64, uint64 };

/// The glc::Buffer<T> of each dtype (float16 shares std::uint16_t with uint16).
using AnyBuffer = std::variant<Buffer<float>, Buffer<double>, Buffer<std::int8_t>, Buffer<std::uint8_t>,
                               Buffer<std::int16_t>, Buffer<std::uint16_t>, Buffer<std::int32_t>,
                               Buffer<std::uint32_t>, Buffer<std::int64_t>, Buffer<std::uint64_t>>;

struct DTypeInfo {
  DType dtype;
  const char* name;     ///< NumPy's name, e.g. "float32"
  const char* format;   ///< struct/buffer-protocol format, e.g. "f"
  std::size_t itemsize;
};

const DTypeInfo& dtype_info(DType dtype);
inline const char* dtype_name(DType dtype) { return dtype_info(dtype).name; }

/// The DType of anything numpy.dtype() accepts (np.float32, "int32", an array's dtype...).
/// Throws glc::Error naming the dtype where glcompute cannot hold it.
DType to_dtype(py::handle dtype_like);
/// The DType of an array's dtype (in native byte order).
DType dtype_of(const py::array& array);
/// numpy.dtype for `dtype`.
py::dtype numpy_dtype(DType dtype);

/// The shape of `array`.
std::vector<py::ssize_t> shape_of(const py::array& array);

/// `data` (an array or anything numpy.asarray takes) as a C-contiguous array of `dtype` in
/// native byte order: the array itself where it already is one (no copy). Conversion follows
/// numpy.copyto's same_kind rule (float64 -> float32 yes, float -> int no), and an integer
/// narrowed to a smaller type must fit: glc::Error naming `what` otherwise.
py::array contiguous_array(py::handle data, DType dtype, const std::string& what);

/// The C++ element type of a DType's buffer.
template <DType D> struct StorageOf;
template <> struct StorageOf<DType::float16> { using type = std::uint16_t; };
template <> struct StorageOf<DType::float32> { using type = float; };
template <> struct StorageOf<DType::float64> { using type = double; };
template <> struct StorageOf<DType::int8> { using type = std::int8_t; };
template <> struct StorageOf<DType::uint8> { using type = std::uint8_t; };
template <> struct StorageOf<DType::int16> { using type = std::int16_t; };
template <> struct StorageOf<DType::uint16> { using type = std::uint16_t; };
template <> struct StorageOf<DType::int32> { using type = std::int32_t; };
template <> struct StorageOf<DType::uint32> { using type = std::uint32_t; };
template <> struct StorageOf<DType::int64> { using type = std::int64_t; };
template <> struct StorageOf<DType::uint64> { using type = std::uint64_t; };

/// Calls `f(std::type_identity<T>{})` with T the storage type of `dtype`.
template <class F>
decltype(auto) with_storage_type(DType dtype, F&& f) {
  switch (dtype) {
    case DType::float16: return f(std::type_identity<std::uint16_t>{});
    case DType::float32: return f(std::type_identity<float>{});
    case DType::float64: return f(std::type_identity<double>{});
    case DType::int8: return f(std::type_identity<std::int8_t>{});
    case DType::uint8: return f(std::type_identity<std::uint8_t>{});
    case DType::int16: return f(std::type_identity<std::int16_t>{});
    case DType::uint16: return f(std::type_identity<std::uint16_t>{});
    case DType::int32: return f(std::type_identity<std::int32_t>{});
    case DType::uint32: return f(std::type_identity<std::uint32_t>{});
    case DType::int64: return f(std::type_identity<std::int64_t>{});
    case DType::uint64: return f(std::type_identity<std::uint64_t>{});
  }
  return f(std::type_identity<float>{});  // unreachable: every enumerator is handled above
}

/// A list of C++ element types, for the dtypes an operation of the kernel library accepts.
template <class... T> struct TypeList {};

/// The dtype whose storage is T and that means T (float16 is never the meaning of uint16_t).
template <class T> constexpr DType dtype_for();
template <> constexpr DType dtype_for<float>() { return DType::float32; }
template <> constexpr DType dtype_for<double>() { return DType::float64; }
template <> constexpr DType dtype_for<std::int8_t>() { return DType::int8; }
template <> constexpr DType dtype_for<std::uint8_t>() { return DType::uint8; }
template <> constexpr DType dtype_for<std::int16_t>() { return DType::int16; }
template <> constexpr DType dtype_for<std::uint16_t>() { return DType::uint16; }
template <> constexpr DType dtype_for<std::int32_t>() { return DType::int32; }
template <> constexpr DType dtype_for<std::uint32_t>() { return DType::uint32; }
template <> constexpr DType dtype_for<std::int64_t>() { return DType::int64; }
template <> constexpr DType dtype_for<std::uint64_t>() { return DType::uint64; }

/// "float32, int32, uint32": the NumPy names of a TypeList.
template <class... T>
std::string dtype_names(TypeList<T...>) {
  std::string names;
  ((names += (names.empty() ? "" : ", ") + std::string(dtype_name(dtype_for<T>()))), ...);
  return names;
}

}  // namespace glc::python
