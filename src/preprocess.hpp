#pragma once
// shaderc preprocessing: includes, defines, and #line directives the driver understands.

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
};

/// Throws glc::ShaderError (unreadable file, empty source, missing #version, preprocessor or
/// include errors) with file:line diagnostics.
PreprocessedSource preprocess(const Source& source, const CompileOptions& options);

}  // namespace glc::detail
