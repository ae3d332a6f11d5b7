#include "util/environment.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace glc::detail {

std::string_view trim_blanks(std::string_view text) {
  const auto blank = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

std::optional<std::string> environment_word(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) return std::nullopt;
  const std::string_view word = trim_blanks(value);
  if (word.empty()) return std::nullopt;
  return std::string(word);
}

std::string environment_text(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

bool is_off_word(std::string_view word) {
  std::string lower(word);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  for (const char* off : {"off", "false", "no", "none", "0", "disable", "disabled"}) {
    if (lower == off) return true;
  }
  return false;
}

}  // namespace glc::detail
