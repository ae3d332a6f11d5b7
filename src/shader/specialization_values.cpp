// resolve_constants: CompileOptions' constants and work group size checked against what the
// shader declares, and turned into the values GL takes.

#include <algorithm>
#include <bit>
#include <cmath>
#include <type_traits>
#include <variant>

#include "glcompute/error.hpp"
#include "shader/specialization.hpp"

namespace glc::detail {
namespace {

constexpr const auto& kAxes = kLocalSizeAxes;

[[noreturn]] void fail(const std::string& source_name, const std::string& message) {
  throw ShaderError("glcompute: cannot compile shader " + source_name, {{source_name, 0, message}});
}

/// The declaration an option refers to, and how it reads in messages.
struct Target {
  std::uint32_t id = 0;
  std::string type;
  std::string label;
};

std::string declared_list(const ShaderConstants& declared) {
  std::string list;
  for (const DeclaredConstant& c : declared.constants) {
    list += (list.empty() ? "" : ", ") + c.name + " (id " + std::to_string(c.id) + ", " + c.type + ")";
  }
  for (int axis = 0; axis < 3; ++axis) {
    if (declared.local_size_ids[axis]) {
      list += (list.empty() ? "" : ", ") + std::string("local_size_") + kAxes[axis] + "_id " +
              std::to_string(*declared.local_size_ids[axis]);
    }
  }
  return list.empty() ? "the shader declares none" : "declared: " + list;
}

Target find_target(const ShaderConstants& declared, const SpecConstant& option, const std::string& source_name) {
  for (const DeclaredConstant& c : declared.constants) {
    if (option.id ? c.id == *option.id : c.name == option.name) {
      return {c.id, c.type, "specialization constant '" + c.name + "' (constant_id " + std::to_string(c.id) + ")"};
    }
  }
  for (int axis = 0; axis < 3 && option.id; ++axis) {
    if (declared.local_size_ids[axis] == *option.id) {
      return {*option.id, "uint", std::string("local_size_") + kAxes[axis] + "_id " + std::to_string(*option.id)};
    }
  }
  const std::string what = option.id ? "constant_id " + std::to_string(*option.id) : "named '" + option.name + "'";
  fail(source_name, "CompileOptions::constants sets a specialization constant " + what +
                        ", which the shader does not declare (" + declared_list(declared) + ")");
}

void check_value(const Target& target, const SpecValue& value, const std::string& source_name) {
  static const std::string settable[] = {"bool", "int", "uint", "float"};
  if (std::find(std::begin(settable), std::end(settable), target.type) == std::end(settable)) {
    fail(source_name, target.label + " has type " + target.type +
                          ", which cannot be set from C++ (bool, int, uint and float can)");
  }
  if (target.type != spec_value_type(value)) {
    const std::string given = spec_value_type(value);
    fail(source_name, target.label + " is declared " + target.type + " but CompileOptions gives " +
                          (given == "int" ? "an " : "a ") + given + " (" + (target.type == "int" ? "std::int32_t" :
                          target.type == "uint" ? "std::uint32_t" : target.type) + " is needed)");
  }
  if (const float* f = std::get_if<float>(&value); f && !std::isfinite(*f)) {
    fail(source_name, target.label + " is given " + (std::isnan(*f) ? "NaN" : "infinity") +
                          "; specialization constants must be finite");
  }
}

void check_local_size(const ShaderConstants& declared, const SpecializationValues& values,
                      const WorkGroupLimits& limits, const std::string& source_name) {
  std::uint64_t invocations = 1;
  std::string sizes;
  for (int axis = 0; axis < 3; ++axis) {
    std::uint32_t size = declared.declared_local_size[axis];
    if (!declared.local_size_ids[axis]) continue;
    for (const auto& [id, bits] : values) {
      if (id == *declared.local_size_ids[axis]) size = bits;
    }
    const std::string name = std::string("local_size_") + kAxes[axis];
    if (size == 0) fail(source_name, "the work group size " + name + " is 0; it must be at least 1");
    if (limits.max_size[axis] != 0 && size > limits.max_size[axis]) {
      fail(source_name, "the work group size " + name + " = " + std::to_string(size) +
                            " is above this driver's limit of " + std::to_string(limits.max_size[axis]));
    }
    // Capped at 2^32, above every limit: three sizes near 2^32 would wrap 64 bits around.
    invocations = std::min<std::uint64_t>(invocations * size, std::uint64_t{1} << 32);
    sizes += (sizes.empty() ? "" : " x ") + std::to_string(size);
  }
  if (limits.max_invocations != 0 && invocations > limits.max_invocations) {
    const std::string count = invocations >> 32 ? "over 2^32" : std::to_string(invocations);
    fail(source_name, "a work group of " + sizes + " = " + count +
                          " invocations is above this driver's limit of " +
                          std::to_string(limits.max_invocations));
  }
}

}  // namespace

const char* spec_value_type(const SpecValue& value) {
  static constexpr const char* names[] = {"bool", "int", "uint", "float"};
  return names[value.index()];
}

std::uint32_t spec_value_bits(const SpecValue& value) {
  return std::visit([](auto v) -> std::uint32_t {
    if constexpr (std::is_same_v<decltype(v), float>) {
      return std::bit_cast<std::uint32_t>(v);
    } else {
      return static_cast<std::uint32_t>(v);
    }
  }, value);
}

SpecializationValues resolve_constants(const ShaderConstants& declared, const CompileOptions& options,
                                       const WorkGroupLimits& limits, const std::string& source_name) {
  SpecializationValues values;
  const auto add = [&](const Target& target, std::uint32_t bits) {
    for (const auto& [id, unused] : values) {
      if (id == target.id) fail(source_name, target.label + " is set twice in CompileOptions");
    }
    values.emplace_back(target.id, bits);
  };
  for (const SpecConstant& option : options.constants) {
    if (!option.id && option.name.empty()) {
      fail(source_name, "CompileOptions::constants has an entry with neither an id nor a name");
    }
    const Target target = find_target(declared, option, source_name);
    check_value(target, option.value, source_name);
    add(target, spec_value_bits(option.value));
  }
  for (int axis = 0; axis < 3; ++axis) {
    if (options.local_size[axis] == 0) continue;
    if (!declared.local_size_ids[axis]) {
      fail(source_name, std::string("CompileOptions::local_size sets ") + kAxes[axis] + " = " +
                            std::to_string(options.local_size[axis]) + ", but the shader fixes that size; declare " +
                            "'layout(local_size_" + kAxes[axis] + "_id = N) in;' to choose it at compile time");
    }
    add({*declared.local_size_ids[axis], "uint",
         std::string("the work group size (local_size_") + kAxes[axis] + "_id " +
             std::to_string(*declared.local_size_ids[axis]) + ")"},
        options.local_size[axis]);
  }
  check_local_size(declared, values, limits, source_name);
  std::sort(values.begin(), values.end());
  return values;
}

}  // namespace glc::detail
