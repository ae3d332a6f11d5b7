#include "shader/spirv/spirv_uniforms.hpp"

namespace glc::detail::spirv {
namespace {

// More leaves than any driver has uniform locations (NVIDIA and Mesa: at most 81920) is a
// module built to exhaust memory: refused.
constexpr std::size_t kMaxLeaves = 1 << 17;
constexpr int kMaxDepth = 32;

// OpTypeImage's Image Format operand, as GLSL spells the format qualifiers (SPIR-V 3.11).
const char* const kImageFormats[] = {
    "", "rgba32f", "rgba16f", "r32f", "rgba8", "rgba8_snorm", "rg32f", "rg16f", "r11f_g11f_b10f",
    "r16f", "rgba16", "rgb10_a2", "rg16", "rg8", "r16", "r8", "rgba16_snorm", "rg16_snorm",
    "rg8_snorm", "r16_snorm", "r8_snorm", "rgba32i", "rgba16i", "rgba8i", "r32i", "rg32i", "rg16i",
    "rg8i", "r16i", "r8i", "rgba32ui", "rgba16ui", "rgba8ui", "r32ui", "rgb10_a2ui", "rg32ui",
    "rg16ui", "rg8ui", "r16ui", "r8ui"};

SpirvScalar scalar_kind(const Type& t) {
  if (t.op == OpTypeBool) return SpirvScalar::boolean;
  if (t.op == OpTypeInt && t.operands.size() >= 2 && t.operands[0] == 32) {
    return t.operands[1] ? SpirvScalar::int32 : SpirvScalar::uint32;
  }
  if (t.op == OpTypeFloat && !t.operands.empty()) {
    if (t.operands[0] == 32) return SpirvScalar::float32;
    if (t.operands[0] == 64) return SpirvScalar::float64;
  }
  return SpirvScalar::none;
}

}  // namespace

void UniformFlattener::add(const Variable& v, std::uint32_t type, std::size_t index) {
  const Module& m = layout_.module();
  variable_ = {};
  variable_.variable = index;
  variable_.used = m.used.contains(v.id);
  variable_.readonly = m.decorated(v.id, NonWritable);
  variable_.writeonly = m.decorated(v.id, NonReadable);
  variable_.binding = m.decoration(v.id, Binding);
  const auto location = m.decoration(v.id, Location);
  flatten(type, m.name_of(v.id), location ? std::int64_t{*location} : -1, 0);
}

bool UniformFlattener::describe(std::uint32_t type, SpirvUniform& u) const {
  const Type& t = layout_.type(type);
  switch (t.op) {
    case OpTypeBool: case OpTypeInt: case OpTypeFloat:
      u.scalar = scalar_kind(t);
      return true;
    case OpTypeVector:
      u.scalar = scalar_kind(layout_.type(layout_.operand(t, 0, type)));
      u.components = layout_.operand(t, 1, type);
      return true;
    case OpTypeMatrix: {
      const std::uint32_t column = layout_.operand(t, 0, type);
      const Type& c = layout_.type(column);
      if (c.op != OpTypeVector) invalid("matrix type id " + std::to_string(type) + " has no vector columns");
      u.scalar = scalar_kind(layout_.type(layout_.operand(c, 0, column)));
      u.components = layout_.operand(c, 1, column);
      u.columns = layout_.operand(t, 1, type);
      return true;
    }
    case OpTypeSampler:
      return true;
    case OpTypeSampledImage: {
      const std::uint32_t image = layout_.operand(t, 0, type);
      const Type& i = layout_.type(image);
      u.shadow = i.op == OpTypeImage && layout_.operand(i, 2, image) == 1;
      return true;
    }
    case OpTypeImage: {
      u.image = layout_.operand(t, 5, type) == 2;  // Sampled = 2: a storage image
      const std::uint32_t format = layout_.operand(t, 6, type);
      if (format >= std::size(kImageFormats)) invalid("image type id " + std::to_string(type) + " has an unknown format");
      u.format = kImageFormats[format];
      return true;
    }
    default:
      return false;
  }
}

std::uint64_t UniformFlattener::flatten(std::uint32_t type, const std::string& name, std::int64_t location,
                                        int depth) {
  if (depth > kMaxDepth) invalid("uniform types nest deeper than " + std::to_string(kMaxDepth));
  if (out_.size() >= kMaxLeaves || ++visits_ > 4 * kMaxLeaves) {
    invalid("its uniforms have more than " + std::to_string(kMaxLeaves) + " members and elements");
  }
  const Type& t = layout_.type(type);
  // Locations past 2^31 mean none (GL's are ints); the sum stays far below 2^63.
  const auto at = [&](std::uint64_t taken) {
    return location < 0 || taken > 0x7FFFFFFF ? std::int64_t{-1} : location + static_cast<std::int64_t>(taken);
  };
  if (t.op == OpTypeStruct) {
    std::uint64_t taken = 0;
    for (std::size_t i = 0; i < t.operands.size(); ++i) {
      taken += flatten(t.operands[i], name + "." + layout_.module().member_name(type, i), at(taken), depth + 1);
    }
    return taken;
  }
  std::uint32_t count = 1;
  std::uint32_t element = type;
  if (t.op == OpTypeArray) {
    count = static_cast<std::uint32_t>(layout_.length(type));
    element = layout_.operand(t, 0, type);
    const Op inner = layout_.type(element).op;
    if (inner == OpTypeStruct || inner == OpTypeArray) {  // GL lists each element on its own
      std::uint64_t taken = 0;
      for (std::uint32_t k = 0; k < count; ++k) {
        taken += flatten(element, name + "[" + std::to_string(k) + "]", at(taken), depth + 1);
      }
      return taken;
    }
  }
  SpirvUniform leaf = variable_;
  leaf.name = name;
  leaf.array_size = count;
  leaf.location = location < 0 || location > 0x7FFFFFFF ? -1 : static_cast<std::int32_t>(location);
  if (!describe(element, leaf)) invalid("uniform '" + name + "' has a type that cannot be a uniform");
  out_.push_back(std::move(leaf));
  return count;
}

}  // namespace glc::detail::spirv
