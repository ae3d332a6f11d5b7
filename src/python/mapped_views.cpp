// Zero-copy views of buffer contents in host-visible memory, with the buffer protocol:
// Buffer.map_read() -> MappedRead, Buffer.map_write() -> MappedWrite, Buffer.read_async() ->
// PendingRead.
//
// The memory belongs to glcompute's mapping pool, which hands it to the next view once this one
// is done. So the views count what they export: arrays taken from a MappedRead keep its memory
// out of the pool after close() until they are gone (never dangling, never shared with another
// view); a MappedWrite refuses to commit while such arrays exist (writes to them after the
// commit would silently go nowhere).

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <glcompute/error.hpp>

#include "bindings.hpp"
#include "scalars.hpp"

namespace glc::python {
namespace {

/// The glcompute view behind a Python one, type-erased.
struct ViewHolder {
  virtual ~ViewHolder() = default;
  virtual void* data() = 0;
  virtual void commit() {}
  virtual void discard() {}
};
template <class T>
struct ReadHolder final : ViewHolder {
  explicit ReadHolder(MappedRead<T> v) : view(std::move(v)) {}
  void* data() override { return const_cast<T*>(view.data()); }
  MappedRead<T> view;
};
template <class T>
struct WriteHolder final : ViewHolder {
  explicit WriteHolder(MappedWrite<T> v) : view(std::move(v)) {}
  void* data() override { return view.data(); }
  void commit() override { view.commit(); }
  void discard() override { view.discard(); }
  MappedWrite<T> view;
};

/// A glcompute read in flight, type-erased.
struct PendingHolder {
  virtual ~PendingHolder() = default;
  virtual bool ready() = 0;
  virtual std::unique_ptr<ViewHolder> wait() = 0;
  /// Waits and copies into a new vector (on several cores for large reads), owned by `owner`.
  virtual void* get(py::capsule& owner) = 0;
};
template <class T>
struct PendingHolderOf final : PendingHolder {
  explicit PendingHolderOf(PendingRead<T> p) : pending(std::move(p)) {}
  bool ready() override { return pending.ready(); }
  std::unique_ptr<ViewHolder> wait() override { return std::make_unique<ReadHolder<T>>(pending.wait()); }
  void* get(py::capsule& owner) override {
    auto values = std::make_unique<std::vector<T>>(pending.get());
    void* data = values->data();
    py::gil_scoped_acquire gil;
    owner = py::capsule(values.release(), [](void* p) { delete static_cast<std::vector<T>*>(p); });
    return data;
  }
  PendingRead<T> pending;
};

struct MappedView {
  ContextRef context;
  std::unique_ptr<ViewHolder> holder;  ///< null once the memory went back to the pool
  DType dtype = DType::float32;
  std::vector<py::ssize_t> shape;
  std::vector<py::ssize_t> strides;
  py::ssize_t nbytes = 0;
  py::ssize_t flat_length = 0;  ///< for consumers that ask for plain bytes
  bool closed = false;
  bool discarded = false;  ///< a MappedWrite to give back without writing (see drop())
  int exports = 0;

  MappedView(ContextRef c, std::unique_ptr<ViewHolder> h, DType d, std::vector<py::ssize_t> s)
      : context(std::move(c)), holder(std::move(h)), dtype(d), shape(std::move(s)) {
    const auto itemsize = static_cast<py::ssize_t>(dtype_info(dtype).itemsize);
    strides.assign(shape.size(), itemsize);
    for (std::size_t i = shape.size(); i-- > 1;) strides[i - 1] = strides[i] * shape[i];
    nbytes = itemsize;
    for (py::ssize_t a : shape) nbytes *= a;
    flat_length = nbytes;
  }
  MappedView(MappedView&&) = default;
  ~MappedView() { drop(); }

