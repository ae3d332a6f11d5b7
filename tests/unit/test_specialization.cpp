// Specialization constants and local_size_*_id in preprocessed GLSL (src/shader/specialization.hpp):
// what is found, what CompileOptions may set, and the GLSL path's rewrite. No GL: the GL tests
// (test_shader_paths) run the same shaders on both compile paths.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "glcompute/error.hpp"
#include "shader/specialization.hpp"

namespace {

using glc::detail::find_constants;
using glc::detail::resolve_constants;
using glc::detail::ShaderConstants;
using glc::detail::specialize_glsl;
using glc::detail::WorkGroupLimits;
using ::testing::HasSubstr;
using ::testing::Pair;

const std::vector<std::string> kFiles = {"main.comp", "lib.glsl"};
const WorkGroupLimits kLimits{{1024, 1024, 64}, 1024};

/// What preprocessing gives for a shader that includes lib.glsl at its line 3.
const std::string kShader =
    "#version 450\n"
    "layout(local_size_x_id = 0, local_size_x = 64) in;\n"
    "#line 1 1\n"
    "layout(constant_id = 1) const uint taps = 5u;\n"
    "layout(constant_id = 2)\n  const float gain = 0.5;\n"
    "#line 4 0\n"
    "layout(constant_id = 3) const bool fast = false;\n"
    "void main() {}\n";

/// The ShaderError `f` throws: its first diagnostic as "file:line: message".
std::string diagnostic_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const glc::ShaderError& e) {
    return e.diagnostics().empty() ? "(no diagnostic)" : e.diagnostics()[0].to_string();
  }
  return "(no error thrown)";
}

TEST(Specialization, FindsConstantsAndTheWorkGroupSize) {
  const ShaderConstants c = find_constants(kShader, kFiles);
  ASSERT_EQ(c.constants.size(), 3u);
  EXPECT_EQ(c.constants[0].name, "taps");
  EXPECT_EQ(c.constants[0].type, "uint");
  EXPECT_EQ(c.constants[0].id, 1u);
  EXPECT_EQ(c.constants[1].name, "gain");  // written across lines
  EXPECT_EQ(c.constants[2].type, "bool");
  EXPECT_EQ(kShader.substr(c.constants[0].default_begin,
                           c.constants[0].default_end - c.constants[0].default_begin), " 5u");
  EXPECT_EQ(c.local_size_ids[0], 0u);
  EXPECT_FALSE(c.local_size_ids[1]);
  EXPECT_EQ(c.declared_local_size[0], 64u);
  ASSERT_EQ(c.local_size_layouts.size(), 1u);
  EXPECT_THAT(c.local_size_layouts[0].items,
              ::testing::ElementsAre(Pair("local_size_x_id", "0"), Pair("local_size_x", "64")));
}

TEST(Specialization, ATextWithoutDeclarationsDeclaresNothing) {
  const ShaderConstants c = find_constants("#version 430\nlayout(local_size_x = 8) in;\nvoid main() {}\n", kFiles);
  EXPECT_TRUE(c.constants.empty());
  EXPECT_TRUE(c.local_size_layouts.empty());
  EXPECT_FALSE(c.local_size_ids[0]);
}

TEST(Specialization, UnreadableDeclarationsAreErrorsAtTheirFileAndLine) {
  EXPECT_EQ(diagnostic_of([] { find_constants("#version 450\n#line 1 1\n\nlayout(constant_id = x) const int a = 1;\n", kFiles); }),
            "lib.glsl:2: constant_id must be an integer literal, not 'x'");
  EXPECT_EQ(diagnostic_of([] {
              find_constants("#version 450\nlayout(constant_id = 1) const int a = 1;\n"
                             "layout(constant_id = 1) const int b = 2;\n", kFiles);
            }),
            "main.comp:3: constant_id 1 is used by both 'a' and 'b'");
  EXPECT_THAT(diagnostic_of([] { find_constants("#version 450\nlayout(constant_id = 1) uniform int a;\n", kFiles); }),
              HasSubstr("main.comp:2: cannot read this specialization constant"));
  EXPECT_THAT(diagnostic_of([] { find_constants("#version 450\nlayout(local_size_x_id = 0) buffer B { int x; };\n", kFiles); }),
              HasSubstr("main.comp:2: cannot read this layout"));
  // A parenthesised size beside an id is read whole, and refused for what it is.
  EXPECT_EQ(diagnostic_of([] {
              find_constants("#version 450\nlayout(local_size_x = (32 * 2), local_size_x_id = 0) in;\n", kFiles);
            }),
            "main.comp:2: local_size_x must be an integer literal where local_size_x_id is used, not '(32 * 2)'");
}

