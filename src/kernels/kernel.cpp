#include "kernels/kernel.hpp"

#include <algorithm>

#include "shader/embedded_shaders.hpp"
#include "glcompute/error.hpp"

namespace glc::detail {
namespace {

std::string cache_key(const std::string& shader, const Defines& defines) {
  std::string key = shader;
  for (const auto& [name, value] : defines) key += "|" + name + "=" + value;
  return key;
}

}  // namespace

Kernel::Kernel(std::shared_ptr<ProgramState> program) : program_(std::move(program)) {}

Kernel& Kernel::get(ContextState& context, const std::shared_ptr<ContextState>& owner,
                    const std::string& shader, const Defines& defines) {
  std::shared_ptr<void>& slot = context.cache_slot(cache_key(shader, defines));
  if (!slot) {
    const EmbeddedShader* embedded = find_embedded_shader(shader);
    if (embedded == nullptr) throw Error("glcompute: library shader '" + shader + "' is missing");
    CompileOptions options;
    options.defines = defines;
    slot = std::make_shared<Kernel>(build_program(owner, Source::text(embedded->text, shader), options));
  }
  return *static_cast<Kernel*>(slot.get());
}

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
  ContextState::use_program(program_->id);
  context.barrier_for(program_->interface.barrier_bits);
  glDispatchCompute(groups, 1, 1);
  context.note_shader_writes();
  if (context.debug()) context.check_errors("a library kernel");
}

std::vector<WordChunk> split_into_chunks(const ContextState& context, const BufferStorage& buffer,
                                         std::size_t first_word, std::size_t word_count) {
  const ComputeLimits& limits = context.info().limits;
  const std::size_t alignment = limits.storage_buffer_offset_alignment;
  // 256 is the largest offset alignment GL allows; 2^31 bytes keeps word indices in a uint.
  const std::size_t capacity =
      std::min<std::uint64_t>(limits.max_storage_block_bytes, std::uint64_t{1} << 31) / 256 * 256;
  std::vector<WordChunk> chunks;
  std::size_t position = first_word * 4;  // bytes
  std::size_t remaining = word_count;
  std::uint64_t done = 0;
  while (remaining > 0) {
    WordChunk c;
    c.bind_offset = position / alignment * alignment;
    c.first = static_cast<std::uint32_t>((position - c.bind_offset) / 4);
    std::size_t count = std::min(remaining, capacity / 4 - c.first);
    if (count < remaining) count = count / 4 * 4;  // every chunk but the last: whole 4-word groups
    c.count = static_cast<std::uint32_t>(count);
    c.done = done;
    // Round the binding up to whole vec4s where the buffer allows, for vec4 access.
    const std::size_t end = std::min(((c.first + count) * 4 + 15) / 16 * 16,
                                     buffer.bytes() - c.bind_offset);
    c.bind_size = std::min(end, capacity);
    chunks.push_back(c);
    position += count * 4;
    remaining -= count;
    done += count;
  }
  return chunks;
}

}  // namespace glc::detail
