#pragma once
// The machinery under the kernel library (fill, random numbers, reductions): library shaders
// compiled once per context, and the splitting of long ranges into pieces that each fit one
// storage buffer binding and the work group limits. Internal.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "program/program_state.hpp"

namespace glc::detail {

using Defines = std::vector<std::pair<std::string, std::string>>;

/// A library shader (a path under shaders/), compiled and linked once per context and set of
/// defines, then driven without per-call lookups.
class Kernel {
 public:
  explicit Kernel(std::shared_ptr<ProgramState> program);

  /// The context's cached kernel for `shader` with `defines`; compiled on first use.
  static Kernel& get(ContextState& context, const std::shared_ptr<ContextState>& owner,
                     const std::string& shader, const Defines& defines = {});

  std::uint32_t local_size() const { return program_->interface.local_size[0]; }
  /// Work groups for a grid-stride loop over `items` (each invocation taking `per_invocation`),
  /// capped so a dispatch stays within the driver's limit.
  std::uint32_t groups_for(std::uint64_t items, std::uint32_t per_invocation = 1) const;

  void set(const char* uniform, std::uint32_t value);
  void set(const char* uniform, std::int32_t value);
  void set(const char* uniform, float value);
  void set(const char* uniform, double value);
  void set(const char* uniform, const std::uint32_t (&value)[4]);

  void bind(std::uint32_t binding, const BufferStorage& buffer, std::size_t offset_bytes,
            std::size_t size_bytes);
  /// Binds a range to both views of write_words.glsl and reduce.comp: uvec4s at binding 0,
  /// words at binding 3.
  void bind_words(const BufferStorage& buffer, std::size_t offset_bytes, std::size_t size_bytes);
  /// Binds a raw GL buffer name (e.g. host-visible memory a kernel writes its result into).
  void bind(std::uint32_t binding, unsigned gl_buffer, std::size_t offset_bytes, std::size_t size_bytes);
  void dispatch(std::uint32_t groups);

 private:
  GLint location(const char* uniform) const;
  std::shared_ptr<ProgramState> program_;
};

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
std::vector<WordChunk> split_into_chunks(const ContextState& context, const BufferStorage& buffer,
                                         std::size_t first_word, std::size_t word_count);

/// Runs a kernel built on write_words.glsl over words [first_word, first_word + word_count) of
/// `buffer`, one dispatch per chunk. `prepare(chunk)` picks the kernel for that chunk and sets
/// its own uniforms; the shared ones (first, count) and the binding are set here.
template <class Prepare>
void write_words(BufferStorage& buffer, std::size_t first_word, std::size_t word_count,
                 Prepare&& prepare) {
  for (const WordChunk& c : split_into_chunks(*buffer.context(), buffer, first_word, word_count)) {
    Kernel& k = prepare(c);
    k.set("first", c.first);
    k.set("count", c.count);
    k.bind_words(buffer, c.bind_offset, c.bind_size);
    k.dispatch(k.groups_for(c.count, 4));
  }
}

}  // namespace glc::detail
