#include "memory/transfers.hpp"

#include <algorithm>

#include "context/context_state.hpp"

namespace glc::detail {
namespace {

/// Smaller reads go straight through glGetBufferSubData: a fence round trip costs more than
/// the copy.
constexpr std::size_t kStagingMinimumBytes = 64 * 1024;

/// Spare mappings kept per context: enough for a read and a write in flight.
constexpr std::size_t kMaxSpareMappings = 2;

}  // namespace

TransferState::TransferState(ContextState& context)
    : context_(context),
      staging_bytes_(context.options().staging_bytes),
      staging_enabled_(staging_bytes_ != 0 && context.info().features.buffer_storage) {}

TransferState::~TransferState() {
  spares_.clear();  // each deletes its GL buffer
  try {
    context_.use();
    for (const std::weak_ptr<HostMapping>& weak : live_) {
      if (std::shared_ptr<HostMapping> mapping = weak.lock()) mapping->detach_from_context();
    }
  } catch (...) {  // current on another thread: views keep dangling memory, as documented
  }
  live_.clear();
  if (staging_) {
    try {
      context_.use();
      staging_.reset();
    } catch (...) {
      staging_->abandon();  // current elsewhere: the context's destruction frees its objects
      staging_.reset();
    }
  }
}

StagingBuffer& TransferState::staging() {
  if (!staging_) staging_ = std::make_unique<StagingBuffer>(staging_bytes_, context_);
  return *staging_;
}

void TransferState::download(GLuint source, std::size_t offset, std::size_t bytes,
                             void* destination) {
  if (staging_enabled_ && bytes >= kStagingMinimumBytes) {
    staging().download(source, offset, bytes, destination);
  } else {
    glBindBuffer(GL_COPY_READ_BUFFER, source);
    glGetBufferSubData(GL_COPY_READ_BUFFER, static_cast<GLintptr>(offset),
                       static_cast<GLsizeiptr>(bytes), destination);
  }
}

void TransferState::upload(const void* source, GLuint destination, std::size_t offset,
                           std::size_t bytes) {
  // Every upload is a GPU-side copy, so it is ordered with the GPU work before it whatever the
  // size: on NVIDIA a large glBufferSubData after a kernel or a clear sometimes landed first
  // and was overwritten (seen in tests with several contexts). With staging the host only
  // waits for staging space; without it the data goes through a temporary buffer.
  if (staging_enabled_) {
    staging().upload(source, destination, offset, bytes);
    return;
  }
  GLuint temporary = 0;
  glGenBuffers(1, &temporary);
  glBindBuffer(GL_COPY_READ_BUFFER, temporary);
  glBufferData(GL_COPY_READ_BUFFER, static_cast<GLsizeiptr>(bytes), source, GL_STREAM_COPY);
  glBindBuffer(GL_COPY_WRITE_BUFFER, destination);
  glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, 0,
                      static_cast<GLintptr>(offset), static_cast<GLsizeiptr>(bytes));
  glDeleteBuffers(1, &temporary);  // GL keeps it until the copy has run
}

std::shared_ptr<HostMapping> TransferState::acquire(const std::shared_ptr<ContextState>& context,
                                                    std::size_t bytes) {
  // The smallest spare that is large enough; it may still be uploading, so wait for it.
  auto best = spares_.end();
  for (auto it = spares_.begin(); it != spares_.end(); ++it) {
    if ((*it)->size() >= bytes && (best == spares_.end() || (*it)->size() < (*best)->size())) {
      best = it;
    }
  }
  if (best != spares_.end()) {
    std::shared_ptr<HostMapping> mapping = std::move(*best);
    spares_.erase(best);
    mapping->wait();
    return mapping;
  }
  std::shared_ptr<HostMapping> mapping(new HostMapping(context, bytes, staging_enabled_));
  std::erase_if(live_, [](const std::weak_ptr<HostMapping>& w) { return w.expired(); });
  live_.push_back(mapping);
  return mapping;
}

void TransferState::keep_spare(std::shared_ptr<HostMapping> mapping) noexcept {
  try {
    spares_.push_back(std::move(mapping));
    if (spares_.size() > kMaxSpareMappings) {
      // Keep the largest: they serve every smaller request.
      const auto smallest = std::min_element(
          spares_.begin(), spares_.end(),
          [](const auto& a, const auto& b) { return a->size() < b->size(); });
      spares_.erase(smallest);
    }
  } catch (...) {
  }
}

}  // namespace glc::detail
