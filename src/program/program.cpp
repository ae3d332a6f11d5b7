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
      uniform_bindings(interface.uniform_blocks.size()), block_values(interface.uniform_blocks.size()),
      atomic_bindings(interface.atomic_buffers.size()), images(std::move(images_)),
      image_bindings(images.size()), samplers(reflect_samplers(id, interface.uniforms)),
      texture_bindings(samplers.size()) {}

ProgramState::~ProgramState() {
  // Now, or at the context's next use on the thread that holds it (as for buffers).
  context->release_objects([id = id] {
    // A deleted program stays in use until another replaces it, and its name with it: leave
    // none behind for use_program to mistake for a newer program.
    GLint current = 0;
    glGetIntegerv(GL_CURRENT_PROGRAM, &current);
    if (static_cast<GLuint>(current) == id) glUseProgram(0);
    glDeleteProgram(id);
  });
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
const std::vector<UniformBlockInfo>& Program::uniform_blocks() const { return state().interface.uniform_blocks; }
const std::vector<AtomicCounterBufferInfo>& Program::atomic_counter_buffers() const {
  return state().interface.atomic_buffers;
}
const std::vector<UniformInfo>& Program::uniforms() const { return state().interface.uniforms; }
const std::vector<ImageInfo>& Program::images() const { return state().images; }
bool Program::loaded_from_cache() const { return state().loaded_from_cache; }

unsigned Program::id() const {
  detail::ProgramState& s = state();
  if (!s.context->alive()) s.context->use();  // throws the "context destroyed" error
  return s.id;
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
  s.apply_all_bindings();
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
