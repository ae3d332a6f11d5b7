// The extension module glcompute._glcompute. The package glcompute (glcompute/__init__.py)
// re-exports it and adds the NumPy-style module functions (glcompute.random, glcompute.zeros...).

#include <pybind11/pybind11.h>

#include "bindings.hpp"

PYBIND11_MODULE(_glcompute, m) {
  namespace gp = glc::python;
  m.doc() = "glcompute's C++ library, bound for Python: contexts, programs, buffers, textures, kernels.";
  // Order matters: later concepts add methods to the classes of earlier ones (Context.buffer,
  // Buffer.map_read, Buffer.sum...).
  gp::bind_errors(m);
  gp::bind_context(m);
  gp::bind_buffers(m);
  gp::bind_mapped_views(m);
  gp::bind_textures(m);
  gp::bind_programs(m);
  gp::bind_program_blocks(m);
  gp::bind_kernels(m);
  gp::bind_algorithms(m);
}
