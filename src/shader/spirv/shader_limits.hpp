#pragma once
// The driver's limits that shaderc checks a shader against when it compiles it to SPIR-V. Its
// defaults are the GLSL minimums (one atomic counter binding, 1024 uniform components, ...),
// far below what drivers offer: left there, the SPIR-V path would refuse shaders the GLSL path
// takes. Internal.

#include <array>

namespace glc::detail {

/// GL limits by name; 0 keeps shaderc's default.
struct ShaderLimits {
  std::array<int, 3> work_group_count{}, work_group_size{};
  int uniform_components = 0;             ///< GL_MAX_COMPUTE_UNIFORM_COMPONENTS
  int texture_image_units = 0;            ///< GL_MAX_COMPUTE_TEXTURE_IMAGE_UNITS
  int image_uniforms = 0;                 ///< GL_MAX_COMPUTE_IMAGE_UNIFORMS
  int atomic_counters = 0;                ///< GL_MAX_COMPUTE_ATOMIC_COUNTERS
  int atomic_counter_buffers = 0;         ///< GL_MAX_COMPUTE_ATOMIC_COUNTER_BUFFERS
  int image_units = 0;                    ///< GL_MAX_IMAGE_UNITS
  int combined_texture_image_units = 0;   ///< GL_MAX_COMBINED_TEXTURE_IMAGE_UNITS
  int combined_image_uniforms = 0;        ///< GL_MAX_COMBINED_IMAGE_UNIFORMS
  int combined_shader_output_resources = 0;  ///< GL_MAX_COMBINED_SHADER_OUTPUT_RESOURCES
  int atomic_counter_bindings = 0;        ///< GL_MAX_ATOMIC_COUNTER_BUFFER_BINDINGS
  int atomic_counter_buffer_size = 0;     ///< GL_MAX_ATOMIC_COUNTER_BUFFER_SIZE
  int combined_atomic_counters = 0;       ///< GL_MAX_COMBINED_ATOMIC_COUNTERS
  int combined_atomic_counter_buffers = 0;  ///< GL_MAX_COMBINED_ATOMIC_COUNTER_BUFFERS
};

}  // namespace glc::detail
