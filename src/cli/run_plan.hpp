#pragma once
// `glcompute run`'s arguments, checked before any GL work: everything that can be wrong with the
// command line alone is a UsageError here. What needs the compiled shader (block and uniform
// names, uniform types) is checked by run_shader.

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <glcompute/context.hpp>
#include <glcompute/source.hpp>

#include "buffer_spec.hpp"
#include "command_args.hpp"

namespace glc::cli {

/// A storage or uniform block named on the command line: its name, or its binding number.
struct BlockRef {
  std::string text;                      ///< as given
  std::optional<std::uint32_t> binding;  ///< set where `text` is a number
};

struct BufferArg {
  std::string text;  ///< "NAME=SPEC", for messages
  BlockRef block;
  BufferSpec spec;
};

struct SetArg {
  std::string text;
  std::string name;
  std::string value;
};

/// --print NAME[:SHAPE] and --out NAME=FILE[:SHAPE]: without a shape, the buffer's own.
struct ShowArg {
  std::string text;
  BlockRef block;
  std::optional<npy::Shape> shape;
  std::filesystem::path file;  ///< --out only
};

struct DispatchPlan {
  enum class Kind { first_buffer, groups, invocations };
  Kind kind = Kind::first_buffer;
  std::array<std::uint64_t, 3> size{1, 1, 1};
};

struct RunPlan {
  std::string shader;
  ContextOptions context;
  CompileOptions compile;
  std::vector<BufferArg> buffers;
  std::vector<BufferArg> uniform_blocks;  ///< --uniform-block: a file or a value list only
  std::vector<SetArg> sets;
  DispatchPlan dispatch;
  std::uint64_t repeat = 1;
  std::vector<ShowArg> prints;
  std::vector<ShowArg> outs;
  bool time = false;
};

/// Checks `args` and reads every value that needs no shader. Throws UsageError.
RunPlan plan_run(const RunArgs& args);

/// "outs_1" or "2" as a BlockRef.
BlockRef block_ref(const std::string& text);

}  // namespace glc::cli
