#include "shader/glsl_text.hpp"

#include <climits>

namespace glc::detail {

bool is_identifier(std::string_view text) {
  return !text.empty() && !(text[0] >= '0' && text[0] <= '9') &&
         std::all_of(text.begin(), text.end(), is_word_char);
}

bool TextCursor::literal(std::string_view s) {
  if (!rest().starts_with(s)) return false;
  at_ += s.size();
  return true;
}

bool TextCursor::number(int& out) {
  std::size_t n = at_;
  long long value = 0;
  while (n < text_.size() && text_[n] >= '0' && text_[n] <= '9') {
    value = value * 10 + (text_[n] - '0');
    if (value > INT_MAX) return false;
    ++n;
  }
  if (n == at_) return false;
  out = static_cast<int>(value);
  at_ = n;
  return true;
}

bool TextCursor::number(std::uint64_t& out, std::string_view* digits) {
  const std::size_t begin = at_;
  std::uint64_t value = 0;
  std::size_t n = at_;
  for (; n < text_.size() && text_[n] >= '0' && text_[n] <= '9'; ++n) {
    const auto digit = static_cast<unsigned>(text_[n] - '0');
    value = value > (UINT64_MAX - digit) / 10 ? UINT64_MAX : value * 10 + digit;
  }
  if (n == begin) return false;
  out = value;
  if (digits != nullptr) *digits = text_.substr(begin, n - begin);
  at_ = n;
  return true;
}

bool TextCursor::word(std::string_view& out) {
  std::size_t n = at_;
  while (n < text_.size() && is_word_char(text_[n])) ++n;
  if (n == at_) return false;
  out = text_.substr(at_, n - at_);
  at_ = n;
  return true;
}

void TextCursor::skip_spaces() {
  while (at_ < text_.size() && is_space(text_[at_])) ++at_;
}

void TextCursor::skip_blanks() {
  while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t')) ++at_;
}

std::vector<std::size_t> find_words(std::string_view text, std::string_view word) {
  std::vector<std::size_t> found;
  if (word.empty()) return found;
  for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    const bool starts = at == 0 || !is_word_char(text[at - 1]);
    const bool ends = at + word.size() == text.size() || !is_word_char(text[at + word.size()]);
    if (starts && ends) found.push_back(at);
  }
  return found;
}

std::string blank_comments(std::string_view text, bool directives) {
  std::string out(text);
  bool line_start = true;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    if (c == '\n') {
      line_start = true;
      continue;
    }
    std::size_t end = i;
    if (c == '/' && i + 1 < out.size() && out[i + 1] == '/') {
      end = out.find('\n', i);
    } else if (c == '/' && i + 1 < out.size() && out[i + 1] == '*') {
      end = out.find("*/", i + 2);
      if (end != std::string::npos) end += 2;
    } else if (c == '#' && line_start && directives) {
      end = out.find('\n', i);
    } else {
      if (!is_space(c)) line_start = false;
      continue;
    }
    if (end == std::string::npos) end = out.size();
    // Line breaks inside a block comment stay, so a directive after it is still at a line start.
    for (std::size_t j = i; j < end; ++j) {
      if (out[j] != '\n') out[j] = ' ';
    }
    i = end - 1;
  }
  return out;
}

std::vector<std::string_view> tokenize(std::string_view text) {
  std::vector<std::string_view> tokens;
  for (std::size_t i = 0; i < text.size();) {
    if (is_space(text[i])) {
      ++i;
    } else if (is_word_char(text[i])) {
      std::size_t end = i;
      while (end < text.size() && is_word_char(text[end])) ++end;
      tokens.push_back(text.substr(i, end - i));
      i = end;
    } else {
      tokens.push_back(text.substr(i++, 1));
    }
  }
  return tokens;
}

std::optional<LayoutQualifier> layout_qualifier_at(std::string_view text, std::size_t keyword) {
  TextCursor cursor(text, keyword);
  if (!cursor.literal("layout")) return std::nullopt;
  cursor.skip_spaces();
  if (!cursor.literal("(")) return std::nullopt;
  const std::size_t begin = cursor.position();
  int depth = 1;
  for (std::size_t at = begin; at < text.size(); ++at) {
    if (text[at] == '(') ++depth;
    if (text[at] == ')' && --depth == 0) return LayoutQualifier{keyword, begin, at, at + 1};
  }
  return std::nullopt;
}

std::vector<LayoutQualifier> find_layout_qualifiers(std::string_view text) {
  std::vector<LayoutQualifier> out;
  for (std::size_t at : find_words(text, "layout")) {
    if (const std::optional<LayoutQualifier> q = layout_qualifier_at(text, at)) out.push_back(*q);
  }
  return out;
}

namespace {

std::string trim(std::string_view s) {
  std::size_t begin = 0, end = s.size();
  while (begin < end && is_space(s[begin])) ++begin;
  while (end > begin && is_space(s[end - 1])) --end;
  return std::string(s.substr(begin, end - begin));
}

}  // namespace

std::vector<std::pair<std::string, std::string>> layout_items(std::string_view contents) {
  std::vector<std::pair<std::string, std::string>> out;
  const auto add = [&](std::string_view piece) {
    const std::size_t equals = piece.find('=');
    if (equals == std::string_view::npos) {
      out.emplace_back(trim(piece), "");
    } else {
      out.emplace_back(trim(piece.substr(0, equals)), trim(piece.substr(equals + 1)));
    }
  };
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t at = 0; at < contents.size(); ++at) {
    if (contents[at] == '(') ++depth;
    if (contents[at] == ')' && depth > 0) --depth;
    if (contents[at] == ',' && depth == 0) {
      add(contents.substr(start, at - start));
      start = at + 1;
    }
  }
  add(contents.substr(start));
  return out;
}

std::optional<LineDirective> parse_line_directive(std::string_view line) {
  TextCursor cursor(line);
  LineDirective d;
  if (!cursor.literal("#line ")) return std::nullopt;
  cursor.skip_blanks();
  if (!cursor.number(d.line, &d.digits)) return std::nullopt;
  cursor.skip_blanks();
  std::uint64_t index = 0;
  if (cursor.number(index)) {
    d.file_index = index;
  } else if (cursor.literal("\"") && cursor.rest().size() >= 1 && cursor.rest().back() == '"') {
    d.file_name = cursor.rest().substr(0, cursor.rest().size() - 1);
  }
  return d;
}

TextLocation locate(std::string_view text, std::size_t offset) {
  TextLocation where;
  for (std::size_t start = 0; start < offset;) {
    const std::size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos || newline >= offset) break;
    const std::optional<LineDirective> d = parse_line_directive(text.substr(start, newline - start));
    if (d && d->file_index) {
      where.line = d->line;
      where.file = *d->file_index;
    } else if (where.line < UINT64_MAX) {
      ++where.line;
    }
    start = newline + 1;
  }
  return where;
}

}  // namespace glc::detail
