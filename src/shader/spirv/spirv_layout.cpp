#include "shader/spirv/spirv_layout.hpp"

#include <algorithm>
#include <string>

namespace glc::detail::spirv {
namespace {

// Nesting deeper than this is refused: a module could chain types or expressions to exhaust
// the stack.
constexpr int kMaxDepth = 64;
// Types or constants visited for one module: a struct of two copies of a struct of two copies
// of ... would otherwise take 2^depth steps.
constexpr std::uint64_t kMaxVisits = 1 << 20;
// No block is larger: sizes past this are refused before they could overflow.
constexpr std::uint64_t kMaxBytes = std::uint64_t{1} << 48;

// OpSpecConstantOp operations on integers and booleans (SPIR-V section 3, "Instructions").
enum Operation : std::uint32_t {
  CompositeExtract = 81, UConvert = 113, SConvert = 114, SNegate = 126, IAdd = 128, ISub = 130, IMul = 132, UDiv = 134,
  SDiv = 135, UMod = 137, SRem = 138, SMod = 139, LogicalEqual = 164, LogicalNotEqual = 165,
  LogicalOr = 166, LogicalAnd = 167, LogicalNot = 168, Select = 169, IEqual = 170,
  INotEqual = 171, UGreaterThan = 172, SGreaterThan = 173, UGreaterThanEqual = 174,
  SGreaterThanEqual = 175, ULessThan = 176, SLessThan = 177, ULessThanEqual = 178,
  SLessThanEqual = 179, ShiftRightLogical = 194, ShiftRightArithmetic = 195,
  ShiftLeftLogical = 196, BitwiseOr = 197, BitwiseXor = 198, BitwiseAnd = 199, Not = 200,
};

/// `v` cut to `bits` and sign-extended where `is_signed`.
std::int64_t fit(std::uint64_t v, unsigned bits, bool is_signed) {
  if (bits >= 64) return static_cast<std::int64_t>(v);
  const std::uint64_t mask = (std::uint64_t{1} << bits) - 1;
  v &= mask;
  if (is_signed && bits > 0 && (v >> (bits - 1)) != 0) v |= ~mask;
  return static_cast<std::int64_t>(v);
}

std::uint64_t checked(std::uint64_t bytes) {
  if (bytes > kMaxBytes) invalid("a block type is larger than 2^48 bytes");
  return bytes;
}

}  // namespace

std::pair<unsigned, bool> Constants::scalar(std::uint32_t type, std::uint32_t id) const {
  const auto it = m_.types.find(type);
  if (it != m_.types.end() && it->second.op == OpTypeBool) return {1, false};
  if (it == m_.types.end() || it->second.op != OpTypeInt || it->second.operands.size() < 2) {
    invalid("constant id " + std::to_string(id) + " is not an integer or boolean");
  }
  const std::uint32_t width = it->second.operands[0];
  if (width == 0 || width > 64) invalid("constant id " + std::to_string(id) + " has an integer width of " + std::to_string(width));
  return {width, it->second.operands[1] != 0};
}

std::int64_t Constants::value(std::uint32_t id) const { return evaluate(id, 0); }

std::int64_t Constants::evaluate(std::uint32_t id, int depth) const {
  if (depth > kMaxDepth) invalid("constant expressions nest deeper than " + std::to_string(kMaxDepth));
  if (++visits_ > kMaxVisits) invalid("its constant expressions take too long to evaluate");
  const auto it = m_.constants.find(id);
  if (it == m_.constants.end()) invalid("array length id " + std::to_string(id) + " is not a constant");
  const Constant& c = it->second;
  const auto [bits, is_signed] = scalar(c.type, id);
  switch (c.op) {
    case OpConstantTrue: case OpSpecConstantTrue: case OpConstantFalse: case OpSpecConstantFalse: {
      bool v = c.op == OpConstantTrue || c.op == OpSpecConstantTrue;
      if (c.op == OpSpecConstantTrue || c.op == OpSpecConstantFalse) {
        if (const auto spec = m_.decoration(id, SpecId)) {
          for (const auto& [wanted, bits32] : values_) {
            if (wanted == *spec) v = bits32 != 0;
          }
        }
      }
      return v ? 1 : 0;
    }
    case OpConstantNull:
      return 0;
    case OpConstant: case OpSpecConstant: {
      if (c.operands.empty()) invalid("constant id " + std::to_string(id) + " has no value");
      std::uint64_t v = c.operands[0];
      if (bits > 32 && c.operands.size() > 1) v |= std::uint64_t{c.operands[1]} << 32;
      if (c.op == OpSpecConstant) {
        if (const auto spec = m_.decoration(id, SpecId)) {
          for (const auto& [wanted, bits32] : values_) {
            if (wanted == *spec) v = bits32;
          }
        }
      }
      return fit(v, bits, is_signed);
    }
    case OpSpecConstantOp:
      return fit(static_cast<std::uint64_t>(operation(c, id, depth)), bits, is_signed);
    default:
      invalid("constant id " + std::to_string(id) + " is not a scalar");
  }
}

std::int64_t Constants::operation(const Constant& c, std::uint32_t id, int depth) const {
  if (c.operands.size() < 2) invalid("OpSpecConstantOp id " + std::to_string(id) + " lacks operands");
  const std::uint32_t op = c.operands[0];
  const std::size_t arity = c.operands.size() - 1;
  const auto arg = [&](std::size_t i) {
    if (i >= arity) invalid("OpSpecConstantOp id " + std::to_string(id) + " lacks operands");
    return evaluate(c.operands[1 + i], depth + 1);
  };
  const auto u = [&](std::size_t i) { return static_cast<std::uint64_t>(arg(i)); };
  const auto nonzero = [&](std::int64_t v) {
    if (v == 0) invalid("OpSpecConstantOp id " + std::to_string(id) + " divides by zero");
    return v;
  };
  switch (op) {
    case CompositeExtract: {  // gl_WorkGroupSize.x: a member of a (specialization) constant vector
      if (arity != 2) invalid("OpSpecConstantOp id " + std::to_string(id) + " extracts from nested composites");
      const auto composite = m_.constants.find(c.operands[1]);
      if (composite == m_.constants.end() ||
          (composite->second.op != OpConstantComposite && composite->second.op != OpSpecConstantComposite) ||
          c.operands[2] >= composite->second.operands.size()) {
        invalid("OpSpecConstantOp id " + std::to_string(id) + " extracts from no constant composite");
      }
      return evaluate(composite->second.operands[c.operands[2]], depth + 1);
    }
    case UConvert: case SConvert: return arg(0);
    case SNegate: return static_cast<std::int64_t>(0 - u(0));
    case Not: return static_cast<std::int64_t>(~u(0));
    case IAdd: return static_cast<std::int64_t>(u(0) + u(1));
    case ISub: return static_cast<std::int64_t>(u(0) - u(1));
    case IMul: return static_cast<std::int64_t>(u(0) * u(1));
    case UDiv: { const std::uint64_t a = u(0); return static_cast<std::int64_t>(a / static_cast<std::uint64_t>(nonzero(arg(1)))); }
    case UMod: { const std::uint64_t a = u(0); return static_cast<std::int64_t>(a % static_cast<std::uint64_t>(nonzero(arg(1)))); }
    case SDiv: case SRem: case SMod: {
      const std::int64_t a = arg(0), b = nonzero(arg(1));
      if (b == -1) return op == SDiv ? static_cast<std::int64_t>(0 - static_cast<std::uint64_t>(a)) : 0;
      if (op == SDiv) return a / b;
      const std::int64_t r = a % b;
      return op == SMod && r != 0 && ((r < 0) != (b < 0)) ? r + b : r;
    }
    case ShiftRightLogical: return static_cast<std::int64_t>(u(0) >> (u(1) & 63));
    case ShiftRightArithmetic: return arg(0) >> (u(1) & 63);
    case ShiftLeftLogical: return static_cast<std::int64_t>(u(0) << (u(1) & 63));
    case BitwiseOr: return static_cast<std::int64_t>(u(0) | u(1));
    case BitwiseXor: return static_cast<std::int64_t>(u(0) ^ u(1));
    case BitwiseAnd: return static_cast<std::int64_t>(u(0) & u(1));
    case LogicalOr: return (arg(0) != 0) || (arg(1) != 0);
    case LogicalAnd: return (arg(0) != 0) && (arg(1) != 0);
    case LogicalNot: return arg(0) == 0;
    case LogicalEqual: case IEqual: return arg(0) == arg(1);
    case LogicalNotEqual: case INotEqual: return arg(0) != arg(1);
    case UGreaterThan: return u(0) > u(1);
    case UGreaterThanEqual: return u(0) >= u(1);
    case ULessThan: return u(0) < u(1);
    case ULessThanEqual: return u(0) <= u(1);
    case SGreaterThan: return arg(0) > arg(1);
    case SGreaterThanEqual: return arg(0) >= arg(1);
    case SLessThan: return arg(0) < arg(1);
    case SLessThanEqual: return arg(0) <= arg(1);
    case Select: return arg(0) != 0 ? arg(1) : arg(2);
    default:
      invalid("OpSpecConstantOp id " + std::to_string(id) + " uses operation " + std::to_string(op) +
              ", which glcompute cannot evaluate for an array length");
  }
}

std::set<std::uint32_t> Constants::spec_ids(std::uint32_t id) const {
  std::set<std::uint32_t> ids;
  collect(id, ids, 0);
  return ids;
}

void Constants::collect(std::uint32_t id, std::set<std::uint32_t>& ids, int depth) const {
  if (depth > kMaxDepth) invalid("constant expressions nest deeper than " + std::to_string(kMaxDepth));
  if (++visits_ > kMaxVisits) invalid("its constant expressions take too long to evaluate");
  const auto it = m_.constants.find(id);
  if (it == m_.constants.end()) return;
  const Constant& c = it->second;
  if (c.op == OpSpecConstant || c.op == OpSpecConstantTrue || c.op == OpSpecConstantFalse) {
    if (const auto spec = m_.decoration(id, SpecId)) ids.insert(*spec);
  } else if (c.op == OpSpecConstantComposite) {
    for (std::uint32_t part : c.operands) collect(part, ids, depth + 1);
  } else if (c.op == OpSpecConstantOp && !c.operands.empty()) {
    if (c.operands[0] == CompositeExtract) {  // the rest are literal indices, not ids
      if (c.operands.size() > 1) collect(c.operands[1], ids, depth + 1);
    } else {
      for (std::size_t i = 1; i < c.operands.size(); ++i) collect(c.operands[i], ids, depth + 1);
    }
  }
}

void Layout::visit(int depth) const {
  if (depth > kMaxDepth) invalid("types nest deeper than " + std::to_string(kMaxDepth));
  if (++visits_ > kMaxVisits) invalid("its block types take too long to size (shared or cyclic nesting)");
}

const Type& Layout::type(std::uint32_t id) const {
  const auto it = m_.types.find(id);
  if (it == m_.types.end()) invalid("type id " + std::to_string(id) + " is not declared");
  return it->second;
}

std::uint32_t Layout::operand(const Type& t, std::size_t i, std::uint32_t id) const {
  if (i >= t.operands.size()) invalid("type id " + std::to_string(id) + " lacks operands");
  return t.operands[i];
}

std::uint32_t Layout::decoration(std::uint32_t id, Decoration d) const {
  const auto value = m_.decoration(id, d);
  if (!value) invalid("id " + std::to_string(id) + " lacks decoration " + std::to_string(d));
  return *value;
}

std::uint64_t Layout::length(std::uint32_t array_type) const {
  const std::uint32_t length_id = operand(type(array_type), 1, array_type);
  const std::int64_t n = constants_.value(length_id);
  if (n < 1 || n > 0xFFFFFFFF) {
    invalid("array type id " + std::to_string(array_type) + " has " + std::to_string(n) +
            " elements (specialized)");
  }
  return static_cast<std::uint64_t>(n);
}

std::uint64_t Layout::size(std::uint32_t id, const Member& member, int depth) const {
  visit(depth);
  const Type& t = type(id);
  switch (t.op) {
    case OpTypeBool: return 4;
    case OpTypeInt: case OpTypeFloat: return operand(t, 0, id) / 8;
    case OpTypeVector: return checked(size(operand(t, 0, id), member, depth + 1) * operand(t, 1, id));
    case OpTypeMatrix: {
      if (!member.matrix_stride) invalid("matrix member without MatrixStride");
      const Type& column = type(operand(t, 0, id));
      const std::uint64_t columns = operand(t, 1, id), rows = operand(column, 1, id);
      const std::uint64_t scalar = size(operand(column, 0, id), member, depth + 1);
      if (columns == 0 || rows == 0) invalid("type id " + std::to_string(id) + " is an empty matrix");
      return checked(member.row_major ? (rows - 1) * *member.matrix_stride + columns * scalar
                                      : (columns - 1) * *member.matrix_stride + rows * scalar);
    }
    case OpTypeArray: {
      const std::uint64_t n = length(id);
      return checked((n - 1) * decoration(id, ArrayStride) + size(operand(t, 0, id), member, depth + 1));
    }
    case OpTypeStruct: {
      std::uint64_t end = 0;
      for (std::size_t i = 0; i < t.operands.size(); ++i) {
        const Member& inner = m_.member_of(id, i);
        if (!inner.offset) invalid("struct member without Offset");
        end = std::max(end, checked(*inner.offset + size(t.operands[i], inner, depth + 1)));
      }
      return end;
    }
    default: invalid("type id " + std::to_string(id) + " cannot be in a block");
  }
}

std::uint64_t Layout::alignment(std::uint32_t id, const Member& member, int depth) const {
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
        a = std::max(a, alignment(t.operands[i], m_.member_of(id, i), depth + 1));
      }
      return a;
    }
    default:
      return std::max<std::uint64_t>(1, size(id, member, depth + 1));
  }
}

}  // namespace glc::detail::spirv
