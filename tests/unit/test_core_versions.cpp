// Which GL core versions the backends ask for, and what they say when a driver has none that
// serves ContextOptions::min_version (src/context/platform_context.hpp). No GL.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "context/platform_context.hpp"

namespace {

using glc::GlVersion;
using glc::detail::below_minimum;
using glc::detail::core_versions_to_try;
using glc::detail::no_core_context;

std::vector<std::string> texts(const std::vector<GlVersion>& versions) {
  std::vector<std::string> out;
  for (const GlVersion& v : versions) out.push_back(std::to_string(v.major) + "." + std::to_string(v.minor));
  return out;
}

TEST(CoreVersions, NewestFirstDownTo43AndAMinimumAbove46First) {
  EXPECT_THAT(texts(core_versions_to_try({4, 3})), ::testing::ElementsAre("4.6", "4.5", "4.4", "4.3"));
  // Versions below a higher minimum are still asked for: a driver that gives one is told apart
  // from one that gives nothing (below_minimum's message).
  EXPECT_THAT(texts(core_versions_to_try({4, 5})), ::testing::ElementsAre("4.6", "4.5", "4.4", "4.3"));
  EXPECT_THAT(texts(core_versions_to_try({5, 0})),
              ::testing::ElementsAre("5.0", "4.6", "4.5", "4.4", "4.3"));
}

TEST(CoreVersions, BelowTheMinimumSaysBoth) {
  EXPECT_EQ(below_minimum({4, 5}, {4, 5}), "");
  EXPECT_EQ(below_minimum({4, 6}, {4, 5}), "");
  EXPECT_EQ(below_minimum({4, 5}, {4, 6}), "GL 4.6 core was required but this driver offers at most 4.5");
  EXPECT_EQ(below_minimum({4, 6}, {5, 0}), "GL 5.0 core was required but this driver offers at most 4.6");
}

TEST(CoreVersions, NoContextNamesTheMinimumAskedFor) {
  EXPECT_EQ(no_core_context({4, 5}, "eglCreateContext", " 4.6: EGL_BAD_MATCH; 4.5: EGL_BAD_MATCH;"),
            "no GL core context of version 4.5 or later (eglCreateContext refused 4.6: EGL_BAD_MATCH; "
            "4.5: EGL_BAD_MATCH;)");
  EXPECT_THAT(no_core_context({4, 3}, "glfwCreateWindow", ""), ::testing::HasSubstr("version 4.3 or later"));
}

}  // namespace
