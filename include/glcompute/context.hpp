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
/// Threads: a context is held by one thread at a time — the thread that created it, until that
/// thread calls release_current() or ends; then whichever thread uses it next (or calls
/// make_current()) takes it. Everything made from a context (buffers, textures, programs,
/// views, the kernel library's calls) is used on the thread that holds it; from another thread
/// it throws glc::Error saying which call frees the context. Several contexts alternate freely
/// on one thread (glcompute makes each current as it is used). A thread that ends never keeps a
/// context. After fork(), a child of a process that had a context cannot use GL at all: every
/// use and every new context throws (create contexts after fork).
///
/// Move-only. Buffers, textures and programs created from it become unusable (they throw) once
/// it is destroyed.
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

  /// A zero-filled width x height texture (see glcompute/texture.hpp). Throws if a side is 0 or
  /// above the driver's GL_MAX_TEXTURE_SIZE (`info().limits.max_texture_size`), or for a GL
  /// error such as running out of memory.
  Texture2D texture2d(std::uint32_t width, std::uint32_t height, TextureFormat format);
  /// A width x height texture holding `pixels` (x fastest, in the format's host type: see
  /// glcompute/texture.hpp). Also throws if T does not fit the format or `pixels` is not
  /// exactly width x height texels.
  template <class T>
  Texture2D texture2d(std::uint32_t width, std::uint32_t height, TextureFormat format,
                      std::span<const T> pixels) {
    return detail::Access::make<Texture2D>(make_texture(TextureKind::texture_2d, width, height, 1, format,
                                  detail::host_pixel<T>(), pixels.data(), pixels.size()));
  }
  template <class T>
  Texture2D texture2d(std::uint32_t width, std::uint32_t height, TextureFormat format,
                      const std::vector<T>& pixels) {
    return texture2d(width, height, format, std::span<const T>(pixels));
  }

  /// A zero-filled width x height x depth texture. Throws if a side is 0 or above the driver's
  /// GL_MAX_3D_TEXTURE_SIZE (`info().limits.max_3d_texture_size`), or for a GL error.
  Texture3D texture3d(std::uint32_t width, std::uint32_t height, std::uint32_t depth,
                      TextureFormat format);
  /// A width x height x depth texture holding `pixels` (x fastest, then y, then z).
  template <class T>
  Texture3D texture3d(std::uint32_t width, std::uint32_t height, std::uint32_t depth,
                      TextureFormat format, std::span<const T> pixels) {
    return detail::Access::make<Texture3D>(make_texture(TextureKind::texture_3d, width, height, depth, format,
                                  detail::host_pixel<T>(), pixels.data(), pixels.size()));
  }
  template <class T>
  Texture3D texture3d(std::uint32_t width, std::uint32_t height, std::uint32_t depth,
                      TextureFormat format, const std::vector<T>& pixels) {
    return texture3d(width, height, depth, format, std::span<const T>(pixels));
  }

  /// A zero-filled array of `layers` width x height textures. Throws if width or height is 0
  /// or above GL_MAX_TEXTURE_SIZE, or `layers` is 0 or above GL_MAX_ARRAY_TEXTURE_LAYERS
  /// (`info().limits.max_array_texture_layers`), or for a GL error.
  Texture2DArray texture2d_array(std::uint32_t width, std::uint32_t height, std::uint32_t layers,
                                 TextureFormat format);
  /// An array of `layers` width x height textures holding `pixels` (layer 0 first).
  template <class T>
  Texture2DArray texture2d_array(std::uint32_t width, std::uint32_t height,
                                 std::uint32_t layers, TextureFormat format,
                                 std::span<const T> pixels) {
    return detail::Access::make<Texture2DArray>(make_texture(TextureKind::texture_2d_array, width, height, layers,
                                       format, detail::host_pixel<T>(), pixels.data(),
                                       pixels.size()));
  }
  template <class T>
  Texture2DArray texture2d_array(std::uint32_t width, std::uint32_t height,
                                 std::uint32_t layers, TextureFormat format,
                                 const std::vector<T>& pixels) {
    return texture2d_array(width, height, layers, format, std::span<const T>(pixels));
  }

  /// Takes the context to the calling thread and makes it current there: from now on this
  /// thread holds it (GL calls, glcompute's and your own, go to it here) until it calls
  /// release_current() or ends. Using the context does the same implicitly where no thread
  /// holds it; this call makes the hand-over explicit. Throws glc::Error if another thread holds
  /// it (that thread must call release_current() first or end), if it was destroyed or lost,
  /// or in a child process forked while it existed.
  void make_current();

  /// Lets the context go from the calling thread (it is no longer current there), so that
  /// another thread can take it. Nothing happens if no thread holds it. Throws glc::Error if
  /// another thread holds it: only the holder can let it go.
  void release_current();

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

  /// A texture of `kind`; `pixels` (nullptr: zeros) holds `values` of host type `pixel`.
  std::shared_ptr<detail::TextureStorage> make_texture(TextureKind kind, std::uint32_t width,
                                                       std::uint32_t height, std::uint32_t depth,
                                                       TextureFormat format,
                                                       detail::HostPixel pixel,
                                                       const void* pixels, std::size_t values);
  std::shared_ptr<detail::ContextState> state_;
};

}  // namespace glc
