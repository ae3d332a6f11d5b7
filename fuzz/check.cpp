#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "harnesses.hpp"

namespace glc::fuzz {

void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz check failed: %s\n", what);
  std::abort();
}

void unexpected_exception(const char* what, const std::exception& e) {
  std::fprintf(stderr, "fuzz check failed: %s: %s\n", what, e.what());
  std::abort();
}

bool has_word(std::string_view text, std::string_view word) {
  const auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    const bool starts = at == 0 || !word_char(text[at - 1]);
    const bool ends = at + word.size() == text.size() || !word_char(text[at + word.size()]);
    if (starts && ends) return true;
  }
  return false;
}

}  // namespace glc::fuzz
