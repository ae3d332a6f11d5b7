// The driver's limits for shaderc (shader/spirv/shader_limits.hpp), read from GL.

#include <glad/gl.h>

#include "program/shader_limits_query.hpp"

namespace glc::detail {
namespace {

int get(GLenum name) {
  GLint value = 0;
  glGetIntegerv(name, &value);
  return value;
}

}  // namespace

ShaderLimits query_shader_limits(const ComputeLimits& compute) {
  ShaderLimits l;
  for (int i = 0; i < 3; ++i) {
    l.work_group_count[i] = static_cast<int>(std::min<std::uint32_t>(compute.max_work_group_count[i], 0x7FFFFFFF));
    l.work_group_size[i] = static_cast<int>(std::min<std::uint32_t>(compute.max_work_group_size[i], 0x7FFFFFFF));
  }
  l.uniform_components = get(GL_MAX_COMPUTE_UNIFORM_COMPONENTS);
  l.texture_image_units = get(GL_MAX_COMPUTE_TEXTURE_IMAGE_UNITS);
  l.image_uniforms = get(GL_MAX_COMPUTE_IMAGE_UNIFORMS);
  l.atomic_counters = get(GL_MAX_COMPUTE_ATOMIC_COUNTERS);
  l.atomic_counter_buffers = get(GL_MAX_COMPUTE_ATOMIC_COUNTER_BUFFERS);
  l.image_units = get(GL_MAX_IMAGE_UNITS);
  l.combined_texture_image_units = get(GL_MAX_COMBINED_TEXTURE_IMAGE_UNITS);
  l.combined_image_uniforms = get(GL_MAX_COMBINED_IMAGE_UNIFORMS);
  l.combined_shader_output_resources = get(GL_MAX_COMBINED_SHADER_OUTPUT_RESOURCES);
  l.atomic_counter_bindings = get(GL_MAX_ATOMIC_COUNTER_BUFFER_BINDINGS);
  l.atomic_counter_buffer_size = get(GL_MAX_ATOMIC_COUNTER_BUFFER_SIZE);
  l.combined_atomic_counters = get(GL_MAX_COMBINED_ATOMIC_COUNTERS);
  l.combined_atomic_counter_buffers = get(GL_MAX_COMBINED_ATOMIC_COUNTER_BUFFERS);
  return l;
}

}  // namespace glc::detail
