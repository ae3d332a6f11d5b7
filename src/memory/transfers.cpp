#include "memory/transfers.hpp"

#include <algorithm>
#include <string>

#include "context/context_state.hpp"
#include "glcompute/error.hpp"
#include "util/parallel_copy.hpp"

namespace glc::detail {
namespace {

/// Smaller reads go straight through glGetBufferSubData: a fence round trip costs more than
/// the copy.
constexpr std::size_t kStagingMinimumBytes = 64 * 1024;
/// On the direct path smaller transfers are one glGetBufferSubData/glBufferSubData (one memcpy
/// by the driver); larger ones map the buffer and copy on several threads.
constexpr std::size_t kDirectMapMinimumBytes = std::size_t{8} << 20;

GLsizeiptr gl_size(std::size_t bytes) { return static_cast<GLsizeiptr>(bytes); }
GLintptr gl_offset(std::size_t bytes) { return static_cast<GLintptr>(bytes); }

[[noreturn]] void throw_unmappable(ContextState& context, const char* what, std::size_t bytes) {
  context.check_errors(what);  // the GL error, where there is one, says more
  throw Error(std::string("glcompute: ") + what + ": the driver could not map " +
              std::to_string(bytes) + " bytes of the buffer");
}

/// glUnmapBuffer of `target` when it goes, also when the copy in between throws.
struct Unmap {
  GLenum target;
  ~Unmap() { glUnmapBuffer(target); }
};

}  // namespace

TransferState::TransferState(ContextState& context)
    : context_(context),
      staging_bytes_(context.options().staging_bytes),
      staging_enabled_(staging_bytes_ != 0 && context.info().features.buffer_storage),
      path_(choose_transfer_path(context.info(), staging_bytes_)) {}

TransferState::~TransferState() {
  pool_.clear();  // each deletes its GL buffer, or gives it up where the context is elsewhere
  bool current = false;
  try {
    context_.use();
    current = true;
  } catch (...) {  // current on another thread: the views still get their contents
  }
  for (const std::weak_ptr<HostMapping>& weak : live_) {
    if (std::shared_ptr<HostMapping> mapping = weak.lock()) mapping->detach_from_context(current);
  }
  live_.clear();
  if (staging_) {
    if (!current) staging_->abandon();  // the context's destruction frees its objects
    staging_.reset();
  }
}

GLbitfield TransferState::buffer_map_bits() const noexcept {
  return path_ == TransferPath::direct ? GL_MAP_READ_BIT | GL_MAP_WRITE_BIT : 0;
}

StagingBuffer& TransferState::staging() {
  if (!staging_) staging_ = std::make_unique<StagingBuffer>(staging_bytes_, context_);
  return *staging_;
}

void TransferState::download(GLuint source, std::size_t offset, std::size_t bytes,
                             void* destination) {
  pool_.trim();
  if (path_ == TransferPath::direct) {
    download_direct(source, offset, bytes, destination);
  } else if (path_ == TransferPath::staging && bytes >= kStagingMinimumBytes) {
    staging().download(source, offset, bytes, destination);
  } else {
    glBindBuffer(GL_COPY_READ_BUFFER, source);
    glGetBufferSubData(GL_COPY_READ_BUFFER, gl_offset(offset), gl_size(bytes), destination);
  }
}

void TransferState::upload(const void* source, GLuint destination, std::size_t offset,
                           std::size_t bytes) {
  pool_.trim();
  if (path_ == TransferPath::direct) {
    upload_direct(source, destination, offset, bytes);
    return;
  }
  // Every upload on a GPU is a GPU-side copy, so it is ordered with the GPU work before it
  // whatever the size: on NVIDIA a large glBufferSubData after a kernel or a clear sometimes
  // landed first and was overwritten (seen in tests with several contexts). With staging the
  // host only waits for staging space; without it the data goes through a temporary buffer.
  if (path_ == TransferPath::staging) {
    staging().upload(source, destination, offset, bytes);
    return;
  }
  GLuint temporary = 0;
  glGenBuffers(1, &temporary);
  glBindBuffer(GL_COPY_READ_BUFFER, temporary);
  glBufferData(GL_COPY_READ_BUFFER, gl_size(bytes), source, GL_STREAM_COPY);
  glBindBuffer(GL_COPY_WRITE_BUFFER, destination);
  glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, 0, gl_offset(offset), gl_size(bytes));
  glDeleteBuffers(1, &temporary);  // GL keeps it until the copy has run
}

