#include "glcompute/context_info.hpp"

#include <sstream>
#include <string>

namespace glc {
namespace {

std::string yes_no(bool value) { return value ? "yes" : "no"; }

template <class T>
std::string triple(const std::array<T, 3>& v) {
  std::ostringstream s;
  s << v[0] << " x " << v[1] << " x " << v[2];
  return s.str();
}

}  // namespace

std::string ContextInfo::to_string() const {
  std::ostringstream s;
  s << "vendor:                   " << vendor << "\n"
    << "renderer:                 " << renderer << "\n"
    << "GL version:               " << version << " (core " << gl_major << "." << gl_minor
    << (debug ? ", debug" : "") << ")\n"
    << "GLSL version:             " << glsl_version << "\n"
    << "backend:                  " << glc::to_string(backend) << "\n";
  if (backend == Backend::glfw) {
    s << "GLFW:                     " << glfw_version << "\n";
  } else {
    s << "EGL:                      " << egl_version << ", path " << egl_path << ", device "
      << egl_device << "\n";
  }
  s << "reset notification:       " << yes_no(reset_notification) << "\n"
    << "work group count max:     " << triple(limits.max_work_group_count) << "\n"
    << "work group size max:      " << triple(limits.max_work_group_size) << "\n"
    << "work group invocations:   " << limits.max_work_group_invocations << "\n"
    << "shared memory:            " << limits.max_shared_memory_bytes << " bytes\n"
    << "storage block max:        " << limits.max_storage_block_bytes << " bytes\n"
    << "storage offset alignment: " << limits.storage_buffer_offset_alignment << " bytes\n"
    << "storage bindings:         " << limits.max_storage_buffer_bindings << "\n"
    << "uniform block max:        " << limits.max_uniform_block_bytes << " bytes\n"
    << "uniform offset alignment: " << limits.uniform_buffer_offset_alignment << " bytes\n"
    << "uniform bindings:         " << limits.max_uniform_buffer_bindings << "\n"
    << "atomic counter bindings:  " << limits.max_atomic_counter_buffer_bindings << "\n"
    << "texture size max:         " << limits.max_texture_size << " (3D " << limits.max_3d_texture_size
    << ", array layers " << limits.max_array_texture_layers << ")\n"
    << "texture / image units:    " << limits.max_texture_units << " / " << limits.max_image_units
    << "\n"
    << "loop iterations:          "
    << (limits.max_loop_iterations == 0
            ? std::string("no limit known")
            : std::to_string(limits.max_loop_iterations) +
                  " per invocation; longer loops end early without an error")
    << "\n"
    << "ARB_gl_spirv:             " << yes_no(features.gl_spirv) << "\n"
    << "buffer storage:           " << yes_no(features.buffer_storage) << "\n"
    << "subgroup operations:      " << yes_no(features.subgroup) << "\n"
    << "ARB_gpu_shader_fp64:      " << yes_no(features.fp64) << "\n"
    << "timer queries:            " << yes_no(features.timer_query) << "\n"
    << "debug output:             " << yes_no(features.debug_output) << "\n";
  return s.str();
}

}  // namespace glc
