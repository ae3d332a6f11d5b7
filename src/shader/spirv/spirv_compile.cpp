#include "shader/spirv/spirv_compile.hpp"

#include "shader/include_resolver.hpp"
#include "shader/shader_log.hpp"
#include "shader/shaderc_compiler.hpp"

namespace glc::detail {

std::vector<std::uint32_t> compile_spirv(const PreprocessedSource& source) {
  shaderc::CompileOptions options;
  options.SetTargetEnvironment(shaderc_target_env_opengl, shaderc_env_version_opengl_4_5);
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
