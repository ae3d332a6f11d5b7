// The kernel library: random numbers (glcompute.Random), reductions (sum, min, max, mean), fills
// (fill, iota, linspace), and the Buffer methods and Context constructors built on them.
//
// Each operation lists the element types glcompute's C++ kernel library takes for it; a new
// type there (float64 random numbers and reductions, say) is one more entry in its list here.

#include <cmath>
#include <span>
#include <tuple>
#include <string>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <glcompute/error.hpp>
#include <glcompute/fill.hpp>
#include <glcompute/random.hpp>
#include <glcompute/reduce.hpp>

#include "bindings.hpp"
#include "kernel_args.hpp"
#include "scalars.hpp"

namespace glc::python {
namespace {

using RandomBitsTypes = TypeList<std::uint32_t>;
using RandomFloatTypes = TypeList<float, double>;
using ReduceTypes = TypeList<float, double, std::int32_t, std::uint32_t>;
using FillTypes = TypeList<float, double, std::int32_t, std::uint32_t, std::int64_t, std::uint64_t>;
using IotaTypes = TypeList<float, std::int32_t, std::uint32_t>;
using LinspaceTypes = TypeList<float>;

std::pair<std::size_t, std::size_t> to_range(const BufferObject& b, py::handle offset, py::handle count,
                                             const std::string& what) {
  const auto first = to_scalar<std::uint64_t>(offset, what + ": offset", "an element index");
  const std::uint64_t n = count.is_none() ? (first <= b.size() ? b.size() - first : 0)
                                          : to_scalar<std::uint64_t>(count, what + ": count", "an element count");
  check_range(what, first, n, b.size());
  return {first, n};
}

/// A Python `glcompute.Random`.
struct RandomObject {
  ContextRef context;
  std::shared_ptr<Random> random;
};

py::object sum(const BufferObject& b, py::handle offset, py::handle count) {
  const auto [first, n] = to_range(b, offset, count, "glcompute.sum");
  return with_buffer_of(ReduceTypes{}, b, "glcompute.sum", [&](auto& buffer) -> py::object {
    const auto s = without_gil(*b.context, [&] { return glc::sum(buffer, first, n); });
    using S = std::decay_t<decltype(s)>;
    return py::module_::import("numpy").attr(std::is_same_v<S, double> ? "float64"
                                             : std::is_signed_v<S>      ? "int64"
                                                                        : "uint64")(s);
  });
}

template <bool Max>
py::object extreme(const BufferObject& b, py::handle offset, py::handle count) {
  const char* what = Max ? "glcompute.max" : "glcompute.min";
  const auto [first, n] = to_range(b, offset, count, what);
  return with_buffer_of(ReduceTypes{}, b, what, [&](auto& buffer) -> py::object {
    const auto v = without_gil(*b.context, [&] { return Max ? glc::max(buffer, first, n) : glc::min(buffer, first, n); });
    return numpy_dtype(b.dtype).attr("type")(v);
  });
}

double mean(const BufferObject& b, py::handle offset, py::handle count) {
  const auto [first, n] = to_range(b, offset, count, "glcompute.mean");
  return with_buffer_of(ReduceTypes{}, b, "glcompute.mean", [&](auto& buffer) {
    return without_gil(*b.context, [&] { return glc::mean(buffer, first, n); });
  });
}

void fill(const BufferObject& b, py::handle value, py::handle offset, py::handle count) {
  const auto [first, n] = to_range(b, offset, count, "glcompute.fill");
  const std::string what = "glcompute.fill: the value";
  if (dtype_info(b.dtype).itemsize < 4) {
    // No GPU kernel writes 1- or 2-byte elements: NumPy makes the values, which are uploaded.
    const py::object np = py::module_::import("numpy");
    py::object scalar = with_storage_type(b.dtype, [&]<class T>(std::type_identity<T>) -> py::object {
      if (b.dtype == DType::float16) {
        const double x = to_scalar<double>(value, what, "float16");
        if (std::isfinite(x) && std::fabs(x) >= 65520.0) {  // rounds to infinity in float16
          throw_does_not_fit(what, value, "float16", "a magnitude below 65520");
        }
        return np.attr("float16")(x);
      }
      return py::cast(to_scalar<T>(value, what, dtype_name(b.dtype)));
    });
    const py::array values = np.attr("full")(n, scalar, numpy_dtype(b.dtype));
    with_storage_type(b.dtype, [&]<class T>(std::type_identity<T>) {
      without_gil(*b.context, [&] {
        std::get<Buffer<T>>(*b.data).write(std::span<const T>(static_cast<const T*>(values.data()), n), first);
      });
    });
    return;
  }
  with_buffer_of(FillTypes{}, b, "glcompute.fill", [&](auto& buffer) {
    using T = typename std::decay_t<decltype(buffer)>::value_type;
    const T v = to_scalar<T>(value, what, dtype_name(b.dtype));
    without_gil(*b.context, [&] { glc::fill(buffer, v, first, n); });
  });
}

void iota(const BufferObject& b, py::handle start, py::handle step) {
  with_buffer_of(IotaTypes{}, b, "glcompute.iota", [&](auto& buffer) {
    using T = typename std::decay_t<decltype(buffer)>::value_type;
    const T s = to_scalar<T>(start, "glcompute.iota: start", dtype_name(b.dtype));
    const T d = to_scalar<T>(step, "glcompute.iota: step", dtype_name(b.dtype));
    without_gil(*b.context, [&] { glc::iota(buffer, s, d); });
  });
}

void linspace(const BufferObject& b, py::handle start, py::handle stop) {
  with_buffer_of(LinspaceTypes{}, b, "glcompute.linspace", [&](auto& buffer) {
    const float s = to_scalar<float>(start, "glcompute.linspace: start", "float32");
    const float e = to_scalar<float>(stop, "glcompute.linspace: stop", "float32");
    without_gil(*b.context, [&] { glc::linspace(buffer, s, e); });
  });
}

template <class Types>
py::list names_of(Types types) {
  py::list names;
  std::string all = dtype_names(types);
  std::size_t at = 0;
  while (at <= all.size()) {
    const std::size_t comma = all.find(", ", at);
    names.append(all.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
    if (comma == std::string::npos) break;
    at = comma + 2;
  }
  return names;
}

void bind_random(py::module_& m) {
  py::class_<RandomObject>(m, "Random", R"(Random numbers on the GPU: Philox4x32-10, bit-identical to Random123.

Random(ctx, seed=0). Element i of a call's output comes from word i % 4 of Philox4x32-10 at
counter offset + i // 4 with key (seed & 0xffffffff, seed >> 32); each call then advances
.offset by ceil(n / 4). bits() gives the words; uniform() u = (word >> 8) * 2**-24 mapped to
[low, high); normal() Box-Muller on word pairs. Results depend only on (seed, offset, n).
glcompute.random has the NumPy-style functions that make new buffers.)")
      .def(py::init([](const ContextObject& c, py::handle seed) {
        const auto s = to_scalar<std::uint64_t>(seed, "glcompute.Random: seed", "a 64-bit seed");
        return locked(*c.handle, [&] {
          return RandomObject{c.handle, owned_by(c.handle, new Random(c.handle->context, s))};
        });
      }), py::arg("ctx"), py::arg("seed") = 0)
      .def_property_readonly("seed", [](const RandomObject& r) { return r.random->seed(); })
      .def_property("offset", [](const RandomObject& r) { return r.random->offset(); },
                    [](RandomObject& r, py::handle blocks) {
                      r.random->set_offset(to_scalar<std::uint64_t>(blocks, "Random.offset", "a block counter"));
                    }, "The next call's first Philox block; set it back to repeat a call.")
      .def("bits", [](RandomObject& r, const BufferObject& b, py::handle offset, py::handle count) {
        const auto [first, n] = to_range(b, offset, count, "Random.bits");
        with_buffer_of(RandomBitsTypes{}, b, "Random.bits", [&](auto& buffer) {
          without_gil(*r.context, [&] { r.random->bits(buffer, first, n); });
        });
      }, py::arg("out"), py::arg("offset") = 0, py::arg("count") = py::none(),
      "Raw 32-bit words into elements [offset, offset + count) of `out` (all by default).")
      .def("uniform", [](RandomObject& r, const BufferObject& b, py::handle low, py::handle high, py::handle offset,
                         py::handle count) {
        const auto [first, n] = to_range(b, offset, count, "Random.uniform");
        with_buffer_of(RandomFloatTypes{}, b, "Random.uniform", [&](auto& buffer) {
          using T = typename std::decay_t<decltype(buffer)>::value_type;
          const T lo = to_scalar<T>(low, "Random.uniform: low", dtype_name(b.dtype));
          const T hi = to_scalar<T>(high, "Random.uniform: high", dtype_name(b.dtype));
          without_gil(*r.context, [&] { r.random->uniform(buffer, first, n, lo, hi); });
        });
      }, py::arg("out"), py::arg("low") = 0.0, py::arg("high") = 1.0, py::arg("offset") = 0, py::arg("count") = py::none(),
      "Uniform numbers in [low, high) into elements [offset, offset + count) of `out`.")
      .def("normal", [](RandomObject& r, const BufferObject& b, py::handle mean, py::handle stddev, py::handle offset,
                        py::handle count) {
        const auto [first, n] = to_range(b, offset, count, "Random.normal");
        with_buffer_of(RandomFloatTypes{}, b, "Random.normal", [&](auto& buffer) {
          using T = typename std::decay_t<decltype(buffer)>::value_type;
          const T mu = to_scalar<T>(mean, "Random.normal: mean", dtype_name(b.dtype));
          const T sigma = to_scalar<T>(stddev, "Random.normal: stddev", dtype_name(b.dtype));
          without_gil(*r.context, [&] { r.random->normal(buffer, first, n, mu, sigma); });
        });
      }, py::arg("out"), py::arg("mean") = 0.0, py::arg("stddev") = 1.0, py::arg("offset") = 0, py::arg("count") = py::none(),
      "Normally distributed numbers into elements [offset, offset + count) of `out`.");
}

}  // namespace

void bind_kernels(py::module_& m) {
  bind_random(m);
  m.def("sum", &sum, py::arg("buffer"), py::arg("offset") = 0, py::arg("count") = py::none(),
        "Sum of elements [offset, offset + count) (all by default): numpy.float64 for float32 and "
        "float64 (compensated, far more accurate than a float loop), an exact numpy.int64 / numpy.uint64 "
        "for int32 / uint32. 0 for an empty range. The GIL is released while the GPU works.");
  m.def("min", &extreme<false>, py::arg("buffer"), py::arg("offset") = 0, py::arg("count") = py::none(),
        "Smallest element, as a NumPy scalar of the buffer's dtype; NaN if any is NaN. Raises "
        "glcompute.Error for an empty range.");
  m.def("max", &extreme<true>, py::arg("buffer"), py::arg("offset") = 0, py::arg("count") = py::none(),
        "Largest element, as a NumPy scalar of the buffer's dtype; NaN if any is NaN. Raises "
        "glcompute.Error for an empty range.");
  m.def("mean", &mean, py::arg("buffer"), py::arg("offset") = 0, py::arg("count") = py::none(),
        "sum / count in double. Raises glcompute.Error for an empty range.");
  m.def("fill", &fill, py::arg("buffer"), py::arg("value"), py::arg("offset") = 0, py::arg("count") = py::none(),
        "Sets elements [offset, offset + count) to `value` (converted to the dtype; a value that "
        "does not fit raises). 4- and 8-byte dtypes are filled on the GPU; 1- and 2-byte ones by "
        "an upload of NumPy-made values.");
  m.def("iota", &iota, py::arg("buffer"), py::arg("start") = 0, py::arg("step") = 1,
        "Element i becomes start + i * step, with start and step of the buffer's dtype (float32: "
        "the product and sum in double, rounded once; int32/uint32 wrap).");
  m.def("linspace", &linspace, py::arg("buffer"), py::arg("start"), py::arg("stop"),
        "buffer.size evenly spaced float32 values from start to stop, endpoints exact (numpy.linspace).");
  m.def("kernel_dtypes", [] {
    py::dict d;
    d["random.bits"] = names_of(RandomBitsTypes{});
    d["random.uniform"] = names_of(RandomFloatTypes{});
    d["random.normal"] = names_of(RandomFloatTypes{});
    for (const char* op : {"sum", "min", "max", "mean"}) d[op] = names_of(ReduceTypes{});
    d["fill"] = names_of(FillTypes{});
    d["iota"] = names_of(IotaTypes{});
    d["linspace"] = names_of(LinspaceTypes{});
    return d;
  }, "The dtypes each GPU kernel of this build takes: {'sum': ['float32', ...], ...}.");

  py::class_<BufferObject> buffer = m.attr("Buffer");
  buffer.def("sum", &sum, py::arg("offset") = 0, py::arg("count") = py::none(), "glcompute.sum(self, ...).")
      .def("min", &extreme<false>, py::arg("offset") = 0, py::arg("count") = py::none(), "glcompute.min(self, ...).")
      .def("max", &extreme<true>, py::arg("offset") = 0, py::arg("count") = py::none(), "glcompute.max(self, ...).")
      .def("mean", &mean, py::arg("offset") = 0, py::arg("count") = py::none(), "glcompute.mean(self, ...).")
      .def("fill", [](py::object self, py::handle value, py::handle offset, py::handle count) {
        fill(self.cast<const BufferObject&>(), value, offset, count);
        return self;
      }, py::arg("value"), py::arg("offset") = 0, py::arg("count") = py::none(), "glcompute.fill(self, ...); returns self.");

  py::class_<ContextObject> context = m.attr("Context");
  context
      .def("full", [](const ContextObject& c, py::handle shape, py::handle value, py::handle dtype) {
        BufferObject b = make_buffer(c.handle, to_dtype(dtype), to_shape(shape, "Context.full"), nullptr);
        fill(b, value, py::int_(0), py::none());
        return b;
      }, py::arg("shape"), py::arg("value"), py::arg("dtype") = py::module_::import("numpy").attr("float64"),
      "A buffer with every element `value` (dtype float64 by default, as NumPy's).")
      .def("linspace", [](const ContextObject& c, py::handle start, py::handle stop, py::handle num, py::handle dtype) {
        const auto n = to_scalar<std::uint64_t>(num, "Context.linspace: num", "a count");
        BufferObject b = make_buffer(c.handle, to_dtype(dtype), {static_cast<py::ssize_t>(n)}, nullptr);
        linspace(b, start, stop);
        return b;
      }, py::arg("start"), py::arg("stop"), py::arg("num") = 50, py::arg("dtype") = py::module_::import("numpy").attr("float32"),
      "num evenly spaced values from start to stop, both exact, made on the GPU (float32: the "
      "kernel library's type, so the default here, unlike NumPy's float64).")
      .def("arange", [](const ContextObject& c, py::handle a, py::handle b, py::handle step, py::handle dtype) {
        const bool integers = is_integer(a) && (b.is_none() || is_integer(b)) && is_integer(step);
        const py::object start = b.is_none() ? py::object(py::int_(0)) : py::reinterpret_borrow<py::object>(a);
        const py::object stop = b.is_none() ? py::reinterpret_borrow<py::object>(a) : py::reinterpret_borrow<py::object>(b);
        const double d = to_scalar<double>(step, "Context.arange: step", "a number");
        if (d == 0 || !std::isfinite(d)) throw Error("Context.arange: step must be finite and non-zero");
        const double span = (to_scalar<double>(stop, "Context.arange: stop", "a number") -
                             to_scalar<double>(start, "Context.arange: start", "a number")) / d;
        const double count = std::isfinite(span) ? std::max(0.0, std::ceil(span)) : -1.0;
        if (count < 0 || count > 1e15) throw Error("Context.arange: the range holds no countable number of elements");
        const DType t = !dtype.is_none() ? to_dtype(dtype) : integers ? DType::int32 : DType::float32;
        BufferObject out = make_buffer(c.handle, t, {static_cast<py::ssize_t>(count)}, nullptr);
        iota(out, start, step);
        return out;
      }, py::arg("start_or_stop"), py::arg("stop") = py::none(), py::arg("step") = 1, py::arg("dtype") = py::none(),
      "arange(stop) or arange(start, stop, step): element i is start + i * step, made on the GPU "
      "(float32, int32 or uint32; default int32 for integer arguments, else float32).");
}

}  // namespace glc::python
