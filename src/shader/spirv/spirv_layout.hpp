#pragma once
// Values of a module's constants (specialization applied, OpSpecConstantOp evaluated) and the
// byte layout of its block types. Internal.

#include <cstdint>
#include <set>
#include <utility>
#include <vector>

#include "shader/specialization_values.hpp"
#include "shader/spirv/spirv_module.hpp"

namespace glc::detail::spirv {

/// SpecId -> 32-bit value, replacing the defaults of specialization constants.
using Specialization = SpecializationValues;

/// Scalar integer and boolean constants: literals, specialization constants (with the values
/// given) and OpSpecConstantOp expressions over them, as array lengths use them.
class Constants {
 public:
  Constants(const Module& m, const Specialization& values) : m_(m), values_(values) {}

  /// The value of constant `id`, sign-extended from its type's width where the type is signed.
  /// Throws glc::Error where `id` is no scalar integer or boolean constant, or its expression
  /// cannot be evaluated (an unknown operation, a division by zero, nesting too deep).
  std::int64_t value(std::uint32_t id) const;
  /// The SpecIds that constant `id` depends on (none for a literal).
  std::set<std::uint32_t> spec_ids(std::uint32_t id) const;
  /// Whether constant `id` depends on a specialization constant.
  bool specializable(std::uint32_t id) const { return !spec_ids(id).empty(); }

 private:
  std::int64_t evaluate(std::uint32_t id, int depth) const;
  std::int64_t operation(const Constant& c, std::uint32_t id, int depth) const;
  void collect(std::uint32_t id, std::set<std::uint32_t>& ids, int depth) const;
  /// Bits and signedness of scalar type `type` (bool: 1 bit, unsigned).
  std::pair<unsigned, bool> scalar(std::uint32_t type, std::uint32_t id) const;

  const Module& m_;
  const Specialization& values_;
  mutable std::uint64_t visits_ = 0;
};

/// Sizes and alignments of types inside blocks, from their Offset, ArrayStride and
/// MatrixStride decorations.
class Layout {
 public:
  Layout(const Module& m, const Constants& constants) : m_(m), constants_(constants) {}

  const Type& type(std::uint32_t id) const;
  std::uint32_t operand(const Type& t, std::size_t i, std::uint32_t id) const;
  /// The decoration's literal; throws where `id` lacks it.
  std::uint32_t decoration(std::uint32_t id, Decoration d) const;
  /// The length of array type `id` (at least 1, or a glc::Error), specialization applied.
  std::uint64_t length(std::uint32_t array_type) const;

  /// Bytes a value of type `id` occupies inside a block (its last byte + 1, no tail padding).
  std::uint64_t size(std::uint32_t id, const Member& member, int depth = 0) const;
  /// The std430 alignment of type `id` (what a block's size is rounded up to).
  std::uint64_t alignment(std::uint32_t id, const Member& member, int depth = 0) const;

  const Module& module() const { return m_; }
  const Constants& constants() const { return constants_; }

 private:
  void visit(int depth) const;

  const Module& m_;
  const Constants& constants_;
  mutable std::uint64_t visits_ = 0;
};

}  // namespace glc::detail::spirv
