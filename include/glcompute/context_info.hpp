#pragma once
/// @file
/// What `Context::info()` reports: driver identity, the backend and path taken, compute limits
/// and optional features.

#include <array>
#include <cstdint>
#include <string>

#include "backend.hpp"

namespace glc {

/// Compute limits of the driver, read once when the context is created.
struct ComputeLimits {
  std::array<std::uint32_t, 3> max_work_group_count{};  ///< GL_MAX_COMPUTE_WORK_GROUP_COUNT
  std::array<std::uint32_t, 3> max_work_group_size{};   ///< GL_MAX_COMPUTE_WORK_GROUP_SIZE
  std::uint32_t max_work_group_invocations = 0;         ///< GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS
  std::uint64_t max_shared_memory_bytes = 0;            ///< GL_MAX_COMPUTE_SHARED_MEMORY_SIZE
  std::uint64_t max_storage_block_bytes = 0;            ///< GL_MAX_SHADER_STORAGE_BLOCK_SIZE
  std::uint32_t storage_buffer_offset_alignment = 0;    ///< GL_SHADER_STORAGE_BUFFER_OFFSET_ALIGNMENT
  std::uint32_t max_storage_buffer_bindings = 0;        ///< GL_MAX_SHADER_STORAGE_BUFFER_BINDINGS
  std::uint64_t max_uniform_block_bytes = 0;            ///< GL_MAX_UNIFORM_BLOCK_SIZE
  std::uint32_t uniform_buffer_offset_alignment = 0;    ///< GL_UNIFORM_BUFFER_OFFSET_ALIGNMENT
  std::uint32_t max_uniform_buffer_bindings = 0;        ///< GL_MAX_UNIFORM_BUFFER_BINDINGS
  std::uint32_t max_atomic_counter_buffer_bindings = 0; ///< GL_MAX_ATOMIC_COUNTER_BUFFER_BINDINGS
  std::uint64_t max_atomic_counter_buffer_bytes = 0;    ///< GL_MAX_ATOMIC_COUNTER_BUFFER_SIZE
  std::uint32_t max_texture_size = 0;          ///< GL_MAX_TEXTURE_SIZE: width, height (2D, arrays)
  std::uint32_t max_3d_texture_size = 0;       ///< GL_MAX_3D_TEXTURE_SIZE: each side of a Texture3D
  std::uint32_t max_array_texture_layers = 0;  ///< GL_MAX_ARRAY_TEXTURE_LAYERS
  std::uint32_t max_texture_units = 0;         ///< GL_MAX_COMPUTE_TEXTURE_IMAGE_UNITS: samplers
  std::uint32_t max_image_units = 0;           ///< GL_MAX_IMAGE_UNITS
  /// Loop iterations one shader invocation may run, all its loops counted together; 0 where the
  /// driver is not known to have such a limit. No GL query reports it: it is the driver's. Mesa's
  /// llvmpipe has 65535 and ends a loop that reaches it without any error — the shader goes on
  /// with whatever the loop had computed, so results are silently wrong, and a runaway loop
  /// "finishes" before ContextOptions::gpu_timeout could fire. Split such work over more
  /// invocations or dispatches.
  std::uint64_t max_loop_iterations = 0;
};

/// Optional features; each is false where the driver lacks it.
struct Features {
  bool gl_spirv = false;        ///< ARB_gl_spirv (GL 4.6): SPIR-V shaders
  bool buffer_storage = false;  ///< ARB_buffer_storage (GL 4.4): persistent mapping
  bool subgroup = false;        ///< KHR_shader_subgroup: subgroup operations in shaders
  /// ARB_gpu_shader_fp64 listed by the driver: doubles in shaders, which the kernel library's
  /// Buffer<double> kernels (random numbers, reductions) need
  bool fp64 = false;
  bool timer_query = false;     ///< GL_TIME_ELAPSED queries with a non-zero counter width
  bool debug_output = false;    ///< KHR_debug (GL 4.3): driver messages
};

/// Everything known about a created context.
struct ContextInfo {
  std::string vendor;        ///< GL_VENDOR, e.g. "NVIDIA Corporation" or "Mesa"
  std::string renderer;      ///< GL_RENDERER, e.g. "NVIDIA H100 80GB HBM3/PCIe/SSE2"
  std::string version;       ///< GL_VERSION string
  std::string glsl_version;  ///< GL_SHADING_LANGUAGE_VERSION string
  int gl_major = 0;          ///< core profile version actually created
  int gl_minor = 0;
  Backend backend = Backend::egl;  ///< which backend made the context: egl or glfw
  std::string egl_path;      ///< "device", "surfaceless" or "default"; "-" for GLFW
  std::string egl_device;    ///< which EGL device (index and name) or "-" for other paths
  std::string egl_version;   ///< EGL_VERSION and EGL_VENDOR of the display; "-" for GLFW
  std::string glfw_version;  ///< glfwGetVersionString() and the display; "-" for EGL
  bool debug = false;        ///< created in debug mode (KHR_debug callback installed)
  /// Created with reset notification (ARB_robustness/KHR_robustness, strategy
  /// LOSE_CONTEXT_ON_RESET): a GPU reset turns into a glc::Error saying the context was lost,
  /// instead of wrong results. False where the driver or window system lacks robustness.
  bool reset_notification = false;
  ComputeLimits limits;
  Features features;

  /// A multi-line, human-readable report of all fields.
  std::string to_string() const;
};

}  // namespace glc
