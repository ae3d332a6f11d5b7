// shaders/glcompute/grid.glsl: GLC_GLOBAL_INDEX and GLC_GRID_SIZE drive a grid-stride loop
// that covers every element whatever the dispatch size.

#include <gtest/gtest.h>

#include <vector>

#include "gl_test_context.hpp"

namespace {

using glc::testing::context;
using glc::testing::poisoned_buffer;

constexpr const char* kGridStride = R"(#version 430
#include "glcompute/grid.glsl"
layout(local_size_x = 32) in;
layout(std430, binding = 0) buffer Out { uint v[]; };
uniform uint n;
void main() {
  for (uint i = GLC_GLOBAL_INDEX; i < n; i += GLC_GRID_SIZE) v[i] = i ^ 0x5a5au;
}
)";

TEST(GridGlsl, GridStrideLoopCoversEveryElementForAnyGroupCount) {
  glc::Program p = context().compile(glc::Source::text(kGridStride, "grid_stride.comp"));
  for (std::uint32_t groups : {1u, 3u, 64u}) {
    for (std::uint32_t n : {1u, 31u, 32u, 33u, 1000u, 4099u}) {
      glc::Buffer<std::uint32_t> out = poisoned_buffer<std::uint32_t>(n + 5);
      p.bind("Out", out).set("n", n).dispatch(groups);
      const std::vector<std::uint32_t> v = out.read();
      for (std::uint32_t i = 0; i < v.size(); ++i) {
        ASSERT_EQ(v[i], i < n ? (i ^ 0x5a5au) : glc::testing::poison<std::uint32_t>())
            << "element " << i << ", n = " << n << ", groups = " << groups;
      }
    }
  }
}

TEST(GridGlsl, GridSizeIsGroupsTimesLocalSize) {
  glc::Program p = context().compile(glc::Source::text(R"(#version 430
#include "glcompute/grid.glsl"
layout(local_size_x = 8, local_size_y = 2) in;
layout(std430, binding = 0) buffer Out { uint v[]; };
void main() { if (GLC_GLOBAL_INDEX == 0u && gl_LocalInvocationID.y == 0u) v[0] = GLC_GRID_SIZE; }
)"));
  glc::Buffer<std::uint32_t> out = poisoned_buffer<std::uint32_t>(1);
  p.bind("Out", out).dispatch(5, 1);
  EXPECT_EQ(out.read()[0], 5u * 8u);
}

}  // namespace
