#pragma once
// Long ranges of a buffer cut into pieces that each fit one storage buffer binding and the work
// group limits, for the kernel library. Internal.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "kernels/kernel.hpp"

namespace glc::detail {

/// A piece of a range of 32-bit words that one storage buffer binding can hold.
struct WordChunk {
  std::size_t bind_offset = 0;  ///< bytes; a multiple of the driver's offset alignment
  std::size_t bind_size = 0;    ///< bytes
  std::uint32_t first = 0;      ///< first word to process, counted from bind_offset
  std::uint32_t count = 0;      ///< words to process
  std::uint64_t done = 0;       ///< words of the whole range before this piece (a multiple of 4)
};

/// Splits words [first_word, first_word + word_count) of `buffer` into chunks that fit one
/// binding. Every chunk but the last covers a multiple of 4 words.
std::vector<WordChunk> split_into_chunks(const BufferStorage& buffer, std::size_t first_word,
                                         std::size_t word_count);

/// Runs a kernel built on write_words.glsl over words [first_word, first_word + word_count) of
/// `buffer`, one dispatch per chunk. `prepare(chunk)` picks the kernel for that chunk and sets
/// its own uniforms; the shared ones (first, count) and the binding are set here. `vec4s` is
/// the kernel's GLC_VEC4S (vec4s per invocation and round), which sizes the grid.
template <class Prepare>
void write_words(BufferStorage& buffer, std::size_t first_word, std::size_t word_count,
                 Prepare&& prepare, std::uint32_t vec4s = 1) {
  for (const WordChunk& c : split_into_chunks(buffer, first_word, word_count)) {
    Kernel& k = prepare(c);
    k.set("first", c.first);
    k.set("count", c.count);
    k.bind_words(buffer, c.bind_offset, c.bind_size);
    k.dispatch(k.groups_for(c.count, 4 * vec4s));
  }
}

}  // namespace glc::detail
