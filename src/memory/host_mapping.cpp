#include "glcompute/detail/host_mapping.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "context/context_state.hpp"
#include "glcompute/detail/buffer_storage.hpp"
#include "glcompute/error.hpp"
#include "util/parallel_copy.hpp"
#include "memory/staging.hpp"

namespace glc::detail {
namespace {

/// Spare mappings kept per context: enough for a read and a write in flight.
constexpr std::size_t kMaxSpareMappings = 2;

GLsync as_sync(void* fence) { return static_cast<GLsync>(fence); }

}  // namespace

HostMapping::HostMapping(std::shared_ptr<ContextState> context, std::size_t bytes)
    : context_(std::move(context)), bytes_(bytes) {
  if (!context_->staging_enabled()) {
    fallback_ = std::make_unique<std::byte[]>(std::max<std::size_t>(bytes, 1));
    data_ = fallback_.get();
    return;
  }
  const GLbitfield flags = GL_MAP_READ_BIT | GL_MAP_WRITE_BIT | GL_MAP_PERSISTENT_BIT |
                           GL_MAP_COHERENT_BIT;
  const auto size = static_cast<GLsizeiptr>(std::max<std::size_t>(bytes, 16));
  glGenBuffers(1, &id_);
  glBindBuffer(GL_COPY_WRITE_BUFFER, id_);
  glBufferStorage(GL_COPY_WRITE_BUFFER, size, nullptr, flags | staging_placement_bit());
  data_ = static_cast<std::byte*>(glMapBufferRange(GL_COPY_WRITE_BUFFER, 0, size, flags));
  if (data_ == nullptr) {
    glDeleteBuffers(1, &id_);
    id_ = 0;
    context_->check_errors(("mapping " + std::to_string(bytes) + " bytes of host memory").c_str());
    throw Error("glcompute: could not map " + std::to_string(bytes) + " bytes of host memory");
  }
}

HostMapping::~HostMapping() {
  if (id_ == 0 || !context_->alive()) return;
  try {
    context_->use();
    if (fence_) glDeleteSync(as_sync(fence_));
    glBindBuffer(GL_COPY_WRITE_BUFFER, id_);
    glUnmapBuffer(GL_COPY_WRITE_BUFFER);
    glDeleteBuffers(1, &id_);
  } catch (...) {
  }
}

std::shared_ptr<HostMapping> HostMapping::acquire(const std::shared_ptr<ContextState>& context,
                                                  std::size_t bytes) {
  context->use();
  auto& spares = context->spare_mappings();
  // The smallest spare that is large enough; it may still be uploading, so wait for it.
  auto best = spares.end();
  for (auto it = spares.begin(); it != spares.end(); ++it) {
    if ((*it)->bytes_ >= bytes && (best == spares.end() || (*it)->bytes_ < (*best)->bytes_)) best = it;
  }
  if (best != spares.end()) {
    std::shared_ptr<HostMapping> mapping = std::move(*best);
    spares.erase(best);
    mapping->wait();
    return mapping;
  }
  std::shared_ptr<HostMapping> mapping(new HostMapping(context, bytes));
  auto& live = context->live_mappings();
  std::erase_if(live, [](const std::weak_ptr<HostMapping>& w) { return w.expired(); });
  live.push_back(mapping);
  return mapping;
}

void HostMapping::detach_from_context() noexcept {
  if (id_ == 0) return;
  try {
    if (fence_) wait();  // a read in flight lands first
    fallback_ = std::make_unique<std::byte[]>(std::max<std::size_t>(bytes_, 1));
    std::memcpy(fallback_.get(), data_, bytes_);
  } catch (...) {
    fallback_ = std::make_unique<std::byte[]>(std::max<std::size_t>(bytes_, 1));
  }
  if (fence_) glDeleteSync(as_sync(fence_));
  fence_ = nullptr;
  data_ = fallback_.get();
  id_ = 0;  // the GL buffer goes with the context
}

void HostMapping::release(std::shared_ptr<HostMapping> mapping) noexcept {
  if (!mapping || !mapping->context_->alive()) return;
  try {
    auto& spares = mapping->context_->spare_mappings();
    spares.push_back(std::move(mapping));
    if (spares.size() > kMaxSpareMappings) {
      // Keep the largest: they serve every smaller request.
      auto smallest = std::min_element(spares.begin(), spares.end(), [](const auto& a, const auto& b) {
        return a->bytes_ < b->bytes_;
      });
      spares.erase(smallest);
    }
  } catch (...) {
  }
}

void HostMapping::copy_out(void* destination, std::size_t bytes) const {
  if (bytes != 0) parallel_copy(destination, data_, bytes);
}

void HostMapping::start_download(const BufferStorage& source, std::size_t offset, std::size_t bytes) {
  context_->use();
  if (bytes == 0) return;
  if (id_ == 0) {  // fallback: a plain synchronous read
    source.read(offset, bytes, data_);
    return;
  }
  context_->barrier_for(kBufferTransferBarrierBits);
  glBindBuffer(GL_COPY_READ_BUFFER, source.id());
  glBindBuffer(GL_COPY_WRITE_BUFFER, id_);
  glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, static_cast<GLintptr>(offset), 0,
                      static_cast<GLsizeiptr>(bytes));
  if (fence_) glDeleteSync(as_sync(fence_));
  fence_ = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
  glFlush();  // so the copy starts now, not at the first wait
  context_->check_errors("Buffer::read_async");
}

void HostMapping::fence_shader_writes() {
  context_->use();
  glMemoryBarrier(GL_CLIENT_MAPPED_BUFFER_BARRIER_BIT);
  if (fence_) glDeleteSync(as_sync(fence_));
  fence_ = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
}

bool HostMapping::ready() {
  if (fence_ == nullptr) return true;
  context_->use();
  GLint status = GL_UNSIGNALED;
  glGetSynciv(as_sync(fence_), GL_SYNC_STATUS, 1, nullptr, &status);
  return status == GL_SIGNALED;
}

void HostMapping::wait() {
  if (fence_ == nullptr) return;
  context_->use();
  wait_for_fence(as_sync(fence_), "waiting for a buffer read", *context_);
  glDeleteSync(as_sync(fence_));
  fence_ = nullptr;
}

void HostMapping::upload(BufferStorage& destination, std::size_t offset, std::size_t bytes) {
  context_->use();
  if (bytes == 0) return;
  if (id_ == 0) {
    destination.write(offset, bytes, data_);
    return;
  }
  context_->barrier_for(kBufferTransferBarrierBits);
  glBindBuffer(GL_COPY_READ_BUFFER, id_);
  glBindBuffer(GL_COPY_WRITE_BUFFER, destination.id());
  glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, 0, static_cast<GLintptr>(offset),
                      static_cast<GLsizeiptr>(bytes));
  // The host must not overwrite this memory before the copy has read it: fence for reuse.
  if (fence_) glDeleteSync(as_sync(fence_));
  fence_ = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
  context_->check_errors("MappedWrite::commit");
}

}  // namespace glc::detail