  /// Gives the memory back (a MappedWrite commits first, as glcompute's destructor does, unless
  /// it was discarded).
  void drop() {
    if (!holder) return;
    ContextLock lock(*context);
    if (discarded) holder->discard();
    holder.reset();
  }
};

struct MappedReadObject : MappedView {
  using MappedView::MappedView;
};
struct MappedWriteObject : MappedView {
  using MappedView::MappedView;
};

template <class V>
int get_buffer(PyObject* self, Py_buffer* view, int flags) {
  try {
    V& v = py::handle(self).cast<V&>();
    constexpr bool writable = std::is_same_v<V, MappedWriteObject>;
    if (v.closed || !v.holder) {
      PyErr_SetString(PyExc_ValueError, writable
                          ? "glcompute.MappedWrite: the view was committed; map_write() again for a new one"
                          : "glcompute.MappedRead: the view was closed; map_read() again for a new one");
      return -1;
    }
    if (!writable && (flags & PyBUF_WRITABLE) == PyBUF_WRITABLE) {
      PyErr_SetString(PyExc_BufferError, "glcompute.MappedRead is read-only (map_write() gives writable memory)");
      return -1;
    }
    static char zero_length[1] = {0};
    void* data = v.nbytes == 0 ? zero_length : v.holder->data();
    const bool with_format = (flags & PyBUF_FORMAT) == PyBUF_FORMAT;
    view->obj = Py_NewRef(self);
    view->buf = data;
    view->len = v.nbytes;
    view->readonly = writable ? 0 : 1;
    view->suboffsets = nullptr;
    view->internal = nullptr;
    if (with_format) {
      view->itemsize = static_cast<py::ssize_t>(dtype_info(v.dtype).itemsize);
      view->format = const_cast<char*>(dtype_info(v.dtype).format);
      view->ndim = static_cast<int>(v.shape.size());
      view->shape = (flags & PyBUF_ND) == PyBUF_ND ? v.shape.data() : nullptr;
      view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? v.strides.data() : nullptr;
    } else {  // unsigned bytes, as PyBuffer_FillInfo gives
      view->itemsize = 1;
      view->format = nullptr;
      view->ndim = 1;
      view->shape = (flags & PyBUF_ND) == PyBUF_ND ? &v.flat_length : nullptr;
      view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? &view->itemsize : nullptr;
    }
    ++v.exports;
    return 0;
  } catch (...) {
    PyErr_SetString(PyExc_BufferError, "glcompute: could not export the mapped view");
    return -1;
  }
}

template <class V>
void release_buffer(PyObject* self, Py_buffer*) {
  try {
    V& v = py::handle(self).cast<V&>();
    if (--v.exports == 0 && v.closed) v.drop();
  } catch (...) {  // a slot cannot raise; drop() fails only when the context is unusable
    PyErr_Clear();
  }
}

/// Installs the buffer protocol slots: pybind11's own export no release hook.
template <class V>
void install_buffer_protocol(py::handle cls) {
  auto* type = reinterpret_cast<PyTypeObject*>(cls.ptr());
  type->tp_as_buffer->bf_getbuffer = &get_buffer<V>;
  type->tp_as_buffer->bf_releasebuffer = &release_buffer<V>;
  PyType_Modified(type);
}

std::vector<py::ssize_t> range_shape(const BufferObject& b, std::size_t offset, py::handle count) {
  if (offset == 0 && count.is_none()) return b.shape;
  return {static_cast<py::ssize_t>(count.is_none() ? (offset <= b.size() ? b.size() - offset : 0)
                                                   : to_scalar<std::uint64_t>(count, "count", "an element count"))};
}

/// A NumPy array over the view's memory, through a memoryview (whose export the array keeps).
/// A closed view raises the ValueError of get_buffer, never falls back to anything else.
py::object as_array(py::handle view) {
  PyObject* memory = PyMemoryView_FromObject(view.ptr());
  if (memory == nullptr) throw py::error_already_set();
  return py::module_::import("numpy").attr("asarray")(py::reinterpret_steal<py::object>(memory));
}

/// Methods both views share.
template <class V>
void common_view_methods(py::class_<V>& cls) {
  cls.def_property_readonly("shape", [](const V& v) { return py::tuple(py::cast(v.shape)); })
      .def_property_readonly("dtype", [](const V& v) { return numpy_dtype(v.dtype); })
      .def_property_readonly("size", [](const V& v) { return v.nbytes / static_cast<py::ssize_t>(dtype_info(v.dtype).itemsize); })
      .def_property_readonly("nbytes", [](const V& v) { return v.nbytes; })
      .def_property_readonly("closed", [](const V& v) { return v.closed; })
      .def_property_readonly("exports", [](const V& v) { return v.exports; },
                             "How many buffer-protocol exports (NumPy arrays, memoryviews) use the memory.")
      .def_property_readonly("array", [](py::handle self) { return as_array(self); },
                             "A NumPy array over the mapped memory (no copy): np.asarray(view).")
      .def("__len__", [](const V& v) {
        if (v.shape.empty()) throw py::type_error("len() of a 0-d view");
        return v.shape[0];
      })
      .def("__getitem__", [](py::handle self, py::handle key) { return as_array(self)[key]; })
      // numpy.asarray tries the buffer protocol first; where that fails (a closed view) it would
      // fall back to the sequence protocol. __array__ makes it raise get_buffer's error instead.
      .def("__array__", [](py::handle self, py::object dtype) {
        py::object a = as_array(self);
        return dtype.is_none() ? a : a.attr("astype")(dtype);
      }, py::arg("dtype") = py::none())
      .def("__enter__", [](py::handle self) { return py::reinterpret_borrow<py::object>(self); });
}

/// A Python `glcompute.PendingRead`.
struct PendingReadObject {
  ContextRef context;
  std::unique_ptr<PendingHolder> holder;
  DType dtype = DType::float32;
  std::vector<py::ssize_t> shape;

