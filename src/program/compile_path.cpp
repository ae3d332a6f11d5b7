#include "program/compile_path.hpp"

#include <optional>
#include <string>
#include <string_view>

#include "glcompute/error.hpp"
#include "shader/specialization_values.hpp"
#include "util/environment.hpp"

namespace glc::detail {
namespace {

/// A driver whose program creation was timed on both paths (glcompute_compile_paths; figures in
/// bench/RESULTS.md, "Compile paths"), by the start of its GL_RENDERER string.
struct MeasuredDriver {
  std::string_view renderer;
  ShaderPath faster;
};

constexpr MeasuredDriver kMeasuredDrivers[] = {
    // Mesa 22.3: the shipped kernels build 1.09x to 1.16x slower from SPIR-V; only much
    // larger shaders gain.
    {"llvmpipe", ShaderPath::glsl},
    // NVIDIA 580 (H200): the 19 shipped kernel variants build 1.11x to 1.15x slower from SPIR-V
    // (544 against 602 ms); only a generated 587-line shader builds faster from it.
    {"NVIDIA", ShaderPath::glsl},
};

/// The path measured faster to build programs on this driver. Drivers not measured yet keep
/// GLSL, which every driver has.
ShaderPath measured_default(const ContextInfo& info) {
  for (const MeasuredDriver& d : kMeasuredDrivers) {
    if (info.renderer.starts_with(d.renderer) && (d.faster == ShaderPath::glsl || info.features.gl_spirv)) {
      return d.faster;
    }
  }
  return ShaderPath::glsl;
}

ShaderPath from_environment(const ContextInfo& info) {
  const std::optional<std::string> word = environment_word("GLCOMPUTE_SHADER_PATH");
  if (!word) return measured_default(info);
  if (*word == "glsl") return ShaderPath::glsl;
  if (*word == "spirv") return ShaderPath::spirv;
  throw Error("glcompute: GLCOMPUTE_SHADER_PATH is '" + environment_text("GLCOMPUTE_SHADER_PATH") +
              "'; it must be 'glsl' or 'spirv' (or unset for the driver's default)");
}

}  // namespace

const char* shader_path_name(ShaderPath path) {
  switch (path) {
    case ShaderPath::glsl: return "glsl";
    case ShaderPath::spirv: return "spirv";
    default: return "automatic";
  }
}

ShaderPath resolve_shader_path(const ContextInfo& info, ShaderPath requested) {
  const ShaderPath path = requested == ShaderPath::automatic ? from_environment(info) : requested;
  if (path == ShaderPath::spirv && !info.features.gl_spirv) {
    throw Error(std::string("glcompute: the SPIR-V shader path needs ARB_gl_spirv, which this driver (") +
                info.renderer + ") lacks; use ShaderPath::glsl" +
                (requested == ShaderPath::automatic ? " (GLCOMPUTE_SHADER_PATH=spirv asked for SPIR-V)" : ""));
  }
  return path;
}

std::string canonical_options(const CompileOptions& options, ShaderPath resolved) {
  // Lengths before strings keep any byte in a define or path from faking a separator.
  const auto field = [](const std::string& s) { return std::to_string(s.size()) + ":" + s; };
  std::string key = std::string("path=") + shader_path_name(resolved) + ";defines=";
  for (const auto& [name, value] : options.defines) key += field(name) + "=" + field(value) + ",";
  key += ";include_dirs=";
  for (const auto& dir : options.include_dirs) key += field(dir.string()) + ",";
  key += ";constants=";
  for (const SpecConstant& c : options.constants) {
    key += c.id ? "#" + std::to_string(*c.id) : field(c.name);
    key += std::string("=") + spec_value_type(c.value) + ":" + std::to_string(spec_value_bits(c.value)) + ",";
  }
  key += ";local_size=" + std::to_string(options.local_size[0]) + "," +
         std::to_string(options.local_size[1]) + "," + std::to_string(options.local_size[2]);
  return key;
}

}  // namespace glc::detail
