// saxpy.comp against the same arithmetic on the CPU (within one ulp: the GPU may fuse the
// multiply and the add).
#include <glcompute/testing.hpp>

using glc::testing::ComputeTest;
using glc::testing::ElementsNear;

TEST_F(ComputeTest, SaxpyMatchesTheCpu) {
  const std::uint32_t n = 1000;
  std::vector<float> x(n), y(n, 1.0f), expected(n);
  for (std::uint32_t i = 0; i < n; ++i) expected[i] = 2.0f * (x[i] = 0.5f * i) + 1.0f;
  glc::Program saxpy = ctx().compile(glc::Source::file(SHADER_DIR "/saxpy.comp"));
  glc::Buffer<float> xs = ctx().buffer(x), ys = ctx().buffer(y);
  saxpy.bind("X", xs).bind("Y", ys).set("a", 2.0f).set("n", n);
  saxpy.dispatch_for(n);
  EXPECT_THAT(ys, ElementsNear(expected, {.ulp = 1}));
}
