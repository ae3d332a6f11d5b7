// glcompute::testing (include/glcompute/testing.hpp): the matchers' verdicts and reports, and
// the ComputeTest fixture, whose failures and skips are seen by running this binary again as a
// child with one of the KitChild tests below.

#include <glcompute/testing.hpp>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include <glad/gl.h>
#include <glm/glm.hpp>

#include "run_program.hpp"
#include "temp_dir.hpp"

namespace {

using glc::testing::ComputeTest;
using glc::testing::ElementsEqual;
using glc::testing::ElementsNear;
using ::testing::HasSubstr;

// The explanation a matcher gives for `actual`, or "(matches)".
template <class T, class M>
std::string report(const M& matcher, const std::vector<T>& actual) {
  const ::testing::Matcher<const std::vector<T>&> m = matcher;
  ::testing::StringMatchResultListener listener;
  return m.MatchAndExplain(actual, &listener) ? "(matches)" : listener.str();
}

template <class T, class M>
bool accepts(const M& matcher, const std::vector<T>& actual) {
  return ::testing::Matcher<const std::vector<T>&>(matcher).Matches(actual);
}

TEST(Matchers, ReportMismatchesAsNumPyDoes) {
  std::vector<float> expected(64), actual(64);
  for (int i = 0; i < 64; ++i) expected[i] = actual[i] = static_cast<float>(2 * i);
  actual[2] = 6.0f;      // expected 4
  actual[11] = NAN;      // expected 22
  actual[63] = 127.5f;   // expected 126
  EXPECT_EQ(report(ElementsEqual(expected, {8, 8}), actual),
            "which differs:\n"
            "Mismatched elements: 3 / 64 (4.69%)\n"
            "Max absolute difference: 2.\n"
            "Max relative difference: 0.5\n"
            " index   actual  expected\n"
            " [0, 2]     6.         4.\n"
            " [1, 3]     nan       22.\n"
            " [7, 7]   127.5      126.");
  EXPECT_THAT(report(ElementsEqual(expected), actual), HasSubstr(" index  actual  expected\n [2]       6.         4.\n"
                                                                 " [11]      nan       22.\n [63]    127.5      126."));
  EXPECT_EQ(report(ElementsEqual(expected), expected), "(matches)");
}

TEST(Matchers, ListTenThenCount) {
  std::vector<std::int32_t> expected(1000, 7), actual(1000, 7);
  for (int i = 100; i < 125; ++i) actual[i] = -i;
  const std::string r = report(ElementsEqual(expected), actual);
  EXPECT_THAT(r, HasSubstr("Mismatched elements: 25 / 1000 (2.5%)\nMax absolute difference: 131\n"));
  EXPECT_THAT(r, HasSubstr(" [109]    -109         7\n ... and 15 more"));
  EXPECT_THAT(r, ::testing::Not(HasSubstr("[110]")));
}

TEST(Matchers, SizesMustAgree) {
  EXPECT_EQ(report(ElementsEqual({1.0f, 2.0f}), std::vector<float>{1.0f}),
            "which differs:\nit has 1 elements, 2 expected");
}

TEST(Matchers, NearTakesAbsoluteRelativeAndUlpTolerances) {
  const std::vector<double> expected = {1.0, 100.0, 0.0};
  EXPECT_TRUE(accepts(ElementsNear(expected, {.abs = 1e-3}), std::vector<double>{1.0009, 100.0009, -0.0009}));
  EXPECT_FALSE(accepts(ElementsNear(expected, {.abs = 1e-3}), std::vector<double>{1.0, 100.0011, 0.0}));
  EXPECT_TRUE(accepts(ElementsNear(expected, {.rel = 1e-5}), std::vector<double>{1.000009, 100.0009, 0.0}));
  EXPECT_FALSE(accepts(ElementsNear(expected, {.rel = 1e-5}), std::vector<double>{1.0, 100.0, 1e-300}));
  // NumPy's isclose: abs + rel * |expected|.
  EXPECT_TRUE(accepts(ElementsNear(expected, {.abs = 1e-3, .rel = 1e-5}), std::vector<double>{1.001, 100.002, 0.001}));
  const float one = 1.0f;
  const float up4 = std::nextafter(std::nextafter(std::nextafter(std::nextafter(one, 2.0f), 2.0f), 2.0f), 2.0f);
  const float down5 = std::nextafter(std::nextafter(std::nextafter(std::nextafter(std::nextafter(one, 0.0f), 0.0f), 0.0f), 0.0f), 0.0f);
  EXPECT_TRUE(accepts(ElementsNear({one}, {.ulp = 4}), std::vector<float>{up4}));
  EXPECT_FALSE(accepts(ElementsNear({one}, {.ulp = 4}), std::vector<float>{down5}));
  EXPECT_FALSE(accepts(ElementsEqual({one}), std::vector<float>{up4}));
  // Across zero: -0 and +0 are equal, the smallest subnormals one ulp from zero each.
  const float tiny = std::numeric_limits<float>::denorm_min();
  EXPECT_TRUE(accepts(ElementsEqual({0.0f}), std::vector<float>{-0.0f}));
  EXPECT_TRUE(accepts(ElementsNear({tiny}, {.ulp = 2}), std::vector<float>{-tiny}));
  EXPECT_FALSE(accepts(ElementsNear({tiny}, {.ulp = 1}), std::vector<float>{-tiny}));
  // NaN matches only NaN, infinity only itself, whatever the tolerance.
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_TRUE(accepts(ElementsNear({NAN, inf, -inf}, {.abs = 1}), std::vector<float>{NAN, inf, -inf}));
  EXPECT_FALSE(accepts(ElementsNear({inf}, {.abs = 1e30, .ulp = 1u << 30}), std::vector<float>{3e38f}));
  EXPECT_FALSE(accepts(ElementsNear({0.0f}, {.abs = 1e30}), std::vector<float>{NAN}));
  // Integers: exact differences, even across the whole range.
  EXPECT_TRUE(accepts(ElementsNear({INT64_MIN}, {.ulp = 1}), std::vector<std::int64_t>{INT64_MIN + 1}));
  EXPECT_FALSE(accepts(ElementsNear({INT64_MIN}, {.abs = 1e18}), std::vector<std::int64_t>{INT64_MAX}));
  EXPECT_THAT(report(ElementsNear({std::uint64_t{0}}, {.abs = 1}), std::vector<std::uint64_t>{UINT64_MAX}),
              HasSubstr("Max absolute difference: 18446744073709551615\n"));
}

TEST(Matchers, DescribeThemselves) {
  EXPECT_EQ(::testing::DescribeMatcher<const std::vector<float>&>(ElementsEqual({1.0f, 2.0f})),
            "is elementwise equal to the 2 expected elements");
  EXPECT_EQ(::testing::DescribeMatcher<const std::vector<float>&>(ElementsNear({1.0f}, {.rel = 1e-6, .ulp = 4})),
            "is elementwise within abs 0. + rel 1.e-06 x |expected| or 4 ulp of the 1 expected elements");
  EXPECT_EQ(::testing::DescribeMatcher<const std::vector<float>&>(ElementsNear({1.0f}, {.ulp = 2}), true),
            "is not elementwise within 2 ulp of the 1 expected elements");
}

TEST(Matchers, NarrowIntegersAndBools) {
  EXPECT_EQ(report(ElementsEqual(std::vector<std::int8_t>{-128, 5}), std::vector<std::int8_t>{127, 5}),
            "which differs:\nMismatched elements: 1 / 2 (50%)\nMax absolute difference: 255\n"
            "Max relative difference: 1.9921875\n index  actual  expected\n [0]       127      -128");
  EXPECT_THAT(report(ElementsEqual({true, false}), std::vector<std::uint8_t>{1, 1}), HasSubstr(" [1]         1         0"));
}

class Kit : public ComputeTest {};

TEST_F(Kit, BuffersAndGlmVectorsCompare) {
  glc::Buffer<float> xs = ctx().buffer(std::vector<float>{1, 2, 3});
  EXPECT_THAT(xs, ElementsEqual({1.0f, 2.0f, 3.0f}));
  EXPECT_THAT(xs, ElementsNear(std::vector<double>{1.0, 2.0, 3.0000001}, {.ulp = 1}));
  EXPECT_THAT(xs, ::testing::Not(ElementsEqual({1.0f, 2.0f, 4.0f})));
  glc::Buffer<glm::vec4> vs = ctx().buffer(std::vector<glm::vec4>{{1, 2, 3, 4}, {5, 6, 7, 8}});
  EXPECT_THAT(vs, ElementsEqual(std::vector<glm::vec4>{{1, 2, 3, 4}, {5, 6, 7, 8}}));
  const ::testing::Matcher<const glc::Buffer<glm::vec4>&> m = ElementsEqual(std::vector<float>{1, 2, 3, 4, 5, 6, 0, 8});
  ::testing::StringMatchResultListener listener;
  EXPECT_FALSE(m.MatchAndExplain(vs, &listener));
  EXPECT_THAT(listener.str(), HasSubstr(" [1, 2]      7.        0."));
  EXPECT_EQ(::testing::PrintToString(vs), "glc::Buffer of 2 elements");
}

// Run only as a child of the Fixture tests below (GLC_KIT_CHILD=1): each ends the way its name
// says.
class KitChild : public ComputeTest {
 protected:
  void SetUp() override {
    if (std::getenv("GLC_KIT_CHILD") == nullptr) GTEST_SKIP() << "runs as a child of Fixture.* only";
    ComputeTest::SetUp();
  }
};

TEST_F(KitChild, LeavesAGlError) { glEnable(0x1234); }  // GL_INVALID_ENUM, which no glcompute call sees
TEST_F(KitChild, FindsAMismatch) { EXPECT_THAT(ctx().buffer(std::vector<int>{1, 2}), ElementsEqual({1, 3})); }
TEST_F(KitChild, Passes) { EXPECT_THAT(ctx().buffer(std::vector<int>{1, 2}), ElementsEqual({1, 2})); }

glc::testing::ProgramResult child(const std::string& test, std::vector<std::string> env = {}) {
  env.push_back("GLC_KIT_CHILD=1");
  return glc::testing::run_program("/proc/self/exe", {"--gtest_filter=KitChild." + test}, {}, env);
}

TEST(Fixture, FailsATestThatLeavesAGlError) {
  const glc::testing::ProgramResult r = child("LeavesAGlError");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_THAT(r.out, HasSubstr("GL reports an error after the test: "));
  EXPECT_THAT(r.out, HasSubstr("GL_INVALID_ENUM"));
}

TEST(Fixture, ShowsWhichElementsDiffer) {
  const glc::testing::ProgramResult r = child("FindsAMismatch");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_THAT(r.out, HasSubstr("Expected: is elementwise equal to the 2 expected elements\n"
                               "  Actual: glc::Buffer of 2 elements"));
  EXPECT_THAT(r.out, HasSubstr("which differs:\nMismatched elements: 1 / 2 (50%)\nMax absolute difference: 1\n"
                               "Max relative difference: 0.33333333\n index  actual  expected\n [1]         2         3\n"));
}

TEST(Fixture, SkipsWithTheReasonWhereThereIsNoGl) {
  const glc::testing::TempDir no_vendors;
  const std::vector<std::string> no_egl = {"__EGL_VENDOR_LIBRARY_DIRS=" + no_vendors.path().string(),
                                           "__EGL_VENDOR_LIBRARY_FILENAMES", "GLCOMPUTE_BACKEND=egl",
                                           "GLCOMPUTE_TESTING_REQUIRE_GL"};
  const glc::testing::ProgramResult skipped = child("Passes", no_egl);
  EXPECT_EQ(skipped.status, 0) << skipped.out;
  EXPECT_THAT(skipped.out, HasSubstr("Skipped\nno GL context: glc::Context: "));
  EXPECT_THAT(skipped.out, HasSubstr("[  SKIPPED ] 1 test"));
  std::vector<std::string> required = no_egl;
  required.push_back("GLCOMPUTE_TESTING_REQUIRE_GL=1");
  const glc::testing::ProgramResult failed = child("Passes", required);
  EXPECT_EQ(failed.status, 1) << failed.out;
  EXPECT_THAT(failed.out, HasSubstr("(GLCOMPUTE_TESTING_REQUIRE_GL=1)"));
  const glc::testing::ProgramResult passed = child("Passes");
  EXPECT_EQ(passed.status, 0) << passed.out;
  EXPECT_THAT(passed.out, HasSubstr("[  PASSED  ] 1 test"));
}

}  // namespace
