#pragma once
// What a shader's source declares about its image uniforms and GL's reflection cannot tell:
// the format qualifier and the readonly / writeonly memory qualifiers. Internal.

#include <string>
#include <string_view>
#include <vector>

namespace glc::detail {

struct ImageDeclaration {
  std::string name;
  std::string format;  ///< e.g. "rgba32f"; empty if none is declared
  bool readonly = false;
  bool writeonly = false;
};

/// The image uniforms declared at global scope of preprocessed GLSL (comments and #-lines are
/// skipped), e.g. `layout(binding = 1, rgba32f) uniform readonly image2D a, b[2];`.
std::vector<ImageDeclaration> parse_image_declarations(std::string_view glsl);

}  // namespace glc::detail
