#pragma once
// Environment variables that hold a word (GLCOMPUTE_DEVICE=1, GLCOMPUTE_BACKEND=egl,
// GLCOMPUTE_SHADER_PATH=spirv, GLCOMPUTE_CACHE_DIR=off): all read the same way, blanks around
// the word ignored, so "1 " and " 1" mean what "1" means. Internal.

#include <optional>
#include <string>
#include <string_view>

namespace glc::detail {

/// `text` without the blanks (spaces, tabs, line breaks) at either end.
std::string_view trim_blanks(std::string_view text);

/// The variable's value without surrounding blanks; nullopt where it is unset or only blanks.
std::optional<std::string> environment_word(const char* name);

/// The variable's value exactly as set (a path may begin or end with a blank); "" where unset.
std::string environment_text(const char* name);

/// True for the words that turn a setting off: off, false, no, none, 0, disable, disabled (any
/// case; `word` already trimmed).
bool is_off_word(std::string_view word);

}  // namespace glc::detail
