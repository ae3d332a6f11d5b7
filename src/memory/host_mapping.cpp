#include "glcompute/detail/host_mapping.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "context/context_state.hpp"
#include "glcompute/detail/buffer_storage.hpp"
#include "glcompute/error.hpp"
#include "memory/fence.hpp"
#include "memory/host_pages.hpp"
#include "memory/mapped_buffer.hpp"
#include "memory/transfers.hpp"
#include "util/parallel_copy.hpp"

namespace glc::detail {

struct HostMapping::GpuMemory {
  GpuMemory(ContextState& context, std::size_t bytes)
      : buffer(context, std::max<std::size_t>(bytes, 16),
               std::to_string(bytes) + " bytes of host memory") {}
  MappedBuffer buffer;
  Fence fence;  ///< the GPU's last copy into or out of `buffer`
};

HostMapping::HostMapping(std::shared_ptr<ContextState> context, std::size_t bytes,
                         bool gpu_memory)
    : context_(std::move(context)), bytes_(bytes) {
  if (gpu_memory) {
    gpu_ = std::make_unique<GpuMemory>(*context_, bytes);
    data_ = gpu_->buffer.data();
  } else {
    host_ = std::make_unique<HostPages>(bytes);
    data_ = host_->data();
  }
}

HostMapping::~HostMapping() {
  if (!gpu_) return;
  if (context_->alive()) {
    try {
      context_->use();
      gpu_.reset();
      return;
    } catch (...) {
    }
  }
  // The context is gone (its objects went with it) or current elsewhere (its destruction
  // frees them): forget the GL objects.
  gpu_->fence.abandon();
  gpu_->buffer.abandon();
}

void HostMapping::detach_from_context(bool current) noexcept {
  if (!gpu_) return;  // plain host memory is the mapping's own
  // A read in flight lands first; with the context current on another thread there is no GL
  // here to wait with, and what the memory holds may be incomplete.
  if (gpu_->fence.pending() && !current) cut_off_ = true;
  if (gpu_->fence.pending() && current) {
    try {
      gpu_->fence.wait("waiting for a buffer read", *context_);
    } catch (...) {  // timed out or lost: the data never arrived
      cut_off_ = true;
    }
  }
  // The mapping stays valid until the GL context is destroyed, after this: copy without GL.
  try {
    auto pages = std::make_unique<HostPages>(bytes_);
    if (!cut_off_) std::memcpy(pages->data(), data_, bytes_);
    host_ = std::move(pages);
    data_ = host_->data();
  } catch (...) {  // no memory for the copy: the view's reads would fail, so it is cut off too
    cut_off_ = true;
    data_ = nullptr;
  }
  if (current) {
    gpu_.reset();
  } else {  // current elsewhere: the context's destruction frees the GL objects
    gpu_->fence.abandon();
    gpu_->buffer.abandon();
    gpu_.reset();
  }
}

void HostMapping::release(std::shared_ptr<HostMapping> mapping, MappingUse use) noexcept {
  if (!mapping || !mapping->context_->alive() || mapping->cut_off_) return;
  // None while the context is being destroyed: the mapping just goes.
  if (auto* transfers = mapping->context_->find_attachment<TransferState>()) {
    transfers->keep_spare(std::move(mapping), use);
  }
}

unsigned HostMapping::gl_buffer() const noexcept { return gpu_ ? gpu_->buffer.id() : 0; }

void HostMapping::copy_out(void* destination, std::size_t bytes) const {
  if (bytes != 0) parallel_copy(destination, data_, bytes);
}

void HostMapping::start_download(const BufferStorage& source, std::size_t offset, std::size_t bytes) {
  context_->use();
  if (bytes == 0) return;
  if (!gpu_) {  // fallback: a plain synchronous read
    source.read(offset, bytes, data_);
    return;
  }
  context_->barriers().barrier_for(kBufferTransferBarrierBits);
  glBindBuffer(GL_COPY_READ_BUFFER, source.id());
  glBindBuffer(GL_COPY_WRITE_BUFFER, gpu_->buffer.id());
  glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, static_cast<GLintptr>(offset), 0,
                      static_cast<GLsizeiptr>(bytes));
  gpu_->fence.place();
  glFlush();  // so the copy starts now, not at the first wait
  context_->check_errors("Buffer::read_async");
}

void HostMapping::fence_shader_writes() {
  if (!gpu_) return;
  context_->use();
  glMemoryBarrier(GL_CLIENT_MAPPED_BUFFER_BARRIER_BIT);
  gpu_->fence.place();
}

bool HostMapping::ready() {
  if (!gpu_ || !gpu_->fence.pending()) return true;
  context_->use();
  return gpu_->fence.signaled();
}

void HostMapping::wait() {
  if (cut_off_) {
    throw Error("glcompute: a read in flight was cut off: its glc::Context was destroyed on "
                "another thread, where the copy could not be waited for, before it finished");
  }
  if (!gpu_ || !gpu_->fence.pending()) return;
  context_->use();
  gpu_->fence.wait("waiting for a buffer read", *context_);
}

void HostMapping::upload(BufferStorage& destination, std::size_t offset, std::size_t bytes) {
  context_->use();
  if (bytes == 0) return;
  if (!gpu_) {
    destination.write(offset, bytes, data_);
    return;
  }
  context_->barriers().barrier_for(kBufferTransferBarrierBits);
  glBindBuffer(GL_COPY_READ_BUFFER, gpu_->buffer.id());
  glBindBuffer(GL_COPY_WRITE_BUFFER, destination.id());
  glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, 0, static_cast<GLintptr>(offset),
                      static_cast<GLsizeiptr>(bytes));
  // The host must not overwrite this memory before the copy has read it: fence for reuse.
  gpu_->fence.place();
  context_->check_errors("MappedWrite::commit");
}

}  // namespace glc::detail
