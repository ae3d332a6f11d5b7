#pragma once
/// @file
/// `glc::Context`: a headless OpenGL 4.3+ core context for compute, created through EGL with no
/// window and no X server, and the factory for programs and buffers.
///
///     glc::Context ctx;                                  // EGL device, then Mesa surfaceless
///     std::cout << ctx.info().to_string();
///     auto data = ctx.buffer(std::vector<float>{1, 2, 3});

#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "buffer.hpp"
#include "context_info.hpp"
#include "context_options.hpp"
#include "program.hpp"
#include "program_cache.hpp"
#include "source.hpp"
#include "texture.hpp"

namespace glc {

namespace detail {
class ContextState;
}

/// How long some GPU work took, from `Context::time`.
struct Timing {
  double seconds = 0;
  /// True when measured on the GPU (GL_TIME_ELAPSED, 64-bit); false when the driver's timer
  /// reported nothing plausible (llvmpipe answers 0 or 1 ns) and a host clock around glFinish
  /// was used instead.
  bool gpu_timer = false;
};

/// A headless GL context. Tries, in order: the EGL device platform (EGL_EXT_platform_device),
/// Mesa's surfaceless platform, then the default display (skipped while DISPLAY or
/// WAYLAND_DISPLAY is set, so it never reaches a window system); then, with Backend::automatic
/// and glcompute::glfw linked, a hidden GLFW window (see glcompute/glfw.hpp: GLFW contexts are
/// created and destroyed on the main thread). Throws glc::Error listing every path tried, why
/// it failed, and what to install.
///
/// Where the driver has ARB_robustness/KHR_robustness (and EGL_EXT_create_context_robustness
/// or GLX_ARB_create_context_robustness), the context is created with reset notification
/// (ContextInfo::reset_notification): if the GPU is reset, the next check throws glc::Error
/// saying the context was lost, and every later use of it throws too. Create a new Context.
///
/// A context is current on the thread that created it; glcompute makes it current again when
/// several contexts are used alternately on one thread. Move-only. Buffers, textures and programs
/// created from it become unusable (they throw) once it is destroyed.
class Context {
 public:
  explicit Context(const ContextOptions& options = {});
  ~Context();
  Context(Context&&) noexcept;
  Context& operator=(Context&&) noexcept;
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  const ContextInfo& info() const;

  /// Preprocesses (includes, defines) and compiles a compute shader, then links it.
  /// Throws glc::ShaderError with file:line diagnostics on failure. A program linked before
  /// with the same preprocessed source and options is loaded from the program cache instead.
  Program compile(const Source& source, const CompileOptions& options = {});

  /// The SPIR-V module that ShaderPath::spirv loads for `source`: preprocessed as compile()
  /// does it (includes, defines), compiled by shaderc for OpenGL 4.5 with this driver's limits,
  /// locations and bindings assigned where the shader gives none. Specialization constants keep
  /// their declared defaults in the module (SPIR-V applies them when it is loaded): pass the
  /// same `options` when compiling `Source::spirv(module)`. The constants and work group size
  /// in `options` are still checked as compile() checks them; `options.path` is not used, and
  /// the driver needs no ARB_gl_spirv for this. For a Source::spirv, returns its module once
  /// checked. Throws glc::ShaderError with file:line diagnostics.
  std::vector<std::uint32_t> compile_to_spirv(const Source& source,
                                              const CompileOptions& options = {});

  /// What the program cache did so far: its directory (or why it is off), hits, misses,
  /// entries written, rejected and failed, and the latest problem.
  ProgramCacheStats program_cache() const;

  /// A zero-filled buffer of n elements.
  template <class T>
  Buffer<T> buffer(std::size_t n) {
    return detail::Access::make<Buffer<T>>(
        make_storage(detail::checked_bytes("Context::buffer", n, sizeof(T)), nullptr));
  }
  /// A buffer holding a copy of `data`.
  template <class T>
  Buffer<T> buffer(std::span<const T> data) {
    return detail::Access::make<Buffer<T>>(make_storage(data.size_bytes(), data.data()));
  }
  template <class T>
  Buffer<T> buffer(const std::vector<T>& data) {
    return buffer(std::span<const T>(data));
  }

  /// A zero-filled width x height texture for image load/store (see glcompute/texture.hpp).
  /// Throws if a side is 0 or above the driver's GL_MAX_TEXTURE_SIZE.
  Texture2D texture2d(std::uint32_t width, std::uint32_t height, TextureFormat format);

  /// Waits until the GPU has finished all submitted work. glcompute never does this by
  /// itself: dispatches queue, and reads wait only for what they read.
  void finish();

  /// Runs `work` (which issues GPU work on this context) and returns how long the GPU took.
  /// Work submitted before the call is finished first and not counted. Calls cannot nest.
  Timing time(const std::function<void()>& work);

 private:
  friend struct detail::Access;
  /// A zero-filled buffer (data nullptr) or a copy of `data`.
  std::shared_ptr<detail::BufferStorage> make_storage(std::size_t bytes, const void* data);
  /// The state shared with buffers, textures and programs; throws for a moved-from Context.
  /// The library reaches it through detail::Access::state.
  const std::shared_ptr<detail::ContextState>& state() const;

  std::shared_ptr<detail::ContextState> state_;
};

}  // namespace glc
