#include "context/info_query.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <glad/gl.h>

#include "context/gl_loader.hpp"
#include "context/platform_context.hpp"

namespace glc::detail {
namespace {

std::string gl_string(GLenum name) {
  const auto* s = reinterpret_cast<const char*>(glGetString(name));
  return s ? s : "";
}

std::uint32_t get_uint(GLenum name) {
  GLint value = 0;
  glGetIntegerv(name, &value);
  return static_cast<std::uint32_t>(value);
}

std::array<std::uint32_t, 3> get_uint3(GLenum name) {
  std::array<std::uint32_t, 3> out{};
  for (GLuint i = 0; i < 3; ++i) {
    GLint value = 0;
    glGetIntegeri_v(name, i, &value);
    out[i] = static_cast<std::uint32_t>(value);
  }
  return out;
}

std::uint64_t get_uint64(GLenum name) {
  GLint64 value = 0;
  glGetInteger64v(name, &value);
  return static_cast<std::uint64_t>(value);
}

}  // namespace

ContextInfo query_context_info(const PlatformContext& platform) {
  ContextInfo info;
  info.vendor = gl_string(GL_VENDOR);
  info.renderer = gl_string(GL_RENDERER);
  info.version = gl_string(GL_VERSION);
  info.glsl_version = gl_string(GL_SHADING_LANGUAGE_VERSION);
  info.gl_major = static_cast<int>(get_uint(GL_MAJOR_VERSION));
  info.gl_minor = static_cast<int>(get_uint(GL_MINOR_VERSION));
  platform.describe(info);

  ComputeLimits& l = info.limits;
  l.max_work_group_count = get_uint3(GL_MAX_COMPUTE_WORK_GROUP_COUNT);
  l.max_work_group_size = get_uint3(GL_MAX_COMPUTE_WORK_GROUP_SIZE);
  l.max_work_group_invocations = get_uint(GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS);
  l.max_shared_memory_bytes = get_uint(GL_MAX_COMPUTE_SHARED_MEMORY_SIZE);
  l.max_storage_block_bytes = get_uint64(GL_MAX_SHADER_STORAGE_BLOCK_SIZE);
  l.storage_buffer_offset_alignment = get_uint(GL_SHADER_STORAGE_BUFFER_OFFSET_ALIGNMENT);
  l.max_storage_buffer_bindings = get_uint(GL_MAX_SHADER_STORAGE_BUFFER_BINDINGS);
  l.max_uniform_block_bytes = get_uint64(GL_MAX_UNIFORM_BLOCK_SIZE);
  l.uniform_buffer_offset_alignment = get_uint(GL_UNIFORM_BUFFER_OFFSET_ALIGNMENT);
  l.max_uniform_buffer_bindings = get_uint(GL_MAX_UNIFORM_BUFFER_BINDINGS);
  l.max_atomic_counter_buffer_bindings = get_uint(GL_MAX_ATOMIC_COUNTER_BUFFER_BINDINGS);
  l.max_atomic_counter_buffer_bytes = get_uint64(GL_MAX_ATOMIC_COUNTER_BUFFER_SIZE);
  l.max_texture_size = get_uint(GL_MAX_TEXTURE_SIZE);
  l.max_3d_texture_size = get_uint(GL_MAX_3D_TEXTURE_SIZE);
  l.max_array_texture_layers = get_uint(GL_MAX_ARRAY_TEXTURE_LAYERS);
  l.max_texture_units = get_uint(GL_MAX_COMPUTE_TEXTURE_IMAGE_UNITS);
  l.max_image_units = get_uint(GL_MAX_IMAGE_UNITS);
  // gallivm's loop limiter (LP_MAX_TGSI_LOOP_ITERATIONS), in every llvmpipe to date: measured by
  // tests/gl/test_loop_limit, which fails should another llvmpipe differ.
  if (info.renderer.find("llvmpipe") != std::string::npos) l.max_loop_iterations = 65535;

  // Every entry point is loaded whatever the context has (context/gl_loader.hpp), so glad's
  // flags say nothing about this context: its own version and extensions decide.
  const int version = info.gl_major * 10 + info.gl_minor;
  const std::vector<std::string> extensions = current_context_extensions();
  const auto has = [&](std::string_view name) {
    return std::find(extensions.begin(), extensions.end(), name) != extensions.end();
  };
  Features& f = info.features;
  f.gl_spirv = version >= 46 || has("GL_ARB_gl_spirv");
  f.buffer_storage = version >= 44 || has("GL_ARB_buffer_storage");
  f.subgroup = has("GL_KHR_shader_subgroup");
  f.fp64 = has("GL_ARB_gpu_shader_fp64");
  GLint timer_bits = 0;
  glGetQueryiv(GL_TIME_ELAPSED, GL_QUERY_COUNTER_BITS, &timer_bits);
  f.timer_query = timer_bits > 0;
  f.debug_output = version >= 43 || has("GL_KHR_debug");
  return info;
}

}  // namespace glc::detail
