// Program::bind_atomic_counters: the buffers behind `layout(binding = N, offset = M) uniform
// atomic_uint` counters, checked against what the program's counters span and bound at each
// dispatch.

#include <string>

#include "glcompute/error.hpp"
#include "program/program_state.hpp"

namespace glc {
namespace detail {
namespace {

std::string counter_names(const AtomicCounterBufferInfo& buffer) {
  std::string names;
  for (const std::string& c : buffer.counters) names += (names.empty() ? "'" : ", '") + c + "'";
  return names;
}

}  // namespace

void ProgramState::apply_atomic_bindings() const {
  for (std::size_t i = 0; i < atomic_bindings.size(); ++i) {
    const AtomicCounterBufferInfo& info = interface.atomic_buffers[i];
    const BlockBinding& binding = atomic_bindings[i];
    const auto what = [&] {
      return "atomic counter binding " + std::to_string(info.binding) + " (counter" +
             (info.counters.size() == 1 ? " " : "s ") + counter_names(info) + ")";
    };
    if (!binding.set) {
      throw_unbound(*this, what(), "buffer",
                    "call bind_atomic_counters(" + std::to_string(info.binding) + ", buffer) first");
    }
    const std::shared_ptr<BufferStorage> buffer = binding.buffer.lock();
    if (!buffer) {
      throw Error("Program::dispatch (" + name + "): the buffer bound to " + what() +
                  " was destroyed; bind a live buffer");
    }
    glBindBufferRange(GL_ATOMIC_COUNTER_BUFFER, info.binding, buffer->id(),
                      static_cast<GLintptr>(binding.offset), static_cast<GLsizeiptr>(binding.size));
  }
}

}  // namespace detail

Program& Program::bind_atomic_counters(std::uint32_t binding, const Buffer<std::uint32_t>& buffer) {
  return bind_atomic_counters(binding, buffer, 0, buffer.size());
}

Program& Program::bind_atomic_counters(std::uint32_t binding, const Buffer<std::uint32_t>& buffer,
                                       std::size_t offset, std::size_t count) {
  detail::check_range("Program::bind_atomic_counters", offset, count, buffer.size());
  detail::ProgramState& s = state();
  const auto& buffers = s.interface.atomic_buffers;
  std::string known;
  for (std::size_t i = 0; i < buffers.size(); ++i) {
    known += (known.empty() ? "" : "; ") + std::to_string(buffers[i].binding) + " (" +
             detail::counter_names(buffers[i]) + ")";
    if (buffers[i].binding != binding) continue;
    const std::string where = "Program::bind_atomic_counters (" + s.name + ", binding " +
                              std::to_string(binding) + "): ";
    const std::shared_ptr<detail::BufferStorage>& storage = detail::Access::shared_storage(buffer);
    if (storage->context() != s.context) throw Error(where + "the buffer belongs to a different glc::Context");
    const std::uint64_t bytes = std::uint64_t{count} * 4;
    if (bytes < buffers[i].data_bytes) {
      throw Error(where + "a range of " + std::to_string(count) + " counters (" + std::to_string(bytes) +
                  " bytes) is too small: the counters at this binding reach byte " +
                  std::to_string(buffers[i].data_bytes) + " (" + std::to_string(buffers[i].data_bytes / 4) +
                  " counters of 4 bytes, `offset` included)");
    }
    s.atomic_bindings[i] = {true, storage, offset * 4, static_cast<std::size_t>(bytes)};
    return *this;
  }
  throw Error("Program::bind_atomic_counters (" + s.name + "): no atomic counter the program uses has binding " +
              std::to_string(binding) + " (atomic counter bindings: " + (known.empty() ? "none" : known) +
              "; counters the shader never uses are removed by the compiler)");
}

}  // namespace glc
