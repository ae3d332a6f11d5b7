#pragma once
// What `glcompute --help` and `glcompute COMMAND --help` print (each fits a 24-line screen and
// 80 columns), and each command's one-line usage, printed after a usage error.

#include <string>
#include <string_view>

namespace glc::cli {

/// The help of `command` ("" for glcompute itself, "run", "info", "compile").
std::string help_text(std::string_view command);
/// "usage: glcompute run SHADER [options] (...)": one line.
std::string usage_line(std::string_view command);

}  // namespace glc::cli
