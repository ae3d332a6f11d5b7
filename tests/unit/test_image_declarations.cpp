// What a shader's source says about its image uniforms beyond GL's reflection: the format
// qualifier and readonly / writeonly (src/shader/image_declarations.hpp). No GL.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "shader/image_declarations.hpp"

namespace {

using glc::detail::ImageDeclaration;
using glc::detail::parse_image_declarations;

std::string describe(const ImageDeclaration& d) {
  return d.name + " [" + d.format + "]" + (d.readonly ? " readonly" : "") +
         (d.writeonly ? " writeonly" : "");
}

std::vector<std::string> read(const std::string& glsl) {
  std::vector<std::string> out;
  for (const ImageDeclaration& d : parse_image_declarations(glsl)) out.push_back(describe(d));
  return out;
}

TEST(ImageDeclarations, ReadsFormatsAndMemoryQualifiers) {
  EXPECT_EQ(read("layout(binding = 1, rgba32f) uniform readonly image2D src;\n"
                 "layout(r32ui) writeonly uniform uimage2D counts;\n"
                 "uniform iimage3D volume;\n"),
            (std::vector<std::string>{"src [rgba32f] readonly", "counts [r32ui] writeonly",
                                      "volume []"}));
}

TEST(ImageDeclarations, EveryNameOfADeclarationSharesItsQualifiers) {
  EXPECT_EQ(read("layout(rgba8) uniform restrict writeonly image2D a, b[2], c[N + 1];"),
            (std::vector<std::string>{"a [rgba8] writeonly", "b [rgba8] writeonly",
                                      "c [rgba8] writeonly"}));
}

TEST(ImageDeclarations, IgnoresCommentsDirectivesAndWhatIsNotAGlobalImageUniform) {
  EXPECT_EQ(read("#version 450\n"
                 "// uniform image2D commented;\n"
                 "/* layout(rgba8) uniform image2D also_commented; */\n"
                 "#define X uniform image2D in_a_directive;\n"
                 "struct S { int x; };\n"
                 "layout(std430) buffer B { uint images[]; };\n"
                 "uniform sampler2D not_an_image;\n"
                 "void main() { image2D local; }\n"
                 "layout(binding = 2) uniform image2D found;\n"),
            (std::vector<std::string>{"found []"}));
}

TEST(ImageDeclarations, AFormatIsAnItemOfItsOwnAndTheLastOneCounts) {
  EXPECT_EQ(read("layout(rgba32f = 1, binding = (1), r32f) uniform image2D a;"),
            (std::vector<std::string>{"a [r32f]"}));
  // An unclosed layout hides the qualifiers after it; nothing throws.
  EXPECT_EQ(read("layout(rgba8 uniform readonly image2D a;"), (std::vector<std::string>{"a []"}));
}

}  // namespace
