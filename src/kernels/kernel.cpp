#include "kernels/kernel.hpp"

#include <algorithm>

#include "context/context_state.hpp"

namespace glc::detail {

Kernel::Kernel(std::shared_ptr<ProgramState> program) : program_(std::move(program)) {}

std::uint32_t Kernel::groups_for(std::uint64_t items, std::uint32_t per_invocation) const {
  const std::uint64_t per_group = std::uint64_t{local_size()} * per_invocation;
  const std::uint64_t wanted = std::max<std::uint64_t>(1, (items + per_group - 1) / per_group);
  // One pass where the driver allows it (NVIDIA: 2^31 - 1 groups): a grid-stride loop that
  // gives some invocations one more round than others leaves the GPU half idle at the end.
  // Elsewhere (65535 on llvmpipe) the loop covers the rest.
  const std::uint64_t cap = program_->context->info().limits.max_work_group_count[0];
  return static_cast<std::uint32_t>(std::min(wanted, cap));
}

GLint Kernel::location(const char* uniform) const {
  for (const UniformInfo& u : program_->interface.uniforms) {
    if (u.name == uniform) return u.location;
  }
  // Uniforms the compiler found unused are gone; setting them is a harmless no-op.
  return -1;
}

void Kernel::set(const char* uniform, std::uint32_t value) {
  glProgramUniform1ui(program_->id, location(uniform), value);
}
void Kernel::set(const char* uniform, std::int32_t value) {
  glProgramUniform1i(program_->id, location(uniform), value);
}
void Kernel::set(const char* uniform, float value) {
  glProgramUniform1f(program_->id, location(uniform), value);
}
void Kernel::set(const char* uniform, double value) {
  glProgramUniform1d(program_->id, location(uniform), value);
}
void Kernel::set(const char* uniform, const std::uint32_t (&value)[4]) {
  glProgramUniform4uiv(program_->id, location(uniform), 1, value);
}

void Kernel::bind(std::uint32_t binding, const BufferStorage& buffer, std::size_t offset_bytes,
                  std::size_t size_bytes) {
  bind(binding, buffer.id(), offset_bytes, size_bytes);
}

void Kernel::bind_words(const BufferStorage& buffer, std::size_t offset_bytes, std::size_t size_bytes) {
  bind(0, buffer.id(), offset_bytes, size_bytes);
  bind(3, buffer.id(), offset_bytes, size_bytes);
}

void Kernel::bind(std::uint32_t binding, unsigned gl_buffer, std::size_t offset_bytes,
                  std::size_t size_bytes) {
  glBindBufferRange(GL_SHADER_STORAGE_BUFFER, binding, gl_buffer,
                    static_cast<GLintptr>(offset_bytes), static_cast<GLsizeiptr>(size_bytes));
}

void Kernel::dispatch(std::uint32_t groups) {
  ContextState& context = *program_->context;
  use_program(program_->id);
  context.barriers().barrier_for(program_->interface.barrier_bits);
  glDispatchCompute(groups, 1, 1);
  context.barriers().note_shader_writes();
  if (context.debug()) context.check_errors("a library kernel");
}

}  // namespace glc::detail
