#include "kernels/word_chunks.hpp"

#include <algorithm>

#include "context/context_state.hpp"

namespace glc::detail {

std::vector<WordChunk> split_into_chunks(const BufferStorage& buffer, std::size_t first_word,
                                         std::size_t word_count) {
  const ComputeLimits& limits = buffer.context()->info().limits;
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
