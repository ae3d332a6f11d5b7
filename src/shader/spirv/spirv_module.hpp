#pragma once
// A SPIR-V module split into what reflection needs: names, decorations, types, constants,
// global variables, entry points, and which variables the functions use. The reader trusts
// nothing: every read is bounds-checked, and a malformed module is a glc::Error naming the word
// where the problem is. Internal.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace glc::detail::spirv {

// The numbers of the SPIR-V specification (section 3) that glcompute reads.
enum Op : std::uint32_t {
  OpName = 5, OpMemberName = 6, OpEntryPoint = 15, OpExecutionMode = 16, OpTypeBool = 20,
  OpTypeInt = 21, OpTypeFloat = 22, OpTypeVector = 23, OpTypeMatrix = 24, OpTypeImage = 25,
  OpTypeSampler = 26, OpTypeSampledImage = 27, OpTypeArray = 28, OpTypeRuntimeArray = 29,
  OpTypeStruct = 30, OpTypePointer = 32, OpConstantTrue = 41, OpConstantFalse = 42,
  OpConstant = 43, OpConstantComposite = 44, OpConstantNull = 46, OpSpecConstantTrue = 48,
  OpSpecConstantFalse = 49, OpSpecConstant = 50, OpSpecConstantComposite = 51,
  OpSpecConstantOp = 52, OpFunction = 54, OpFunctionCall = 57, OpVariable = 59,
  OpImageTexelPointer = 60, OpLoad = 61, OpStore = 62, OpCopyMemory = 63, OpAccessChain = 65,
  OpInBoundsAccessChain = 66, OpPtrAccessChain = 67, OpArrayLength = 68, OpDecorate = 71,
  OpMemberDecorate = 72, OpCopyObject = 83, OpAtomicLoad = 227, OpAtomicStore = 228,
  OpAtomicXor = 242, OpExecutionModeId = 331,
};
enum Decoration : std::uint32_t {
  SpecId = 1, Block = 2, BufferBlock = 3, RowMajor = 4, ArrayStride = 6, MatrixStride = 7,
  BuiltIn = 11, NonWritable = 24, NonReadable = 25, Location = 30, Binding = 33, DescriptorSet = 34,
  Offset = 35,
};
enum StorageClass : std::uint32_t {
  UniformConstant = 0, Uniform = 2, Workgroup = 4, PushConstant = 9, AtomicCounter = 10,
  StorageBuffer = 12,
};
constexpr std::uint32_t kExecutionModelGLCompute = 5;
constexpr std::uint32_t kExecutionModeLocalSize = 17;
constexpr std::uint32_t kExecutionModeLocalSizeId = 38;
constexpr std::uint32_t kBuiltInWorkgroupSize = 25;

struct Type {
  Op op{};
  std::vector<std::uint32_t> operands;  ///< the instruction's words after the result id
};

/// OpConstant*, OpSpecConstant*: the opcode, the result type and the words after the result id.
struct Constant {
  Op op{};
  std::uint32_t type = 0;
  std::vector<std::uint32_t> operands;
};

struct Member {
  std::optional<std::uint32_t> offset, matrix_stride;
  bool row_major = false;
};

struct Variable {
  std::uint32_t id = 0, pointer_type = 0, storage_class = 0;
};

struct EntryPoint {
  std::uint32_t model = 0, function = 0;
  std::string name;
};

struct Module {
  std::uint32_t version = 0;  ///< header word 1: 0x00MMmm00
  std::unordered_map<std::uint32_t, std::string> names;
  std::unordered_map<std::uint32_t, std::unordered_map<std::uint32_t, std::string>> member_names;
  std::unordered_map<std::uint32_t, Type> types;
  std::unordered_map<std::uint32_t, Constant> constants;
  /// id -> decoration -> its first literal (1 where it has none)
  std::unordered_map<std::uint32_t, std::unordered_map<std::uint32_t, std::uint32_t>> decorations;
  std::unordered_map<std::uint32_t, std::unordered_map<std::uint32_t, Member>> members;
  std::vector<Variable> variables;  ///< global variables, in declaration order
  std::vector<EntryPoint> entry_points;
  /// OpExecutionMode LocalSize of each entry point's function.
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> local_sizes;
  /// Global variables the functions load, store, index, pass on or use atomically.
  std::unordered_set<std::uint32_t> used;

  bool decorated(std::uint32_t id, Decoration d) const;
  std::optional<std::uint32_t> decoration(std::uint32_t id, Decoration d) const;
  std::string name_of(std::uint32_t id) const;
  std::string member_name(std::uint32_t struct_id, std::size_t index) const;
  /// The member's layout decorations; all unset where it has none.
  const Member& member_of(std::uint32_t struct_id, std::size_t index) const;
};

/// Splits `words` into a Module. Throws glc::Error ("malformed SPIR-V module at word N: ...").
Module read_module(std::span<const std::uint32_t> words);

[[noreturn]] void malformed(std::size_t word, const std::string& what);
/// A module whose instructions are well formed but whose types or constants do not fit.
[[noreturn]] void invalid(const std::string& what);

}  // namespace glc::detail::spirv
