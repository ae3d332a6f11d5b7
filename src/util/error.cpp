#include "glcompute/error.hpp"

namespace glc {
namespace {

std::string join(const std::string& summary, const std::vector<Diagnostic>& diagnostics) {
  std::string out = summary;
  for (const Diagnostic& d : diagnostics) {
    out += '\n';
    out += d.to_string();
  }
  return out;
}

}  // namespace

std::string Diagnostic::to_string() const {
  return line > 0 ? file + ":" + std::to_string(line) + ": " + message : file + ": " + message;
}

ShaderError::ShaderError(std::string summary, std::vector<Diagnostic> diagnostics)
    : Error(join(summary, diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace glc
