// SPIR-V interface reflection over any module. The input: its first byte's low two bits say how
// many specialization values follow (0-3), each 8 bytes (SpecId, value; little-endian); the
// rest is the module, one little-endian word per 4 bytes (a trailing partial word is dropped).
// The seeds in fuzz/seeds/spirv_reflect/ are modules shaderc made (tests/RELIABILITY.md says
// how), each after a byte 0, or after a byte 2 and two values (spec_block).
// Allowed outcomes: an interface, or glc::Error. On success the interface must come from the
// module (no more blocks, counters and uniform variables than it has OpVariable instructions,
// names it could hold), and specialization may change only sizes (of blocks without a trailing
// array, of arrays among the uniforms): reflecting the module without the values, where that
// succeeds too, gives the same names, bindings, trailing arrays and uniform variables.

#include <cstring>
#include <exception>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "glcompute/error.hpp"
#include "harnesses.hpp"
#include "shader/spirv/spirv_reflect.hpp"

namespace glc::fuzz {
namespace {

using detail::SpirvBlock;
using detail::SpirvInterface;
using detail::SpirvUniform;

std::uint32_t read_word(const std::uint8_t* p) {
  return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 | std::uint32_t{p[3]} << 24;
}

/// glc::Error is allowed; anything else thrown aborts.
bool reflect(std::span<const std::uint32_t> words, const detail::SpecializationValues& values, SpirvInterface& out) {
  try {
    out = detail::reflect_spirv(words, values);
    return true;
  } catch (const Error& e) {
    check(std::strstr(e.what(), "SPIR-V") != nullptr, "a reflection error that does not say SPIR-V");
    return false;
  } catch (const std::exception& e) {
    unexpected_exception("reflect_spirv threw something other than glc::Error", e);
    return false;
  }
}

/// The uniforms' variables, each with its leaves' names, array indices dropped ("lights[2].pos"
/// -> "lights.pos"), which specialization cannot change.
std::set<std::pair<std::size_t, std::string>> uniform_shapes(const SpirvInterface& in) {
  std::set<std::pair<std::size_t, std::string>> shapes;
  for (const SpirvUniform& u : in.uniforms) {
    std::string name;
    for (std::size_t i = 0; i < u.name.size(); ++i) {
      if (u.name[i] == '[') {
        const std::size_t close = u.name.find(']', i);
        if (close != std::string::npos) i = close;
        continue;
      }
      name += u.name[i];
    }
    shapes.emplace(u.variable, name);
  }
  return shapes;
}

void check_interface(const SpirvInterface& in, std::span<const std::uint32_t> words) {
  // Each block, counter and uniform variable is an OpVariable (4 words) after the 5-word header;
  // a struct or array variable gives several uniforms.
  std::set<std::size_t> variables;
  for (const SpirvUniform& u : in.uniforms) variables.insert(u.variable);
  check((in.storage_blocks.size() + in.uniform_blocks.size() + in.atomic_counters.size() + variables.size()) * 4 + 5 <=
                words.size() ||
            words.size() < 5,
        "more blocks, counters and uniform variables than the module has variables");
  const auto plausible_name = [&](const std::string& name) {
    return name.find('\0') == std::string::npos && name.size() < words.size() * 4;
  };
  for (const auto* blocks : {&in.storage_blocks, &in.uniform_blocks}) {
    for (const SpirvBlock& b : *blocks) {
      check(plausible_name(b.name), "a block name the module cannot hold");
      check(b.array_stride != 0 || b.members_end <= b.fixed_bytes, "members that end past the block's size");
    }
  }
  for (const SpirvBlock& b : in.storage_blocks) {
    // A trailing array starts at a member's Offset, a 32-bit literal.
    check(b.array_stride == 0 || b.fixed_bytes <= 0xFFFFFFFFu, "a trailing array beyond 32-bit offsets");
  }
  for (const SpirvUniform& u : in.uniforms) {
    check(plausible_name(u.name), "a uniform name the module cannot hold");
  }
}

bool same_apart_from_sizes(const SpirvInterface& a, const SpirvInterface& b) {
  if (a.storage_blocks.size() != b.storage_blocks.size() || a.uniform_blocks.size() != b.uniform_blocks.size() ||
      a.atomic_counters.size() != b.atomic_counters.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.storage_blocks.size(); ++i) {
    const SpirvBlock &x = a.storage_blocks[i], &y = b.storage_blocks[i];
    if (x.name != y.name || x.binding != y.binding || x.array_stride != y.array_stride) return false;
    if (x.array_stride != 0 && x.fixed_bytes != y.fixed_bytes) return false;
  }
  for (std::size_t i = 0; i < a.uniform_blocks.size(); ++i) {
    if (a.uniform_blocks[i].name != b.uniform_blocks[i].name || a.uniform_blocks[i].binding != b.uniform_blocks[i].binding) {
      return false;
    }
  }
  return uniform_shapes(a) == uniform_shapes(b);
  return true;
}

}  // namespace

int spirv_reflect(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t pairs = data[0] & 3;
  ++data;
  --size;
  detail::SpecializationValues values;
  for (std::size_t i = 0; i < pairs && size >= 8; ++i, data += 8, size -= 8) {
    values.emplace_back(read_word(data), read_word(data + 4));
  }
  std::vector<std::uint32_t> words(size / 4);
  for (std::size_t i = 0; i < words.size(); ++i) words[i] = read_word(data + 4 * i);

  SpirvInterface specialized;
  if (!reflect(words, values, specialized)) return 0;
  check_interface(specialized, words);
  if (values.empty()) return 0;
  SpirvInterface plain;
  if (reflect(words, {}, plain)) {
    check(same_apart_from_sizes(specialized, plain),
          "specialization changed more than the sizes of blocks without a trailing array");
  }
  return 0;
}

}  // namespace glc::fuzz
