#pragma once
// Memory barriers between a dispatch and what follows it, issued lazily. Internal.

#include <glad/gl.h>

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

/// The barriers one context still owes. Shader writes are incoherent: after a dispatch, later
/// reads need a glMemoryBarrier. Each access asks for the bits of its kind, and only the bits
/// still pending are issued, so a barrier comes only before an access that needs one.
class BarrierState {
 public:
  /// A dispatch was issued: every kind of access may now need a barrier.
  void note_shader_writes() noexcept { pending_ = GL_ALL_BARRIER_BITS; }
  /// Issues the pending bits of `access` (the context must be current).
  void barrier_for(GLbitfield access) {
    const GLbitfield bits = pending_ & access;
    if (bits != 0) {
      glMemoryBarrier(bits);
      pending_ &= ~bits;
    }
  }

 private:
  GLbitfield pending_ = 0;
};

}  // namespace glc::detail
