#include "shader/image_declarations.hpp"

#include <algorithm>
#include <cctype>

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


bool is_identifier(std::string_view token) {
  return !token.empty() && (std::isalpha(static_cast<unsigned char>(token[0])) || token[0] == '_');
}

bool is_image_type_name(std::string_view token) {
  if (token.starts_with("iimage") || token.starts_with("uimage")) token.remove_prefix(1);
  if (!token.starts_with("image")) return false;
  token.remove_prefix(5);
  return std::ranges::find(kImageDimensions, token) != std::end(kImageDimensions);
}

bool is_format_qualifier(std::string_view token) {
  return std::ranges::find(kFormatQualifiers, token) != std::end(kFormatQualifiers);
}

/// `glsl` with comments and preprocessor lines (#version, #line, #extension) replaced by
/// spaces, so only declarations and code remain.
std::string strip_comments_and_directives(std::string_view glsl) {
  std::string out(glsl);
  bool line_start = true;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    if (c == '\n') {
      line_start = true;
      continue;
    }
    std::size_t end = i;
    if (c == '/' && i + 1 < out.size() && out[i + 1] == '/') {
      end = out.find('\n', i);
    } else if (c == '/' && i + 1 < out.size() && out[i + 1] == '*') {
      end = out.find("*/", i + 2);
      if (end != std::string::npos) end += 2;
    } else if (c == '#' && line_start) {
      end = out.find('\n', i);
    } else {
      if (!std::isspace(static_cast<unsigned char>(c))) line_start = false;
      continue;
    }
    if (end == std::string::npos) end = out.size();
    // Newlines inside a block comment stay, so a directive after it is still at a line start.
    for (std::size_t j = i; j < end; ++j) {
      if (out[j] != '\n') out[j] = ' ';
    }
    i = end - 1;
  }
  return out;
}

/// Words (identifiers, numbers) and single punctuation characters.
std::vector<std::string_view> tokenize(std::string_view text) {
  std::vector<std::string_view> tokens;
  for (std::size_t i = 0; i < text.size();) {
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
    } else if (is_word_char(text[i])) {
      std::size_t end = i;
      while (end < text.size() && is_word_char(text[end])) ++end;
      tokens.push_back(text.substr(i, end - i));
      i = end;
    } else {
      tokens.push_back(text.substr(i++, 1));
    }
  }
  return tokens;
}

/// The format qualifier among the items of `layout ( ... )` starting at tokens[open] == "(";
/// returns the index of the closing ")".
std::size_t read_layout(const std::vector<std::string_view>& tokens, std::size_t open,
                        std::string& format) {
  std::size_t item_start = open + 1;
  int depth = 0;
  for (std::size_t i = open; i < tokens.size(); ++i) {
    if (tokens[i] == "(") ++depth;
    if (tokens[i] == ")") --depth;
    const bool item_ends = (depth == 1 && tokens[i] == ",") || depth == 0;
    if (i > open && item_ends) {
      if (i - item_start == 1 && is_format_qualifier(tokens[item_start])) {
        format = std::string(tokens[item_start]);
      }
      item_start = i + 1;
    }
    if (depth == 0) return i;
  }
  return tokens.size();
}

/// Adds the image uniforms of one global declaration (the tokens before its ';').
void read_declaration(const std::vector<std::string_view>& tokens,
                      std::vector<ImageDeclaration>& out) {
  const auto type = std::ranges::find_if(tokens, is_image_type_name);
  if (type == tokens.end() || std::find(tokens.begin(), type, "uniform") == type) return;
  ImageDeclaration qualifiers;
  const auto type_index = static_cast<std::size_t>(type - tokens.begin());
  for (std::size_t i = 0; i < type_index; ++i) {
    if (tokens[i] == "readonly") qualifiers.readonly = true;
    if (tokens[i] == "writeonly") qualifiers.writeonly = true;
    if (tokens[i] == "layout" && i + 1 < type_index && tokens[i + 1] == "(") {
      i = read_layout(tokens, i + 1, qualifiers.format);
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
  const std::string code = strip_comments_and_directives(glsl);
  std::vector<ImageDeclaration> images;
  std::vector<std::string_view> declaration;
  int depth = 0;  // braces: function bodies, blocks and structs are not global declarations
  for (std::string_view token : tokenize(code)) {
    if (token == "{" || token == "}") {
      depth = std::max(0, depth + (token == "{" ? 1 : -1));
      declaration.clear();
    } else if (depth == 0 && token == ";") {
      read_declaration(declaration, images);
      declaration.clear();
    } else if (depth == 0) {
      declaration.push_back(token);
    }
  }
  return images;
}

}  // namespace glc::detail
