#pragma once
/// @file
/// `glc::Source` (where GLSL comes from) and `glc::CompileOptions` (how it is preprocessed).

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace glc {

/// GLSL compute shader source: a file, or text with a name used in error messages.
class Source {
 public:
  /// Reads `path` when compiled. Its directory becomes an include root.
  static Source file(std::filesystem::path path);
  /// Uses `glsl` as is; `name` stands in for a file name in diagnostics.
  static Source text(std::string glsl, std::string name = "<text>");

  bool is_file() const noexcept { return is_file_; }
  const std::filesystem::path& path() const noexcept { return path_; }
  const std::string& text() const noexcept { return text_; }
  /// The name used in diagnostics: the path as given, or the text's name.
  const std::string& name() const noexcept { return name_; }

 private:
  Source() = default;
  bool is_file_ = false;
  std::filesystem::path path_;
  std::string text_;
  std::string name_;
};

/// How a source is preprocessed before the driver compiles it.
struct CompileOptions {
  /// `#define NAME VALUE` for each pair (an empty VALUE defines NAME as empty).
  std::vector<std::pair<std::string, std::string>> defines;
  /// Directories searched by `#include "..."` after the including file's own directory.
  /// The library's shaders ("glcompute/...") are always available after these.
  std::vector<std::filesystem::path> include_dirs;
};

}  // namespace glc
