// driver_text and relocate: the GLSL a driver gets has no #line directives, and a line the
// driver names goes back to the file and line it stands for, read as GLSL 4.60 reads #line
// (the next line is N), whatever the driver's own reading.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "shader/driver_lines.hpp"

namespace {

using glc::Diagnostic;
using glc::detail::driver_text;
using glc::detail::relocate;

const std::vector<std::string> kFiles = {"main.comp", "lib.glsl"};

TEST(DriverLines, DirectivesBecomeEmptyLinesAndEveryLineIsMapped) {
  const std::string glsl =
      "#version 430\n"          // 1: main.comp:1
      "#line 1 1\n"             // 2
      "float f() { return x; }\n"  // 3: lib.glsl:1
      "float g();\n"            // 4: lib.glsl:2
      "#line 3 0\n"             // 5
      "void main() {}\n"        // 6: main.comp:3
      "#line 1000000\n"         // 7: the source's own #line keeps the file
      "bad\n";                  // 8: main.comp:1000000
  const glc::detail::DriverText t = driver_text(glsl);
  EXPECT_EQ(t.text, "#version 430\n\nfloat f() { return x; }\nfloat g();\n\nvoid main() {}\n\nbad\n");
  std::vector<Diagnostic> d = {{"main.comp", 3, "x undeclared"}, {"main.comp", 4, "g"},
                               {"main.comp", 6, "m"},            {"main.comp", 8, "bad"},
                               {"main.comp", 1, "version"},      {"main.comp", 0, "no line"},
                               {"main.comp", 99, "past the end"}, {"lib.glsl", 3, "not the driver's"}};
  relocate(d, t, kFiles);
  const std::vector<std::string> got = [&] {
    std::vector<std::string> v;
    for (const Diagnostic& x : d) v.push_back(x.to_string());
    return v;
  }();
  EXPECT_EQ(got, (std::vector<std::string>{"lib.glsl:1: x undeclared", "lib.glsl:2: g", "main.comp:3: m",
                                            "main.comp:1000000: bad", "main.comp:1: version",
                                            "main.comp: no line", "main.comp:99: past the end",
                                            "lib.glsl:3: not the driver's"}));
}

TEST(DriverLines, TextWithoutDirectivesOrFinalNewlineIsKept) {
  const glc::detail::DriverText t = driver_text("#version 430\nvoid main() {}");
  EXPECT_EQ(t.text, "#version 430\nvoid main() {}");
  ASSERT_EQ(t.lines.size(), 2u);
  EXPECT_EQ(t.lines[1], (std::pair<std::size_t, std::uint64_t>{0, 2}));
  EXPECT_TRUE(driver_text("").text.empty());
  // A file index past the files, or a line past int, leaves the diagnostic where it was.
  const glc::detail::DriverText far = driver_text("#line 5 7\nx\n#line 99999999999 0\ny\n");
  std::vector<Diagnostic> d = {{"main.comp", 2, "a"}, {"main.comp", 4, "b"}};
  relocate(d, far, kFiles);
  EXPECT_EQ(d[0].to_string(), "main.comp:2: a");
  EXPECT_EQ(d[1].to_string(), "main.comp:4: b");
}

}  // namespace
