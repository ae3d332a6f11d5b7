#include "shader/specialization.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <limits>
#include <tuple>
#include <type_traits>
#include <variant>

#include "glcompute/error.hpp"
#include "shader/glsl_text.hpp"

namespace glc::detail {
namespace {

constexpr const char* kAxes[3] = {"x", "y", "z"};

// The text is scanned by hand, not with std::regex: libstdc++'s matcher recurses once per
// character, so a long declaration could overflow the stack.

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::size_t skip_spaces(const std::string& text, std::size_t at) {
  while (at < text.size() && is_space(text[at])) ++at;
  return at;
}

/// Offsets of `word` in `text` where it stands as a whole word.
std::vector<std::size_t> find_word(const std::string& text, const std::string& word) {
  std::vector<std::size_t> found;
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    const bool starts = at == 0 || !is_word_char(text[at - 1]);
    const bool ends = at + word.size() == text.size() || !is_word_char(text[at + word.size()]);
    if (starts && ends) found.push_back(at);
  }
  return found;
}

/// The word at `at` ("" if none), and the offset after it.
std::string read_word(const std::string& text, std::size_t& at) {
  const std::size_t begin = at;
  while (at < text.size() && is_word_char(text[at])) ++at;
  return text.substr(begin, at - begin);
}

/// A decimal number at `at` within [at, end), saturated at UINT64_MAX; `at` moves past it.
std::optional<std::uint64_t> read_number(const std::string& text, std::size_t& at, std::size_t end) {
  const std::size_t begin = at;
  std::uint64_t value = 0;
  for (; at < end && text[at] >= '0' && text[at] <= '9'; ++at) {
    const unsigned digit = static_cast<unsigned>(text[at] - '0');
    value = value > (UINT64_MAX - digit) / 10 ? UINT64_MAX : value * 10 + digit;
  }
  if (at == begin) return std::nullopt;
  return value;
}

/// The file and line of `offset` in preprocessed text, from its `#line N K` markers (K indexes
/// `files`, see preprocess.hpp). The source may set any line with its own #line, which glslang
/// passes on even beyond int (as a negative number): a line that is not a positive int is
/// reported as 0, no line.
Diagnostic locate(const std::string& text, std::size_t offset, const std::vector<std::string>& files,
                  std::string message) {
  std::size_t file = 0;
  std::uint64_t line = 1;
  for (std::size_t start = 0; start < offset;) {
    const std::size_t newline = text.find('\n', start);
    if (newline == std::string::npos || newline >= offset) break;
    std::size_t at = start + 6;
    std::optional<std::uint64_t> number, index;
    if (text.compare(start, 6, "#line ") == 0) {
      while (at < newline && (text[at] == ' ' || text[at] == '\t')) ++at;
      number = read_number(text, at, newline);
      while (at < newline && (text[at] == ' ' || text[at] == '\t')) ++at;
      index = read_number(text, at, newline);
    }
    if (number && index) {
      line = *number;
      file = *index < files.size() ? static_cast<std::size_t>(*index) : 0;
    } else if (line < UINT64_MAX) {
      ++line;
    }
    start = newline + 1;
  }
  const int reported = line <= static_cast<std::uint64_t>(std::numeric_limits<int>::max()) ? static_cast<int>(line) : 0;
  return {files.at(file), reported, std::move(message)};
}

[[noreturn]] void fail(const std::string& source_name, const std::string& message) {
  throw ShaderError("glcompute: cannot compile shader " + source_name, {{source_name, 0, message}});
}

[[noreturn]] void fail_at(const std::string& text, std::size_t offset, const std::vector<std::string>& files,
                          const std::string& message) {
  throw ShaderError("glcompute: cannot compile shader " + files.at(0), {locate(text, offset, files, message)});
}

std::string trim(const std::string& s) {
  const std::size_t first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

/// An integer literal as the preprocessor leaves it ("256", "0x100", "256u").
std::optional<std::uint32_t> parse_uint(std::string s) {
  if (!s.empty() && (s.back() == 'u' || s.back() == 'U')) s.pop_back();
  int base = 10;
  std::size_t at = 0;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) base = 16, at = 2;
  std::uint32_t value = 0;
  const auto [end, ec] = std::from_chars(s.data() + at, s.data() + s.size(), value, base);
  if (ec != std::errc() || end != s.data() + s.size() || at == s.size()) return std::nullopt;
  return value;
}

bool inside(std::size_t offset, std::size_t begin, std::size_t end) { return offset >= begin && offset < end; }

/// `a = b, c` -> {{"a", "b"}, {"c", ""}}.
std::vector<std::pair<std::string, std::string>> layout_items(const std::string& items) {
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t start = 0; start <= items.size();) {
    std::size_t comma = items.find(',', start);
    if (comma == std::string::npos) comma = items.size();
    const std::string piece = items.substr(start, comma - start);
    const std::size_t equals = piece.find('=');
    if (equals == std::string::npos) {
      out.emplace_back(trim(piece), "");
    } else {
      out.emplace_back(trim(piece.substr(0, equals)), trim(piece.substr(equals + 1)));
    }
    start = comma + 1;
  }
  return out;
}

