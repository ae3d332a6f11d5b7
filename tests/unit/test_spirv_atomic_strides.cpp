// with_atomic_counter_strides: every array of atomic counters leaves with an ArrayStride (4,
// or the inner array's size for arrays of arrays), nothing else changes, and a module it
// cannot read comes back as it was.

#include <cstdint>
#include <initializer_list>
#include <map>
#include <vector>

#include <gtest/gtest.h>

#include "shader/spirv/spirv_atomic_strides.hpp"

namespace {

using glc::detail::with_atomic_counter_strides;
using Words = std::vector<std::uint32_t>;

enum : std::uint32_t {
  OpName = 5, OpTypeInt = 21, OpTypeArray = 28, OpTypePointer = 32, OpConstant = 43, OpVariable = 59,
  OpDecorate = 71, ArrayStride = 6, Offset = 35, AtomicCounter = 10, Uniform = 2,
};

void op(Words& m, std::uint32_t opcode, std::initializer_list<std::uint32_t> operands) {
  m.push_back(static_cast<std::uint32_t>(operands.size() + 1) << 16 | opcode);
  m.insert(m.end(), operands);
}

/// `uniform atomic_uint a[2]; uniform atomic_uint b[3][2]; uniform atomic_uint c[5]` (c with
/// a stride already), and a uint[2] in a Uniform block that is none of the module's business.
Words sample_module() {
  Words m = {0x07230203, 0x00010000, 0, 100, 0};
  op(m, OpName, {40, 0x61});  // "a"
  op(m, OpDecorate, {40, Offset, 4});
  op(m, OpDecorate, {14, ArrayStride, 4});
  op(m, OpTypeInt, {1, 32, 0});
  op(m, OpConstant, {1, 2, 2});
  op(m, OpConstant, {1, 3, 3});
  op(m, OpConstant, {1, 5, 5});
  op(m, OpTypeArray, {10, 1, 2});  // uint[2]
  op(m, OpTypeArray, {11, 10, 3});  // uint[3][2]
  op(m, OpTypeArray, {14, 1, 5});  // uint[5], strided
  op(m, OpTypeArray, {15, 1, 2});  // uint[2] of a block
  op(m, OpTypePointer, {20, AtomicCounter, 10});
  op(m, OpTypePointer, {21, AtomicCounter, 11});
  op(m, OpTypePointer, {24, AtomicCounter, 14});
  op(m, OpTypePointer, {25, Uniform, 15});
  op(m, OpVariable, {20, 40, AtomicCounter});
  op(m, OpVariable, {21, 41, AtomicCounter});
  op(m, OpVariable, {24, 44, AtomicCounter});
  return m;
}

/// id -> ArrayStride, from the decorations of `m`.
std::map<std::uint32_t, std::uint32_t> strides(const Words& m) {
  std::map<std::uint32_t, std::uint32_t> found;
  for (std::size_t at = 5; at < m.size(); at += m[at] >> 16) {
    if ((m[at] & 0xFFFFu) == OpDecorate && m[at + 2] == ArrayStride) found[m[at + 1]] = m[at + 3];
  }
  return found;
}

TEST(SpirvAtomicStrides, EveryCounterArrayGetsTheStrideGLGivesIt) {
  const Words in = sample_module();
  const Words out = with_atomic_counter_strides(in);
  EXPECT_EQ(strides(in), (std::map<std::uint32_t, std::uint32_t>{{14, 4}}));
  // a's uint[2]: 4; b's outer uint[3][2]: 8 (and its inner array is a's); c's kept; the block's
  // uint[2] untouched.
  EXPECT_EQ(strides(out), (std::map<std::uint32_t, std::uint32_t>{{10, 4}, {11, 8}, {14, 4}}));
  EXPECT_EQ(out.size(), in.size() + 8);
  // The new decorations sit among the annotations, before the first type.
  std::size_t first_type = 0, last_decoration = 0;
  for (std::size_t at = 5; at < out.size(); at += out[at] >> 16) {
    const std::uint32_t opcode = out[at] & 0xFFFFu;
    if (opcode == OpDecorate) last_decoration = at;
    if (opcode == OpTypeInt && first_type == 0) first_type = at;
  }
  EXPECT_LT(last_decoration, first_type);
  // Applied twice, nothing more changes.
  EXPECT_EQ(with_atomic_counter_strides(out), out);
}

TEST(SpirvAtomicStrides, ModulesWithoutCounterArraysAndUnreadableOnesPassUnchanged) {
  Words plain = {0x07230203, 0x00010000, 0, 100, 0};
  op(plain, OpTypeInt, {1, 32, 0});
  op(plain, OpTypePointer, {20, AtomicCounter, 1});  // a single counter
  EXPECT_EQ(with_atomic_counter_strides(plain), plain);
  Words truncated = sample_module();
  truncated.resize(truncated.size() - 2);
  EXPECT_EQ(with_atomic_counter_strides(truncated), truncated);
  EXPECT_EQ(with_atomic_counter_strides(Words{1, 2}), (Words{1, 2}));
  Words zero_count = sample_module();
  zero_count[5] = 0;
  EXPECT_EQ(with_atomic_counter_strides(zero_count), zero_count);
}

}  // namespace
