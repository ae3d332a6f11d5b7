#include "memory/staging.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>

#include "context/context_state.hpp"
#include "glcompute/error.hpp"
#include "util/parallel_copy.hpp"

namespace glc::detail {
namespace {

}  // namespace

GLbitfield staging_placement_bit() {
  // GLCOMPUTE_STAGING_PLACEMENT=driver lets the benchmark compare placements on a driver.
  static const bool client = [] {
    const char* v = std::getenv("GLCOMPUTE_STAGING_PLACEMENT");
    return v == nullptr || std::string(v) != "driver";
  }();
  return client ? GL_CLIENT_STORAGE_BIT : 0;
}

void wait_for_fence(GLsync sync, const char* operation, ContextState& context) {
  // A wait past the timeout is not slow, it is stuck (a runaway shader or a lost device):
  // better an error than a process that hangs forever.
  const std::uint64_t timeout_ns = context.gpu_timeout_ns();
  const GLenum status = glClientWaitSync(sync, GL_SYNC_FLUSH_COMMANDS_BIT, timeout_ns);
  if (status == GL_TIMEOUT_EXPIRED || status == GL_WAIT_FAILED) {
    context.check_lost(operation);  // a GPU reset is the better explanation where one happened
  }
  if (status == GL_TIMEOUT_EXPIRED) {
    throw Error(std::string("glcompute: ") + operation + ": the GPU did not finish within " +
                std::to_string(timeout_ns / 1'000'000) +
                " ms (ContextOptions::gpu_timeout): a shader that runs too long, or a lost device");
  }
  if (status == GL_WAIT_FAILED) {
    throw Error(std::string("glcompute: ") + operation + ": waiting for the GPU failed");
  }
}

StagingBuffer::StagingBuffer(std::size_t bytes, ContextState& context)
    : context_(context), half_bytes_(bytes / 2 / 256 * 256) {
  const GLbitfield flags = GL_MAP_READ_BIT | GL_MAP_WRITE_BIT | GL_MAP_PERSISTENT_BIT |
                           GL_MAP_COHERENT_BIT;
  glGenBuffers(1, &id_);
  glBindBuffer(GL_COPY_WRITE_BUFFER, id_);
  glBufferStorage(GL_COPY_WRITE_BUFFER, static_cast<GLsizeiptr>(2 * half_bytes_), nullptr,
                  flags | staging_placement_bit());
  mapped_ = static_cast<std::byte*>(
      glMapBufferRange(GL_COPY_WRITE_BUFFER, 0, static_cast<GLsizeiptr>(2 * half_bytes_), flags));
  if (mapped_ == nullptr) {
    glDeleteBuffers(1, &id_);
    throw Error("glcompute: could not map a " + std::to_string(2 * half_bytes_) +
                "-byte staging buffer");
  }
}

void StagingBuffer::abandon() noexcept {
  id_ = 0;
  fences_[0] = fences_[1] = nullptr;
}

StagingBuffer::~StagingBuffer() {
  if (id_ == 0) return;
  for (GLsync& f : fences_) {
    if (f) glDeleteSync(f);
  }
  glBindBuffer(GL_COPY_WRITE_BUFFER, id_);
  glUnmapBuffer(GL_COPY_WRITE_BUFFER);
  glDeleteBuffers(1, &id_);
}

void StagingBuffer::wait_for(int half) {
  if (fences_[half] == nullptr) return;
  wait_for_fence(fences_[half], "a buffer transfer", context_);
  glDeleteSync(fences_[half]);
  fences_[half] = nullptr;
}

void StagingBuffer::fence(int half) {
  if (fences_[half]) glDeleteSync(fences_[half]);
  fences_[half] = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
}

void StagingBuffer::download(GLuint source, std::size_t offset, std::size_t bytes,
                             void* destination) {
  glBindBuffer(GL_COPY_READ_BUFFER, source);
  glBindBuffer(GL_COPY_WRITE_BUFFER, id_);
  auto* out = static_cast<std::byte*>(destination);
  const std::size_t chunks = (bytes + half_bytes_ - 1) / half_bytes_;
  const auto chunk_size = [&](std::size_t k) { return std::min(half_bytes_, bytes - k * half_bytes_); };
  const auto start_copy = [&](std::size_t k) {
    const int half = static_cast<int>(k % 2);
    glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER,
                        static_cast<GLintptr>(offset + k * half_bytes_),
                        static_cast<GLintptr>(half * half_bytes_), static_cast<GLsizeiptr>(chunk_size(k)));
    fence(half);
  };
  // Keep one chunk in flight on the GPU while the host copies the previous one out.
  if (chunks > 0) start_copy(0);
  for (std::size_t k = 0; k < chunks; ++k) {
    if (k + 1 < chunks) start_copy(k + 1);
    const int half = static_cast<int>(k % 2);
    wait_for(half);
    parallel_copy(out + k * half_bytes_, mapped_ + half * half_bytes_, chunk_size(k));
  }
}

void StagingBuffer::upload(const void* source, GLuint destination, std::size_t offset,
                           std::size_t bytes) {
  glBindBuffer(GL_COPY_READ_BUFFER, id_);
  glBindBuffer(GL_COPY_WRITE_BUFFER, destination);
  const auto* in = static_cast<const std::byte*>(source);
  for (std::size_t done = 0, k = 0; done < bytes; done += half_bytes_, ++k) {
    const int half = static_cast<int>(k % 2);
    const std::size_t n = std::min(half_bytes_, bytes - done);
    wait_for(half);  // the GPU has finished reading this half's previous chunk
    parallel_copy(mapped_ + half * half_bytes_, in + done, n);
    glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER,
                        static_cast<GLintptr>(half * half_bytes_),
                        static_cast<GLintptr>(offset + done), static_cast<GLsizeiptr>(n));
    fence(half);
  }
}

}  // namespace glc::detail
