#include "shader/spirv/spirv_reflect.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "glcompute/error.hpp"

namespace glc::detail {
namespace {

// The few numbers of the SPIR-V specification this reader needs (section 3).
constexpr std::uint32_t kMagic = 0x07230203;
constexpr std::size_t kHeaderWords = 5;
enum Op : std::uint32_t {
  OpName = 5, OpMemberName = 6, OpTypeBool = 20, OpTypeInt = 21, OpTypeFloat = 22,
  OpTypeVector = 23, OpTypeMatrix = 24, OpTypeImage = 25, OpTypeSampledImage = 27, OpTypeArray = 28, OpTypeRuntimeArray = 29,
  OpTypeStruct = 30, OpTypePointer = 32, OpConstant = 43, OpSpecConstantTrue = 48,
  OpSpecConstantFalse = 49, OpSpecConstant = 50, OpVariable = 59, OpDecorate = 71,
  OpMemberDecorate = 72, OpFunction = 54,
};
enum Decoration : std::uint32_t {
  SpecId = 1, Block = 2, BufferBlock = 3, RowMajor = 4, ArrayStride = 6, MatrixStride = 7,
  Location = 30, Binding = 33, Offset = 35,
};
enum StorageClass : std::uint32_t { UniformConstant = 0, Uniform = 2, StorageBuffer = 12 };

// Nesting deeper than this is refused: a module could chain types to exhaust the stack.
constexpr int kMaxTypeDepth = 64;
// Types visited while sizing one module's blocks: a struct of two copies of a struct of two
// copies of ... would otherwise take 2^depth steps.
constexpr std::uint64_t kMaxTypeVisits = 1 << 20;

[[noreturn]] void malformed(std::size_t word, const std::string& what) {
  throw Error("glcompute: malformed SPIR-V module at word " + std::to_string(word) + ": " + what);
}

/// A module whose instructions are well formed but whose types do not fit together.
[[noreturn]] void invalid(const std::string& what) {
  throw Error("glcompute: invalid SPIR-V module: " + what);
}

struct Type {
  Op op{};
  std::vector<std::uint32_t> operands;  ///< the instruction's words after the result id
};

struct Member {
  std::optional<std::uint32_t> offset, matrix_stride;
  bool row_major = false;
};

struct Module {
  std::unordered_map<std::uint32_t, std::string> names;
  std::unordered_map<std::uint32_t, Type> types;
  std::unordered_map<std::uint32_t, std::uint32_t> constants;  ///< id -> low word of its value
  std::unordered_map<std::uint32_t, std::uint32_t> spec_ids;
  std::unordered_map<std::uint32_t, std::unordered_map<std::uint32_t, std::uint32_t>> decorations;
  std::unordered_map<std::uint32_t, std::unordered_map<std::uint32_t, Member>> members;
  struct Variable {
    std::uint32_t id, pointer_type, storage_class;
  };
  std::vector<Variable> variables;
};

/// A nul-terminated string in words [at, end) of the instruction starting at `start`.
std::string read_string(std::span<const std::uint32_t> words, std::size_t at, std::size_t end,
                        std::size_t start) {
  std::string s;
  for (std::size_t w = at; w < end; ++w) {
    for (int byte = 0; byte < 4; ++byte) {
      const char c = static_cast<char>((words[w] >> (8 * byte)) & 0xFF);
      if (c == '\0') return s;
      s += c;
    }
  }
  malformed(start, "a string has no terminating nul");
}

/// Splits the module into instructions and keeps what reflection needs.
Module read_module(std::span<const std::uint32_t> words) {
  if (words.size() < kHeaderWords) malformed(0, "shorter than the 5-word header");
  if (words[0] != kMagic) malformed(0, "not a SPIR-V module (wrong magic number)");
  Module m;
  for (std::size_t at = kHeaderWords; at < words.size();) {
    const std::uint32_t count = words[at] >> 16, opcode = words[at] & 0xFFFF;
    if (count == 0) malformed(at, "an instruction has a word count of 0");
    if (count > words.size() - at) malformed(at, "an instruction runs past the end of the module");
    const std::span<const std::uint32_t> in = words.subspan(at, count);
    const auto need = [&](std::size_t n) {
      if (in.size() < n) malformed(at, "instruction " + std::to_string(opcode) + " is too short");
    };
    switch (opcode) {
      case OpName:
        need(3);
        m.names[in[1]] = read_string(words, at + 2, at + count, at);
        break;
      case OpMemberName:  // member names are not needed: GL names blocks, not their members
        break;
      case OpDecorate:
        need(3);
        m.decorations[in[1]][in[2]] = in.size() > 3 ? in[3] : 1;
        if (in[2] == SpecId) {
          need(4);
          m.spec_ids[in[1]] = in[3];
        }
        break;
      case OpMemberDecorate: {
        need(4);
        Member& member = m.members[in[1]][in[2]];
        if (in[3] == Offset || in[3] == MatrixStride) {
          need(5);
          (in[3] == Offset ? member.offset : member.matrix_stride) = in[4];
        }
        if (in[3] == RowMajor) member.row_major = true;
        break;
      }
      case OpTypeBool: case OpTypeInt: case OpTypeFloat: case OpTypeVector: case OpTypeMatrix:
      case OpTypeImage: case OpTypeSampledImage: case OpTypeArray: case OpTypeRuntimeArray: case OpTypeStruct: case OpTypePointer:
        need(2);
        m.types[in[1]] = {static_cast<Op>(opcode), {in.begin() + 2, in.end()}};
        break;
      case OpConstant: case OpSpecConstant:
        need(4);
        m.constants[in[2]] = in[3];
        break;
      case OpSpecConstantTrue: case OpSpecConstantFalse:
        need(3);
        m.constants[in[2]] = opcode == OpSpecConstantTrue;
        break;
      case OpVariable:
        need(4);
        m.variables.push_back({in[2], in[1], in[3]});
        break;
      default:
        break;
    }
    if (opcode == OpFunction) break;  // declarations end where the first function starts
    at += count;
  }
  return m;
}

class Layout {
 public:
  explicit Layout(const Module& m) : m_(m) {}

