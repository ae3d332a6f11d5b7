// Program::dispatch_indirect: work group counts that an earlier dispatch wrote into a buffer.
// GL leaves counts above GL_MAX_COMPUTE_WORK_GROUP_COUNT undefined (a hang or a lost device,
// where a direct dispatch would get GL_INVALID_VALUE), and they live on the GPU, where the host
// cannot check them without waiting: a one-invocation pass copies them into a buffer of the
// context's, replaced by zeros (nothing runs) where one is above the limit, as WebGPU
// implementations do, and the dispatch reads that buffer.

#include <string>

#include "glcompute/error.hpp"
#include "program/program_state.hpp"

namespace glc {
namespace detail {
namespace {

constexpr const char* kGuardName = "glcompute/dispatch_indirect_guard.comp";
constexpr const char* kGuard = R"(#version 430
layout(local_size_x = 1) in;
layout(std430, binding = 0) readonly buffer Counts { uint counts[]; };
layout(std430, binding = 1) writeonly buffer Checked { uint checked[3]; };
uniform uint first;
uniform uvec3 limit;
void main() {
  uvec3 c = uvec3(counts[first], counts[first + 1u], counts[first + 2u]);
  if (any(greaterThan(c, limit))) c = uvec3(0u);
  checked[0] = c.x;
  checked[1] = c.y;
  checked[2] = c.z;
}
)";

/// The guard program and the buffer the checked counts go to, made on first use. Attached to
/// the context (ContextState::attachment), which drops them before it goes.
struct IndirectGuard {
  std::shared_ptr<ProgramState> program;
  std::shared_ptr<BufferStorage> checked;
};

IndirectGuard& guard(const std::shared_ptr<ContextState>& context) {
  IndirectGuard& g = context->attachment<IndirectGuard>();
  if (!g.program) {
    std::shared_ptr<ProgramState> program = build_program(context, Source::text(kGuard, kGuardName), {});
    g.checked = std::make_shared<BufferStorage>(context, 3 * sizeof(std::uint32_t), nullptr);
    g.program = std::move(program);
  }
  return g;
}

GLint location(const ProgramState& p, const char* name) {
  for (const UniformInfo& u : p.interface.uniforms) {
    if (u.name == name) return u.location;
  }
  return -1;
}

/// Runs the guard on words [word, word + 3) of `counts`; returns the buffer to dispatch from.
const BufferStorage& check_counts(const std::shared_ptr<ContextState>& context, const BufferStorage& counts,
                                  std::size_t word) {
  IndirectGuard& g = guard(context);
  const ComputeLimits& limits = context->info().limits;
  // The smallest aligned range holding the three words: the buffer may be larger than one
  // storage binding can hold.
  const std::size_t alignment = std::max<std::size_t>(limits.storage_buffer_offset_alignment, 4);
  const std::size_t start = word * 4 / alignment * alignment;
  const std::size_t first = (word * 4 - start) / 4;
  glBindBufferRange(GL_SHADER_STORAGE_BUFFER, 0, counts.id(), static_cast<GLintptr>(start),
                    static_cast<GLsizeiptr>((first + 3) * 4));
  glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 1, g.checked->id());
  glProgramUniform1ui(g.program->id, location(*g.program, "first"), static_cast<GLuint>(first));
  glProgramUniform3ui(g.program->id, location(*g.program, "limit"), limits.max_work_group_count[0],
                      limits.max_work_group_count[1], limits.max_work_group_count[2]);
  use_program(g.program->id);
  context->barriers().barrier_for(g.program->interface.barrier_bits);
  glDispatchCompute(1, 1, 1);
  context->barriers().note_shader_writes();
  return *g.checked;
}

}  // namespace
}  // namespace detail

void Program::dispatch_indirect(const Buffer<std::uint32_t>& buffer, std::size_t offset) {
  detail::ProgramState& s = state();
  const std::string where = "Program::dispatch_indirect (" + s.name + "): ";
  const std::size_t size = buffer.size();
  if (offset > size || size - offset < 3) {
    throw Error(where + "the work group counts are 3 words (x, y, z) from element " + std::to_string(offset) +
                ", but the buffer has " + std::to_string(size) + " elements");
  }
  const std::shared_ptr<detail::BufferStorage>& counts = detail::Access::shared_storage(buffer);
  if (counts->context() != s.context) throw Error(where + "the buffer belongs to a different glc::Context");
  s.context->use();
  const detail::BufferStorage& checked = detail::check_counts(s.context, *counts, offset);
  s.apply_all_bindings();
  detail::use_program(s.id);
  s.context->barriers().barrier_for(s.interface.barrier_bits | GL_COMMAND_BARRIER_BIT);
  glBindBuffer(GL_DISPATCH_INDIRECT_BUFFER, checked.id());
  glDispatchComputeIndirect(0);
  s.context->barriers().note_shader_writes();
  if (s.context->debug()) s.context->check_errors("Program::dispatch_indirect");
}

}  // namespace glc
