// Program::bind for storage and uniform blocks: finding the block(s) by name or binding,
// checking a buffer range against the block's layout and the driver's limits, and binding
// every block's buffer at dispatch.

#include <algorithm>
#include <string>
#include <vector>

#include "glcompute/error.hpp"
#include "program/program_state.hpp"

namespace glc {
namespace detail {
namespace {

/// The block's kind, as messages say it.
const char* kind(bool uniform) { return uniform ? "uniform block" : "storage block"; }

/// A storage or uniform block as one shape, for the checks both kinds share.
struct BlockView {
  const std::string& name;
  std::uint32_t binding;
  std::uint64_t fixed_bytes, array_stride, members_end;
};

BlockView view(const ProgramInterface& in, bool uniform, std::size_t i) {
  if (uniform) {
    const UniformBlockInfo& b = in.uniform_blocks[i];
    return {b.name, b.binding, b.data_bytes, 0, b.members_end};
  }
  const StorageBlockInfo& b = in.blocks[i];
  return {b.name, b.binding, b.fixed_bytes, b.array_stride, b.members_end};
}

/// The layout part of the checks: element size against the array stride, then the byte count.
void check_layout(const std::string& where, const BlockView& block, std::size_t size_bytes,
                  ElementLayout element) {
  if (block.array_stride != 0 && element.bytes != block.array_stride &&
      !(element.flat && block.array_stride % element.bytes == 0)) {
    throw Error(where + "the buffer's elements are " + std::to_string(element.bytes) +
                " bytes (sizeof(T)) but the block's trailing array has a stride of " +
                std::to_string(block.array_stride) + " bytes, so elements would not line up " +
                "(in std430 a bool takes 4 bytes, a vec3 16, and a struct is rounded up to its " +
                "largest member's alignment); use a type of " + std::to_string(block.array_stride) +
                " bytes (e.g. glm::vec4 or a struct with alignas), or a buffer of plain numbers");
  }
  if (size_bytes < block.fixed_bytes && block.array_stride == 0 && size_bytes >= block.members_end &&
      block.members_end < block.fixed_bytes) {
    throw Error(where + "a buffer range of " + std::to_string(size_bytes) + " bytes is too small: the " +
                "driver pads block '" + block.name + "' to " + std::to_string(block.fixed_bytes) +
                " bytes; its members end at " + std::to_string(block.members_end) +
                " (bind at least " + std::to_string(block.fixed_bytes) + " bytes, e.g. pad the struct)");
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
}

/// "; it shares binding 3 with 'B': bind(3u, buffer) binds both", where another block of the
/// same kind has the binding.
std::string shared_hint(const ProgramInterface& in, bool uniform, std::size_t i) {
  const BlockView block = view(in, uniform, i);
  const std::size_t n = uniform ? in.uniform_blocks.size() : in.blocks.size();
  for (std::size_t j = 0; j < n; ++j) {
    const BlockView other = view(in, uniform, j);
    if (j != i && other.binding == block.binding) {
      return " (it shares binding " + std::to_string(block.binding) + " with '" + other.name +
             "': bind(" + std::to_string(block.binding) + "u, buffer) binds both)";
    }
  }
  return {};
}

/// Binds each block of one kind; throws for one unbound, destroyed, or sharing its binding
/// with a block bound to another buffer or range (the shader would read that one).
void apply(const ProgramState& s, bool uniform) {
  const std::vector<BlockBinding>& bindings = uniform ? s.uniform_bindings : s.bindings;
  const GLenum target = uniform ? GL_UNIFORM_BUFFER : GL_SHADER_STORAGE_BUFFER;
  for (std::size_t i = 0; i < bindings.size(); ++i) {
    const BlockView block = view(s.interface, uniform, i);
    const BlockBinding& binding = bindings[i];
    if (!binding.set) {
      const std::string what = std::string(kind(uniform)) + " '" + block.name + "' (binding " +
                               std::to_string(block.binding) + ")";
      throw_unbound(s, what, "buffer",
                    "call bind(\"" + block.name + "\", buffer)" +
                        (uniform ? " or set_block(\"" + block.name + "\", value)" : std::string()) +
                        " first" + shared_hint(s.interface, uniform, i));
    }
    const std::shared_ptr<BufferStorage> buffer = binding.buffer.lock();
    if (!buffer) {
      throw Error("Program::dispatch (" + s.name + "): the buffer bound to " + kind(uniform) + " '" +
                  block.name + "' was destroyed; bind a live buffer");
    }
    for (std::size_t j = 0; j < i; ++j) {
      const BlockView other = view(s.interface, uniform, j);
      const BlockBinding& b = bindings[j];
      if (other.binding != block.binding) continue;
      if (b.buffer.lock() != buffer || b.offset != binding.offset || b.size != binding.size) {
        throw Error("Program::dispatch (" + s.name + "): " + kind(uniform) + "s '" + other.name +
                    "' and '" + block.name + "' share binding " + std::to_string(block.binding) +
                    " but are bound to different buffers or ranges; a binding holds one buffer, so the "
                    "shader would read the same one through both: bind both to one buffer (bind(" +
                    std::to_string(block.binding) + "u, buffer)) or give them distinct layout(binding = N)");
      }
    }
    if (binding.size == 0 || (binding.offset == 0 && binding.size == buffer->bytes())) {
      glBindBufferBase(target, block.binding, buffer->id());
    } else {
      glBindBufferRange(target, block.binding, buffer->id(), static_cast<GLintptr>(binding.offset),
                        static_cast<GLsizeiptr>(binding.size));
    }
  }
}

std::string list_blocks(const ProgramInterface& in, bool uniform, bool with_bindings) {
  std::string known;
  const std::size_t n = uniform ? in.uniform_blocks.size() : in.blocks.size();
  for (std::size_t i = 0; i < n; ++i) {
    const BlockView b = view(in, uniform, i);
    known += (known.empty() ? "" : ", ") + b.name + (with_bindings ? " = " + std::to_string(b.binding) : "");
  }
  return known.empty() ? "none" : known;
}

}  // namespace

void ProgramState::apply_bindings() const { apply(*this, false); }
void ProgramState::apply_uniform_block_bindings() const { apply(*this, true); }

}  // namespace detail

Program::BlockRef Program::find_block(std::string_view name) const {
  const detail::ProgramState& s = state();
  BlockRef found;
  for (std::size_t i = 0; i < s.interface.blocks.size(); ++i) {
    if (s.interface.blocks[i].name == name) found.indices.push_back(i);
  }
  for (std::size_t i = 0; i < s.interface.uniform_blocks.size(); ++i) {
    if (s.interface.uniform_blocks[i].name != name) continue;
    if (!found.indices.empty() && !found.uniform) {
      throw Error("Program::bind (" + s.name + "): '" + std::string(name) +
                  "' names both a storage block and a uniform block; rename one of them");
    }
    found.uniform = true;
    found.indices.push_back(i);
  }
  if (!found.indices.empty()) return found;
  const std::string where = "Program::bind (" + s.name + "): ";
  for (const ImageInfo& image : s.images) {
    if (image.name == name) {
      throw Error(where + "'" + image.name + "' is an image uniform (" + image.type_name +
                  "), not a storage block; bind a texture with bind_image(\"" + image.name + "\", texture)");
    }
  }
  for (const AtomicCounterBufferInfo& buffer : s.interface.atomic_buffers) {
    for (const std::string& counter : buffer.counters) {
      if (counter == name) {
        throw Error(where + "'" + counter + "' is an atomic counter, not a block; bind its buffer with "
                    "bind_atomic_counters(" + std::to_string(buffer.binding) + ", buffer)");
      }
    }
  }
  const bool nameless = std::ranges::any_of(s.interface.blocks, [](const auto& b) { return b.name.empty(); }) ||
                        std::ranges::any_of(s.interface.uniform_blocks, [](const auto& b) { return b.name.empty(); });
  throw Error(where + "no storage or uniform block named '" + std::string(name) + "' (storage blocks: " +
              detail::list_blocks(s.interface, false, !nameless) + "; uniform blocks: " +
              detail::list_blocks(s.interface, true, !nameless) + ")" +
              (nameless ? "; the program carries no names for its blocks (a SPIR-V module stripped of "
                          "them): bind by binding" : ""));
}

Program::BlockRef Program::find_binding(std::uint32_t binding) const {
  const detail::ProgramState& s = state();
  BlockRef storage, uniform{true, {}};
  for (std::size_t i = 0; i < s.interface.blocks.size(); ++i) {
    if (s.interface.blocks[i].binding == binding) storage.indices.push_back(i);
  }
  for (std::size_t i = 0; i < s.interface.uniform_blocks.size(); ++i) {
    if (s.interface.uniform_blocks[i].binding == binding) uniform.indices.push_back(i);
  }
  const std::string where = "Program::bind (" + s.name + "): ";
  if (!storage.indices.empty() && !uniform.indices.empty()) {
    throw Error(where + "binding " + std::to_string(binding) + " is storage block '" +
                s.interface.blocks[storage.indices[0]].name + "' and uniform block '" +
                s.interface.uniform_blocks[uniform.indices[0]].name +
                "' (GL numbers the bindings of the two kinds apart); bind by name");
  }
  if (!storage.indices.empty()) return storage;
  if (!uniform.indices.empty()) return uniform;
  throw Error(where + "no storage or uniform block has binding " + std::to_string(binding) +
              " (storage blocks: " + detail::list_blocks(s.interface, false, true) +
              "; uniform blocks: " + detail::list_blocks(s.interface, true, true) + ")");
}

void Program::bind_buffer(const BlockRef& ref, const std::shared_ptr<detail::BufferStorage>& buffer,
                          std::size_t offset_bytes, std::size_t size_bytes, detail::ElementLayout element) {
  detail::ProgramState& s = state();
  const ComputeLimits& limits = s.context->info().limits;
  const std::uint64_t alignment =
      ref.uniform ? limits.uniform_buffer_offset_alignment : limits.storage_buffer_offset_alignment;
  const std::uint64_t max_bytes = ref.uniform ? limits.max_uniform_block_bytes : limits.max_storage_block_bytes;
  for (std::size_t index : ref.indices) {
    const detail::BlockView block = detail::view(s.interface, ref.uniform, index);
    const std::string where = "Program::bind (" + s.name + ", " + detail::kind(ref.uniform) + " '" + block.name + "'): ";
    if (buffer->context() != s.context) {
      throw Error(where + "the buffer belongs to a different glc::Context");
    }
    if (size_bytes == 0 && buffer->bytes() != 0) {
      throw Error(where + "cannot bind an empty range of a non-empty buffer");
    }
    if (alignment != 0 && offset_bytes % alignment != 0) {
      throw Error(where + "byte offset " + std::to_string(offset_bytes) + " is not a multiple of the driver's " +
                  (ref.uniform ? "uniform" : "storage") + " buffer offset alignment (" +
                  std::to_string(alignment) + " bytes)");
    }
    if (size_bytes > max_bytes) {
      throw Error(where + std::to_string(size_bytes) + " bytes exceed the driver's maximum " +
                  (ref.uniform ? "uniform block size (GL_MAX_UNIFORM_BLOCK_SIZE)" : "storage block size") +
                  " of " + std::to_string(max_bytes) +
                  " bytes; bind a range with bind(block, buffer, offset, count)");
    }
    detail::check_layout(where, block, size_bytes, element);
  }
  std::vector<detail::BlockBinding>& bindings = ref.uniform ? s.uniform_bindings : s.bindings;
  for (std::size_t index : ref.indices) bindings[index] = {true, buffer, offset_bytes, size_bytes};
}

}  // namespace glc
