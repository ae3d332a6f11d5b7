#pragma once
// `glcompute run --uniform-block NAME=FILE.npy|[v,...]:DTYPE`: the bytes of a uniform block
// (std140), from a .npy file or a value list, checked against the block the program declares.

#include <cstddef>
#include <cstdint>
#include <vector>

#include <glcompute/buffer.hpp>
#include <glcompute/context.hpp>
#include <glcompute/program.hpp>

#include "run_plan.hpp"

namespace glc::cli {

/// Each --uniform-block with the index of its block in program.uniform_blocks(). Throws
/// UsageError for a block the program does not declare (the message lists those it does), one
/// given twice, and a declared block without a --uniform-block. Reads nothing.
std::vector<std::size_t> find_uniform_blocks(const Program& program, const std::vector<BufferArg>& args);

/// The contents of each --uniform-block (`blocks` as find_uniform_blocks gave them), in buffers
/// of the block's size (GL_BUFFER_DATA_SIZE) bound to it: the bytes given, then zeros for the
/// padding after the last member. Throws UsageError where the bytes end before the block's last
/// member or run past its size; glc::Error for a file that cannot be read.
std::vector<Buffer<std::uint8_t>> bind_uniform_blocks(Context& ctx, Program& program,
                                                      const std::vector<BufferArg>& args,
                                                      const std::vector<std::size_t>& blocks);

}  // namespace glc::cli
