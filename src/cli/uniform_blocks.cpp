#include "uniform_blocks.hpp"

#include <algorithm>
#include <span>
#include <string>

#include <glcompute/npy.hpp>

#include "usage_error.hpp"

namespace glc::cli {
namespace {

// The blocks by binding, for messages.
std::string block_list(std::vector<UniformBlockInfo> blocks) {
  if (blocks.empty()) return "the shader declares no uniform blocks";
  std::sort(blocks.begin(), blocks.end(), [](const auto& a, const auto& b) { return a.binding < b.binding; });
  std::string list;
  for (const UniformBlockInfo& b : blocks) {
    list += (list.empty() ? "" : ", ") + b.name + " (binding " + std::to_string(b.binding) + ")";
  }
  return "the shader's uniform blocks: " + list;
}

std::string describe(const UniformBlockInfo& block) {
  return "uniform block " + block.name + " (binding " + std::to_string(block.binding) + ")";
}

std::size_t find_block(const std::vector<UniformBlockInfo>& blocks, const BlockRef& ref) {
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (ref.binding ? blocks[i].binding == *ref.binding : blocks[i].name == ref.text) return i;
  }
  throw UsageError(std::string(ref.binding ? "no uniform block has binding " : "no uniform block is named ") +
                   ref.text + "; " + block_list(blocks));
}

}  // namespace

std::vector<std::size_t> find_uniform_blocks(const Program& program, const std::vector<BufferArg>& args) {
  const std::vector<UniformBlockInfo>& blocks = program.uniform_blocks();
  std::vector<std::size_t> found;
  for (std::size_t a = 0; a < args.size(); ++a) {
    const std::string context = "--uniform-block " + args[a].text;
    const std::size_t block = with_context(context, [&] { return find_block(blocks, args[a].block); });
    for (std::size_t other = 0; other < found.size(); ++other) {
      if (found[other] == block) {
        throw UsageError(context + ": " + describe(blocks[block]) + " already has --uniform-block " +
                         args[other].text);
      }
    }
    found.push_back(block);
  }
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    bool given = false;
    for (const std::size_t block : found) given = given || block == i;
    if (!given) {
      throw UsageError(describe(blocks[i]) + " has no --uniform-block; every block needs one (" +
                       std::to_string(blocks[i].data_bytes) + " bytes, std140)");
    }
  }
  return found;
}

std::vector<Buffer<std::uint8_t>> bind_uniform_blocks(Context& ctx, Program& program,
                                                      const std::vector<BufferArg>& args,
                                                      const std::vector<std::size_t>& blocks) {
  std::vector<Buffer<std::uint8_t>> buffers;
  for (std::size_t a = 0; a < args.size(); ++a) {
    const UniformBlockInfo& block = program.uniform_blocks()[blocks[a]];
    const npy::Array contents = host_array(args[a].spec);
    const std::size_t bytes = contents.data.size();
    // std140 places vec3 and vec4 members, and every array element, at multiples of 16 bytes;
    // a list or file written for std430 or for C's packing is one of the sizes refused here.
    const std::string layout = std::to_string(block.data_bytes) + " bytes, its last member ending at " +
                               std::to_string(block.members_end) +
                               " (std140: vec3 and vec4 members and array elements start at multiples of 16)";
    if (bytes < block.members_end) {
      throw UsageError("--uniform-block " + args[a].text + ": " + std::to_string(bytes) + " bytes do not reach the end of " +
                       describe(block) + ": it holds " + layout);
    }
    if (bytes > block.data_bytes) {
      throw UsageError("--uniform-block " + args[a].text + ": " + std::to_string(bytes) + " bytes are more than " +
                       describe(block) + " holds: " + layout);
    }
    std::vector<std::uint8_t> data(block.data_bytes, 0);  // the padding after the last member: zeros
    const auto* first = reinterpret_cast<const std::uint8_t*>(contents.data.data());
    std::copy(first, first + bytes, data.begin());
    buffers.push_back(ctx.buffer(std::span<const std::uint8_t>(data)));
    program.bind(block.name, buffers.back());
  }
  return buffers;
}

}  // namespace glc::cli
