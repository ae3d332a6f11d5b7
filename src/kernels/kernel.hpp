#pragma once
// A library shader, compiled once per context and driven without per-call lookups: the
// building block of the kernel library (fill, random numbers, reductions). Internal.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "program/program_state.hpp"

namespace glc::detail {

/// Preprocessor definitions that select a kernel's variant ({"GLC_FLOAT", ""}, ...).
using Defines = std::vector<std::pair<std::string, std::string>>;

/// A linked library program: uniforms set by name (a missing one, which the compiler removed
/// as unused, is a no-op), buffers bound by binding point, dispatched with the barriers it needs.
/// Get one from KernelCache (kernel_cache.hpp).
class Kernel {
 public:
  explicit Kernel(std::shared_ptr<ProgramState> program);

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

}  // namespace glc::detail
