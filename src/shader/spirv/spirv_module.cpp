#include "shader/spirv/spirv_module.hpp"

#include "glcompute/error.hpp"

namespace glc::detail::spirv {
namespace {

constexpr std::uint32_t kMagic = 0x07230203;
constexpr std::size_t kHeaderWords = 5;

/// A nul-terminated string in words [at, end) of the instruction starting at `start`; `after`
/// receives the index of the first word past it.
std::string read_string(std::span<const std::uint32_t> words, std::size_t at, std::size_t end,
                        std::size_t start, std::size_t* after = nullptr) {
  std::string s;
  for (std::size_t w = at; w < end; ++w) {
    for (int byte = 0; byte < 4; ++byte) {
      const char c = static_cast<char>((words[w] >> (8 * byte)) & 0xFF);
      if (c == '\0') {
        if (after) *after = w + 1;
        return s;
      }
      s += c;
    }
  }
  malformed(start, "a string has no terminating nul");
}

/// The operand of a function-body instruction that may name a global variable directly:
/// glslang reaches globals only through these (pointers are never stored in SPIR-V for GL).
void note_uses(Module& m, std::span<const std::uint32_t> in, std::uint32_t opcode) {
  const auto use = [&](std::size_t i) {
    if (i < in.size()) m.used.insert(in[i]);
  };
  switch (opcode) {
    case OpLoad: case OpAccessChain: case OpInBoundsAccessChain: case OpPtrAccessChain:
    case OpArrayLength: case OpImageTexelPointer: case OpCopyObject:
      use(3);
      break;
    case OpStore: case OpAtomicStore:
      use(1);
      break;
    case OpCopyMemory:
      use(1);
      use(2);
      break;
    case OpFunctionCall:
      for (std::size_t i = 4; i < in.size(); ++i) use(i);
      break;
    default:
      if (opcode >= OpAtomicLoad && opcode <= OpAtomicXor) use(3);
      break;
  }
}

}  // namespace

void malformed(std::size_t word, const std::string& what) {
  throw Error("glcompute: malformed SPIR-V module at word " + std::to_string(word) + ": " + what);
}

void invalid(const std::string& what) { throw Error("glcompute: invalid SPIR-V module: " + what); }

bool Module::decorated(std::uint32_t id, Decoration d) const { return decoration(id, d).has_value(); }

std::optional<std::uint32_t> Module::decoration(std::uint32_t id, Decoration d) const {
  const auto it = decorations.find(id);
  if (it == decorations.end()) return std::nullopt;
  const auto value = it->second.find(d);
  if (value == it->second.end()) return std::nullopt;
  return value->second;
}

std::string Module::name_of(std::uint32_t id) const {
  const auto it = names.find(id);
  return it == names.end() ? std::string() : it->second;
}

std::string Module::member_name(std::uint32_t struct_id, std::size_t index) const {
  const auto it = member_names.find(struct_id);
  if (it == member_names.end()) return {};
  const auto name = it->second.find(static_cast<std::uint32_t>(index));
  return name == it->second.end() ? std::string() : name->second;
}

const Member& Module::member_of(std::uint32_t struct_id, std::size_t index) const {
  static const Member none;
  const auto it = members.find(struct_id);
  if (it == members.end()) return none;
  const auto member = it->second.find(static_cast<std::uint32_t>(index));
  return member == it->second.end() ? none : member->second;
}

Module read_module(std::span<const std::uint32_t> words) {
  if (words.size() < kHeaderWords) malformed(0, "shorter than the 5-word header");
  if (words[0] != kMagic) malformed(0, "not a SPIR-V module (wrong magic number)");
  Module m;
  m.version = words[1];
  bool in_function = false;
  for (std::size_t at = kHeaderWords; at < words.size();) {
    const std::uint32_t count = words[at] >> 16, opcode = words[at] & 0xFFFF;
    if (count == 0) malformed(at, "an instruction has a word count of 0");
    if (count > words.size() - at) malformed(at, "an instruction runs past the end of the module");
    const std::span<const std::uint32_t> in = words.subspan(at, count);
    const auto need = [&](std::size_t n) {
      if (in.size() < n) malformed(at, "instruction " + std::to_string(opcode) + " is too short");
    };
    if (opcode == OpFunction) in_function = true;
    if (in_function) {
      note_uses(m, in, opcode);
      at += count;
      continue;
    }
    switch (opcode) {
      case OpName:
        need(3);
        m.names[in[1]] = read_string(words, at + 2, at + count, at);
        break;
      case OpMemberName:
        need(4);
        m.member_names[in[1]][in[2]] = read_string(words, at + 3, at + count, at);
        break;
      case OpEntryPoint: {
        need(4);
        EntryPoint e{in[1], in[2], {}};
        e.name = read_string(words, at + 3, at + count, at);
        m.entry_points.push_back(std::move(e));
        break;
      }
      case OpExecutionMode: case OpExecutionModeId:
        need(3);
        if (in[2] == kExecutionModeLocalSize) {
          need(6);
          m.local_sizes[in[1]] = {in[3], in[4], in[5]};
        } else if (in[2] == kExecutionModeLocalSizeId) {
          invalid("LocalSizeId needs SPIR-V 1.2, which OpenGL does not take");
        }
        break;
      case OpDecorate:
        need(3);
        m.decorations[in[1]][in[2]] = in.size() > 3 ? in[3] : 1;
        if (in[2] == SpecId) need(4);
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
      case OpTypeImage: case OpTypeSampler: case OpTypeSampledImage: case OpTypeArray:
      case OpTypeRuntimeArray: case OpTypeStruct: case OpTypePointer:
        need(2);
        m.types[in[1]] = {static_cast<Op>(opcode), {in.begin() + 2, in.end()}};
        break;
      case OpConstantTrue: case OpConstantFalse: case OpConstant: case OpConstantComposite:
      case OpConstantNull: case OpSpecConstantTrue: case OpSpecConstantFalse: case OpSpecConstant:
      case OpSpecConstantComposite: case OpSpecConstantOp:
        need(3);
        m.constants[in[2]] = {static_cast<Op>(opcode), in[1], {in.begin() + 3, in.end()}};
        break;
      case OpVariable:
        need(4);
        m.variables.push_back({in[2], in[1], in[3]});
        break;
      default:
        break;
    }
    at += count;
  }
  return m;
}

}  // namespace glc::detail::spirv
