#pragma once
// The one scanner of GLSL text and compiler logs. Preprocessing (#version, glslang's `#line`
// markers), specialization constants and image declarations (words, comments, layout
// qualifiers, where an offset lies) and info logs (numbers, words, literals) all read text with
// these helpers. Hand-written: libstdc++'s std::regex matcher recurses once per character and
// overflows the stack on a long line, and <cctype> answers by locale. Internal.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace glc::detail {

/// A character of a GLSL identifier or number: ASCII letters, digits and '_'.
constexpr bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// GLSL white space: space, tab, line feed, carriage return, vertical tab and form feed.
constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/// Word characters, not starting with a digit (a GLSL identifier or macro name).
bool is_identifier(std::string_view text);

/// Reads text from left to right. Each step consumes what it matched and returns true, or
/// consumes nothing and returns false.
class TextCursor {
 public:
  explicit TextCursor(std::string_view text, std::size_t at = 0)
      : text_(text), at_(std::min(at, text.size())) {}

  bool literal(std::string_view s);
  /// One or more decimal digits whose value fits in an int (a larger one does not match).
  bool number(int& out);
  /// One or more decimal digits; the value saturates at UINT64_MAX. `digits` gets them as
  /// written.
  bool number(std::uint64_t& out, std::string_view* digits = nullptr);
  /// One or more word characters.
  bool word(std::string_view& out);
  /// Skips GLSL white space, line breaks included.
  void skip_spaces();
  /// Skips spaces and tabs only, staying on the line.
  void skip_blanks();

  std::size_t position() const noexcept { return at_; }
  std::string_view rest() const noexcept { return text_.substr(at_); }
  bool at_end() const noexcept { return at_ == text_.size(); }
  /// The next character, or '\0' at the end.
  char peek() const noexcept { return at_ < text_.size() ? text_[at_] : '\0'; }

 private:
  std::string_view text_;
  std::size_t at_;
};

/// Offsets where `word` stands in `text` as a whole word (not inside a longer word).
std::vector<std::size_t> find_words(std::string_view text, std::string_view word);

/// `text` with comments (`//` to the end of the line, `/* */`, an unclosed one to the end) and,
/// with `directives`, preprocessor lines (a '#' first on its line) turned into spaces. Line
/// breaks stay, so offsets and line numbers still hold.
std::string blank_comments(std::string_view text, bool directives);

/// The words (identifiers, numbers) and single other characters of `text`, split at white
/// space; views into `text`.
std::vector<std::string_view> tokenize(std::string_view text);

/// A `layout ( ... )` qualifier: the offsets of the keyword, of the first character inside the
/// parentheses, of the closing ')', and of what follows it.
struct LayoutQualifier {
  std::size_t keyword = 0, begin = 0, end = 0, after = 0;
};
/// The qualifier whose `layout` keyword is at `keyword`, or nullopt where no '(' follows it or
/// it is never closed. Parentheses inside are matched.
std::optional<LayoutQualifier> layout_qualifier_at(std::string_view text, std::size_t keyword);
/// Every layout qualifier of `text`, in order.
std::vector<LayoutQualifier> find_layout_qualifiers(std::string_view text);
/// The items between a qualifier's parentheses: `a = b, c` gives {{"a", "b"}, {"c", ""}},
/// without the white space around them. Commas inside parentheses do not split.
std::vector<std::pair<std::string, std::string>> layout_items(std::string_view contents);

/// `#line N K` (K the index of a file, as preprocessing numbers them) or `#line N "name"` (as
/// glslang marks includes; the name may itself hold '"'), read from one line of text.
struct LineDirective {
  std::string_view digits;                ///< N as written
  std::uint64_t line = 0;                 ///< N, saturated at UINT64_MAX
  std::optional<std::uint64_t> file_index;
  std::optional<std::string_view> file_name;
};
std::optional<LineDirective> parse_line_directive(std::string_view line);

/// Where `offset` of preprocessed text lies by its `#line N K` markers: the file index K (0
/// before any marker) and the 1-based line (saturated at UINT64_MAX: a source may set any line
/// with its own #line).
struct TextLocation {
  std::uint64_t file = 0;
  std::uint64_t line = 1;
};
TextLocation locate(std::string_view text, std::size_t offset);

}  // namespace glc::detail
