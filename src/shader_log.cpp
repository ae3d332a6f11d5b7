#include "shader_log.hpp"

#include <regex>
#include <sstream>

namespace glc::detail {
namespace {

struct LogLine {
  bool located = false;
  int source = 0;
  int line = 0;
  bool error = true;
  std::string message;
};

bool is_error(const std::string& severity) {
  return severity == "error" || severity == "ERROR" || severity == "fatal error";
}

LogLine parse_driver_line(const std::string& text) {
  static const std::regex mesa(R"(^(\d+):(\d+)\(\d+\): (\w+): (.*)$)");
  static const std::regex nvidia(R"(^(\d+)\((\d+)\) : (\w+) (.*)$)");
  static const std::regex amd(R"(^(\w+): (\d+):(\d+): (.*)$)");
  std::smatch m;
  if (std::regex_match(text, m, mesa) || std::regex_match(text, m, nvidia)) {
    return {true, std::stoi(m[1]), std::stoi(m[2]), is_error(m[3]), m[4]};
  }
  if (std::regex_match(text, m, amd)) {
    return {true, std::stoi(m[2]), std::stoi(m[3]), is_error(m[1]), m[4]};
  }
  const bool warning = text.find("warning") != std::string::npos &&
                       text.find("error") == std::string::npos;
  // Unlocated lines (Mesa's linker) still start with their severity; it adds nothing.
  std::string message = text;
  for (const char* prefix : {"error: ", "warning: "}) {
    if (message.rfind(prefix, 0) == 0) message.erase(0, std::string(prefix).size());
  }
  return {false, 0, 0, !warning, message};
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
  static const std::regex located(R"(^(.*):(\d+): (?:error|warning): (.*)$)");
  static const std::regex unlocated(R"(^(.*): (?:error|warning): (.*)$)");
  std::vector<Diagnostic> out;
  std::istringstream lines(log);
  for (std::string text; std::getline(lines, text);) {
    if (text.find_first_not_of(" \t") == std::string::npos) continue;
    // glslang ends with "N error(s) generated."; the count adds nothing.
    if (text.find(" generated.") != std::string::npos) continue;
    std::smatch m;
    if (std::regex_match(text, m, located)) {
      out.push_back({m[1], std::stoi(m[2]), m[3]});
    } else if (std::regex_match(text, m, unlocated)) {
      out.push_back({m[1], 0, m[2]});
    } else {
      out.push_back({fallback_file, 0, text});
    }
  }
  return out;
}

}  // namespace glc::detail
