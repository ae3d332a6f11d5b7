// Compiler and linker logs turned into file:line diagnostics (src/shader/shader_log.hpp): the log
// formats of Mesa, NVIDIA, AMD/glslang and shaderc, written out here. No GL.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "shader/shader_log.hpp"

namespace {

using glc::Diagnostic;
using glc::detail::parse_driver_log;
using glc::detail::parse_shaderc_log;

const std::vector<std::string> kFiles = {"main.comp", "glcompute/grid.glsl"};

std::vector<std::string> texts(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics) out.push_back(d.to_string());
  return out;
}

TEST(ShaderLog, ReadsMesaNvidiaAndAmdLinesBySourceString) {
  const std::string log =
      "0:12(5): error: `x' undeclared\n"
      "1(7) : error C1008: undefined variable \"y\"\r\n"
      "ERROR: 1:3: 'z' : undeclared identifier\n"
      "0:2(1): warning: unused variable\n";
  EXPECT_THAT(texts(parse_driver_log(log, kFiles, false)),
              ::testing::ElementsAre("main.comp:12: `x' undeclared",
                                     "glcompute/grid.glsl:7: C1008: undefined variable \"y\"",
                                     "glcompute/grid.glsl:3: 'z' : undeclared identifier",
                                     "main.comp:2: unused variable"));
  // Errors only: the warning goes.
  EXPECT_EQ(parse_driver_log(log, kFiles, true).size(), 3u);
}

TEST(ShaderLog, KeepsUnlocatedLinesWholeAtTheTopFile) {
  const std::vector<Diagnostic> d =
      parse_driver_log("error: linking with uncompiled shader\n\n   \nsome note\n", kFiles, false);
  EXPECT_THAT(texts(d), ::testing::ElementsAre("main.comp: linking with uncompiled shader",
                                               "main.comp: some note"));
}

TEST(ShaderLog, AnUnknownSourceStringOrANumberBeyondIntStaysInTheTopFile) {
  EXPECT_THAT(texts(parse_driver_log("7:4(1): error: x\n", kFiles, true)),
              ::testing::ElementsAre("main.comp:4: x"));
  // 2^31 does not fit an int: the line is not a located one, and nothing throws.
  EXPECT_THAT(texts(parse_driver_log("0:2147483648(1): error: x\n", kFiles, true)),
              ::testing::ElementsAre("main.comp: 0:2147483648(1): error: x"));
}

TEST(ShaderLog, ReadsShadercLinesWithColonsInFileNames) {
  const std::string log =
      "dir:with:colons/a.glsl:12: error: 'x' : undeclared identifier\n"
      "b.glsl: error: #include failed\n"
      "unparsed text\n"
      "2 errors generated.\n";
  EXPECT_THAT(texts(parse_shaderc_log(log, "main.comp")),
              ::testing::ElementsAre("dir:with:colons/a.glsl:12: 'x' : undeclared identifier",
                                     "b.glsl: #include failed", "main.comp: unparsed text"));
}

}  // namespace
