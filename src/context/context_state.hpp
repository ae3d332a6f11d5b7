#pragma once
// State shared by a Context and every buffer and program made from it. Internal.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <glad/gl.h>

#include "glcompute/context.hpp"
#include "glcompute/context_info.hpp"
#include "context/platform_context.hpp"
#include "program/program_cache.hpp"
#include "memory/staging.hpp"

namespace glc::detail {

/// Barrier bits a dispatch of a program that reads storage buffers only needs before it reads
/// what an earlier dispatch wrote; programs add the bits of the other ways they read memory
/// (see ProgramInterface::barrier_bits). Fewer bits, less cache flushing on the GPU.
constexpr GLbitfield kStorageBarrierBits = GL_SHADER_STORAGE_BARRIER_BIT;
/// Barrier bits a client read, write or copy of a buffer needs after a dispatch wrote it.
constexpr GLbitfield kBufferTransferBarrierBits =
    GL_BUFFER_UPDATE_BARRIER_BIT | GL_CLIENT_MAPPED_BUFFER_BARRIER_BIT;
/// Barrier bits a texture upload or read-back (glTexSubImage2D, glGetTexImage) needs after a
/// dispatch stored to it as an image.
constexpr GLbitfield kTextureTransferBarrierBits = GL_TEXTURE_UPDATE_BARRIER_BIT;

class HostMapping;

class ContextState {
 public:
  ContextState(std::unique_ptr<PlatformContext> platform, const ContextOptions& options);
  ~ContextState();
  ContextState(const ContextState&) = delete;
  ContextState& operator=(const ContextState&) = delete;

  /// Makes this context current on the calling thread; throws if it was destroyed, was lost
  /// (GPU reset) or is current on another thread. Every GL-touching operation starts here.
  void use();
  bool alive() const noexcept { return platform_ != nullptr; }
  /// The backend's side of the context (for glc::glfw::window); nullptr once destroyed.
  PlatformContext* platform() const noexcept { return platform_.get(); }
  /// Destroys the GL context; buffers and programs still referring to it then throw on use.
  void destroy() noexcept;

  const ContextInfo& info() const noexcept { return info_; }
  bool debug() const noexcept { return info_.debug; }

  /// Shader writes are incoherent: after a dispatch, later reads need a barrier. Barriers are
  /// issued lazily, only for the kinds of access that actually follow.
  void note_shader_writes() noexcept { pending_barriers_ = GL_ALL_BARRIER_BITS; }
  void barrier_for(GLbitfield access) {
    const GLbitfield bits = pending_barriers_ & access;
    if (bits != 0) {
      glMemoryBarrier(bits);
      pending_barriers_ &= ~bits;
    }
  }

  /// Makes `program` the current program unless it already is. glUseProgram costs about 0.8 us
  /// of GPU time per call on an NVIDIA H100 even when nothing changes (a one-group dispatch
  /// with its barrier: 3.7 us with it, 2.9 us without), while asking which program is current
  /// costs nothing measurable. Asking GL rather than remembering keeps a user's own
  /// glUseProgram calls between glcompute calls harmless.
  static void use_program(GLuint program) {
    GLint current = 0;
    glGetIntegerv(GL_CURRENT_PROGRAM, &current);
    if (static_cast<GLuint>(current) != program) glUseProgram(program);
  }

  /// Throws glc::Error naming `operation` if GL reported an error (glGetError, and in debug
  /// mode the KHR_debug messages) since the last check, or if the context was lost.
  void check_errors(const char* operation);
  /// Throws glc::Error if the GPU was reset and this context lost (where reset notification
  /// is on); from then on every use throws. Called where errors are checked and where a wait
  /// for the GPU failed or timed out, since a reset is one reason for that.
  void check_lost(const char* operation);
  /// True where transfers go through persistently mapped memory (see ContextOptions).
  /// ContextOptions::gpu_timeout, for every wait on a fence.
  std::uint64_t gpu_timeout_ns() const noexcept { return gpu_timeout_ns_; }
  bool staging_enabled() const noexcept { return staging_bytes_ != 0 && info_.features.buffer_storage; }
  /// The staging buffer for reads and writes, created on first use; nullptr where disabled.
  StagingBuffer* staging();
  /// Host mappings returned by views, kept for reuse (at most a few, largest kept).
  std::vector<std::shared_ptr<HostMapping>>& spare_mappings() noexcept { return spare_mappings_; }
  /// Every host mapping made for this context, to detach those still alive on destruction.
  std::vector<std::weak_ptr<HostMapping>>& live_mappings() noexcept { return live_mappings_; }

  /// Set while Context::time runs (GL allows one GL_TIME_ELAPSED query at a time).
  bool& timing() noexcept { return timing_; }

  /// Per-context storage for the kernel library's compiled programs, by key. Emptied when the
  /// context is destroyed (the programs refer back to the context).
  std::shared_ptr<void>& cache_slot(const std::string& key) { return cache_[key]; }

  /// Where linked programs are saved and loaded (ContextOptions::program_cache).
  ProgramCache& program_cache() noexcept { return program_cache_; }

  /// Called by the KHR_debug callback.
  void record_debug_message(GLenum type, GLenum severity, const char* message);

 private:
  void read_info();
  void enable_reset_notification();
  [[noreturn]] void throw_lost(const char* operation) const;

  std::unique_ptr<PlatformContext> platform_;
  /// Why the context was lost ("guilty", ...); empty while it is fine.
  std::string lost_;
  ContextInfo info_;
  GLbitfield pending_barriers_ = 0;
  std::vector<std::string> debug_errors_;
  std::map<std::string, std::shared_ptr<void>> cache_;
  std::size_t staging_bytes_ = 0;
  std::uint64_t gpu_timeout_ns_ = 0;
  bool timing_ = false;
  std::unique_ptr<StagingBuffer> staging_;
  ProgramCache program_cache_;
  std::vector<std::shared_ptr<HostMapping>> spare_mappings_;
  std::vector<std::weak_ptr<HostMapping>> live_mappings_;
};

}  // namespace glc::detail
