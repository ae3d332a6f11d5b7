// Program::set_block: a C++ struct uploaded into a uniform block through a small buffer the
// program owns, the way Vulkan programs use push constants.

#include <algorithm>
#include <string>
#include <vector>

#include "glcompute/error.hpp"
#include "program/program_state.hpp"

namespace glc {

void Program::set_block_bytes(std::string_view name, const void* data, std::size_t bytes) {
  detail::ProgramState& s = state();
  const std::string where = "Program::set_block (" + s.name + "): ";
  const auto& blocks = s.interface.uniform_blocks;
  std::size_t index = blocks.size();
  std::string known;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].name == name) index = i;
    known += (known.empty() ? "" : ", ") + blocks[i].name;
  }
  if (index == blocks.size()) {
    for (const StorageBlockInfo& block : s.interface.blocks) {
      if (block.name == name) {
        throw Error(where + "'" + block.name + "' is a storage block; set_block fills uniform blocks "
                    "(`uniform " + block.name + " { ... };`): bind a buffer to it with bind(\"" +
                    block.name + "\", buffer)");
      }
    }
    throw Error(where + "no uniform block named '" + std::string(name) + "' (uniform blocks: " +
                (known.empty() ? "none" : known) + ")");
  }
  const UniformBlockInfo& block = blocks[index];
  if (bytes < block.members_end || bytes > block.data_bytes) {
    throw Error(where + "the value is " + std::to_string(bytes) + " bytes (sizeof(T)) but uniform block '" +
                block.name + "' has members up to byte " + std::to_string(block.members_end) +
                " and holds " + std::to_string(block.data_bytes) + " bytes: T does not have the block's "
                "std140 layout (vec3 and vec4 members, and every array element, start on 16-byte boundaries: "
                "use glm::vec4 or alignas(16))");
  }
  std::shared_ptr<detail::BufferStorage>& value = s.block_values[index];
  if (!value) {
    std::vector<unsigned char> padded(block.data_bytes, 0);
    std::copy_n(static_cast<const unsigned char*>(data), bytes, padded.begin());
    value = std::make_shared<detail::BufferStorage>(s.context, padded.size(), padded.data());
  } else {
    value->write(0, bytes, data);
  }
  s.uniform_bindings[index] = {true, value, 0, value->bytes()};
}

}  // namespace glc
