#include "glcompute/detail/buffer_storage.hpp"

#include <string>

#include "context/context_state.hpp"
#include "glcompute/error.hpp"
#include "memory/transfers.hpp"

namespace glc::detail {
namespace {

GLsizeiptr to_gl_size(std::size_t bytes) { return static_cast<GLsizeiptr>(bytes); }
GLintptr to_gl_offset(std::size_t bytes) { return static_cast<GLintptr>(bytes); }

}  // namespace

BufferStorage::BufferStorage(std::shared_ptr<ContextState> context, std::size_t bytes,
                             const void* initial)
    : context_(std::move(context)), bytes_(bytes) {
  context_->use();
  // Initial data goes the way of every write: through staging (a GPU copy, much faster on
  // NVIDIA than handing it to glBufferStorage/glBufferData), or on the direct path copied on
  // several threads.
  const bool write_initial = initial != nullptr && bytes > 0 &&
                             context_->attachment<TransferState>().path() != TransferPath::plain;
  allocate(write_initial ? nullptr : initial);
  try {
    if (write_initial) write(0, bytes, initial);
  } catch (...) {
    glDeleteBuffers(1, &id_);
    throw;
  }
}

BufferStorage::BufferStorage(std::shared_ptr<ContextState> context, std::size_t bytes,
                             InitialContents contents)
    : context_(std::move(context)), bytes_(bytes) {
  context_->use();
  allocate(nullptr);
  if (contents == InitialContents::zeros && bytes > 0) {
    glBindBuffer(GL_COPY_WRITE_BUFFER, id_);
    glClearBufferData(GL_COPY_WRITE_BUFFER, GL_R8UI, GL_RED_INTEGER, GL_UNSIGNED_BYTE, nullptr);
    try {
      context_->check_errors("clearing a new buffer");
    } catch (...) {
      glDeleteBuffers(1, &id_);
      throw;
    }
  }
}

void BufferStorage::allocate(const void* direct) {
  glGenBuffers(1, &id_);
  glBindBuffer(GL_COPY_WRITE_BUFFER, id_);
  if (context_->info().features.buffer_storage && bytes_ > 0) {
    // Immutable storage stays where it is put (device memory); mutable glBufferData storage
    // may be migrated by the driver after host reads, which slowed later kernels on NVIDIA.
    // The direct path maps buffers for its transfers.
    glBufferStorage(GL_COPY_WRITE_BUFFER, to_gl_size(bytes_), direct,
                    GL_DYNAMIC_STORAGE_BIT | context_->attachment<TransferState>().buffer_map_bits());
  } else {
    // DYNAMIC_COPY: written and read by the GPU, occasionally by the host.
    glBufferData(GL_COPY_WRITE_BUFFER, to_gl_size(bytes_), direct, GL_DYNAMIC_COPY);
  }
  try {
    context_->check_errors(("allocating a buffer of " + std::to_string(bytes_) + " bytes").c_str());
  } catch (...) {
    glDeleteBuffers(1, &id_);
    throw;
  }
}

BufferStorage::~BufferStorage() {
  // Freed now on the thread that holds the context, else when that thread next uses it (a
  // buffer dropped on a worker was never freed before: its memory stayed with the context).
  context_->release_objects([id = id_] { glDeleteBuffers(1, &id); });
}

unsigned BufferStorage::id() const {
  if (!context_->alive()) context_->use();  // throws the "context destroyed" error
  return id_;
}

void BufferStorage::write(std::size_t offset, std::size_t bytes, const void* src) {
  context_->use();
  if (bytes == 0) return;
  context_->barriers().barrier_for(kBufferTransferBarrierBits);
  context_->attachment<TransferState>().upload(src, id_, offset, bytes);
  context_->check_errors("Buffer::write");
}

void BufferStorage::read(std::size_t offset, std::size_t bytes, void* dst) const {
  context_->use();
  if (bytes == 0) return;
  context_->barriers().barrier_for(kBufferTransferBarrierBits);
  context_->attachment<TransferState>().download(id_, offset, bytes, dst);
  context_->check_errors("Buffer::read");
}

void BufferStorage::copy_from(const BufferStorage& src, std::size_t src_offset,
                              std::size_t dst_offset, std::size_t bytes) {
  if (src.context_ != context_) {
    throw Error("Buffer::copy_from: the source buffer belongs to a different glc::Context");
  }
  context_->use();
  if (bytes == 0) return;
  context_->barriers().barrier_for(kBufferTransferBarrierBits);
  glBindBuffer(GL_COPY_READ_BUFFER, src.id_);
  glBindBuffer(GL_COPY_WRITE_BUFFER, id_);
  glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, to_gl_offset(src_offset),
                      to_gl_offset(dst_offset), to_gl_size(bytes));
  context_->check_errors("Buffer::copy_from");
}

void BufferStorage::clear_words(std::size_t first_word, std::size_t word_count,
                                const std::uint32_t* value, unsigned value_words,
                                const char* what) {
  context_->use();
  if (word_count == 0) return;
  // One texel format per value size, so the clear repeats the value's bytes exactly.
  static constexpr GLenum kInternal[] = {0, GL_R32UI, GL_RG32UI, 0, GL_RGBA32UI};
  static constexpr GLenum kFormat[] = {0, GL_RED_INTEGER, GL_RG_INTEGER, 0, GL_RGBA_INTEGER};
  context_->barriers().barrier_for(kBufferTransferBarrierBits);
  glBindBuffer(GL_COPY_WRITE_BUFFER, id_);
  glClearBufferSubData(GL_COPY_WRITE_BUFFER, kInternal[value_words],
                       to_gl_offset(first_word * 4), to_gl_size(word_count * 4),
                       kFormat[value_words], GL_UNSIGNED_INT, value);
  context_->check_errors(what);
}

bool BufferStorage::read_mapped(std::size_t offset, std::size_t bytes,
                                const std::function<void(const void*)>& see) const {
  context_->use();
  context_->barriers().barrier_for(kBufferTransferBarrierBits);
  if (!context_->attachment<TransferState>().read_mapped(id_, offset, bytes, see)) return false;
  context_->check_errors("Buffer::read");
  return true;
}

std::shared_ptr<HostMapping> BufferStorage::read_async(std::size_t offset, std::size_t bytes) const {
  context_->use();
  std::shared_ptr<HostMapping> mapping =
      context_->attachment<TransferState>().acquire(context_, bytes, MappingUse::read);
  mapping->start_download(*this, offset, bytes);
  return mapping;
}

std::shared_ptr<HostMapping> BufferStorage::map_write(std::size_t bytes) {
  context_->use();
  return context_->attachment<TransferState>().acquire(context_, bytes, MappingUse::write);
}

}  // namespace glc::detail
