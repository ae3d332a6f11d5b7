#include "glcompute/context.hpp"

#include "context_state.hpp"
#include "glcompute/error.hpp"
#include "program_state.hpp"

namespace glc {

Context::Context(const ContextOptions& options)
    : state_(std::make_shared<detail::ContextState>(detail::create_egl_context(options),
                                                    options)) {}

Context::~Context() {
  if (state_) state_->destroy();
}

Context::Context(Context&&) noexcept = default;

Context& Context::operator=(Context&& other) noexcept {
  if (this != &other) {
    if (state_) state_->destroy();
    state_ = std::move(other.state_);
  }
  return *this;
}

const std::shared_ptr<detail::ContextState>& Context::state() const {
  if (!state_) detail::throw_empty_handle("glc::Context");
  return state_;
}

const ContextInfo& Context::info() const { return state()->info(); }

Program Context::compile(const Source& source, const CompileOptions& options) {
  return Program(detail::build_program(state(), source, options));
}

void Context::finish() {
  state()->use();
  glFinish();
  state_->check_errors("Context::finish");
}

std::shared_ptr<detail::BufferStorage> Context::make_storage(std::size_t bytes, const void* data) {
  return std::make_shared<detail::BufferStorage>(state(), bytes, data);
}

}  // namespace glc