  PendingReadObject(ContextRef c, std::unique_ptr<PendingHolder> h, DType d, std::vector<py::ssize_t> s)
      : context(std::move(c)), holder(std::move(h)), dtype(d), shape(std::move(s)) {}
  PendingReadObject(PendingReadObject&&) = default;
  ~PendingReadObject() {
    if (!holder) return;
    ContextLock lock(*context);
    holder.reset();
  }
};

}  // namespace

void bind_mapped_views(py::module_& m) {
  py::class_<MappedReadObject> read(m, "MappedRead", py::buffer_protocol(), R"(A read-only, zero-copy view of buffer elements in host-visible memory.

np.asarray(view) (or view.array) is a NumPy array over that memory, no copy. close() (or the end
of a `with` block) gives the memory back to glcompute's pool; arrays taken from the view keep it
until they are gone, and a closed view refuses new ones.)");
  common_view_methods(read);
  read.def("close", [](MappedReadObject& v) {
        v.closed = true;
        if (v.exports == 0) v.drop();
      }, "Ends the view (arrays already taken from it stay valid).")
      .def("__exit__", [](MappedReadObject& v, py::args) {
        v.closed = true;
        if (v.exports == 0) v.drop();
      });
  install_buffer_protocol<MappedReadObject>(read);

  py::class_<MappedWriteObject> write(m, "MappedWrite", py::buffer_protocol(), R"(Writable host-visible memory for buffer elements, copied to the buffer by commit().

Its contents start undefined. Fill it in place: view[...] = values, or through np.asarray(view).
commit() (or close(), or the end of a `with` block) copies it to the buffer, once; an uncommitted
view commits when it is destroyed. Arrays taken from the view must be gone by then (del them):
commit() raises BufferError while any exists, since writes to them would be lost. discard(), or a
`with` block left by an exception, writes nothing: the buffer keeps its contents, as in C++.)");
  common_view_methods(write);
  const auto commit = [](MappedWriteObject& v) {
    if (v.closed) return;
    if (v.exports > 0) {
      throw py::buffer_error("glcompute.MappedWrite.commit: " + std::to_string(v.exports) +
                             " array(s) taken from this view still use its memory; delete them "
                             "(del a) first, or write through view[...] = values");
    }
    v.closed = true;
    without_gil(*v.context, [&] { v.holder->commit(); });
    v.drop();
  };
  // The memory goes back to the pool only once no array uses it (release_buffer drops it then).
  const auto discard = [](MappedWriteObject& v) {
    if (v.closed) return;
    v.closed = true;
    v.discarded = true;
    if (v.exports == 0) v.drop();
  };
  write.def("commit", commit, "Copies the view to the buffer (once); the view is then closed.")
      .def("close", commit, "commit().")
      .def("discard", discard,
           "Closes the view without writing anything: the buffer keeps its contents. Arrays "
           "taken from the view stay valid (their writes go nowhere).")
      .def("__exit__", [commit, discard](MappedWriteObject& v, py::handle type, py::handle, py::handle) {
        // Left by an exception the view may be half filled: nothing is written (C++ does the same).
        if (type.is_none()) commit(v);
        else discard(v);
      })
      .def("__setitem__", [](py::handle self, py::handle key, py::handle value) {
        py::object a = as_array(self);
        a[key] = value;
      });
  install_buffer_protocol<MappedWriteObject>(write);

  py::class_<PendingReadObject>(m, "PendingRead", R"(A read in flight, from Buffer.read_async().

ready() polls; wait() gives a MappedRead (zero-copy); get() a new NumPy array. Either consumes it.)")
      .def_property_readonly("shape", [](const PendingReadObject& p) { return py::tuple(py::cast(p.shape)); })
      .def_property_readonly("dtype", [](const PendingReadObject& p) { return numpy_dtype(p.dtype); })
      .def("ready", [](PendingReadObject& p) { return locked(*p.context, [&] { return p.holder->ready(); }); },
           "True once the data has arrived; never blocks.")
      .def("wait", [](PendingReadObject& p) {
        auto view = without_gil(*p.context, [&] { return p.holder->wait(); });
        return MappedReadObject(p.context, std::move(view), p.dtype, p.shape);
      }, "Waits (without the GIL) and hands the memory over as a MappedRead.")
      .def("get", [](PendingReadObject& p) {
        py::capsule owner;
        void* data = without_gil(*p.context, [&] { return p.holder->get(owner); });
        if (data == nullptr) return py::array(numpy_dtype(p.dtype), p.shape);  // no elements
        return py::array(numpy_dtype(p.dtype), p.shape, data, owner);
      }, "Waits (without the GIL) and returns the data as a new NumPy array.");

  py::class_<BufferObject> buffer = m.attr("Buffer");
  buffer
      .def("map_read", [](const BufferObject& b, py::handle offset, py::handle count) {
        const auto first = to_scalar<std::uint64_t>(offset, "Buffer.map_read: offset", "an element index");
        std::vector<py::ssize_t> shape = range_shape(b, first, count);
        std::size_t n = 1;
        for (py::ssize_t a : shape) n *= static_cast<std::size_t>(a);
        auto holder = with_storage_type(b.dtype, [&]<class T>(std::type_identity<T>) -> std::unique_ptr<ViewHolder> {
          return without_gil(*b.context, [&] {
            return std::unique_ptr<ViewHolder>(new ReadHolder<T>(std::get<Buffer<T>>(*b.data).map_read(first, n)));
          });
        });
        return MappedReadObject(b.context, std::move(holder), b.dtype, std::move(shape));
      }, py::arg("offset") = 0, py::arg("count") = py::none(),
      "A zero-copy read-only view of elements [offset, offset + count) (all, in the buffer's shape, "
      "by default): the GPU copies them into host-visible memory; the GIL is released meanwhile.")
      .def("map_write", [](const BufferObject& b, py::handle offset, py::handle count) {
        const auto first = to_scalar<std::uint64_t>(offset, "Buffer.map_write: offset", "an element index");
        std::vector<py::ssize_t> shape = range_shape(b, first, count);
        std::size_t n = 1;
        for (py::ssize_t a : shape) n *= static_cast<std::size_t>(a);
        auto holder = with_storage_type(b.dtype, [&]<class T>(std::type_identity<T>) -> std::unique_ptr<ViewHolder> {
          return without_gil(*b.context, [&] {
            return std::unique_ptr<ViewHolder>(new WriteHolder<T>(std::get<Buffer<T>>(*b.data).map_write(first, n)));
          });
        });
        return MappedWriteObject(b.context, std::move(holder), b.dtype, std::move(shape));
      }, py::arg("offset") = 0, py::arg("count") = py::none(),
      "Host-visible memory for elements [offset, offset + count) (all by default), copied to the "
      "buffer by commit() or at the end of a `with` block.")
      .def("read_async", [](const BufferObject& b, py::handle offset, py::handle count) {
        const auto first = to_scalar<std::uint64_t>(offset, "Buffer.read_async: offset", "an element index");
        std::vector<py::ssize_t> shape = range_shape(b, first, count);
        std::size_t n = 1;
        for (py::ssize_t a : shape) n *= static_cast<std::size_t>(a);
        auto holder = with_storage_type(b.dtype, [&]<class T>(std::type_identity<T>) -> std::unique_ptr<PendingHolder> {
          return locked(*b.context, [&] {
            return std::unique_ptr<PendingHolder>(new PendingHolderOf<T>(std::get<Buffer<T>>(*b.data).read_async(first, n)));
          });
        });
        return PendingReadObject(b.context, std::move(holder), b.dtype, std::move(shape));
      }, py::arg("offset") = 0, py::arg("count") = py::none(),
      "Starts copying elements [offset, offset + count) (all by default) to host-visible memory "
      "and returns a PendingRead at once.");
}

}  // namespace glc::python
