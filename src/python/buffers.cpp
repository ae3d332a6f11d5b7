// glcompute.Buffer: a GPU buffer with a NumPy dtype and shape; Context.buffer/zeros/empty.
// Reads go straight into the NumPy array's memory and uploads straight from it: the binding adds
// no copy of its own.

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <glcompute/error.hpp>

#include "bindings.hpp"
#include "scalars.hpp"

namespace glc::python {
namespace {

py::tuple shape_tuple(const std::vector<py::ssize_t>& shape) {
  py::tuple t(shape.size());
  for (std::size_t i = 0; i < shape.size(); ++i) t[i] = py::int_(shape[i]);
  return t;
}

/// The range [offset, offset + count) of a buffer of `size` elements; count None: to the end.
/// Out-of-range values are left for glcompute to refuse (it names the operation and sizes).
std::pair<std::size_t, std::size_t> to_range(py::handle offset, py::handle count, std::size_t size,
                                             const std::string& what) {
  const auto first = to_scalar<std::uint64_t>(offset, what + ": offset", "an element index");
  if (count.is_none()) return {first, first <= size ? size - first : 0};
  return {first, to_scalar<std::uint64_t>(count, what + ": count", "an element count")};
}

/// `out` checked to receive `count` elements of `dtype` in place.
py::array checked_out(py::handle out, DType dtype, std::size_t count, const std::string& what) {
  if (!py::isinstance<py::array>(out)) {
    throw Error(what + ": out must be a numpy.ndarray, got " + describe_value(out));
  }
  py::array a = py::reinterpret_borrow<py::array>(out);
  if (!a.dtype().equal(numpy_dtype(dtype))) {
    throw Error(what + ": out has dtype " + str_of(a.dtype()) + "; the buffer's is " +
                dtype_name(dtype));
  }
  if (static_cast<std::size_t>(a.size()) != count) {
    throw Error(what + ": out holds " + std::to_string(a.size()) + " elements; " + std::to_string(count) +
                " are read");
  }
  if (!(a.flags() & py::array::c_style) || !a.writeable()) {
    throw Error(what + ": out must be C-contiguous and writeable");
  }
  return a;
}

/// Reads elements [offset, offset + count) into `dst`, without the GIL.
void read_into(const BufferObject& b, std::size_t offset, std::size_t count, void* dst) {
  without_gil(*b.context, [&] {
    std::visit([&](auto& buffer) {
      using T = typename std::decay_t<decltype(buffer)>::value_type;
      buffer.read_into(std::span<T>(static_cast<T*>(dst), count), offset);
    }, *b.data);
  });
}

/// Writes `count` elements from `src` at `offset`, without the GIL.
void write_from(const BufferObject& b, const void* src, std::size_t count, std::size_t offset) {
  without_gil(*b.context, [&] {
    std::visit([&](auto& buffer) {
      using T = typename std::decay_t<decltype(buffer)>::value_type;
      buffer.write(std::span<const T>(static_cast<const T*>(src), count), offset);
    }, *b.data);
  });
}

py::array get(const BufferObject& b, py::handle out) {
  if (!out.is_none()) {
    py::array a = checked_out(out, b.dtype, b.size(), "Buffer.get");
    read_into(b, 0, b.size(), a.mutable_data());
    return a;
  }
  py::array a(numpy_dtype(b.dtype), b.shape);
  read_into(b, 0, b.size(), a.mutable_data());
  return a;
}

py::array read(const BufferObject& b, py::handle offset, py::handle count, py::handle out) {
  const auto [first, n] = to_range(offset, count, b.size(), "Buffer.read");
  check_range("Buffer.read", first, n, b.size());
  py::array a = out.is_none() ? py::array(numpy_dtype(b.dtype), std::vector<py::ssize_t>{static_cast<py::ssize_t>(n)})
                              : checked_out(out, b.dtype, n, "Buffer.read");
  read_into(b, first, n, a.mutable_data());
  return a;
}

void set(const BufferObject& b, py::handle data) {
  const py::array a = contiguous_array(data, b.dtype, "Buffer.set");
  if (static_cast<std::size_t>(a.size()) != b.size()) {
    throw Error("Buffer.set: the data holds " + std::to_string(a.size()) + " elements, the buffer " +
                std::to_string(b.size()) + " (use write(data, offset) for part of it)");
  }
  write_from(b, a.data(), b.size(), 0);
}

void write(const BufferObject& b, py::handle data, py::handle offset) {
  const py::array a = contiguous_array(data, b.dtype, "Buffer.write");
  const auto first = to_scalar<std::uint64_t>(offset, "Buffer.write: offset", "an element index");
  write_from(b, a.data(), static_cast<std::size_t>(a.size()), first);
}

void copy_from(BufferObject& dst, const BufferObject& src, py::handle src_offset, py::handle dst_offset,
               py::handle count) {
  if (src.dtype != dst.dtype) {
    throw Error(std::string("Buffer.copy_from: the source is ") + dtype_name(src.dtype) + " and this buffer " +
                dtype_name(dst.dtype) + "; copies keep the element type");
  }
  const auto from = to_scalar<std::uint64_t>(src_offset, "Buffer.copy_from: src_offset", "an element index");
  const auto to = to_scalar<std::uint64_t>(dst_offset, "Buffer.copy_from: dst_offset", "an element index");
  const bool whole = count.is_none() && from == 0 && to == 0;
  const std::uint64_t n = count.is_none() ? (from <= src.size() ? src.size() - from : 0)
                                          : to_scalar<std::uint64_t>(count, "Buffer.copy_from: count", "an element count");
  without_gil(*dst.context, [&] {
    std::visit([&](auto& d) {
      using B = std::decay_t<decltype(d)>;
      const B& s = std::get<B>(*src.data);
      if (whole) d.copy_from(s);
      else d.copy_from(s, from, to, n);
    }, *dst.data);
  });
}

std::vector<py::ssize_t> reshaped(const BufferObject& b, py::args args) {
  py::object spec = args.size() == 1 ? py::object(args[0]) : py::object(args);
  if (is_integer(spec)) spec = py::make_tuple(spec);
  std::vector<py::ssize_t> shape;
  int unknown = -1;
  std::size_t known = 1;
  for (py::handle axis : spec) {
    const auto n = to_scalar<std::int64_t>(axis, "Buffer.reshape: an axis", "a length");
    if (n == -1 && unknown < 0) {
      unknown = static_cast<int>(shape.size());
      shape.push_back(1);
      continue;
    }
    if (n < 0) throw Error("Buffer.reshape: axis lengths must be >= 0 (one may be -1)");
    shape.push_back(n);
    known *= static_cast<std::size_t>(n);
  }
  if (unknown >= 0) {
    if (known == 0 || b.size() % known != 0) {
      throw Error("Buffer.reshape: cannot infer the -1 axis for " + std::to_string(b.size()) + " elements");
    }
    shape[unknown] = static_cast<py::ssize_t>(b.size() / known);
    known *= b.size() / known;
  }
  if (known != b.size()) {
    throw Error("Buffer.reshape: cannot reshape " + std::to_string(b.size()) + " elements into " +
                py::repr(shape_tuple(shape)).cast<std::string>());
  }
  return shape;
}

}  // namespace

void check_range(const std::string& what, std::size_t offset, std::size_t count, std::size_t size) {
  if (offset > size || count > size - offset) {
    throw Error(what + ": elements [" + std::to_string(offset) + ", " + std::to_string(offset) + " + " +
                std::to_string(count) + ") are out of range for a buffer of " + std::to_string(size) + " elements");
  }
}

std::size_t BufferObject::size() const {
  std::size_t n = 1;
  for (py::ssize_t axis : shape) n *= static_cast<std::size_t>(axis);
  return n;
}

std::vector<py::ssize_t> to_shape(py::handle shape, const char* what) {
  std::vector<py::ssize_t> axes;
  if (is_integer(shape)) {
    axes.push_back(to_scalar<std::int64_t>(shape, std::string(what) + ": shape", "a length"));
  } else {
    for (py::handle axis : shape) axes.push_back(to_scalar<std::int64_t>(axis, std::string(what) + ": an axis", "a length"));
  }
  std::size_t n = 1;
  for (py::ssize_t a : axes) {
    if (a < 0) throw Error(std::string(what) + ": axis lengths must be >= 0, got " + std::to_string(a));
    if (a != 0 && n > SIZE_MAX / 16 / static_cast<std::size_t>(a)) {
      throw Error(std::string(what) + ": the shape holds more elements than memory can (the size overflows)");
    }
    n *= static_cast<std::size_t>(a);
  }
  return axes;
}

BufferObject make_buffer(const ContextRef& context, DType dtype, std::vector<py::ssize_t> shape,
                         const void* initial) {
  BufferObject b{context, nullptr, dtype, std::move(shape)};
  const std::size_t n = b.size();
  b.data = with_storage_type(dtype, [&]<class T>(std::type_identity<T>) {
    return without_gil(*context, [&] {
      Context& ctx = context->context;
      AnyBuffer* created = initial == nullptr
                               ? new AnyBuffer(ctx.buffer<T>(n))
                               : new AnyBuffer(ctx.buffer(std::span<const T>(static_cast<const T*>(initial), n)));
      return owned_by(context, created);
    });
  });
  return b;
}

void bind_buffers(py::module_& m) {
  py::class_<BufferObject>(m, "Buffer", R"(A buffer on the GPU with a NumPy shape and dtype.

Made by Context.buffer(array), Context.zeros(shape, dtype) and the kernel library. Bind it to a
program's storage block (Program.bind), read it with get() (a new NumPy array, or into out=),
write it with set(). Reads and writes after a dispatch see the dispatch's results.
np.asarray(buffer) is buffer.get(); map_read() gives a zero-copy view instead.)")
      .def_property_readonly("shape", [](const BufferObject& b) { return shape_tuple(b.shape); })
      .def_property_readonly("dtype", [](const BufferObject& b) { return numpy_dtype(b.dtype); })
      .def_property_readonly("size", &BufferObject::size, "Number of elements.")
      .def_property_readonly("ndim", [](const BufferObject& b) { return b.shape.size(); })
      .def_property_readonly("itemsize", &BufferObject::itemsize)
      .def_property_readonly("nbytes", [](const BufferObject& b) { return b.size() * b.itemsize(); })
      .def_property_readonly("context", [](const BufferObject& b) { return ContextObject{b.context}; })
      .def_property_readonly("id", [](const BufferObject& b) {
        return locked(*b.context, [&] { return std::visit([](auto& x) { return x.id(); }, *b.data); });
      }, "The GL buffer name, for interop with raw GL.")
      .def("__len__", [](const BufferObject& b) {
        if (b.shape.empty()) throw py::type_error("len() of a 0-d glcompute.Buffer");
        return b.shape[0];
      })
      .def("get", &get, py::arg("out") = py::none(),
           "All elements as a NumPy array of the buffer's shape and dtype; with out=, read into "
           "that C-contiguous array (same dtype and size) and return it. The GIL is released while "
           "the data comes back.")
      .def("set", &set, py::arg("data"),
           "Replaces every element with `data` (same number of elements; converted with NumPy's "
           "same_kind rule).")
      .def("read", &read, py::arg("offset") = 0, py::arg("count") = py::none(), py::arg("out") = py::none(),
           "Elements [offset, offset + count) (to the end by default) as a 1-d array, or into out=.")
      .def("write", &write, py::arg("data"), py::arg("offset") = 0,
           "Writes the elements of `data` (flattened) at element `offset`.")
      .def("copy_from", &copy_from, py::arg("src"), py::arg("src_offset") = 0, py::arg("dst_offset") = 0,
           py::arg("count") = py::none(),
           "Copies elements of `src` (same dtype and context) on the GPU: all of it by default "
           "(same size), else `count` elements (to src's end by default) from src_offset to dst_offset.")
      .def("copy", [](const BufferObject& b) {
        BufferObject c = make_buffer(b.context, b.dtype, b.shape, nullptr);
        copy_from(c, b, py::int_(0), py::int_(0), py::none());
        return c;
      }, "A new buffer with the same shape, dtype and contents (copied on the GPU).")
      .def("reshape", [](const BufferObject& b, py::args shape) {
        return BufferObject{b.context, b.data, b.dtype, reshaped(b, std::move(shape))};
      }, "The same GPU memory with another shape (one axis may be -1), like ndarray.reshape.")
      .def("__array__", [](const BufferObject& b, py::object dtype) {
        py::array a = get(b, py::none());
        if (dtype.is_none()) return a;
        return py::array(a.attr("astype")(dtype));
      }, py::arg("dtype") = py::none())
      .def("__repr__", [](const BufferObject& b) {
        return "<glcompute.Buffer shape=" + py::repr(shape_tuple(b.shape)).cast<std::string>() +
               " dtype=" + dtype_name(b.dtype) + ">";
      });

  py::class_<ContextObject> context = m.attr("Context");
  context
      .def("buffer", [](const ContextObject& c, py::handle data, py::handle dtype) {
        py::array source = py::reinterpret_borrow<py::object>(data);
        const DType d = dtype.is_none() ? dtype_of(source) : to_dtype(dtype);
        const py::array a = contiguous_array(source, d, "Context.buffer");
        std::vector<py::ssize_t> shape = shape_of(a);
        return make_buffer(c.handle, d, std::move(shape), a.data());
      }, py::arg("data"), py::arg("dtype") = py::none(),
      "A buffer holding a copy of `data` (a NumPy array or anything numpy.asarray takes), with its "
      "shape and dtype (or `dtype`, converted with NumPy's same_kind rule).")
      .def("zeros", [](const ContextObject& c, py::handle shape, py::handle dtype) {
        return make_buffer(c.handle, to_dtype(dtype), to_shape(shape, "Context.zeros"), nullptr);
      }, py::arg("shape"), py::arg("dtype") = py::module_::import("numpy").attr("float64"),
      "A zero-filled buffer (dtype float64 by default, as NumPy's).")
      .def("empty", [](const ContextObject& c, py::handle shape, py::handle dtype) {
        return make_buffer(c.handle, to_dtype(dtype), to_shape(shape, "Context.empty"), nullptr);
      }, py::arg("shape"), py::arg("dtype") = py::module_::import("numpy").attr("float64"),
      "A new buffer. glcompute zero-fills every buffer it makes, so this is zeros().");
}

}  // namespace glc::python
