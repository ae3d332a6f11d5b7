#pragma once
// The GLSL text a driver compiles, with no #line directives in it, and the way back from the
// driver's line numbers to files and lines. GLSL changed the meaning of `#line N` (the next
// line is N + 1 up to GLSL 1.50, N since 3.30), so what a driver reports after one depends on
// how it reads the rule. Each directive is left as an empty line instead, the driver numbers
// the lines of the one source string it gets from 1, and the map, which reads the directives
// as the GLSL 4.60 specification does, places each: the same on every driver. Internal.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "glcompute/error.hpp"

namespace glc::detail {

struct DriverText {
  std::string text;  ///< the GLSL, each #line directive an empty line
  /// For line k + 1 of `text`: the file index (PreprocessedSource::files) and line it stands for.
  std::vector<std::pair<std::size_t, std::uint64_t>> lines;
};

/// `glsl` (preprocessed: `#line N K` markers, and `#line N` of the source's own) for the driver.
DriverText driver_text(std::string_view glsl);

/// Moves diagnostics a driver located in DriverText::text (source string 0, at `files[0]`) to
/// the files and lines they stand for. Those without a line, or past the text, stay as they are.
void relocate(std::vector<Diagnostic>& diagnostics, const DriverText& text, const std::vector<std::string>& files);

}  // namespace glc::detail