TEST(Specialization, ResolvesOptionsByIdAndNameSortedById) {
  const ShaderConstants c = find_constants(kShader, kFiles);
  glc::CompileOptions o;
  o.specialize("fast", true).specialize(1, 9u);
  o.local_size = {128, 0, 0};
  EXPECT_THAT(resolve_constants(c, o, kLimits, "main.comp"),
              ::testing::ElementsAre(Pair(0u, 128u), Pair(1u, 9u), Pair(3u, 1u)));
}

TEST(Specialization, RefusesWhatTheShaderDoesNotDeclareOrAllow) {
  const ShaderConstants c = find_constants(kShader, kFiles);
  const auto refused = [&](glc::CompileOptions o) {
    return diagnostic_of([&] { resolve_constants(c, o, kLimits, "main.comp"); });
  };
  glc::CompileOptions unknown;
  unknown.specialize("missing", 1u);
  EXPECT_THAT(refused(unknown), HasSubstr("named 'missing', which the shader does not declare"));
  EXPECT_THAT(refused(unknown), HasSubstr("taps (id 1, uint)"));
  glc::CompileOptions wrong_type;
  wrong_type.specialize("taps", 9);
  EXPECT_THAT(refused(wrong_type), HasSubstr("is declared uint but CompileOptions gives an int (std::uint32_t is needed)"));
  glc::CompileOptions twice;
  twice.specialize("taps", 1u).specialize(1, 2u);
  EXPECT_THAT(refused(twice), HasSubstr("is set twice"));
  glc::CompileOptions nan;
  nan.specialize("gain", std::numeric_limits<float>::quiet_NaN());
  EXPECT_THAT(refused(nan), HasSubstr("is given NaN"));
  glc::CompileOptions fixed;
  fixed.local_size = {0, 4, 0};
  EXPECT_THAT(refused(fixed), HasSubstr("sets y = 4, but the shader fixes that size"));
  glc::CompileOptions too_large;
  too_large.local_size = {2048, 0, 0};
  EXPECT_THAT(refused(too_large), HasSubstr("local_size_x = 2048 is above this driver's limit of 1024"));
}

TEST(Specialization, TheGlslPathWritesTheValuesAndKeepsEveryLine) {
  const ShaderConstants c = find_constants(kShader, kFiles);
  glc::CompileOptions o;
  o.specialize("taps", 9u).specialize("gain", 0.25f);
  o.local_size = {128, 0, 0};
  const std::string glsl = specialize_glsl(kShader, c, resolve_constants(c, o, kLimits, "main.comp"));
  EXPECT_EQ(std::count(glsl.begin(), glsl.end(), '\n'), std::count(kShader.begin(), kShader.end(), '\n'));
  EXPECT_THAT(glsl, HasSubstr("layout(local_size_x = 128) in;"));
  EXPECT_THAT(glsl, HasSubstr("const uint taps = 9u;"));
  EXPECT_THAT(glsl, HasSubstr("const float gain = 0.25;"));
  EXPECT_THAT(glsl, HasSubstr("const bool fast = false;"));  // not set: the default stays
  EXPECT_EQ(glsl.find("constant_id"), std::string::npos);
  EXPECT_EQ(glsl.find("_id"), std::string::npos);
  // Read again, the rewritten text declares nothing.
  EXPECT_TRUE(find_constants(glsl, kFiles).constants.empty());
}

}  // namespace
