// find_constants: the specialization constants and local_size_*_id layouts a preprocessed
// shader declares, read with the GLSL scanner (glsl_text.hpp).

#include <algorithm>
#include <charconv>
#include <limits>
#include <tuple>

#include "glcompute/error.hpp"
#include "shader/glsl_text.hpp"
#include "shader/specialization.hpp"

namespace glc::detail {
namespace {

constexpr const char* kRunsInto =
    "cannot read this declaration: it runs into another layout or specialization constant "
    "(a missing ')' or ';'?)";

/// The file and line of `offset`, from the text's `#line N K` markers (K indexes `files`, see
/// preprocess.hpp). The source may set any line with its own #line, which glslang passes on
/// even beyond int (as a negative number): a line that is not a positive int is reported as 0,
/// no line.
Diagnostic located(const std::string& text, std::size_t offset, const std::vector<std::string>& files,
                   std::string message) {
  const TextLocation where = locate(text, offset);
  const std::size_t file = where.file < files.size() ? static_cast<std::size_t>(where.file) : 0;
  const int line = where.line <= static_cast<std::uint64_t>(std::numeric_limits<int>::max())
                       ? static_cast<int>(where.line)
                       : 0;
  return {files.at(file), line, std::move(message)};
}

[[noreturn]] void fail_at(const std::string& text, std::size_t offset, const std::vector<std::string>& files,
                          const std::string& message) {
  throw ShaderError("glcompute: cannot compile shader " + files.at(0),
                    {located(text, offset, files, message)});
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

/// The word at the cursor after white space ("" if none).
std::string next_word(TextCursor& cursor) {
  cursor.skip_spaces();
  std::string_view word;
  return cursor.word(word) ? std::string(word) : std::string();
}

/// Reads `const TYPE NAME = DEFAULT;` after a constant_id qualifier.
std::optional<DeclaredConstant> read_declaration(const std::string& text, const LayoutQualifier& q) {
  DeclaredConstant c;
  TextCursor cursor(text, q.after);
  cursor.skip_spaces();
  c.layout_begin = q.keyword;
  c.layout_end = cursor.position();
  if (next_word(cursor) != "const") return std::nullopt;
  c.type = next_word(cursor);
  c.name = next_word(cursor);
  cursor.skip_spaces();
  if (c.type.empty() || c.name.empty() || !cursor.literal("=")) return std::nullopt;
  const std::size_t semicolon = text.find(';', cursor.position());
  if (semicolon == std::string::npos) return std::nullopt;
  c.default_begin = cursor.position();
  c.default_end = semicolon;
  return c;
}

void find_declarations(const std::string& text, const std::vector<std::string>& files, ShaderConstants& out) {
  for (const LayoutQualifier& q : find_layout_qualifiers(text)) {
    const auto items = layout_items(std::string_view(text).substr(q.begin, q.end - q.begin));
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
  for (std::size_t at : find_words(text, "constant_id")) {
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
bool qualifies_input(const std::string& text, const LayoutQualifier& q) {
  TextCursor cursor(text, q.after);
  if (next_word(cursor) != "in") return false;
  cursor.skip_spaces();
  return cursor.literal(";");
}

/// Whether the word at `at` (of `length` characters) inside `layout` is the key of one of its
/// items, as layout_items reads them, rather than part of some other item's text.
bool is_item_key(const std::string& text, const LocalSizeLayout& layout, std::size_t at, std::size_t length) {
  const std::size_t comma = text.rfind(',', at);
  TextCursor item(text, comma == std::string::npos || comma < layout.begin ? layout.begin : comma + 1);
  item.skip_spaces();
  if (item.position() != at) return false;
  TextCursor next(text, at + length);
  next.skip_spaces();
  return next.position() >= layout.end || next.peek() == '=' || next.peek() == ',';
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
  for (const LayoutQualifier& q : find_layout_qualifiers(text)) {
    if (!qualifies_input(text, q)) continue;
    LocalSizeLayout layout;
    layout.begin = q.begin;
    layout.end = q.end;
    layout.items = layout_items(std::string_view(text).substr(q.begin, q.end - q.begin));
    bool has_id = false;
    for (const auto& [key, value] : layout.items) {
      for (int axis = 0; axis < 3; ++axis) {
        const std::string size_key = std::string("local_size_") + kLocalSizeAxes[axis];
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
  for (const char* axis : kLocalSizeAxes) {
    const std::string word = std::string("local_size_") + axis + "_id";
    for (std::size_t at : find_words(text, word)) {
      const bool read = std::any_of(out.local_size_layouts.begin(), out.local_size_layouts.end(),
                                    [&](const LocalSizeLayout& l) {
                                      return inside(at, l.begin, l.end) && is_item_key(text, l, at, word.size());
                                    });
      if (read) continue;
      // A qualifier left open (a missing ')') runs into the next one: say so rather than that
      // this one cannot be read.
      const std::vector<std::size_t> keywords = find_words(std::string_view(text).substr(0, at), "layout");
      if (!keywords.empty()) {
        const std::optional<LayoutQualifier> q = layout_qualifier_at(text, keywords.back());
        const std::size_t from = keywords.back() + 1;
        const std::size_t to = q ? q->end : text.size();
        const bool runs_on = !find_words(std::string_view(text).substr(from, to - from), "layout").empty();
        if (runs_on) fail_at(text, keywords.back(), files, kRunsInto);
      }
      fail_at(text, at, files, "cannot read this layout; write 'layout(local_size_x_id = N) in;'");
    }
  }
  for (int axis = 0; axis < 3; ++axis) {
    if (!out.local_size_ids[axis]) continue;
    for (const DeclaredSize& declared : declared_sizes[axis]) {
      const std::optional<std::uint32_t> size = parse_uint(declared.value);
      if (!size) {
        const std::string name = std::string("local_size_") + kLocalSizeAxes[axis];
        fail_at(text, declared.keyword, files,
                name + " must be an integer literal where " + name + "_id is used, not '" +
                    declared.value + "'");
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
      fail_at(text, begin, files, kRunsInto);
    }
    if (range.second > end) std::tie(begin, end) = range;
  }
}

}  // namespace

Diagnostic locate_in_preprocessed(const std::string& text, std::size_t offset,
                                  const std::vector<std::string>& files, std::string message) {
  return located(text, offset, files, std::move(message));
}

ShaderConstants find_constants(const std::string& glsl, const std::vector<std::string>& files) {
  ShaderConstants out;
  find_declarations(glsl, files, out);
  find_local_size(glsl, files, out);
  check_disjoint(glsl, files, out);
  return out;
}

}  // namespace glc::detail
