#pragma once
// The Python literals a .npy header is made of (what NumPy reads with ast.literal_eval): dicts,
// tuples, lists, strings, integers, True, False and None. Internal to src/format/npy*.cpp.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace glc::npy::detail {

struct PyValue {
  enum class Kind { string, integer, boolean, none, tuple, list, dict };
  Kind kind = Kind::none;
  /// A string's characters; an integer's decimal digits, with a leading '-' if negative.
  std::string text;
  bool boolean = false;
  /// A tuple's or list's elements; a dict's keys and values, alternating.
  std::vector<PyValue> items;
};

/// The most nested tuples, lists and dicts read (a header needs two levels; deeper nesting
/// would only recurse for nothing).
inline constexpr std::size_t kMaxLiteralDepth = 16;

/// Parses `text` as one Python literal with optional whitespace around it. Integers may carry
/// Python 2's 'L' suffix where `allow_long_suffix` (NumPy accepts it in format 1.0 and 2.0
/// headers). Throws glc::Error("<what> at offset N") on anything else; the caller adds the
/// file's name.
PyValue parse_python_literal(std::string_view text, bool allow_long_suffix);

/// The value as Python's repr would roughly write it, shortened to about `max_chars`: for
/// messages that show what a header held.
std::string python_repr(const PyValue& value, std::size_t max_chars = 80);

}  // namespace glc::npy::detail