  void visit(int depth) const {
    if (depth > kMaxTypeDepth) invalid("types nest deeper than " + std::to_string(kMaxTypeDepth));
    if (++visits_ > kMaxTypeVisits) invalid("its block types take too long to size (shared or cyclic nesting)");
  }

  const Type& type(std::uint32_t id) const {
    const auto it = m_.types.find(id);
    if (it == m_.types.end()) invalid("type id " + std::to_string(id) + " is not declared");
    return it->second;
  }

  std::uint32_t operand(const Type& t, std::size_t i, std::uint32_t id) const {
    if (i >= t.operands.size()) invalid("type id " + std::to_string(id) + " lacks operands");
    return t.operands[i];
  }

  std::uint32_t decoration(std::uint32_t id, Decoration d) const {
    const auto it = m_.decorations.find(id);
    if (it == m_.decorations.end() || !it->second.contains(d)) {
      invalid("id " + std::to_string(id) + " lacks decoration " + std::to_string(d));
    }
    return it->second.at(d);
  }

  std::uint32_t constant(std::uint32_t id) const {
    const auto it = m_.constants.find(id);
    if (it == m_.constants.end()) invalid("array length id " + std::to_string(id) + " is not a constant");
    return it->second;
  }

  /// Bytes a value of type `id` occupies inside a block (its last byte + 1, no tail padding).
  std::uint64_t size(std::uint32_t id, const Member& member, int depth) const {
    visit(depth);
    const Type& t = type(id);
    switch (t.op) {
      case OpTypeBool: return 4;
      case OpTypeInt: case OpTypeFloat: return operand(t, 0, id) / 8;
      case OpTypeVector: return size(operand(t, 0, id), member, depth + 1) * operand(t, 1, id);
      case OpTypeMatrix: {
        if (!member.matrix_stride) invalid("matrix member without MatrixStride");
        const Type& column = type(operand(t, 0, id));
        const std::uint64_t columns = operand(t, 1, id), rows = operand(column, 1, id);
        const std::uint64_t scalar = size(operand(column, 0, id), member, depth + 1);
        return member.row_major ? (rows - 1) * *member.matrix_stride + columns * scalar
                                : (columns - 1) * *member.matrix_stride + rows * scalar;
      }
      case OpTypeArray: {
        const std::uint64_t length = constant(operand(t, 1, id));
        if (length == 0) return 0;
        return (length - 1) * decoration(id, ArrayStride) + size(operand(t, 0, id), member, depth + 1);
      }
      case OpTypeStruct: {
        std::uint64_t end = 0;
        for (std::size_t i = 0; i < t.operands.size(); ++i) {
          const Member& inner = member_of(id, i);
          if (!inner.offset) invalid("struct member without Offset");
          end = std::max(end, *inner.offset + size(t.operands[i], inner, depth + 1));
        }
        return end;
      }
      default: invalid("type id " + std::to_string(id) + " cannot be in a storage block");
    }
  }

