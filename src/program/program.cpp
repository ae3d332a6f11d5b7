#include "glcompute/program.hpp"

#include <string>

#include "glcompute/error.hpp"
#include "program/program_state.hpp"

namespace glc {
namespace detail {

ProgramState::ProgramState(std::shared_ptr<ContextState> context_, GLuint id_, std::string name_,
                           ProgramInterface interface_, std::vector<ImageInfo> images_)
    : context(std::move(context_)), id(id_), name(std::move(name_)),
      interface(std::move(interface_)), bindings(interface.blocks.size()),
      images(std::move(images_)), image_bindings(images.size()) {}

ProgramState::~ProgramState() {
  if (!context->alive()) return;  // deleted with the context
  try {
    context->use();
    // A deleted program stays in use until another replaces it, and its name with it: leave
    // none behind for use_program to mistake for a newer program.
    GLint current = 0;
    glGetIntegerv(GL_CURRENT_PROGRAM, &current);
    if (static_cast<GLuint>(current) == id) glUseProgram(0);
    glDeleteProgram(id);
  } catch (...) {
  }
}

void ProgramState::apply_bindings() const {
  for (std::size_t i = 0; i < bindings.size(); ++i) {
    const StorageBlockInfo& block = interface.blocks[i];
    const BlockBinding& binding = bindings[i];
    if (!binding.set) {
      throw Error("Program::dispatch (" + name + "): storage block '" + block.name +
                  "' (binding " + std::to_string(block.binding) +
                  ") has no buffer bound; call bind(\"" + block.name + "\", buffer) first");
    }
    const std::shared_ptr<BufferStorage> buffer = binding.buffer.lock();
    if (!buffer) {
      throw Error("Program::dispatch (" + name + "): the buffer bound to storage block '" +
                  block.name + "' was destroyed; bind a live buffer");
    }
    if (binding.size == 0 || (binding.offset == 0 && binding.size == buffer->bytes())) {
      glBindBufferBase(GL_SHADER_STORAGE_BUFFER, block.binding, buffer->id());
    } else {
      glBindBufferRange(GL_SHADER_STORAGE_BUFFER, block.binding, buffer->id(),
                        static_cast<GLintptr>(binding.offset), static_cast<GLsizeiptr>(binding.size));
    }
  }
}

}  // namespace detail

Program::Program(std::shared_ptr<detail::ProgramState> state) : state_(std::move(state)) {}
Program::Program(Program&&) noexcept = default;
Program& Program::operator=(Program&&) noexcept = default;
Program::~Program() = default;

detail::ProgramState& Program::state() const {
  if (!state_) detail::throw_empty_handle("glc::Program");
  return *state_;
}

std::array<std::uint32_t, 3> Program::local_size() const { return state().interface.local_size; }
const std::vector<StorageBlockInfo>& Program::storage_blocks() const { return state().interface.blocks; }
const std::vector<UniformInfo>& Program::uniforms() const { return state().interface.uniforms; }
const std::vector<ImageInfo>& Program::images() const { return state().images; }
bool Program::loaded_from_cache() const { return state().loaded_from_cache; }

unsigned Program::id() const {
  detail::ProgramState& s = state();
  if (!s.context->alive()) s.context->use();  // throws the "context destroyed" error
  return s.id;
}

std::size_t Program::find_block(std::string_view name) const {
  const auto& blocks = state().interface.blocks;
  std::string known;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].name == name) return i;
    known += (known.empty() ? "" : ", ") + blocks[i].name;
  }
  for (const ImageInfo& image : state().images) {
    if (image.name == name) {
      throw Error("Program::bind (" + state().name + "): '" + image.name +
                  "' is an image uniform (" + image.type_name + "), not a storage block; bind a "
                  "texture with bind_image(\"" + image.name + "\", texture)");
    }
  }
  throw Error("Program::bind (" + state().name + "): no active storage block named '" +
              std::string(name) + "' (blocks: " + (known.empty() ? "none" : known) +
              "; blocks the shader never uses are removed by the compiler)");
}

std::size_t Program::find_binding(std::uint32_t binding) const {
  const auto& blocks = state().interface.blocks;
  std::string known;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].binding == binding) return i;
    known += (known.empty() ? "" : ", ") + blocks[i].name + " = " + std::to_string(blocks[i].binding);
  }
  throw Error("Program::bind (" + state().name + "): no active storage block has binding " +
              std::to_string(binding) + " (bindings: " + (known.empty() ? "none" : known) + ")");
}

