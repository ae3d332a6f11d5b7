#include "shader/spirv/spirv_compile.hpp"

#include "shader/include_resolver.hpp"
#include "shader/shader_log.hpp"
#include "shader/shaderc_compiler.hpp"

namespace glc::detail {
namespace {

void set_limits(shaderc::CompileOptions& options, const ShaderLimits& l) {
  const auto set = [&](shaderc_limit limit, int value) {
    if (value > 0) options.SetLimit(limit, value);
  };
  set(shaderc_limit_max_compute_work_group_count_x, l.work_group_count[0]);
  set(shaderc_limit_max_compute_work_group_count_y, l.work_group_count[1]);
  set(shaderc_limit_max_compute_work_group_count_z, l.work_group_count[2]);
  set(shaderc_limit_max_compute_work_group_size_x, l.work_group_size[0]);
  set(shaderc_limit_max_compute_work_group_size_y, l.work_group_size[1]);
  set(shaderc_limit_max_compute_work_group_size_z, l.work_group_size[2]);
  set(shaderc_limit_max_compute_uniform_components, l.uniform_components);
  set(shaderc_limit_max_compute_texture_image_units, l.texture_image_units);
  set(shaderc_limit_max_compute_image_uniforms, l.image_uniforms);
  set(shaderc_limit_max_compute_atomic_counters, l.atomic_counters);
  set(shaderc_limit_max_compute_atomic_counter_buffers, l.atomic_counter_buffers);
  set(shaderc_limit_max_image_units, l.image_units);
  set(shaderc_limit_max_combined_texture_image_units, l.combined_texture_image_units);
  set(shaderc_limit_max_combined_image_uniforms, l.combined_image_uniforms);
  set(shaderc_limit_max_combined_shader_output_resources, l.combined_shader_output_resources);
  set(shaderc_limit_max_atomic_counter_bindings, l.atomic_counter_bindings);
  set(shaderc_limit_max_atomic_counter_buffer_size, l.atomic_counter_buffer_size);
  set(shaderc_limit_max_combined_atomic_counters, l.combined_atomic_counters);
  set(shaderc_limit_max_combined_atomic_counter_buffers, l.combined_atomic_counter_buffers);
}

}  // namespace

std::vector<std::uint32_t> compile_spirv(const PreprocessedSource& source, const ShaderLimits& limits) {
  shaderc::CompileOptions options;
  options.SetTargetEnvironment(shaderc_target_env_opengl, shaderc_env_version_opengl_4_5);
  set_limits(options, limits);
  options.SetAutoMapLocations(true);
  options.SetAutoBindUniforms(true);
  options.SetOptimizationLevel(shaderc_optimization_level_zero);  // the driver optimizes
  const std::string& name = source.files.at(0);
  // The names preprocessing gave shaderc: it aborts on a message about a file named "".
  const shaderc::SpvCompilationResult result = shaderc_compiler().CompileGlslToSpv(
      source.expanded, shaderc_compute_shader, source.top_glslang_name.c_str(), options);
  if (result.GetCompilationStatus() != shaderc_compilation_status_success) {
    // glslang links too (a function declared but never defined fails there), as the driver
    // does on the GLSL path: say which step failed, as that path does.
    const std::string log = result.GetErrorMessage();
    const char* step = log.find("Linking compute stage") != std::string::npos ? "link" : "compile";
    std::vector<Diagnostic> diagnostics = parse_shaderc_log(log, source.top_glslang_name);
    for (Diagnostic& d : diagnostics) d.file = display_name(source.stand_ins, d.file);
    throw ShaderError("glcompute: cannot " + std::string(step) + " shader " + name + " (SPIR-V path)",
                      std::move(diagnostics));
  }
  return {result.begin(), result.end()};
}

}  // namespace glc::detail
