// glc::ElementwiseKernel: generated kernels against the same loops in C++ for every parameter
// type, values and buffers in any mix, every size class, in place, outputs kept where not
// assigned; type errors that name both types; GLSL errors that point into the operation; one
// compile per signature and context.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "gl_test_context.hpp"

namespace {

using glc::testing::context;
using glc::testing::contains;
using glc::testing::error_from;

constexpr std::size_t kSizes[] = {0, 1, 3, 4, 255, 257, (1u << 20) + 3};

std::vector<float> random_floats(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<float> v(n);
  for (float& x : v) x = static_cast<float>(rng() % 20001) / 100.0f - 100.0f;
  return v;
}

TEST(ElementwiseKernel, SaxpyAtEverySize) {
  glc::ElementwiseKernel saxpy(context(), "float x, float y, float a", "float z", "z = a * x + y;", "saxpy");
  for (const std::size_t n : kSizes) {
    SCOPED_TRACE("n = " + std::to_string(n));
    const std::vector<float> x = random_floats(n, 1), y = random_floats(n, 2);
    glc::Buffer<float> xs = context().buffer(x), ys = context().buffer(y);
    glc::Buffer<float> zs = context().buffer(std::vector<float>(n, -12345.5f));
    saxpy(xs, ys, 2.5f, zs);
    const std::vector<float> z = zs.read();
    for (std::size_t i = 0; i < n; ++i) {
      const float expected = std::fma(2.5f, x[i], y[i]);  // the GPU may fuse; either rounding
      const float plain = 2.5f * x[i] + y[i];
      ASSERT_TRUE(z[i] == expected || z[i] == plain) << i << ": " << z[i] << " vs " << plain;
    }
  }
}

TEST(ElementwiseKernel, EveryParameterTypeAndValuesOrBuffers) {
  const std::size_t n = 1003;
  std::vector<double> d(n);
  std::vector<std::int32_t> s(n);
  std::vector<std::uint32_t> u(n);
  std::vector<glm::vec4> v4(n);
  std::vector<glm::uvec4> u4(n);
  std::vector<glm::dvec2> d2(n);
  for (std::size_t i = 0; i < n; ++i) {
    d[i] = 0.25 * static_cast<double>(i) - 7;
    s[i] = static_cast<std::int32_t>(i) * -3;
    u[i] = static_cast<std::uint32_t>(i * 2654435761u);
    v4[i] = glm::vec4(static_cast<float>(i), 1, 2, 3);
    u4[i] = glm::uvec4(static_cast<std::uint32_t>(i), 5, 6, 7);
    d2[i] = glm::dvec2(static_cast<double>(i), -1e300);
  }
  // Scalars: buffers of double, int and uint; values of the vector types.
  glc::ElementwiseKernel scalars(context(), "double d, int s, uint u, vec2 v2, ivec2 i2, uvec2 u2, dvec2 dv",
                                 "double od, int os, uint ou",
                                 "od = d * 2.0 + double(i) + dv.x;\n"
                                 "os = s - int(n) + i2.y;\n"
                                 "ou = (u ^ 0xFFFFFFFFu) + u2.x + uint(v2.x * 2.0);",
                                 "scalars");
  glc::Buffer<double> bd = context().buffer(d), od = context().buffer<double>(n);
  glc::Buffer<std::int32_t> bs = context().buffer(s), os = context().buffer<std::int32_t>(n);
  glc::Buffer<std::uint32_t> bu = context().buffer(u), ou = context().buffer<std::uint32_t>(n);
  scalars(bd, bs, bu, glm::vec2(1.5f, 0), glm::ivec2(3, 4), glm::uvec2(10, 20), glm::dvec2(0.5, 0), od, os, ou);
  const auto rd = od.read();
  const auto rs = os.read();
  const auto ru = ou.read();
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(rd[i], d[i] * 2.0 + static_cast<double>(i) + 0.5) << i;
    ASSERT_EQ(rs[i], s[i] - static_cast<std::int32_t>(n) + 4) << i;
    ASSERT_EQ(ru[i], ~u[i] + 10u + 3u) << i;
  }
  // Buffers of the vector types (16 bytes per element: one uvec4 each).
  glc::ElementwiseKernel vectors(context(), "vec4 v4, uvec4 u4, dvec2 d2, ivec4 i4", "vec4 ov, uvec4 oi, dvec2 odd",
                                 "ov = v4 * 2.0;\noi = u4 + uvec4(i4);\nodd = d2 * 0.5;", "vectors");
  glc::Buffer<glm::vec4> bv4 = context().buffer(v4), ov = context().buffer<glm::vec4>(n);
  glc::Buffer<glm::uvec4> bu4 = context().buffer(u4), oi = context().buffer<glm::uvec4>(n);
  glc::Buffer<glm::dvec2> bd2 = context().buffer(d2), odd = context().buffer<glm::dvec2>(n);
  vectors(bv4, bu4, bd2, glm::ivec4(1, 2, 3, 4), ov, oi, odd);
  const auto rv = ov.read();
  const auto ri = oi.read();
  const auto rdd = odd.read();
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(rv[i], v4[i] * 2.0f) << i;
    ASSERT_EQ(ri[i], u4[i] + glm::uvec4(1, 2, 3, 4)) << i;
    ASSERT_EQ(rdd[i], d2[i] * 0.5) << i;
  }
  // 8-byte buffers: vec2 and ivec2.
  glc::ElementwiseKernel pairs(context(), "vec2 a, ivec2 b", "vec2 c", "c = a + vec2(b);", "pairs");
  std::vector<glm::vec2> pa(n);
  std::vector<glm::ivec2> pb(n);
  for (std::size_t i = 0; i < n; ++i) {
    pa[i] = glm::vec2(static_cast<float>(i), 0.5f);
    pb[i] = glm::ivec2(-static_cast<int>(i), 7);
  }
  glc::Buffer<glm::vec2> ba = context().buffer(pa), bc = context().buffer<glm::vec2>(n);
  glc::Buffer<glm::ivec2> bb = context().buffer(pb);
  pairs(ba, bb, bc);
  const auto rc = bc.read();
  for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(rc[i], pa[i] + glm::vec2(pb[i])) << i;
}

