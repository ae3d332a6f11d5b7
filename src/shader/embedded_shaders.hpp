#pragma once
// The library's shaders/ directory, compiled into the library (generated source). Internal.

#include <string_view>
#include <vector>

namespace glc::detail {

struct EmbeddedShader {
  const char* path;  ///< relative to shaders/, e.g. "glcompute/grid.glsl"
  const char* text;
};

const std::vector<EmbeddedShader>& embedded_shaders();

/// The shader at `path` (normalised, '/'-separated), or nullptr.
inline const EmbeddedShader* find_embedded_shader(std::string_view path) {
  for (const EmbeddedShader& s : embedded_shaders()) {
    if (path == s.path) return &s;
  }
  return nullptr;
}

}  // namespace glc::detail
