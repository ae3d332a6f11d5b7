#pragma once
// Character classes for the hand-written scanners of GLSL text and driver logs (preprocessing,
// specialization constants, image declarations, info logs). They do not use std::regex, whose
// libstdc++ matcher recurses once per character and overflows the stack on a long line, nor
// <cctype>, whose answers depend on the locale. Internal.

namespace glc::detail {

/// A character of a GLSL identifier or number: ASCII letters, digits and '_'.
constexpr bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace glc::detail