// The direct path: the driver's buffer memory is host memory (llvmpipe), so a transfer is one
// copy on the host. glMapBufferRange without GL_MAP_UNSYNCHRONIZED_BIT waits for the GPU work
// that uses the buffer, as glGetBufferSubData and glBufferSubData do; the driver runs that
// work on the calling thread anyway.
void TransferState::download_direct(GLuint source, std::size_t offset, std::size_t bytes,
                                    void* destination) {
  glBindBuffer(GL_COPY_READ_BUFFER, source);
  if (bytes < kDirectMapMinimumBytes) {
    glGetBufferSubData(GL_COPY_READ_BUFFER, gl_offset(offset), gl_size(bytes), destination);
    return;
  }
  const void* mapped =
      glMapBufferRange(GL_COPY_READ_BUFFER, gl_offset(offset), gl_size(bytes), GL_MAP_READ_BIT);
  if (mapped == nullptr) throw_unmappable(context_, "Buffer::read", bytes);
  const Unmap unmap{GL_COPY_READ_BUFFER};
  parallel_copy(destination, mapped, bytes);
}

void TransferState::upload_direct(const void* source, GLuint destination, std::size_t offset,
                                  std::size_t bytes) {
  glBindBuffer(GL_COPY_WRITE_BUFFER, destination);
  if (bytes < kDirectMapMinimumBytes) {
    glBufferSubData(GL_COPY_WRITE_BUFFER, gl_offset(offset), gl_size(bytes), source);
    return;
  }
  void* mapped =
      glMapBufferRange(GL_COPY_WRITE_BUFFER, gl_offset(offset), gl_size(bytes), GL_MAP_WRITE_BIT);
  if (mapped == nullptr) throw_unmappable(context_, "Buffer::write", bytes);
  const Unmap unmap{GL_COPY_WRITE_BUFFER};
  parallel_copy(mapped, source, bytes);
}

bool TransferState::read_mapped(GLuint source, std::size_t offset, std::size_t bytes,
                                const std::function<void(const void*)>& see) {
  if (bytes == 0 || path_ != TransferPath::direct) return false;
  pool_.trim();
  glBindBuffer(GL_COPY_READ_BUFFER, source);
  const void* mapped =
      glMapBufferRange(GL_COPY_READ_BUFFER, gl_offset(offset), gl_size(bytes), GL_MAP_READ_BIT);
  if (mapped == nullptr) throw_unmappable(context_, "Buffer::read", bytes);
  const Unmap unmap{GL_COPY_READ_BUFFER};
  see(mapped);
  return true;
}

std::shared_ptr<HostMapping> TransferState::track(std::shared_ptr<HostMapping> mapping) {
  std::erase_if(live_, [](const std::weak_ptr<HostMapping>& w) { return w.expired(); });
  live_.push_back(mapping);
  return mapping;
}

std::shared_ptr<HostMapping> TransferState::acquire(const std::shared_ptr<ContextState>& context,
                                                    std::size_t bytes, MappingUse use) {
  if (std::shared_ptr<HostMapping> spare = pool_.take(use, bytes)) {
    spare->wait();  // it may still be uploading
    return spare;
  }
  return track(std::shared_ptr<HostMapping>(
      new HostMapping(context, bytes, path_ == TransferPath::staging)));
}

std::shared_ptr<HostMapping> TransferState::acquire(const std::shared_ptr<ContextState>& context,
                                                    std::size_t bytes) {
  return track(std::shared_ptr<HostMapping>(new HostMapping(context, bytes, true)));
}

void TransferState::keep_spare(std::shared_ptr<HostMapping> mapping, MappingUse use) noexcept {
  try {
    pool_.give(use, std::move(mapping));
  } catch (...) {  // no memory for the pool's bookkeeping: the mapping just goes
  }
}

}  // namespace glc::detail
