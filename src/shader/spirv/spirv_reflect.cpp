#include "shader/spirv/spirv_reflect.hpp"

#include <algorithm>
#include <string>

#include "glcompute/error.hpp"
#include "shader/spirv/spirv_layout.hpp"
#include "shader/spirv/spirv_uniforms.hpp"

namespace glc::detail {
namespace {

using namespace spirv;

std::uint64_t round_up(std::uint64_t bytes, std::uint64_t alignment) {
  alignment = std::max<std::uint64_t>(alignment, 1);
  return (bytes + alignment - 1) / alignment * alignment;
}

/// `uniform_block`: std140, whose blocks GL pads to 16 bytes; else std430, padded to the
/// block's alignment.
SpirvBlock read_block(const Module& m, const Layout& layout, std::uint32_t variable, std::uint32_t block,
                      bool uniform_block) {
  SpirvBlock out;
  out.name = m.name_of(block);
  out.binding = m.decoration(variable, Binding).value_or(0);
  out.used = m.used.contains(variable);
  const Type& t = layout.type(block);
  if (t.op != OpTypeStruct) invalid("block " + out.name + " is not a struct");
  const std::size_t n = t.operands.size();
  if (n > 0 && layout.type(t.operands[n - 1]).op == OpTypeRuntimeArray) {
    const Member& last = m.member_of(block, n - 1);
    if (!last.offset) invalid("storage block " + out.name + " has a member without Offset");
    out.fixed_bytes = *last.offset;
    out.array_stride = layout.decoration(t.operands[n - 1], ArrayStride);
    std::uint64_t end = 0;
    for (std::size_t i = 0; i + 1 < n; ++i) {
      const Member& member = m.member_of(block, i);
      if (!member.offset) invalid("block " + out.name + " has a member without Offset");
      end = std::max(end, *member.offset + layout.size(t.operands[i], member));
    }
    out.members_end = end;
  } else {
    out.members_end = layout.size(block, {});
    out.fixed_bytes = round_up(out.members_end, uniform_block ? 16 : layout.alignment(block, {}));
  }
  return out;
}

SpirvAtomicCounter read_counter(const Module& m, const Layout& layout, const Variable& v, std::uint32_t pointee) {
  SpirvAtomicCounter c;
  c.name = m.name_of(v.id);
  c.binding = m.decoration(v.id, Binding).value_or(0);
  c.offset = m.decoration(v.id, Offset).value_or(0);
  c.used = m.used.contains(v.id);
  if (layout.type(pointee).op == OpTypeArray) c.array_size = static_cast<std::uint32_t>(layout.length(pointee));
  return c;
}

/// The entry point glcompute loads: the module's GLCompute one.
const EntryPoint* compute_entry(const Module& m) {
  for (const EntryPoint& e : m.entry_points) {
    if (e.model == kExecutionModelGLCompute) return &e;
  }
  return nullptr;
}

std::string constant_type(const Module& m, std::uint32_t type) {
  const auto it = m.types.find(type);
  if (it == m.types.end()) return "other";
  const Type& t = it->second;
  if (t.op == OpTypeBool) return "bool";
  if (t.op == OpTypeFloat && !t.operands.empty() && t.operands[0] == 32) return "float";
  if (t.op == OpTypeInt && t.operands.size() >= 2 && t.operands[0] == 32) return t.operands[1] ? "int" : "uint";
  return "other";
}

std::string names_of(const Module& m, const Constants& constants, std::uint32_t length_id) {
  std::string names;
  for (std::uint32_t spec : constants.spec_ids(length_id)) {
    for (const auto& [id, c] : m.constants) {
      if (m.decoration(id, SpecId) == spec) {
        names += (names.empty() ? "'" : ", '") + m.name_of(id) + "' (constant_id " + std::to_string(spec) + ")";
      }
    }
  }
  return names;
}

/// Members of struct `id` (and of structs nested in it) that an array sized by specialization
/// constants runs into.
void check_overlaps(const Module& m, const Layout& layout, std::uint32_t id, const std::string& block,
                    const std::string& where, std::vector<SpirvArrayProblem>& out, int depth) {
  const Type& t = layout.type(id);
  if (t.op != OpTypeStruct || depth > 8) return;
  for (std::size_t i = 0; i < t.operands.size(); ++i) {
    const Type& member_type = layout.type(t.operands[i]);
    const std::string member = m.member_name(id, i);
    if (member_type.op == OpTypeStruct) check_overlaps(m, layout, t.operands[i], block, where + member + ".", out, depth + 1);
    if (member_type.op != OpTypeArray) continue;
    const std::uint32_t length_id = layout.operand(member_type, 1, t.operands[i]);
    const Member& placed = m.member_of(id, i);
    if (!layout.constants().specializable(length_id) || !placed.offset) continue;
    const std::uint64_t end = *placed.offset + layout.size(t.operands[i], placed);
    for (std::size_t j = 0; j < t.operands.size(); ++j) {
      const Member& other = m.member_of(id, j);
      if (j == i || !other.offset || *other.offset < *placed.offset || *other.offset >= end) continue;
      const std::set<std::uint32_t> ids = layout.constants().spec_ids(length_id);
      out.push_back({"block '" + block + "': member '" + where + member + "' (" + std::to_string(layout.length(t.operands[i])) +
                         " elements from byte " + std::to_string(*placed.offset) + ", sized by " +
                         names_of(m, layout.constants(), length_id) + ") runs into member '" + where +
                         m.member_name(id, j) + "' at byte " + std::to_string(*other.offset) +
                         ": on ShaderPath::spirv member offsets are fixed when the module is compiled, only "
                         "array lengths follow specialization; declare arrays sized by specialization "
                         "constants last in their block (or use the GLSL path)",
                     {ids.begin(), ids.end()}});
      break;
    }
  }
}

}  // namespace

SpirvInterface reflect_spirv(std::span<const std::uint32_t> words, const SpecializationValues& specialization) {
  const Module m = read_module(words);
  const Constants constants(m, specialization);
  const Layout layout(m, constants);
  SpirvInterface out;
  UniformFlattener uniforms(layout, out.uniforms);
  for (std::size_t index = 0; index < m.variables.size(); ++index) {
    const Variable& v = m.variables[index];
    const Type& pointer = layout.type(v.pointer_type);
    if (pointer.op != OpTypePointer) invalid("variable " + std::to_string(v.id) + " is not a pointer");
    const std::uint32_t pointee = layout.operand(pointer, 1, v.pointer_type);
    const bool storage_block = (v.storage_class == StorageBuffer && m.decorated(pointee, Block)) ||
                               (v.storage_class == Uniform && m.decorated(pointee, BufferBlock));
    if (storage_block) {
      out.storage_blocks.push_back(read_block(m, layout, v.id, pointee, false));
    } else if (v.storage_class == Uniform && m.decorated(pointee, Block)) {
      out.uniform_blocks.push_back(read_block(m, layout, v.id, pointee, true));
    } else if (v.storage_class == AtomicCounter) {
      out.atomic_counters.push_back(read_counter(m, layout, v, pointee));
    } else if (v.storage_class == UniformConstant) {
      uniforms.add(v, pointee, index);
    }
  }
  return out;
}

SpirvEntry inspect_spirv(std::span<const std::uint32_t> words) {
  const Module m = read_module(words);
  const Specialization none;
  const Constants constants(m, none);
  SpirvEntry out;
  const EntryPoint* entry = compute_entry(m);
  if (entry) {
    out.entry_point = entry->name;
    const auto size = m.local_sizes.find(entry->function);
    if (size != m.local_sizes.end()) std::copy(size->second.begin(), size->second.end(), out.local_size.begin());
  }
  for (const Variable& v : m.variables) {
    if (v.storage_class == PushConstant) {
      const auto pointer = m.types.find(v.pointer_type);
      const std::uint32_t pointee = pointer != m.types.end() && pointer->second.operands.size() > 1 ? pointer->second.operands[1] : 0;
      out.vulkan_only.push_back("push constant block '" + m.name_of(pointee) + "'");
    }
    const auto set = m.decoration(v.id, DescriptorSet);
    if (set && *set != 0) out.vulkan_only.push_back("descriptor set " + std::to_string(*set) + " ('" + m.name_of(v.id) + "')");
  }
  std::vector<std::uint32_t> ids;
  for (const auto& [id, c] : m.constants) ids.push_back(id);
  std::sort(ids.begin(), ids.end());  // declaration order, as compilers number them
  for (std::uint32_t id : ids) {
    const Constant& c = m.constants.at(id);
    const auto spec = m.decoration(id, SpecId);
    if (spec && (c.op == OpSpecConstant || c.op == OpSpecConstantTrue || c.op == OpSpecConstantFalse)) {
      out.constants.push_back({*spec, m.name_of(id), constant_type(m, c.type)});
    }
    // The WorkgroupSize built-in overrides LocalSize; its specialization constants are the
    // local_size_*_id constants.
    if (m.decoration(id, BuiltIn) == kBuiltInWorkgroupSize &&
        (c.op == OpSpecConstantComposite || c.op == OpConstantComposite) && c.operands.size() == 3) {
      for (int axis = 0; axis < 3; ++axis) {
        const std::uint32_t part = c.operands[static_cast<std::size_t>(axis)];
        out.local_size[static_cast<std::size_t>(axis)] = static_cast<std::uint32_t>(constants.value(part));
        out.local_size_ids[static_cast<std::size_t>(axis)] = m.decoration(part, SpecId);
      }
    }
  }
  return out;
}

std::vector<SpirvArrayProblem> check_spirv_arrays(std::span<const std::uint32_t> words,
                                                  const SpecializationValues& specialization) {
  const Module m = read_module(words);
  const Constants constants(m, specialization);
  const Layout layout(m, constants);
  std::vector<SpirvArrayProblem> out;
  bool empty = false;
  for (const auto& [id, t] : m.types) {
    if (t.op != OpTypeArray || t.operands.size() < 2 || !constants.specializable(t.operands[1])) continue;
    std::int64_t n = 1;
    try {
      n = constants.value(t.operands[1]);
    } catch (const Error&) {
      continue;  // an expression glcompute cannot evaluate: the driver checks it
    }
    if (n >= 1) continue;
    empty = true;
    const std::set<std::uint32_t> ids = constants.spec_ids(t.operands[1]);
    out.push_back({"specialization makes an array sized by " + names_of(m, constants, t.operands[1]) + " " +
                       std::to_string(n) + " elements long; an array needs at least 1",
                   {ids.begin(), ids.end()}});
  }
  if (empty) return out;  // the sizes below would be refused
  for (const Variable& v : m.variables) {
    const auto pointer = m.types.find(v.pointer_type);
    if (pointer == m.types.end() || pointer->second.operands.size() < 2) continue;
    const std::uint32_t pointee = pointer->second.operands[1];
    if (m.decorated(pointee, Block) || m.decorated(pointee, BufferBlock)) {
      check_overlaps(m, layout, pointee, m.name_of(pointee), "", out, 0);
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
