// The GLSL text scanner (src/shader/glsl_text.hpp) that preprocessing, specialization constants,
// image declarations and info logs share: no GL.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "shader/glsl_text.hpp"

namespace {

using glc::detail::TextCursor;
using ::testing::ElementsAre;
using ::testing::Pair;

TEST(GlslText, CursorReadsLiteralsNumbersAndWordsOrNothing) {
  TextCursor c("0:12(5): error: x");
  int source = -1, line = -1, column = -1;
  std::string_view word;
  EXPECT_FALSE(c.literal(":"));  // nothing consumed on a mismatch
  EXPECT_TRUE(c.number(source) && c.literal(":") && c.number(line) && c.literal("(") &&
              c.number(column) && c.literal("): ") && c.word(word));
  EXPECT_EQ(source, 0);
  EXPECT_EQ(line, 12);
  EXPECT_EQ(column, 5);
  EXPECT_EQ(word, "error");
  EXPECT_EQ(c.rest(), ": x");
}

TEST(GlslText, AnIntNumberBeyondIntDoesNotMatchAndAWideOneSaturates) {
  TextCursor big("2147483648 tail");
  int value = 7;
  EXPECT_FALSE(big.number(value));
  EXPECT_EQ(value, 7);
  EXPECT_EQ(big.position(), 0u);
  std::uint64_t wide = 0;
  std::string_view digits;
  TextCursor huge("99999999999999999999999 x");
  EXPECT_TRUE(huge.number(wide, &digits));
  EXPECT_EQ(wide, UINT64_MAX);
  EXPECT_EQ(digits, "99999999999999999999999");
}

TEST(GlslText, SpacesAndBlanks) {
  TextCursor c(" \t\n\v\f\rword");
  c.skip_blanks();
  EXPECT_EQ(c.peek(), '\n');  // blanks stay on the line
  c.skip_spaces();
  EXPECT_EQ(c.rest(), "word");
  EXPECT_TRUE(glc::detail::is_identifier("_a1"));
  EXPECT_FALSE(glc::detail::is_identifier("1a"));
  EXPECT_FALSE(glc::detail::is_identifier("a-b"));
  EXPECT_FALSE(glc::detail::is_identifier(""));
}

TEST(GlslText, FindsWholeWordsOnly) {
  EXPECT_THAT(glc::detail::find_words("layout mylayout layout_x layout(", "layout"), ElementsAre(0u, 25u));
  EXPECT_TRUE(glc::detail::find_words("anything", "").empty());
}

TEST(GlslText, BlanksCommentsAndDirectivesButKeepsLineBreaksAndOffsets) {
  const std::string text = "a // c\n  #version 430\nb /* x\ny */ c\n/* open";
  const std::string with = glc::detail::blank_comments(text, true);
  EXPECT_EQ(with.size(), text.size());
  EXPECT_EQ(with, "a" + std::string(5, ' ') + "\n" + std::string(14, ' ') + "\nb" + std::string(5, ' ') +
                      "\n" + std::string(5, ' ') + "c\n" + std::string(7, ' '));
  const std::string without = glc::detail::blank_comments(text, false);
  EXPECT_NE(without.find("#version 430"), std::string::npos);
  // A '#' after code on the same line is not a directive.
  EXPECT_EQ(glc::detail::blank_comments("x # y", true), "x # y");
}

TEST(GlslText, TokenizesWordsAndSinglePunctuation) {
  EXPECT_THAT(glc::detail::tokenize(" layout(rgba8)\tuniform image2D a[2];"),
              ElementsAre("layout", "(", "rgba8", ")", "uniform", "image2D", "a", "[", "2", "]", ";"));
}

TEST(GlslText, LayoutQualifiersMatchNestedParentheses) {
  const std::string text = "layout (local_size_x = (32 * 2), local_size_x_id = 0) in; layout(";
  const std::vector<glc::detail::LayoutQualifier> qs = glc::detail::find_layout_qualifiers(text);
  ASSERT_EQ(qs.size(), 1u);  // the last one is never closed
  EXPECT_EQ(qs[0].keyword, 0u);
  EXPECT_EQ(text.substr(qs[0].begin, qs[0].end - qs[0].begin),
            "local_size_x = (32 * 2), local_size_x_id = 0");
  EXPECT_EQ(text.substr(qs[0].after, 4), " in;");
  EXPECT_FALSE(glc::detail::layout_qualifier_at("layout x", 0));
  EXPECT_FALSE(glc::detail::layout_qualifier_at("layouts(x)", 1));
}

TEST(GlslText, LayoutItemsSplitAtTopLevelCommasAndTrim) {
  EXPECT_THAT(glc::detail::layout_items(" binding = 1 ,rgba32f, size = max(1, 2) "),
              ElementsAre(Pair("binding", "1"), Pair("rgba32f", ""), Pair("size", "max(1, 2)")));
  EXPECT_THAT(glc::detail::layout_items(""), ElementsAre(Pair("", "")));
}

TEST(GlslText, ReadsBothFormsOfLineDirective) {
  const auto numbered = glc::detail::parse_line_directive("#line 12 3");
  ASSERT_TRUE(numbered);
  EXPECT_EQ(numbered->line, 12u);
  EXPECT_EQ(numbered->file_index, 3u);
  EXPECT_FALSE(numbered->file_name);
  const auto named = glc::detail::parse_line_directive("#line 007 \"dir/a \"quoted\".glsl\"");
  ASSERT_TRUE(named);
  EXPECT_EQ(named->digits, "007");
  EXPECT_EQ(named->line, 7u);
  EXPECT_EQ(named->file_name, "dir/a \"quoted\".glsl");
  EXPECT_FALSE(named->file_index);
  const auto bare = glc::detail::parse_line_directive("#line 5");
  ASSERT_TRUE(bare);
  EXPECT_FALSE(bare->file_index);
  EXPECT_FALSE(bare->file_name);
  EXPECT_FALSE(glc::detail::parse_line_directive("#line \"a\""));
  EXPECT_FALSE(glc::detail::parse_line_directive("#lines 5 1"));
  EXPECT_FALSE(glc::detail::parse_line_directive("#line 5 \"unclosed")->file_name);
}

TEST(GlslText, LocatesOffsetsByLineMarkers) {
  const std::string text = "#version 430\nfirst\n#line 20 1\nincluded\nmore\n#line 3 0\nback\n";
  EXPECT_EQ(glc::detail::locate(text, text.find("first")).line, 2u);
  EXPECT_EQ(glc::detail::locate(text, text.find("first")).file, 0u);
  const glc::detail::TextLocation more = glc::detail::locate(text, text.find("more"));
  EXPECT_EQ(more.file, 1u);
  EXPECT_EQ(more.line, 21u);
  const glc::detail::TextLocation back = glc::detail::locate(text, text.find("back"));
  EXPECT_EQ(back.file, 0u);
  EXPECT_EQ(back.line, 3u);
  // A marker past UINT64_MAX saturates; the lines after it stay there.
  const std::string far = "#line 99999999999999999999999 0\nx\ny\n";
  EXPECT_EQ(glc::detail::locate(far, far.find('y')).line, UINT64_MAX);
}

}  // namespace