void Program::bind_block(std::size_t index, const std::shared_ptr<detail::BufferStorage>& buffer,
                         std::size_t offset_bytes, std::size_t size_bytes) {
  detail::ProgramState& s = state();
  const StorageBlockInfo& block = s.interface.blocks[index];
  const ComputeLimits& limits = s.context->info().limits;
  const std::string where = "Program::bind (" + s.name + ", block '" + block.name + "'): ";
  if (buffer->context() != s.context) {
    throw Error(where + "the buffer belongs to a different glc::Context");
  }
  if (size_bytes == 0 && buffer->bytes() != 0) {
    throw Error(where + "cannot bind an empty range of a non-empty buffer");
  }
  if (offset_bytes % limits.storage_buffer_offset_alignment != 0) {
    throw Error(where + "byte offset " + std::to_string(offset_bytes) +
                " is not a multiple of the driver's storage buffer offset alignment (" +
                std::to_string(limits.storage_buffer_offset_alignment) + " bytes)");
  }
  if (size_bytes > limits.max_storage_block_bytes) {
    throw Error(where + std::to_string(size_bytes) + " bytes exceed the driver's maximum storage "
                "block size of " + std::to_string(limits.max_storage_block_bytes) +
                " bytes; bind a range with bind(block, buffer, offset, count)");
  }
  if (size_bytes < block.fixed_bytes ||
      (block.array_stride != 0 && (size_bytes - block.fixed_bytes) % block.array_stride != 0)) {
    std::string layout = std::to_string(block.fixed_bytes) + " bytes";
    if (block.array_stride != 0) {
      layout += " plus a whole number of " + std::to_string(block.array_stride) + "-byte elements";
    }
    throw Error(where + "a buffer range of " + std::to_string(size_bytes) +
                " bytes does not fit the block's layout (" + layout + ")");
  }
  s.bindings[index] = {true, buffer, offset_bytes, size_bytes};
}

void Program::dispatch(std::uint32_t gx, std::uint32_t gy, std::uint32_t gz) {
  detail::ProgramState& s = state();
  const std::array<std::uint32_t, 3> groups{gx, gy, gz};
  const auto& max = s.context->info().limits.max_work_group_count;
  const auto text = [](const std::array<std::uint32_t, 3>& v) {
    return std::to_string(v[0]) + " x " + std::to_string(v[1]) + " x " + std::to_string(v[2]);
  };
  for (int i = 0; i < 3; ++i) {
    if (groups[i] == 0) {
      throw Error("Program::dispatch (" + s.name + "): work group count " + text(groups) +
                  " has a zero; every count must be at least 1");
    }
    if (groups[i] > max[i]) {
      throw Error("Program::dispatch (" + s.name + "): work group count " + text(groups) +
                  " exceeds the driver's maximum of " + text(max));
    }
  }
  s.context->use();
  s.apply_bindings();
  s.apply_image_bindings();
  detail::use_program(s.id);
  s.context->barriers().barrier_for(s.interface.barrier_bits);
  glDispatchCompute(gx, gy, gz);
  s.context->barriers().note_shader_writes();
  if (s.context->debug()) s.context->check_errors("Program::dispatch");
}

void Program::dispatch_for(std::uint64_t n) {
  detail::ProgramState& s = state();
  if (n == 0) return;
  const std::uint64_t local = s.interface.local_size[0];
  const std::uint64_t groups = n / local + (n % local != 0);  // no overflow near 2^64
  const std::uint32_t max = s.context->info().limits.max_work_group_count[0];
  if (groups > max) {
    throw Error("Program::dispatch_for(" + std::to_string(n) + ") (" + s.name + "): needs " +
                std::to_string(groups) + " work groups of " + std::to_string(local) +
                " but the driver allows " + std::to_string(max) +
                " in x; use a grid-stride loop and dispatch() fewer groups");
  }
  dispatch(static_cast<std::uint32_t>(groups));
}

void Program::dispatch_for(std::uint64_t nx, std::uint64_t ny, std::uint64_t nz) {
  detail::ProgramState& s = state();
  if (nx == 0 || ny == 0 || nz == 0) return;
  const std::array<std::uint64_t, 3> n{nx, ny, nz};
  const auto& max = s.context->info().limits.max_work_group_count;
  std::array<std::uint32_t, 3> groups{};
  for (int i = 0; i < 3; ++i) {
    const std::uint64_t local = s.interface.local_size[i];
    const std::uint64_t needed = n[i] / local + (n[i] % local != 0);  // no overflow near 2^64
    if (needed > max[i]) {
      throw Error("Program::dispatch_for(" + std::to_string(nx) + ", " + std::to_string(ny) + ", " +
                  std::to_string(nz) + ") (" + s.name + "): needs " + std::to_string(needed) +
                  " work groups of " + std::to_string(local) + " in " + "xyz"[i] +
                  " but the driver allows " + std::to_string(max[i]) +
                  "; cover the grid in several dispatches or with a grid-stride loop");
    }
    groups[i] = static_cast<std::uint32_t>(needed);
  }
  dispatch(groups[0], groups[1], groups[2]);
}

}  // namespace glc