TEST(ElementwiseKernel, InPlaceAndUnassignedOutputsKeepTheirValues) {
  glc::ElementwiseKernel clamp_negative(context(), "", "float x", "if (x < 0.0) x = 0.0;", "clamp");
  const std::vector<float> x = random_floats(10'001, 3);
  glc::Buffer<float> b = context().buffer(x);
  clamp_negative(b);
  const std::vector<float> r = b.read();
  for (std::size_t i = 0; i < x.size(); ++i) ASSERT_EQ(r[i], x[i] < 0 ? 0.0f : x[i]) << i;
  // The same kernel text with the input given as a value: another signature.
  glc::ElementwiseKernel scale(context(), "float a", "float x", "x *= a;", "scale");
  scale(3.0f, b);
  glc::Buffer<float> factors = context().buffer(std::vector<float>(x.size(), 0.5f));
  scale(factors, b);
  const std::vector<float> r2 = b.read();
  for (std::size_t i = 0; i < x.size(); ++i) ASSERT_EQ(r2[i], r[i] * 3.0f * 0.5f) << i;
}

TEST(ElementwiseKernel, ArgumentErrorsNameBothTypes) {
  glc::ElementwiseKernel saxpy(context(), "float x, float y, float a", "float z", "z = a * x + y;", "saxpy");
  glc::Buffer<float> f = context().buffer<float>(8), g = context().buffer<float>(8), h = context().buffer<float>(9);
  glc::Buffer<std::int32_t> ints = context().buffer<std::int32_t>(8);
  EXPECT_TRUE(contains(error_from([&] { saxpy(ints, g, 2.0f, f); }),
                       {"saxpy", "'float x'", "float", "glc::Buffer<int32_t>"}));
  EXPECT_TRUE(contains(error_from([&] { saxpy(f, g, 2.0, f); }), {"'float a'", "double"}));
  EXPECT_TRUE(contains(error_from([&] { saxpy(f, g, 2.0f, 1.0f); }), {"'float z'", "output", "glc::Buffer"}));
  EXPECT_TRUE(contains(error_from([&] { saxpy(f, h, 2.0f, f); }), {"'float y'", "9 elements", "8"}));
  EXPECT_TRUE(contains(error_from([&] { saxpy(f, g, 2.0f); }), {"3 arguments for 4 parameters"}));
  EXPECT_TRUE(contains(error_from([&] { glc::ElementwiseKernel(context(), "float x, half y", "float z", ";"); }),
                       {"unknown type 'half'"}));
  EXPECT_TRUE(contains(error_from([&] { glc::ElementwiseKernel(context(), "float i", "float z", ";"); }),
                       {"'i' is reserved"}));
  EXPECT_TRUE(contains(error_from([&] { glc::ElementwiseKernel(context(), "float x", "float x", ";"); }),
                       {"declared twice"}));
}

TEST(ElementwiseKernel, GlslErrorsPointIntoTheOperation) {
  glc::ElementwiseKernel broken(context(), "float x", "float z", "float t = x;\nz = t * q;", "broken");
  glc::Buffer<float> b = context().buffer<float>(4);
  try {
    broken(b, b);
    ADD_FAILURE() << "no error";
  } catch (const glc::ShaderError& e) {
    ASSERT_FALSE(e.diagnostics().empty()) << e.what();
    const glc::Diagnostic& d = e.diagnostics().front();
    EXPECT_EQ(d.file, "<ElementwiseKernel broken operation>") << e.what();
    EXPECT_EQ(d.line, 2) << e.what();
    EXPECT_TRUE(contains(d.message, "q")) << e.what();
  }
}

TEST(ElementwiseKernel, AMissingSemicolonIsLocatedInTheOperation) {
  glc::ElementwiseKernel broken(context(), "float x", "float z", "z = x * 2.0", "nosemicolon");
  glc::Buffer<float> b = context().buffer<float>(4);
  try {
    broken(b, b);
    ADD_FAILURE() << "no error";
  } catch (const glc::ShaderError& e) {
    ASSERT_FALSE(e.diagnostics().empty());
    EXPECT_EQ(e.diagnostics().front().file, "<ElementwiseKernel nosemicolon operation>") << e.what();
    EXPECT_LE(e.diagnostics().front().line, 2) << e.what();  // at the end of the text, or just after
  }
}

TEST(ElementwiseKernel, CompiledOncePerSignatureAndContext) {
  glc::ElementwiseKernel a(context(), "float x", "float z", "z = x + 17.0;", "once");
  glc::Buffer<float> b = context().buffer<float>(16);
  a(b, b);
  const glc::ProgramCacheStats before = context().program_cache();
  glc::ElementwiseKernel same(context(), "float x", "float z", "z = x + 17.0;", "once");
  same(b, b);
  a(b, b);
  const glc::ProgramCacheStats after = context().program_cache();
  EXPECT_EQ(after.hits + after.misses, before.hits + before.misses) << "compiled again";
  EXPECT_EQ(b.read()[0], 3 * 17.0f);
}

TEST(ElementwiseKernelLarge, LargerThanOneStorageBinding) {
  const std::size_t n = context().info().limits.max_storage_block_bytes / sizeof(float) + 1001;
  glc::ElementwiseKernel k(context(), "float x", "float z", "z = x * 2.0 + float(i % 7u);", "large");
  std::vector<float> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<float>(i % 1000);
  glc::Buffer<float> xs = context().buffer(x);
  glc::Buffer<float> zs = context().buffer<float>(n);
  k(xs, zs);
  const std::vector<float> z = zs.read();
  for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(z[i], x[i] * 2.0f + static_cast<float>(i % 7)) << i;
}

}  // namespace
