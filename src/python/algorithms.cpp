// The kernel library's algorithms: prefix sums, sorting, histograms, argmin/argmax and stream
// compaction. Each works on a buffer's elements in order (a buffer's shape is ignored, as
// NumPy's functions do with axis=None) and releases the GIL while the GPU works.

#include <cstdint>
#include <string>

#include <pybind11/numpy.h>

#include <glcompute/algorithm_path.hpp>
#include <glcompute/argminmax.hpp>
#include <glcompute/copy_if.hpp>
#include <glcompute/histogram.hpp>
#include <glcompute/reduce.hpp>
#include <glcompute/scan.hpp>
#include <glcompute/sort.hpp>

#include "bindings.hpp"
#include "kernel_args.hpp"
#include "scalars.hpp"

namespace glc::python {
namespace {

/// The element types of scan, sort keys, histogram, argmin/argmax and copy_if.
using AlgorithmTypes = TypeList<float, double, std::int32_t, std::uint32_t>;
/// sort_by_key's values: any 4- or 8-byte element.
using SortValueTypes = TypeList<float, double, std::int32_t, std::uint32_t, std::int64_t, std::uint64_t>;

/// `out`, checked to be a buffer of `like`'s dtype and size, or a new one of its dtype and shape.
BufferObject output_like(const BufferObject& like, py::handle out, DType dtype, const char* what) {
  if (out.is_none()) return make_buffer(like.context, dtype, like.shape, nullptr);
  if (!py::isinstance<BufferObject>(out)) {
    throw py::type_error(std::string(what) + ": out must be a glcompute.Buffer, not " +
                         std::string(py::str(py::type::of(out).attr("__name__"))));
  }
  BufferObject o = out.cast<BufferObject>();
  if (o.dtype != dtype) {
    throw Error(std::string(what) + ": out must be a " + dtype_name(dtype) + " buffer, not " + dtype_name(o.dtype));
  }
  if (o.size() != like.size()) {
    throw Error(std::string(what) + ": out has " + std::to_string(o.size()) + " elements, the input " +
                std::to_string(like.size()));
  }
  return o;
}

template <bool Inclusive>
BufferObject scan(const BufferObject& in, py::handle out, py::handle init) {
  const char* what = Inclusive ? "glcompute.inclusive_scan" : "glcompute.exclusive_scan";
  BufferObject result = output_like(in, out, in.dtype, what);
  with_buffer_of(AlgorithmTypes{}, in, what, [&](auto& src) {
    using T = typename std::decay_t<decltype(src)>::value_type;
    auto& dst = std::get<Buffer<T>>(*result.data);
    if constexpr (Inclusive) {
      without_gil(*in.context, [&] { glc::inclusive_scan(src, dst); });
    } else {
      const T start = to_scalar<T>(init, std::string(what) + ": init", dtype_name(in.dtype));
      without_gil(*in.context, [&] { glc::exclusive_scan(src, dst, start); });
    }
  });
  return result;
}

py::object sort(py::object keys) {
  const auto& k = keys.cast<const BufferObject&>();
  with_buffer_of(AlgorithmTypes{}, k, "glcompute.sort", [&](auto& buffer) {
    without_gil(*k.context, [&] { glc::sort(buffer); });
  });
  return keys;
}

py::tuple sort_by_key(py::object keys, py::object values) {
  const auto& k = keys.cast<const BufferObject&>();
  const auto& v = values.cast<const BufferObject&>();
  with_buffer_of(AlgorithmTypes{}, k, "glcompute.sort_by_key (keys)", [&](auto& key_buffer) {
    with_buffer_of(SortValueTypes{}, v, "glcompute.sort_by_key (values)", [&](auto& value_buffer) {
      without_gil(*k.context, [&] { glc::sort_by_key(key_buffer, value_buffer); });
    });
  });
  return py::make_tuple(keys, values);
}

BufferObject argsort(const BufferObject& keys, py::handle out) {
  BufferObject indices = output_like(keys, out, DType::uint32, "glcompute.argsort");
  with_buffer_of(AlgorithmTypes{}, keys, "glcompute.argsort", [&](auto& buffer) {
    auto& dst = std::get<Buffer<std::uint32_t>>(*indices.data);
    without_gil(*keys.context, [&] { glc::argsort(buffer, dst); });
  });
  return indices;
}

template <bool Largest>
std::size_t arg_extreme(const BufferObject& values) {
  const char* what = Largest ? "glcompute.argmax" : "glcompute.argmin";
  return with_buffer_of(AlgorithmTypes{}, values, what, [&](auto& buffer) {
    return without_gil(*values.context, [&] { return Largest ? glc::argmax(buffer) : glc::argmin(buffer); });
  });
}

py::tuple histogram(const BufferObject& values, py::handle bins, py::handle range, py::handle out) {
  const char* what = "glcompute.histogram";
  std::uint64_t count = 0;
  if (out.is_none()) {
    count = to_scalar<std::uint64_t>(bins, std::string(what) + ": bins", "a bin count");
    if (count == 0) throw Error(std::string(what) + ": bins must be at least 1");
  }
  BufferObject counts = out.is_none()
      ? make_buffer(values.context, DType::uint32, {static_cast<py::ssize_t>(count)}, nullptr)
      : out.cast<BufferObject>();
  if (counts.dtype != DType::uint32) {
    throw Error(std::string(what) + ": out must be a uint32 buffer, not " + dtype_name(counts.dtype));
  }
  double lo = 0.0, hi = 1.0;  // NumPy's range for no values
  with_buffer_of(AlgorithmTypes{}, values, what, [&](auto& buffer) {
    if (!range.is_none()) {
      const auto r = range.cast<py::sequence>();
      if (r.size() != 2) throw Error(std::string(what) + ": range must be (low, high)");
      lo = to_scalar<double>(r[0], std::string(what) + ": range", "a number");
      hi = to_scalar<double>(r[1], std::string(what) + ": range", "a number");
    } else if (values.size() > 0) {  // NumPy: the values' smallest and largest
      without_gil(*values.context, [&] {
        lo = static_cast<double>(glc::min(buffer));
        hi = static_cast<double>(glc::max(buffer));
      });
    }
    auto& dst = std::get<Buffer<std::uint32_t>>(*counts.data);
    without_gil(*values.context, [&] { glc::histogram(buffer, dst, lo, hi); });
  });
  // NumPy's own edges for these bins, range and dtype (float32 data: float32 edges).
  const py::object np = py::module_::import("numpy");
  const py::object empty = np.attr("empty")(0, numpy_dtype(values.dtype));
  const py::object edges = np.attr("histogram_bin_edges")(empty, counts.size(), py::make_tuple(lo, hi));
  return py::make_tuple(counts, edges);
}

py::object copy_if(const BufferObject& in, const std::string& predicate, py::handle out) {
  const char* what = "glcompute.copy_if";
  return with_buffer_of(AlgorithmTypes{}, in, what, [&](auto& src) -> py::object {
    using T = typename std::decay_t<decltype(src)>::value_type;
    if (!out.is_none()) {
      const BufferObject o = out.cast<BufferObject>();
      if (o.dtype != in.dtype) {
        throw Error(std::string(what) + ": out must be a " + dtype_name(in.dtype) + " buffer, not " +
                    dtype_name(o.dtype));
      }
      auto& dst = std::get<Buffer<T>>(*o.data);
      return py::int_(without_gil(*in.context, [&] { return glc::copy_if(src, dst, predicate); }));
    }
    BufferObject all = make_buffer(in.context, in.dtype, {static_cast<py::ssize_t>(in.size())}, nullptr);
    auto& dst = std::get<Buffer<T>>(*all.data);
    const std::size_t kept = without_gil(*in.context, [&] { return glc::copy_if(src, dst, predicate); });
    if (kept == in.size()) return py::cast(all);
    BufferObject result = make_buffer(in.context, in.dtype, {static_cast<py::ssize_t>(kept)}, nullptr);
    without_gil(*in.context, [&] { std::get<Buffer<T>>(*result.data).copy_from(dst, 0, 0, kept); });
    return py::cast(result);
  });
}

}  // namespace

void bind_algorithms(py::module_& m) {
  py::class_<AlgorithmPathInfo>(m, "AlgorithmPathInfo",
                                "Which kernels the algorithms run on a context (algorithm_path).")
      .def_readonly("lookback", &AlgorithmPathInfo::lookback)
      .def_readonly("unbounded_wait", &AlgorithmPathInfo::unbounded_wait)
      .def_readonly("subgroup", &AlgorithmPathInfo::subgroup)
      .def_readonly("partitioned", &AlgorithmPathInfo::partitioned)
      .def_readonly("description", &AlgorithmPathInfo::description)
      .def("__repr__", [](const AlgorithmPathInfo& i) { return "<glcompute.AlgorithmPathInfo " + i.description + ">"; });
  m.def("algorithm_path", [](const ContextObject& c) {
          return locked(*c.handle, [&] { return algorithm_path(c.handle->context); });
        }, py::arg("ctx"),
        "The path scan, sort, copy_if and histogram take on ctx now: one pass with look-back or "
        "several, subgroup operations or shared memory (GLCOMPUTE_LOOKBACK / GLCOMPUTE_SUBGROUPS "
        "force one). Every path gives the same results.");
  m.def("inclusive_scan", [](const BufferObject& in, py::handle out) { return scan<true>(in, out, py::none()); },
        py::arg("buffer"), py::arg("out") = py::none(),
        "out[i] = buffer[0] + ... + buffer[i] (numpy.cumsum over the elements in order); out "
        "(same dtype and size; may be `buffer` itself) or a new buffer of its shape, returned. "
        "float32, float64, int32, uint32; integers wrap as in C, floats are summed in a fixed "
        "tree order (deterministic, far closer to exact than a float loop).");
  m.def("exclusive_scan", [](const BufferObject& in, py::handle out, py::handle init) {
          return scan<false>(in, out, init);
        }, py::arg("buffer"), py::arg("out") = py::none(), py::arg("init") = 0,
        "out[0] = init, out[i] = init + buffer[0] + ... + buffer[i-1]; as inclusive_scan otherwise.");
  m.def("sort", &sort, py::arg("keys"),
        "Sorts the buffer ascending in place and returns it: numpy.sort(kind='stable')'s order "
        "(NaNs last, -0.0 and +0.0 equal). float32, float64, int32, uint32.");
  m.def("sort_by_key", &sort_by_key, py::arg("keys"), py::arg("values"),
        "Sorts keys ascending in place, moving each element of values (a 4- or 8-byte dtype, as "
        "many elements) with its key (stable); returns (keys, values).");
  m.def("argsort", &argsort, py::arg("keys"), py::arg("out") = py::none(),
        "The uint32 indices that sort keys (numpy.argsort(kind='stable')), into out or a new "
        "buffer of keys' shape; keys are left as they are.");
  m.def("argmin", &arg_extreme<false>, py::arg("buffer"),
        "Index of the first smallest element (of the first NaN, if any), as numpy.argmin. "
        "Raises glcompute.Error for an empty buffer.");
  m.def("argmax", &arg_extreme<true>, py::arg("buffer"),
        "Index of the first largest element (of the first NaN, if any), as numpy.argmax. "
        "Raises glcompute.Error for an empty buffer.");
  m.def("histogram", &histogram, py::arg("values"), py::arg("bins") = 10, py::arg("range") = py::none(),
        py::arg("out") = py::none(),
        "(counts, edges) as numpy.histogram(values, bins, range): counts a uint32 buffer (out, "
        "whose size is then the bin count, or a new one), edges a NumPy array. range defaults "
        "to the values' (min, max); NaNs and values outside it are not counted.");
  m.def("copy_if", &copy_if, py::arg("buffer"), py::arg("predicate"), py::arg("out") = py::none(),
        "The elements for which `predicate` (a GLSL expression of x, the element, and i, its "
        "uint index) holds, in order: a new 1-D buffer of exactly those (as buffer[mask] in "
        "NumPy), or, given out, written to its front and their count returned. A predicate that "
        "does not compile raises glcompute.ShaderError.");
}

}  // namespace glc::python