/// A `layout( ... )` qualifier: offsets of its keyword, its contents and what follows ')'.
struct Qualifier {
  std::size_t keyword = 0, begin = 0, end = 0, after = 0;
};

std::vector<Qualifier> find_qualifiers(const std::string& text) {
  std::vector<Qualifier> out;
  for (std::size_t at : find_word(text, "layout")) {
    const std::size_t open = skip_spaces(text, at + 6);
    if (open >= text.size() || text[open] != '(') continue;
    const std::size_t close = text.find(')', open);
    if (close == std::string::npos) continue;
    out.push_back({at, open + 1, close, close + 1});
  }
  return out;
}

/// Reads `const TYPE NAME = DEFAULT;` after a constant_id qualifier.
std::optional<DeclaredConstant> read_declaration(const std::string& text, const Qualifier& q) {
  DeclaredConstant c;
  std::size_t at = skip_spaces(text, q.after);
  c.layout_begin = q.keyword;
  c.layout_end = at;
  if (read_word(text, at) != "const") return std::nullopt;
  at = skip_spaces(text, at);
  c.type = read_word(text, at);
  at = skip_spaces(text, at);
  c.name = read_word(text, at);
  at = skip_spaces(text, at);
  if (c.type.empty() || c.name.empty() || at >= text.size() || text[at] != '=') return std::nullopt;
  const std::size_t semicolon = text.find(';', at);
  if (semicolon == std::string::npos) return std::nullopt;
  c.default_begin = at + 1;
  c.default_end = semicolon;
  return c;
}

void find_declarations(const std::string& text, const std::vector<std::string>& files, ShaderConstants& out) {
  for (const Qualifier& q : find_qualifiers(text)) {
    const auto items = layout_items(text.substr(q.begin, q.end - q.begin));
    if (items.size() != 1 || items[0].first != "constant_id") continue;
    std::optional<DeclaredConstant> c = read_declaration(text, q);
    if (!c) continue;  // reported below
    const std::optional<std::uint32_t> id = parse_uint(items[0].second);
    if (!id) fail_at(text, q.keyword, files, "constant_id must be an integer literal, not '" + items[0].second + "'");
    c->id = *id;
    for (const DeclaredConstant& other : out.constants) {
      if (other.id == c->id) {
        fail_at(text, q.keyword, files, "constant_id " + std::to_string(c->id) + " is used by both '" +
                                            other.name + "' and '" + c->name + "'");
      }
    }
    out.constants.push_back(std::move(*c));
  }
  // Anything else naming constant_id would reach the driver unread: refuse it rather than let
  // the two paths differ.
  for (std::size_t at : find_word(text, "constant_id")) {
    const bool read = std::any_of(out.constants.begin(), out.constants.end(), [&](const DeclaredConstant& c) {
      return inside(at, c.layout_begin, c.layout_end);
    });
    if (!read) {
      fail_at(text, at, files,
              "cannot read this specialization constant; declare it as "
              "'layout(constant_id = N) const TYPE NAME = VALUE;'");
    }
  }
}

/// Whether the qualifier is followed by `in ;`.
bool qualifies_input(const std::string& text, const Qualifier& q) {
  std::size_t at = skip_spaces(text, q.after);
  if (read_word(text, at) != "in") return false;
  at = skip_spaces(text, at);
  return at < text.size() && text[at] == ';';
}

/// Whether the word at `at` (of `length` characters) inside `layout` is the key of one of its
/// items, as layout_items reads them, rather than part of some other item's text.
bool is_item_key(const std::string& text, const LocalSizeLayout& layout, std::size_t at, std::size_t length) {
  const std::size_t comma = text.rfind(',', at);
  const std::size_t item = comma == std::string::npos || comma < layout.begin ? layout.begin : comma + 1;
  if (skip_spaces(text, item) != at) return false;
  const std::size_t next = skip_spaces(text, at + length);
  return next >= layout.end || text[next] == '=' || text[next] == ',';
}

