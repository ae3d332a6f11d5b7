#include "shader/image_declarations.hpp"

#include <algorithm>

#include "shader/glsl_text.hpp"

namespace glc::detail {
namespace {

// Every GLSL image format qualifier (GLSL 4.60, 4.4.7), so a shader's format is recognised even
// where glcompute has no texture of that format and the mismatch must be reported.
constexpr std::string_view kFormatQualifiers[] = {
    "rgba32f", "rgba16f", "rg32f", "rg16f", "r11f_g11f_b10f", "r32f", "r16f", "rgba16",
    "rgb10_a2", "rgba8", "rg16", "rg8", "r16", "r8", "rgba16_snorm", "rgba8_snorm", "rg16_snorm",
    "rg8_snorm", "r16_snorm", "r8_snorm", "rgba32i", "rgba16i", "rgba8i", "rg32i", "rg16i",
    "rg8i", "r32i", "r16i", "r8i", "rgba32ui", "rgba16ui", "rgb10_a2ui", "rgba8ui", "rg32ui",
    "rg16ui", "rg8ui", "r32ui", "r16ui", "r8ui"};

constexpr std::string_view kImageDimensions[] = {"1D",      "2D",        "3D",     "Cube",
                                                 "2DRect",  "1DArray",   "2DArray", "CubeArray",
                                                 "Buffer",  "2DMS",      "2DMSArray"};


bool is_image_type_name(std::string_view token) {
  if (token.starts_with("iimage") || token.starts_with("uimage")) token.remove_prefix(1);
  if (!token.starts_with("image")) return false;
  token.remove_prefix(5);
  return std::ranges::find(kImageDimensions, token) != std::end(kImageDimensions);
}

bool is_format_qualifier(std::string_view token) {
  return std::ranges::find(kFormatQualifiers, token) != std::end(kFormatQualifiers);
}

/// The format qualifier among the items of `qualifier` (an item that is a format alone).
void read_format(std::string_view declaration, const LayoutQualifier& qualifier, std::string& format) {
  for (const auto& [key, value] : layout_items(declaration.substr(qualifier.begin, qualifier.end - qualifier.begin))) {
    if (value.empty() && is_format_qualifier(key)) format = key;
  }
}

/// Adds the image uniforms of one global declaration (its text before the ';').
void read_declaration(std::string_view declaration, std::vector<ImageDeclaration>& out) {
  const std::vector<std::string_view> tokens = tokenize(declaration);
  const auto type = std::ranges::find_if(tokens, is_image_type_name);
  if (type == tokens.end() || std::find(tokens.begin(), type, "uniform") == type) return;
  ImageDeclaration qualifiers;
  const auto type_index = static_cast<std::size_t>(type - tokens.begin());
  const auto offset = [&](std::size_t token) {
    return static_cast<std::size_t>(tokens[token].data() - declaration.data());
  };
  for (std::size_t i = 0; i < type_index; ++i) {
    if (tokens[i] == "readonly") qualifiers.readonly = true;
    if (tokens[i] == "writeonly") qualifiers.writeonly = true;
    if (tokens[i] == "layout" && i + 1 < type_index && tokens[i + 1] == "(") {
      const std::optional<LayoutQualifier> q = layout_qualifier_at(declaration, offset(i));
      if (!q) break;  // never closed: nothing after it is a qualifier
      read_format(declaration, *q, qualifiers.format);
      while (i + 1 < tokens.size() && offset(i + 1) < q->after) ++i;  // past its ')'
    }
  }
  // Names follow the type, separated by commas; array sizes in brackets are skipped.
  int brackets = 0;
  bool expect_name = true;
  for (std::size_t i = type_index + 1; i < tokens.size(); ++i) {
    if (tokens[i] == "[") ++brackets;
    if (tokens[i] == "]") --brackets;
    if (brackets == 0 && tokens[i] == ",") expect_name = true;
    if (expect_name && brackets == 0 && is_identifier(tokens[i])) {
      ImageDeclaration image = qualifiers;
      image.name = std::string(tokens[i]);
      out.push_back(std::move(image));
      expect_name = false;
    }
  }
}

}  // namespace

std::vector<ImageDeclaration> parse_image_declarations(std::string_view glsl) {
  const std::string code = blank_comments(glsl, true);
  const std::string_view text(code);
  std::vector<ImageDeclaration> images;
  int depth = 0;  // braces: function bodies, blocks and structs are not global declarations
  std::size_t start = 0;  // of the declaration being read
  for (std::size_t at = 0; at < text.size(); ++at) {
    const char c = text[at];
    if (c == '{' || c == '}') {
      depth = std::max(0, depth + (c == '{' ? 1 : -1));
      start = at + 1;
    } else if (depth == 0 && c == ';') {
      read_declaration(text.substr(start, at - start), images);
      start = at + 1;
    } else if (depth != 0) {
      start = at + 1;
    }
  }
  return images;
}

}  // namespace glc::detail
