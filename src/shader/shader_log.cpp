#include "shader/shader_log.hpp"

#include <sstream>
#include <string_view>

#include "shader/glsl_text.hpp"

namespace glc::detail {
namespace {

// Logs are read with the GLSL scanner's cursor (glsl_text.hpp) rather than std::regex, whose
// matcher would overflow the stack on a long log line (a driver echoing a long source line); and
// a number too large for an int does not match, so nothing throws std::out_of_range from inside
// the code that is building a ShaderError.

struct LogLine {
  bool located = false;
  int source = 0;
  int line = 0;
  bool error = true;
  std::string message;
};

bool is_error(std::string_view severity) {
  return severity == "error" || severity == "ERROR" || severity == "fatal error";
}

/// Mesa: "0:12(5): error: message".
bool parse_mesa(std::string_view text, LogLine& out) {
  TextCursor s(text);
  int column = 0;
  std::string_view severity;
  if (!(s.number(out.source) && s.literal(":") && s.number(out.line) && s.literal("(") &&
        s.number(column) && s.literal("): ") && s.word(severity) && s.literal(": "))) {
    return false;
  }
  out = {true, out.source, out.line, is_error(severity), std::string(s.rest())};
  return true;
}

/// NVIDIA: "0(12) : error C1008: message".
bool parse_nvidia(std::string_view text, LogLine& out) {
  TextCursor s(text);
  std::string_view severity;
  if (!(s.number(out.source) && s.literal("(") && s.number(out.line) && s.literal(") : ") &&
        s.word(severity) && s.literal(" "))) {
    return false;
  }
  out = {true, out.source, out.line, is_error(severity), std::string(s.rest())};
  return true;
}

/// AMD and glslang: "ERROR: 0:12: message".
bool parse_amd(std::string_view text, LogLine& out) {
  TextCursor s(text);
  std::string_view severity;
  if (!(s.word(severity) && s.literal(": ") && s.number(out.source) && s.literal(":") &&
        s.number(out.line) && s.literal(": "))) {
    return false;
  }
  out = {true, out.source, out.line, is_error(severity), std::string(s.rest())};
  return true;
}

LogLine parse_driver_line(const std::string& text) {
  LogLine parsed;
  if (parse_mesa(text, parsed) || parse_nvidia(text, parsed) || parse_amd(text, parsed)) return parsed;
  const bool warning = text.find("warning") != std::string::npos &&
                       text.find("error") == std::string::npos;
  // Unlocated lines (Mesa's linker) still start with their severity; it adds nothing.
  std::string message = text;
  for (const char* prefix : {"error: ", "warning: "}) {
    if (message.rfind(prefix, 0) == 0) message.erase(0, std::string(prefix).size());
  }
  return {false, 0, 0, !warning, message};
}

/// The length of the severity marker (": error: " or ": warning: ") at `at`, or 0.
std::size_t marker_at(std::string_view text, std::size_t at) {
  for (std::string_view m : {std::string_view(": error: "), std::string_view(": warning: ")}) {
    if (text.substr(at).starts_with(m)) return m.size();
  }
  return 0;
}

/// shaderc: "file:12: error: message", or "file: error: message" without a line. A located
/// reading wins; within each, the file is everything before the last marker that fits (file
/// names may hold ':').
bool parse_shaderc_line(std::string_view text, Diagnostic& out) {
  for (std::size_t at = text.size(); at-- > 0;) {  // "file:12: error: ..."
    const std::size_t marker = marker_at(text, at);
    if (marker == 0) continue;
    std::size_t digits = at;
    while (digits > 0 && text[digits - 1] >= '0' && text[digits - 1] <= '9') --digits;
    TextCursor number(text.substr(digits, at - digits));
    int line = 0;
    if (digits > 0 && text[digits - 1] == ':' && number.number(line) && number.rest().empty()) {
      out = {std::string(text.substr(0, digits - 1)), line, std::string(text.substr(at + marker))};
      return true;
    }
  }
  for (std::size_t at = text.size(); at-- > 0;) {  // "file: error: ..."
    if (const std::size_t marker = marker_at(text, at)) {
      out = {std::string(text.substr(0, at)), 0, std::string(text.substr(at + marker))};
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<Diagnostic> parse_driver_log(const std::string& log, const std::vector<std::string>& files,
                                         bool errors_only) {
  std::vector<Diagnostic> out;
  std::istringstream lines(log);
  for (std::string text; std::getline(lines, text);) {
    while (!text.empty() && (text.back() == '\r' || text.back() == '\0')) text.pop_back();
    if (text.find_first_not_of(" \t") == std::string::npos) continue;
    LogLine parsed = parse_driver_line(text);
    if (errors_only && !parsed.error) continue;
    const bool known_source = parsed.source >= 0 && static_cast<std::size_t>(parsed.source) < files.size();
    out.push_back({known_source ? files[parsed.source] : files.at(0),
                   parsed.located ? parsed.line : 0, parsed.message});
  }
  return out;
}

std::vector<Diagnostic> parse_shaderc_log(const std::string& log, const std::string& fallback_file) {
  std::vector<Diagnostic> out;
  std::istringstream lines(log);
  for (std::string text; std::getline(lines, text);) {
    while (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.find_first_not_of(" \t") == std::string::npos) continue;
    // glslang ends with "N error(s) generated."; the count adds nothing.
    if (text.find(" generated.") != std::string::npos) continue;
    Diagnostic parsed;
    out.push_back(parse_shaderc_line(text, parsed) ? parsed : Diagnostic{fallback_file, 0, text});
  }
  return out;
}

}  // namespace glc::detail
