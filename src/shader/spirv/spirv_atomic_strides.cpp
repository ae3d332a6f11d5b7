#include "shader/spirv/spirv_atomic_strides.hpp"

#include <map>
#include <optional>
#include <set>

namespace glc::detail {
namespace {

// SPIR-V numbers (specification section 3).
constexpr std::uint32_t kOpTypeArray = 28, kOpTypePointer = 32, kOpConstant = 43, kOpDecorate = 71;
constexpr std::uint32_t kArrayStride = 6, kAtomicCounter = 10, kCounterBytes = 4;
constexpr std::size_t kHeaderWords = 5;

/// Whether an instruction belongs to the sections after the annotations (types, constants,
/// global variables, functions): the decorations go in before the first of these.
bool after_annotations(std::uint32_t opcode) {
  return (opcode >= 19 && opcode <= 39) || (opcode >= 41 && opcode <= 52) || opcode == 54 || opcode == 59;
}

bool is_annotation(std::uint32_t opcode) { return (opcode >= 71 && opcode <= 75) || opcode == 332; }

}  // namespace

std::vector<std::uint32_t> with_atomic_counter_strides(std::span<const std::uint32_t> module) {
  std::vector<std::uint32_t> out(module.begin(), module.end());
  if (module.size() < kHeaderWords) return out;
  std::set<std::uint32_t> strided;                                        // ids with an ArrayStride
  std::map<std::uint32_t, std::pair<std::uint32_t, std::uint32_t>> arrays;  // id -> element, length id
  std::map<std::uint32_t, std::uint32_t> constants;                       // id -> 32-bit value
  std::vector<std::uint32_t> counter_types;                               // pointees of AtomicCounter pointers
  std::optional<std::size_t> insert_at;
  for (std::size_t at = kHeaderWords; at < module.size();) {
    const std::uint32_t count = module[at] >> 16, opcode = module[at] & 0xFFFFu;
    if (count == 0 || at + count > module.size()) return out;
    const auto word = [&](std::size_t i) { return module[at + i]; };
    if (!insert_at && (is_annotation(opcode) || after_annotations(opcode))) insert_at = at;
    if (opcode == kOpDecorate && count >= 3 && word(2) == kArrayStride) strided.insert(word(1));
    if (opcode == kOpTypeArray && count == 4) arrays[word(1)] = {word(2), word(3)};
    if (opcode == kOpConstant && count == 4) constants[word(2)] = word(3);
    if (opcode == kOpTypePointer && count == 4 && word(2) == kAtomicCounter) counter_types.push_back(word(3));
    at += count;
  }
  // Each array's stride is its element's size: 4 bytes for a counter, element stride times
  // element length for an array of arrays (whose length must be a plain constant).
  std::vector<std::uint32_t> decorations;
  std::set<std::uint32_t> done;
  const auto size_of = [&](auto&& self, std::uint32_t type) -> std::optional<std::uint32_t> {
    const auto array = arrays.find(type);
    if (array == arrays.end()) return kCounterBytes;
    const std::optional<std::uint32_t> element = self(self, array->second.first);
    const auto length = constants.find(array->second.second);
    if (!element || length == constants.end()) return std::nullopt;
    if (!strided.contains(type) && done.insert(type).second) {
      decorations.insert(decorations.end(), {4u << 16 | kOpDecorate, type, kArrayStride, *element});
    }
    return *element * length->second;
  };
  for (std::uint32_t type : counter_types) size_of(size_of, type);
  if (decorations.empty() || !insert_at) return out;
  out.insert(out.begin() + static_cast<std::ptrdiff_t>(*insert_at), decorations.begin(), decorations.end());
  return out;
}

}  // namespace glc::detail
