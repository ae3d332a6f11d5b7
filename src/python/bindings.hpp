#pragma once
// The Python objects of the extension module glcompute._glcompute and the functions that bind
// each concept (one file each). module.cpp calls them in this order.

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/pybind11.h>

#include <glcompute/program.hpp>
#include <glcompute/texture.hpp>

#include "context_handle.hpp"
#include "dtypes.hpp"

namespace glc::python {

namespace py = pybind11;

/// A Python `glcompute.Context`.
struct ContextObject {
  ContextRef handle;
};

/// A Python `glcompute.Buffer`: a glc::Buffer<T> with a NumPy dtype and shape. reshape() makes
/// another BufferObject over the same storage.
struct BufferObject {
  ContextRef context;
  std::shared_ptr<AnyBuffer> data;  ///< destroyed under the context's lock (owned_by)
  DType dtype = DType::float32;
  std::vector<py::ssize_t> shape;

  /// Elements in the GPU buffer (the product of the shape).
  std::size_t size() const;
  std::size_t itemsize() const { return dtype_info(dtype).itemsize; }
};

/// A Python `glcompute.Texture2D`.
struct TextureObject {
  ContextRef context;
  std::shared_ptr<Texture2D> texture;
};

/// The binding spaces of buffers: storage blocks, uniform blocks and atomic counters number
/// their bindings apart.
enum class BoundKind { storage, uniform, atomic_counters };

/// A Python `glcompute.Program`. It keeps what is bound to it alive (glcompute's program holds
/// them weakly), so `p.bind("X", ctx.buffer(a))` works without another reference.
struct ProgramObject {
  ContextRef context;
  std::shared_ptr<Program> program;
  std::map<std::pair<BoundKind, std::uint32_t>, std::shared_ptr<AnyBuffer>> bound_buffers;  ///< by binding
  std::map<std::uint32_t, std::shared_ptr<Texture2D>> bound_textures;    ///< by image unit
};

/// Makes a buffer of `dtype` and `shape` on `context`: zero-filled, or a copy of `initial`
/// (which holds the whole buffer in the dtype's layout). Copies with the GIL released.
BufferObject make_buffer(const ContextRef& context, DType dtype, std::vector<py::ssize_t> shape,
                         const void* initial);

/// Throws glc::Error naming `what` unless [offset, offset + count) lies within [0, size).
void check_range(const std::string& what, std::size_t offset, std::size_t count, std::size_t size);

/// The shape of a Python int or sequence of ints; every axis checked to be >= 0.
std::vector<py::ssize_t> to_shape(py::handle shape, const char* what);

void bind_errors(py::module_& m);
void bind_context(py::module_& m);
void bind_buffers(py::module_& m);
void bind_mapped_views(py::module_& m);
void bind_textures(py::module_& m);
void bind_programs(py::module_& m);
void bind_program_blocks(py::module_& m);
void bind_kernels(py::module_& m);
void bind_algorithms(py::module_& m);

}  // namespace glc::python
