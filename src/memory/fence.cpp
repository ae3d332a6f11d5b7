#include "memory/fence.hpp"

#include <cstdint>
#include <string>

#include "context/context_state.hpp"
#include "glcompute/error.hpp"

namespace glc::detail {

Fence& Fence::operator=(Fence&& other) noexcept {
  if (this != &other) {
    reset();
    sync_ = other.sync_;
    other.sync_ = nullptr;
  }
  return *this;
}

void Fence::reset() noexcept {
  if (sync_ != nullptr) glDeleteSync(sync_);
  sync_ = nullptr;
}

void Fence::place() {
  reset();
  sync_ = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
}

bool Fence::signaled() const {
  if (sync_ == nullptr) return true;
  GLint status = GL_UNSIGNALED;
  glGetSynciv(sync_, GL_SYNC_STATUS, 1, nullptr, &status);
  return status == GL_SIGNALED;
}

void Fence::wait(const char* operation, ContextState& context) {
  if (sync_ == nullptr) return;
  // A wait past the timeout is not slow, it is stuck (a runaway shader or a lost device):
  // better an error than a process that hangs forever.
  const std::uint64_t timeout_ns = context.gpu_timeout_ns();
  const GLenum status = glClientWaitSync(sync_, GL_SYNC_FLUSH_COMMANDS_BIT, timeout_ns);
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
  reset();
}

}  // namespace glc::detail