void find_local_size(const std::string& text, const std::vector<std::string>& files, ShaderConstants& out) {
  // local_size_x = M matters only beside an id for x (the last one is then the default, and
  // specialize_glsl drops them all); elsewhere it may be any expression the compiler accepts
  // (GLSL 4.40 allows constant expressions).
  struct DeclaredSize {
    std::size_t keyword;
    std::string value;
  };
  std::array<std::vector<DeclaredSize>, 3> declared_sizes;
  for (const Qualifier& q : find_qualifiers(text)) {
    if (!qualifies_input(text, q)) continue;
    LocalSizeLayout layout;
    layout.begin = q.begin;
    layout.end = q.end;
    layout.items = layout_items(text.substr(q.begin, q.end - q.begin));
    bool has_id = false;
    for (const auto& [key, value] : layout.items) {
      for (int axis = 0; axis < 3; ++axis) {
        const std::string size_key = std::string("local_size_") + kAxes[axis];
        if (key == size_key) {
          declared_sizes[axis].push_back({q.keyword, value});
        } else if (key == size_key + "_id") {
          const std::optional<std::uint32_t> id = parse_uint(value);
          if (!id) fail_at(text, q.keyword, files, key + " must be an integer literal, not '" + value + "'");
          out.local_size_ids[axis] = *id;
          has_id = true;
        }
      }
    }
    if (has_id) out.local_size_layouts.push_back(std::move(layout));
  }
  for (const char* axis : kAxes) {
    const std::string word = std::string("local_size_") + axis + "_id";
    for (std::size_t at : find_word(text, word)) {
      const bool read = std::any_of(out.local_size_layouts.begin(), out.local_size_layouts.end(),
                                    [&](const LocalSizeLayout& l) {
                                      return inside(at, l.begin, l.end) && is_item_key(text, l, at, word.size());
                                    });
      if (!read) fail_at(text, at, files, "cannot read this layout; write 'layout(local_size_x_id = N) in;'");
    }
  }
  for (int axis = 0; axis < 3; ++axis) {
    if (!out.local_size_ids[axis]) continue;
    for (const DeclaredSize& declared : declared_sizes[axis]) {
      const std::optional<std::uint32_t> size = parse_uint(declared.value);
      if (!size) {
        fail_at(text, declared.keyword, files,
                std::string("local_size_") + kAxes[axis] + " must be an integer literal where local_size_" +
                    kAxes[axis] + "_id is used, not '" + declared.value + "'");
      }
      out.declared_local_size[axis] = *size;
    }
  }
}

/// specialize_glsl rewrites each declaration's ranges on its own, so they must not overlap: they
/// do only in text no compiler accepts, where a qualifier or initializer runs into the next
/// declaration (a missing ')' or ';').
void check_disjoint(const std::string& text, const std::vector<std::string>& files, const ShaderConstants& out) {
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  for (const DeclaredConstant& c : out.constants) {
    ranges.emplace_back(c.layout_begin, c.layout_end);
    ranges.emplace_back(c.default_begin, c.default_end);
  }
  for (const LocalSizeLayout& l : out.local_size_layouts) ranges.emplace_back(l.begin, l.end);
  std::sort(ranges.begin(), ranges.end());
  std::size_t begin = 0, end = 0;  // the range that reaches furthest so far
  for (const auto& range : ranges) {
    if (range.first < end) {
      fail_at(text, begin, files,
              "cannot read this declaration: it runs into another layout or specialization constant "
              "(a missing ')' or ';'?)");
    }
    if (range.second > end) std::tie(begin, end) = range;
  }
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
                      const ComputeLimits& limits, const std::string& source_name) {
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
    if (limits.max_work_group_size[axis] != 0 && size > limits.max_work_group_size[axis]) {
      fail(source_name, "the work group size " + name + " = " + std::to_string(size) +
                            " is above this driver's limit of " + std::to_string(limits.max_work_group_size[axis]));
    }
    // Capped at 2^32, above every limit: three sizes near 2^32 would wrap 64 bits around.
    invocations = std::min<std::uint64_t>(invocations * size, std::uint64_t{1} << 32);
    sizes += (sizes.empty() ? "" : " x ") + std::to_string(size);
  }
  if (limits.max_work_group_invocations != 0 && invocations > limits.max_work_group_invocations) {
    const std::string count = invocations >> 32 ? "over 2^32" : std::to_string(invocations);
    fail(source_name, "a work group of " + sizes + " = " + count +
                          " invocations is above this driver's limit of " +
                          std::to_string(limits.max_work_group_invocations));
  }
}

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

ShaderConstants find_constants(const std::string& glsl, const std::vector<std::string>& files) {
  ShaderConstants out;
  find_declarations(glsl, files, out);
  find_local_size(glsl, files, out);
  check_disjoint(glsl, files, out);
  return out;
}

SpecializationValues resolve_constants(const ShaderConstants& declared, const CompileOptions& options,
                                       const ComputeLimits& limits, const std::string& source_name) {
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

std::string specialize_glsl(std::string glsl, const ShaderConstants& declared,
                            const SpecializationValues& values) {
  struct Edit {
    std::size_t begin, end;
    std::string text;
  };
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
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.begin > b.begin; });
  for (const Edit& e : edits) replace_keeping_lines(glsl, e.begin, e.end, e.text);
  return glsl;
}

}  // namespace glc::detail
