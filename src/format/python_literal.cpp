#include "python_literal.hpp"

#include <cctype>

#include "glcompute/error.hpp"

namespace glc::npy::detail {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Control characters and bytes beyond ASCII as \xNN, so that a message stays one line of text.
std::string printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f) {
      out += c;
    } else {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    }
  }
  return out;
}

PyValue of(PyValue::Kind kind) {
  PyValue value;
  value.kind = kind;
  return value;
}

// A recursive-descent reader over the text; `at` never passes the end.
class Reader {
 public:
  Reader(std::string_view text, bool allow_long_suffix)
      : text_(text), allow_long_suffix_(allow_long_suffix) {}

  PyValue document() {
    PyValue value = read_value(0);
    skip_space();
    if (at_ != text_.size()) fail("unexpected text after the literal");
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(what + " at offset " + std::to_string(at_));
  }

  void skip_space() {
    while (at_ < text_.size() && is_space(text_[at_])) ++at_;
  }

  bool next_is(char c) {
    skip_space();
    return at_ < text_.size() && text_[at_] == c;
  }

  PyValue read_value(std::size_t depth) {
    skip_space();
    if (at_ == text_.size()) fail("the literal ends where a value should be");
    const char c = text_[at_];
    if (c == '\'' || c == '"') return read_string();
    if (is_digit(c) || c == '-' || c == '+') return read_integer();
    if (c == '(' || c == '[' || c == '{') {
      if (depth >= kMaxLiteralDepth) fail("values nested deeper than a header needs");
      if (c == '{') return read_dict(depth + 1);
      return read_sequence(depth + 1);
    }
    if (is_identifier_char(c)) return read_keyword();
    fail("unexpected character '" + printable(std::string_view(&c, 1)) + "'");
  }

  PyValue read_string() {
    const char quote = text_[at_++];
    PyValue value = of(PyValue::Kind::string);
    while (true) {
      if (at_ == text_.size()) fail("a string is not closed");
      const char c = text_[at_++];
      if (c == quote) return value;
      if (c == '\n') fail("a string is not closed on its line");
      if (c != '\\') {
        value.text += c;
        continue;
      }
      if (at_ == text_.size()) fail("a string is not closed");
      const char escaped = text_[at_++];
      switch (escaped) {
        case '\\': case '\'': case '"': value.text += escaped; break;
        case 'n': value.text += '\n'; break;
        case 't': value.text += '\t'; break;
        case 'r': value.text += '\r'; break;
        default: --at_; fail("an escape '\\" + printable(std::string_view(&escaped, 1)) + "' in a string");
      }
    }
  }

  PyValue read_integer() {
    PyValue value = of(PyValue::Kind::integer);
    if (text_[at_] == '-' || text_[at_] == '+') {
      if (text_[at_] == '-') value.text = "-";
      ++at_;
      skip_space();  // Python reads "- 3" as -3
    }
    if (at_ == text_.size() || !is_digit(text_[at_])) fail("a sign without a number");
    // Digits, with single underscores between them as Python 3.6 allows.
    while (at_ < text_.size()) {
      if (is_digit(text_[at_])) {
        value.text += text_[at_++];
      } else if (text_[at_] == '_' && at_ + 1 < text_.size() && is_digit(text_[at_ + 1])) {
        ++at_;
      } else {
        break;
      }
    }
    if (allow_long_suffix_ && at_ < text_.size() && (text_[at_] == 'L' || text_[at_] == 'l')) ++at_;
    if (at_ < text_.size() && (is_identifier_char(text_[at_]) || text_[at_] == '.')) {
      fail("a number that is not a whole decimal integer");
    }
    // Leading zeros do not change the value; "-0" is 0.
    const std::size_t first = value.text.find_first_not_of("-0");
    const bool negative = !value.text.empty() && value.text[0] == '-';
    value.text = first == std::string::npos ? "0"
                                            : (negative ? "-" : "") + value.text.substr(first);
    return value;
  }

  PyValue read_keyword() {
    const std::size_t begin = at_;
    while (at_ < text_.size() && is_identifier_char(text_[at_])) ++at_;
    const std::string_view word = text_.substr(begin, at_ - begin);
    if (word == "True" || word == "False") {
      PyValue value = of(PyValue::Kind::boolean);
      value.boolean = word == "True";
      return value;
    }
    if (word == "None") return of(PyValue::Kind::none);
    at_ = begin;
    fail("'" + std::string(word.substr(0, 40)) + "' is not a literal");
  }

  // A tuple, a list, or a parenthesized value.
  PyValue read_sequence(std::size_t depth) {
    const char open = text_[at_++];
    const char close = open == '(' ? ')' : ']';
    PyValue value = of(open == '(' ? PyValue::Kind::tuple : PyValue::Kind::list);
    bool trailing_comma = false;
    while (!next_is(close)) {
      value.items.push_back(read_value(depth));
      trailing_comma = false;
      if (next_is(',')) {
        ++at_;
        trailing_comma = true;
      } else if (!next_is(close)) {
        fail(std::string("expected ',' or '") + close + "'");
      }
    }
    ++at_;
    // (x) is x itself; (x,) and () are tuples.
    if (open == '(' && value.items.size() == 1 && !trailing_comma) return std::move(value.items[0]);
    return value;
  }

  PyValue read_dict(std::size_t depth) {
    ++at_;
    PyValue value = of(PyValue::Kind::dict);
    while (!next_is('}')) {
      value.items.push_back(read_value(depth));
      if (!next_is(':')) fail("expected ':' after a dict key");
      ++at_;
      value.items.push_back(read_value(depth));
      if (next_is(',')) {
        ++at_;
      } else if (!next_is('}')) {
        fail("expected ',' or '}'");
      }
    }
    ++at_;
    return value;
  }

  std::string_view text_;
  bool allow_long_suffix_;
  std::size_t at_ = 0;
};

void append_repr(std::string& out, const PyValue& value, std::size_t max_chars) {
  if (out.size() > max_chars) return;
  switch (value.kind) {
    case PyValue::Kind::string: out += '\'' + printable(value.text) + '\''; return;
    case PyValue::Kind::integer: out += value.text; return;
    case PyValue::Kind::boolean: out += value.boolean ? "True" : "False"; return;
    case PyValue::Kind::none: out += "None"; return;
    default: break;
  }
  const bool dict = value.kind == PyValue::Kind::dict;
  out += dict ? '{' : value.kind == PyValue::Kind::list ? '[' : '(';
  for (std::size_t i = 0; i < value.items.size(); ++i) {
    if (i > 0) out += dict && i % 2 == 1 ? ": " : ", ";
    append_repr(out, value.items[i], max_chars);
    if (out.size() > max_chars) return;
  }
  if (value.kind == PyValue::Kind::tuple && value.items.size() == 1) out += ',';
  out += dict ? '}' : value.kind == PyValue::Kind::list ? ']' : ')';
}

}  // namespace

PyValue parse_python_literal(std::string_view text, bool allow_long_suffix) {
  return Reader(text, allow_long_suffix).document();
}

std::string python_repr(const PyValue& value, std::size_t max_chars) {
  std::string out;
  append_repr(out, value, max_chars);
  if (out.size() > max_chars) out = out.substr(0, max_chars) + "...";
  return out;
}

}  // namespace glc::npy::detail
