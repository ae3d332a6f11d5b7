#pragma once
// Turns compiler and linker logs into file:line diagnostics. Internal.

#include <string>
#include <vector>

#include "glcompute/error.hpp"

namespace glc::detail {

/// Parses a driver's info log. Drivers locate messages by source-string number and line;
/// `files[n]` is the file that source-string number n stands for (see preprocess.hpp).
/// Recognises Mesa ("0:12(5): error: ..."), NVIDIA ("0(12) : error C1008: ...") and
/// AMD/glslang ("ERROR: 0:12: ..."); other lines are kept whole, located at files[0].
std::vector<Diagnostic> parse_driver_log(const std::string& log, const std::vector<std::string>& files,
                                         bool errors_only);

/// Parses shaderc's "file:line: error: message" lines.
std::vector<Diagnostic> parse_shaderc_log(const std::string& log, const std::string& fallback_file);

}  // namespace glc::detail
