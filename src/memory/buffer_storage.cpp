#include "glcompute/detail/buffer_storage.hpp"

#include <cstdint>
#include <string>

#include "context/context_state.hpp"
#include "glcompute/fill.hpp"
#include "glcompute/error.hpp"

namespace glc::detail {
namespace {

/// Smaller reads go straight through glGetBufferSubData: a fence round trip costs more than
/// the copy.
constexpr std::size_t kStagingMinimumBytes = 64 * 1024;

GLsizeiptr to_gl_size(std::size_t bytes) { return static_cast<GLsizeiptr>(bytes); }
GLintptr to_gl_offset(std::size_t bytes) { return static_cast<GLintptr>(bytes); }

}  // namespace

BufferStorage::BufferStorage(std::shared_ptr<ContextState> context, std::size_t bytes,
                             const void* initial)
    : context_(std::move(context)), bytes_(bytes) {
  context_->use();
  glGenBuffers(1, &id_);
  // Initial data goes through the staging path (a GPU copy), much faster on NVIDIA than
  // handing it to glBufferStorage/glBufferData.
  const bool stage_initial = initial != nullptr && bytes > 0 && context_->staging_enabled();
  const void* direct = stage_initial ? nullptr : initial;
  glBindBuffer(GL_COPY_WRITE_BUFFER, id_);
  if (context_->info().features.buffer_storage && bytes > 0) {
    // Immutable storage stays where it is put (device memory); mutable glBufferData storage
    // may be migrated by the driver after host reads, which slowed later kernels on NVIDIA.
    glBufferStorage(GL_COPY_WRITE_BUFFER, to_gl_size(bytes), direct, GL_DYNAMIC_STORAGE_BIT);
  } else {
    // DYNAMIC_COPY: written and read by the GPU, occasionally by the host.
    glBufferData(GL_COPY_WRITE_BUFFER, to_gl_size(bytes), direct, GL_DYNAMIC_COPY);
  }
  try {
    context_->check_errors(("allocating a buffer of " + std::to_string(bytes) + " bytes").c_str());
    if (stage_initial) write(0, bytes, initial);
    if (initial == nullptr) zero_fill();
  } catch (...) {
    glDeleteBuffers(1, &id_);
    throw;
  }
}

void BufferStorage::zero_fill() {
  // GL leaves new storage undefined; a fresh buffer reads as zeros, like std::vector. The
  // words go through glc::fill's path (a kernel on GPUs, a clear on llvmpipe).
  static constexpr std::uint32_t kZero[1] = {0};
  fill_words(*this, 0, bytes_ / 4, kZero, 1);
  if (const std::size_t tail = bytes_ % 4; tail != 0) {
    const std::uint8_t zeros[4] = {};
    write(bytes_ - tail, tail, zeros);
  }
}

BufferStorage::~BufferStorage() {
  // The context may be gone (its objects went with it) or current elsewhere; a destructor must
  // not throw, and the context's own destruction frees the name in either case.
  if (!context_->alive()) return;
  try {
    context_->use();
    glDeleteBuffers(1, &id_);
  } catch (...) {
  }
}

unsigned BufferStorage::id() const {
  if (!context_->alive()) context_->use();  // throws the "context destroyed" error
  return id_;
}

void BufferStorage::write(std::size_t offset, std::size_t bytes, const void* src) {
  context_->use();
  if (bytes == 0) return;
  context_->barrier_for(kBufferTransferBarrierBits);
  // Every upload is a GPU-side copy, so it is ordered with the GPU work before it whatever the
  // size: on NVIDIA a large glBufferSubData after a kernel or a clear sometimes landed first
  // and was overwritten (seen in tests with several contexts). With staging the host only
  // waits for staging space; without it the data goes through a temporary buffer.
  if (StagingBuffer* staging = context_->staging()) {
    staging->upload(src, id_, offset, bytes);
  } else {
    GLuint temporary = 0;
    glGenBuffers(1, &temporary);
    glBindBuffer(GL_COPY_READ_BUFFER, temporary);
    glBufferData(GL_COPY_READ_BUFFER, to_gl_size(bytes), src, GL_STREAM_COPY);
    glBindBuffer(GL_COPY_WRITE_BUFFER, id_);
    glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, 0, to_gl_offset(offset),
                        to_gl_size(bytes));
    glDeleteBuffers(1, &temporary);  // GL keeps it until the copy has run
  }
  context_->check_errors("Buffer::write");
}

void BufferStorage::read(std::size_t offset, std::size_t bytes, void* dst) const {
  context_->use();
  if (bytes == 0) return;
  context_->barrier_for(kBufferTransferBarrierBits);
  if (StagingBuffer* staging = context_->staging(); staging && bytes >= kStagingMinimumBytes) {
    staging->download(id_, offset, bytes, dst);
  } else {
    glBindBuffer(GL_COPY_READ_BUFFER, id_);
    glGetBufferSubData(GL_COPY_READ_BUFFER, to_gl_offset(offset), to_gl_size(bytes), dst);
  }
  context_->check_errors("Buffer::read");
}

void BufferStorage::copy_from(const BufferStorage& src, std::size_t src_offset,
                              std::size_t dst_offset, std::size_t bytes) {
  if (src.context_ != context_) {
    throw Error("Buffer::copy_from: the source buffer belongs to a different glc::Context");
  }
  context_->use();
  if (bytes == 0) return;
  context_->barrier_for(kBufferTransferBarrierBits);
  glBindBuffer(GL_COPY_READ_BUFFER, src.id_);
  glBindBuffer(GL_COPY_WRITE_BUFFER, id_);
  glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, to_gl_offset(src_offset),
                      to_gl_offset(dst_offset), to_gl_size(bytes));
  context_->check_errors("Buffer::copy_from");
}

}  // namespace glc::detail
