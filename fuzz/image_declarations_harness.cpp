// The image declarations read from a shader's preprocessed GLSL. The input is the GLSL. The
// reader runs after the driver has linked the program (reflect_images), on text the driver
// accepted, and has no error to report: it must never throw, whatever the text. Each
// declaration it returns must name an identifier that stands as a word in the input, with a
// format that is empty or a format qualifier written in the input; and text that cannot hold
// an image uniform (no "uniform" or no "image") gives none.

#include <algorithm>
#include <cctype>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "harnesses.hpp"
#include "shader/image_declarations.hpp"

namespace glc::fuzz {
namespace {

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool is_identifier(std::string_view s) {
  return !s.empty() && !std::isdigit(static_cast<unsigned char>(s[0])) &&
         std::all_of(s.begin(), s.end(), is_word_char);
}

}  // namespace

int image_declarations(const std::uint8_t* data, std::size_t size) {
  const std::string glsl(reinterpret_cast<const char*>(data), size);
  try {
    const std::vector<detail::ImageDeclaration> images = detail::parse_image_declarations(glsl);
    for (const detail::ImageDeclaration& image : images) {
      check(is_identifier(image.name), "an image name that is not an identifier");
      check(has_word(glsl, image.name), "an image name that the text does not hold");
      check(image.format.empty() || (is_identifier(image.format) && has_word(glsl, image.format)),
            "an image format that the text does not hold");
    }
    if (glsl.find("uniform") == std::string::npos || glsl.find("image") == std::string::npos) {
      check(images.empty(), "an image declaration without 'uniform' or 'image'");
    }
  } catch (const std::exception& e) {
    unexpected_exception("parse_image_declarations threw", e);
  }
  return 0;
}

}  // namespace glc::fuzz
