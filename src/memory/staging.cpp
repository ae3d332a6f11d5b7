#include "memory/staging.hpp"

#include <algorithm>
#include <string>

#include "util/parallel_copy.hpp"

namespace glc::detail {

StagingBuffer::StagingBuffer(std::size_t bytes, ContextState& context)
    : context_(context),
      half_bytes_(bytes / 2 / 256 * 256),
      memory_(context, 2 * half_bytes_,
              "a " + std::to_string(2 * half_bytes_) + "-byte staging buffer") {}

void StagingBuffer::abandon() noexcept {
  memory_.abandon();
  for (Fence& f : fences_) f.abandon();
}

void StagingBuffer::download(GLuint source, std::size_t offset, std::size_t bytes,
                             void* destination) {
  glBindBuffer(GL_COPY_READ_BUFFER, source);
  glBindBuffer(GL_COPY_WRITE_BUFFER, memory_.id());
  auto* out = static_cast<std::byte*>(destination);
  const std::size_t chunks = (bytes + half_bytes_ - 1) / half_bytes_;
  const auto chunk_size = [&](std::size_t k) { return std::min(half_bytes_, bytes - k * half_bytes_); };
  const auto start_copy = [&](std::size_t k) {
    const int half = static_cast<int>(k % 2);
    glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER,
                        static_cast<GLintptr>(offset + k * half_bytes_),
                        static_cast<GLintptr>(half * half_bytes_), static_cast<GLsizeiptr>(chunk_size(k)));
    fences_[half].place();
  };
  // Keep one chunk in flight on the GPU while the host copies the previous one out.
  if (chunks > 0) start_copy(0);
  for (std::size_t k = 0; k < chunks; ++k) {
    if (k + 1 < chunks) start_copy(k + 1);
    const int half = static_cast<int>(k % 2);
    fences_[half].wait("a buffer transfer", context_);
    parallel_copy(out + k * half_bytes_, memory_.data() + half * half_bytes_, chunk_size(k));
  }
}

void StagingBuffer::upload(const void* source, GLuint destination, std::size_t offset,
                           std::size_t bytes) {
  glBindBuffer(GL_COPY_READ_BUFFER, memory_.id());
  glBindBuffer(GL_COPY_WRITE_BUFFER, destination);
  const auto* in = static_cast<const std::byte*>(source);
  for (std::size_t done = 0, k = 0; done < bytes; done += half_bytes_, ++k) {
    const int half = static_cast<int>(k % 2);
    const std::size_t n = std::min(half_bytes_, bytes - done);
    fences_[half].wait("a buffer transfer", context_);  // the GPU has read this half's last chunk
    parallel_copy(memory_.data() + half * half_bytes_, in + done, n);
    glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER,
                        static_cast<GLintptr>(half * half_bytes_),
                        static_cast<GLintptr>(offset + done), static_cast<GLsizeiptr>(n));
    fences_[half].place();
  }
}

}  // namespace glc::detail
