#pragma once
// shaderc preprocessing: includes, defines, and #line directives the driver understands.

#include <map>
#include <string>
#include <vector>

#include "glcompute/source.hpp"

namespace glc::detail {

/// GLSL ready for glShaderSource. Included files are marked with `#line N K`, where K
/// indexes `files` (0 is the top-level source), so driver messages map back to files.
struct PreprocessedSource {
  std::string glsl;
  std::vector<std::string> files;
  /// shaderc's output as is, with `#line N "file"` markers: what shaderc compiles to SPIR-V,
  /// reporting errors by file name.
  std::string expanded;
  /// The name shaderc knows the top-level source by in `expanded`, and the stand-ins it was
  /// given for names it cannot take (empty, or holding '\0'; see IncludeResolver): compiling
  /// `expanded` must use the same names, and map them back with display_name().
  std::string top_glslang_name;
  std::map<std::string, std::string> stand_ins;  ///< stand-in -> display name
};

/// Throws glc::ShaderError (unreadable file, empty source, missing #version, preprocessor or
/// include errors) with file:line diagnostics.
PreprocessedSource preprocess(const Source& source, const CompileOptions& options);

}  // namespace glc::detail
