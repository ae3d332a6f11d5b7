#pragma once
/// @file
/// Errors thrown by glcompute. Every failure is a `glc::Error` whose message names the problem;
/// shader problems are `glc::ShaderError`s that also carry file:line diagnostics.

#include <stdexcept>
#include <string>
#include <vector>

namespace glc {

/// Base of every exception glcompute throws.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One message from the preprocessor, compiler or linker, located in the original source.
struct Diagnostic {
  std::string file;     ///< file as given by the user (or the name of a text source)
  int line = 0;         ///< 1-based line in `file`; 0 when the driver gave no line
  std::string message;  ///< the message without its location prefix

  /// "file:line: message" (or "file: message" without a line).
  std::string to_string() const;
};

/// A shader failed to preprocess, compile or link. `what()` lists every diagnostic as
/// "file:line: message", one per line.
class ShaderError : public Error {
 public:
  ShaderError(std::string summary, std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace glc
