// specialize_glsl: the GLSL path, where GL has no constant_id: the values are written into the
// declarations and the qualifiers GL would refuse are dropped.

#include <algorithm>
#include <bit>
#include <charconv>
#include <limits>
#include <optional>
#include <utility>

#include "shader/specialization.hpp"

namespace glc::detail {
namespace {

constexpr const auto& kAxes = kLocalSizeAxes;

/// `bits` of a constant of GLSL type `type`, as a GLSL literal that reads back exactly.
std::string glsl_literal(const std::string& type, std::uint32_t bits) {
  if (type == "bool") return bits != 0 ? "true" : "false";
  if (type == "uint") return std::to_string(bits) + "u";
  if (type == "int") {
    const auto v = static_cast<std::int32_t>(bits);
    // 2147483648 is not an int literal, so the most negative int is written as a difference.
    return v == std::numeric_limits<std::int32_t>::min() ? "(-2147483647 - 1)" : std::to_string(v);
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, std::bit_cast<float>(bits));
  std::string text(buffer, result.ptr);  // the shortest text that reads back as the same float
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

/// Replaces [begin, end) with `text`, keeping the line breaks it held so lines stay where
/// #line says they are.
void replace_keeping_lines(std::string& s, std::size_t begin, std::size_t end, std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');  // a layout item written across lines
  text.append(static_cast<std::size_t>(std::count(s.begin() + begin, s.begin() + end, '\n')), '\n');
  s.replace(begin, end - begin, text);
}

std::string rewrite_layout(const LocalSizeLayout& layout, const ShaderConstants& declared,
                           const SpecializationValues& values) {
  std::string out;
  for (const auto& [key, value] : layout.items) {
    std::string item = value.empty() ? key : key + " = " + value;
    for (int axis = 0; axis < 3; ++axis) {
      const std::string size_key = std::string("local_size_") + kAxes[axis];
      if (!declared.local_size_ids[axis] || (key != size_key && key != size_key + "_id")) continue;
      if (key == size_key) {
        item.clear();  // replaced by the size written where its id was
        continue;
      }
      std::uint32_t size = declared.declared_local_size[axis];
      for (const auto& [id, bits] : values) {
        if (id == *declared.local_size_ids[axis]) size = bits;
      }
      item = size_key + " = " + std::to_string(size);
    }
    if (!item.empty()) out += (out.empty() ? "" : ", ") + item;
  }
  return out;
}

/// Text put in place of [begin, end) of a source.
struct Edit {
  std::size_t begin, end;
  std::string text;
};

/// `text` with `edits` (disjoint) applied, last first so earlier offsets stay valid.
std::string applied(std::string text, std::vector<Edit> edits) {
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.begin > b.begin; });
  for (const Edit& e : edits) replace_keeping_lines(text, e.begin, e.end, e.text);
  return text;
}

}  // namespace

std::string specialize_glsl(std::string glsl, const ShaderConstants& declared,
                            const SpecializationValues& values) {
  std::vector<Edit> edits;
  for (const DeclaredConstant& c : declared.constants) {
    edits.push_back({c.layout_begin, c.layout_end, ""});
    for (const auto& [id, bits] : values) {
      if (id == c.id) edits.push_back({c.default_begin, c.default_end, " " + glsl_literal(c.type, bits)});
    }
  }
  for (const LocalSizeLayout& layout : declared.local_size_layouts) {
    edits.push_back({layout.begin, layout.end, rewrite_layout(layout, declared, values)});
  }
  return applied(std::move(glsl), std::move(edits));
}

std::string with_specialized_defaults(std::string expanded, const std::string& glsl,
                                      const ShaderConstants& declared, const SpecializationValues& values) {
  // The two texts differ only in their #line lines: an offset moves over as line and column.
  std::vector<std::size_t> glsl_lines{0}, expanded_lines{0};
  for (std::size_t i = 0; i < glsl.size(); ++i) {
    if (glsl[i] == '\n') glsl_lines.push_back(i + 1);
  }
  for (std::size_t i = 0; i < expanded.size(); ++i) {
    if (expanded[i] == '\n') expanded_lines.push_back(i + 1);
  }
  const auto moved = [&](std::size_t offset) -> std::optional<std::size_t> {
    const std::size_t line = static_cast<std::size_t>(
        std::upper_bound(glsl_lines.begin(), glsl_lines.end(), offset) - glsl_lines.begin() - 1);
    if (line >= expanded_lines.size()) return std::nullopt;
    const std::size_t at = expanded_lines[line] + (offset - glsl_lines[line]);
    return at <= expanded.size() ? std::optional<std::size_t>(at) : std::nullopt;
  };
  std::vector<Edit> edits;
  for (const DeclaredConstant& c : declared.constants) {
    for (const auto& [id, bits] : values) {
      if (id != c.id) continue;
      const std::optional<std::size_t> begin = moved(c.default_begin), end = moved(c.default_end);
      // Only where the text is the same in both (it always is outside #line lines).
      if (!begin || !end || *end < *begin ||
          expanded.compare(*begin, *end - *begin, glsl, c.default_begin, c.default_end - c.default_begin) != 0) {
        continue;
      }
      edits.push_back({*begin, *end, " " + glsl_literal(c.type, bits)});
    }
  }
  return applied(std::move(expanded), std::move(edits));
}

}  // namespace glc::detail