  /// The std430 alignment of type `id` (what a block's size is rounded up to).
  std::uint64_t alignment(std::uint32_t id, const Member& member, int depth) const {
    visit(depth);
    const Type& t = type(id);
    switch (t.op) {
      case OpTypeVector: {
        const std::uint32_t n = operand(t, 1, id);
        return alignment(operand(t, 0, id), member, depth + 1) * (n == 3 ? 4 : n);
      }
      case OpTypeMatrix:
        return member.matrix_stride ? *member.matrix_stride : 16;
      case OpTypeArray: case OpTypeRuntimeArray:
        return alignment(operand(t, 0, id), member, depth + 1);
      case OpTypeStruct: {
        std::uint64_t a = 1;
        for (std::size_t i = 0; i < t.operands.size(); ++i) {
          a = std::max(a, alignment(t.operands[i], member_of(id, i), depth + 1));
        }
        return a;
      }
      default:
        return size(id, member, depth + 1);
    }
  }

  const Member& member_of(std::uint32_t struct_id, std::size_t index) const {
    static const Member none;
    const auto it = m_.members.find(struct_id);
    if (it == m_.members.end()) return none;
    const auto member = it->second.find(static_cast<std::uint32_t>(index));
    return member == it->second.end() ? none : member->second;
  }

 private:
  const Module& m_;
  mutable std::uint64_t visits_ = 0;
};

bool decorated(const Module& m, std::uint32_t id, Decoration d) {
  const auto it = m.decorations.find(id);
  return it != m.decorations.end() && it->second.contains(d);
}

std::string name_of(const Module& m, std::uint32_t id) {
  const auto it = m.names.find(id);
  return it == m.names.end() ? std::string() : it->second;
}

/// Whether a uniform of type `id` (or an array of it) samples with depth comparison: an
/// OpTypeSampledImage of an OpTypeImage whose Depth operand is 1.
bool is_shadow_sampler(const Layout& layout, std::uint32_t id) {
  const Type* t = &layout.type(id);
  for (int depth = 0; t->op == OpTypeArray && depth < kMaxTypeDepth; ++depth) t = &layout.type(layout.operand(*t, 0, id));
  if (t->op != OpTypeSampledImage) return false;
  const Type& image = layout.type(layout.operand(*t, 0, id));
  return image.op == OpTypeImage && layout.operand(image, 2, id) == 1;
}

SpirvBlock read_block(const Module& m, const Layout& layout, std::uint32_t variable, std::uint32_t block) {
  SpirvBlock out;
  out.name = name_of(m, block);
  out.binding = decorated(m, variable, Binding) ? layout.decoration(variable, Binding) : 0;
  const Type& t = layout.type(block);
  if (t.op != OpTypeStruct) invalid("storage block " + out.name + " is not a struct");
  const std::size_t n = t.operands.size();
  if (n > 0 && layout.type(t.operands[n - 1]).op == OpTypeRuntimeArray) {
    const Member& last = layout.member_of(block, n - 1);
    if (!last.offset) invalid("storage block " + out.name + " has a member without Offset");
    out.fixed_bytes = *last.offset;
    out.array_stride = layout.decoration(t.operands[n - 1], ArrayStride);
  } else {
    const std::uint64_t a = layout.alignment(block, {}, 0);
    out.fixed_bytes = (layout.size(block, {}, 0) + a - 1) / a * a;
  }
  return out;
}

}  // namespace

SpirvInterface reflect_spirv(std::span<const std::uint32_t> words, const SpecializationValues& specialization) {
  Module m = read_module(words);
  for (const auto& [id, spec_id] : m.spec_ids) {
    for (const auto& [wanted, value] : specialization) {
      if (wanted == spec_id && m.constants.contains(id)) m.constants[id] = value;
    }
  }
  const Layout layout(m);
  SpirvInterface out;
  for (const Module::Variable& v : m.variables) {
    const Type& pointer = layout.type(v.pointer_type);
    if (pointer.op != OpTypePointer) invalid("variable " + std::to_string(v.id) + " is not a pointer");
    const std::uint32_t pointee = layout.operand(pointer, 1, v.pointer_type);
    const bool storage_block =
        (v.storage_class == StorageBuffer && decorated(m, pointee, Block)) ||
        (v.storage_class == Uniform && decorated(m, pointee, BufferBlock));
    if (storage_block) {
      out.storage_blocks.push_back(read_block(m, layout, v.id, pointee));
    } else if (v.storage_class == UniformConstant && decorated(m, v.id, Location)) {
      out.uniforms.push_back({name_of(m, v.id), static_cast<std::int32_t>(layout.decoration(v.id, Location)),
                              is_shadow_sampler(layout, pointee)});
    }
  }
  return out;
}

bool is_reported_name_of(std::string_view reported, std::string_view declared) {
  if (declared.empty() || !reported.starts_with(declared)) return false;
  const std::string_view rest = reported.substr(declared.size());
  return rest.empty() || (rest.size() >= 2 && rest[0] == '.' &&
                          rest.find_first_not_of("0123456789", 1) == std::string_view::npos);
}

}  // namespace glc::detail
