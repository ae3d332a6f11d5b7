#include "uniform_value.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <span>

#include <glm/glm.hpp>

#include "text_values.hpp"
#include "usage_error.hpp"

namespace glc::cli {
namespace {

using Setter = void (*)(Program&, const UniformValue&);

// One C++ type per GLSL type: `elements` values of T made from the components' bytes.
template <class T>
void set_as(Program& program, const UniformValue& value) {
  // Not std::vector, whose bool specialisation has no contiguous bools.
  const std::unique_ptr<T[]> values = std::make_unique<T[]>(value.elements);
  std::memcpy(static_cast<void*>(values.get()), value.data.data(), value.data.size());
  if (value.elements == 1) {
    program.set(value.name, values[0]);
  } else {
    program.set(value.name, std::span<const T>(values.get(), value.elements));
  }
}

struct GlslType {
  std::string_view name;
  char scalar;  // 'f' float, 'd' double, 'i' int, 'u' uint, 'b' bool
  int components;
  Setter set;
};

constexpr GlslType kTypes[] = {
    {"float", 'f', 1, set_as<float>},        {"vec2", 'f', 2, set_as<glm::vec2>},
    {"vec3", 'f', 3, set_as<glm::vec3>},     {"vec4", 'f', 4, set_as<glm::vec4>},
    {"double", 'd', 1, set_as<double>},      {"dvec2", 'd', 2, set_as<glm::dvec2>},
    {"dvec3", 'd', 3, set_as<glm::dvec3>},   {"dvec4", 'd', 4, set_as<glm::dvec4>},
    {"int", 'i', 1, set_as<std::int32_t>},   {"ivec2", 'i', 2, set_as<glm::ivec2>},
    {"ivec3", 'i', 3, set_as<glm::ivec3>},   {"ivec4", 'i', 4, set_as<glm::ivec4>},
    {"uint", 'u', 1, set_as<std::uint32_t>}, {"uvec2", 'u', 2, set_as<glm::uvec2>},
    {"uvec3", 'u', 3, set_as<glm::uvec3>},   {"uvec4", 'u', 4, set_as<glm::uvec4>},
    {"bool", 'b', 1, set_as<bool>},          {"bvec2", 'b', 2, set_as<glm::bvec2>},
    {"bvec3", 'b', 3, set_as<glm::bvec3>},   {"bvec4", 'b', 4, set_as<glm::bvec4>},
    {"mat2", 'f', 4, set_as<glm::mat2>},     {"mat3", 'f', 9, set_as<glm::mat3>},
    {"mat4", 'f', 16, set_as<glm::mat4>},    {"mat2x3", 'f', 6, set_as<glm::mat2x3>},
    {"mat2x4", 'f', 8, set_as<glm::mat2x4>}, {"mat3x2", 'f', 6, set_as<glm::mat3x2>},
    {"mat3x4", 'f', 12, set_as<glm::mat3x4>}, {"mat4x2", 'f', 8, set_as<glm::mat4x2>},
    {"mat4x3", 'f', 12, set_as<glm::mat4x3>}, {"dmat2", 'd', 4, set_as<glm::dmat2>},
    {"dmat3", 'd', 9, set_as<glm::dmat3>},   {"dmat4", 'd', 16, set_as<glm::dmat4>},
    {"dmat2x3", 'd', 6, set_as<glm::dmat2x3>}, {"dmat2x4", 'd', 8, set_as<glm::dmat2x4>},
    {"dmat3x2", 'd', 6, set_as<glm::dmat3x2>}, {"dmat3x4", 'd', 12, set_as<glm::dmat3x4>},
    {"dmat4x2", 'd', 8, set_as<glm::dmat4x2>}, {"dmat4x3", 'd', 12, set_as<glm::dmat4x3>},
};

const GlslType* find_type(std::string_view name) {
  for (const GlslType& type : kTypes) {
    if (type.name == name) return &type;
  }
  return nullptr;
}

const char* scalar_name(char scalar) {
  switch (scalar) {
    case 'f': return "float";
    case 'd': return "double";
    case 'i': return "int";
    case 'u': return "uint";
    default: return "bool";
  }
}

template <class T>
void append(std::vector<std::byte>& out, T value) {
  const auto* bytes = reinterpret_cast<const std::byte*>(&value);
  out.insert(out.end(), bytes, bytes + sizeof value);
}

// One component; the reason if it does not parse or fit.
std::optional<std::string> append_component(std::string_view text, char scalar, std::vector<std::byte>& out) {
  const std::string quoted = "'" + std::string(text) + "'";
  switch (scalar) {
    case 'f': case 'd': {
      // GLSL's 1.5f (but not the f of inf).
      if (text.size() > 1 && (text.back() == 'f' || text.back() == 'F') &&
          (std::isdigit(static_cast<unsigned char>(text[text.size() - 2])) || text[text.size() - 2] == '.')) {
        text.remove_suffix(1);
      }
      const std::optional<double> value = to_double(text);
      if (!value) return quoted + " is not a number";
      if (scalar == 'd') {
        append(out, *value);
        return std::nullopt;
      }
      const auto single = static_cast<float>(*value);
      if (std::isfinite(*value) && std::isinf(single)) return quoted + " does not fit in a float (largest 3.4028235e+38)";
      append(out, single);
      return std::nullopt;
    }
    case 'i': {
      const std::optional<std::int64_t> value = to_int64(text);
      if (!value || *value < std::numeric_limits<std::int32_t>::min() || *value > std::numeric_limits<std::int32_t>::max()) {
        return quoted + " is not an int (-2147483648 to 2147483647)";
      }
      append(out, static_cast<std::int32_t>(*value));
      return std::nullopt;
    }
    case 'u': {
      if (!text.empty() && (text.back() == 'u' || text.back() == 'U')) text.remove_suffix(1);  // GLSL's 5u
      const std::optional<std::uint64_t> value = text.empty() || text[0] == '-' ? std::nullopt : to_uint64(text);
      if (!value || *value > std::numeric_limits<std::uint32_t>::max()) return quoted + " is not a uint (0 to 4294967295)";
      append(out, static_cast<std::uint32_t>(*value));
      return std::nullopt;
    }
    default: {
      const bool is_true = text == "true" || text == "True" || text == "1";
      if (!is_true && text != "false" && text != "False" && text != "0") return quoted + " is not a bool (true, false, 1 or 0)";
      append(out, is_true);
      return std::nullopt;
    }
  }
}

}  // namespace

UniformValue parse_uniform_value(const UniformInfo& uniform, std::string_view text) {
  const std::string declared = uniform.type_name + (uniform.array_size > 1 ? "[" + std::to_string(uniform.array_size) + "]" : "");
  const std::string label = "uniform '" + uniform.name + "' is " + declared;
  const GlslType* type = find_type(uniform.type_name);
  if (type == nullptr) throw UsageError(label + ", which --set cannot set (numbers, vectors and matrices it can)");

  std::string_view body = trim(text);
  if (body.size() >= 2 && ((body.front() == '[' && body.back() == ']') || (body.front() == '(' && body.back() == ')'))) {
    body = trim(body.substr(1, body.size() - 2));
  }
  UniformValue value{uniform.name, uniform.type_name, 0, {}};
  std::size_t count = 0;
  std::size_t begin = 0;
  while (true) {
    const std::size_t comma = body.find(',', begin);
    const std::string_view part = trim(body.substr(begin, comma == std::string_view::npos ? comma : comma - begin));
    if (!part.empty() || comma != std::string_view::npos || count > 0) {
      if (part.empty()) throw UsageError(label + ": a value is missing in '" + std::string(text) + "'");
      if (const std::optional<std::string> problem = append_component(part, type->scalar, value.data)) {
        throw UsageError(label + ": " + *problem);
      }
      ++count;
    }
    if (comma == std::string_view::npos) break;
    begin = comma + 1;
  }
  const auto components = static_cast<std::size_t>(type->components);
  const auto most = static_cast<std::size_t>(std::max(uniform.array_size, 1));
  if (count == 0 || count % components != 0 || count / components > most) {
    std::string wanted = std::to_string(components) + " " + (components == 1 ? std::string(scalar_name(type->scalar))
                                                                             : std::string(scalar_name(type->scalar)) + "s");
    if (most > 1) {
      wanted = "1 to " + std::to_string(most) + " elements of " + std::to_string(components) + " " +
               scalar_name(type->scalar) + (components == 1 ? "" : "s") + " each";
    }
    throw UsageError(label + ": give " + wanted + ", not " + std::to_string(count) + " value" +
                     (count == 1 ? "" : "s") + (type->components > 1 ? " (separated by commas)" : ""));
  }
  value.elements = count / components;
  return value;
}

void set_uniform(Program& program, const UniformValue& value) {
  const GlslType* type = find_type(value.type_name);
  if (type == nullptr) throw UsageError("uniform '" + value.name + "' cannot be set");
  type->set(program, value);
}

}  // namespace glc::cli
