#pragma once
/// @file
/// `glc::ContextOptions`: how a `glc::Context` is created (backend, device, GL version, debug
/// mode, staging memory, GPU timeout, program cache). Every field has a working default.
///
///     glc::Context ctx(glc::ContextOptions{.debug = true, .gpu_timeout = std::chrono::seconds(5)});

#include <chrono>
#include <cstddef>
#include <optional>

#include "backend.hpp"
#include "program_cache.hpp"

namespace glc {

/// A GL version, e.g. {4, 3}.
struct GlVersion {
  int major = 4;
  int minor = 3;
};

/// ContextOptions::gpu_timeout for "never time out": waits for the GPU as long as they take.
inline constexpr std::chrono::milliseconds no_gpu_timeout = std::chrono::milliseconds::max();

/// How a context is created. All fields have working defaults.
struct ContextOptions {
  /// Which window-system layer creates the GL context. `automatic` tries EGL, then GLFW where
  /// the program links glcompute::glfw; the environment variable GLCOMPUTE_BACKEND=egl|glfw
  /// replaces `automatic` (so a whole program can be run on either backend).
  Backend backend = Backend::automatic;
  /// Index into the EGL devices (EGL_EXT_device_enumeration). Unset: the environment variable
  /// GLCOMPUTE_DEVICE if set, else device 0. A chosen device is the only one tried (no fallback
  /// to other paths or to GLFW); with Backend::glfw, setting it is an error.
  std::optional<int> device;
  /// Lowest core profile version accepted; the highest one the driver offers is created.
  GlVersion min_version{4, 3};
  /// Installs a KHR_debug callback and turns every GL error into a glc::Error at the call
  /// that caused it. Slower; for development.
  bool debug = false;
  /// Host-visible staging memory for reads and writes on GPUs (ARB_buffer_storage:
  /// persistently mapped, fenced, used in two alternating halves; drivers whose buffers are
  /// host memory copy directly and leave it unused). 0 forces the plain
  /// glGetBufferSubData/glBufferSubData path, which drivers without buffer storage use anyway.
  /// Anything else must be from 4096 bytes up to the machine's physical memory: the
  /// constructor throws glc::Error naming this option otherwise.
  std::size_t staging_bytes = std::size_t{64} << 20;
  /// How long a wait for the GPU (a read, a transfer, a reduction's result) may take before it
  /// throws glc::Error instead of hanging: a shader that runs away, or a lost device. Must be
  /// positive. glc::no_gpu_timeout (milliseconds::max()), like any value too long for GL's
  /// 64-bit nanosecond count (over 584 years), means waiting as long as it takes.
  std::chrono::milliseconds gpu_timeout{60'000};
  /// The program binary cache: linked programs are saved on disk and loaded, not compiled, by
  /// later compiles of the same program (see glcompute/program_cache.hpp). On by default, in
  /// GLCOMPUTE_CACHE_DIR or the XDG cache directory.
  ProgramCacheOptions program_cache;
};

}  // namespace glc
