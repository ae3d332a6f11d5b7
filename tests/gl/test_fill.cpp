// glc::fill, glc::iota, glc::linspace (shaders/glcompute/kernels/fill.comp, iota.comp and
// write_words.glsl): every element of the range written, nothing outside it, at every size.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include <glm/glm.hpp>

#include "gl_test_context.hpp"

namespace {

using glc::testing::context;
using glc::testing::error_of;
using ::testing::HasSubstr;

constexpr std::size_t kSizes[] = {0, 1, 3, 4, 5, 255, 257, (1u << 20) + 3};

/// Elements in a buffer just over one storage binding (128 MiB on llvmpipe).
std::size_t over_one_binding(std::size_t element_bytes) {
  return context().info().limits.max_storage_block_bytes / element_bytes + 1001;
}

template <class T> T poison_of() { return T(-77); }
template <> glm::vec2 poison_of<glm::vec2>() { return glm::vec2(-77.0f); }
template <> glm::vec4 poison_of<glm::vec4>() { return glm::vec4(-77.0f); }
template <class T> T value_of() { return T(42); }
template <> glm::vec2 value_of<glm::vec2>() { return {1.5f, -2.5f}; }
template <> glm::vec4 value_of<glm::vec4>() { return {1.0f, 2.0f, 3.0f, 4.0f}; }

template <class T>
class FillTyped : public ::testing::Test {};
using FillTypes = ::testing::Types<float, std::int32_t, std::uint32_t, double, glm::vec2, glm::vec4>;
TYPED_TEST_SUITE(FillTyped, FillTypes);

TYPED_TEST(FillTyped, WholeBufferAtEverySize) {
  for (std::size_t n : kSizes) {
    glc::Buffer<TypeParam> b = context().buffer(std::vector<TypeParam>(n, poison_of<TypeParam>()));
    glc::fill(b, value_of<TypeParam>());
    EXPECT_TRUE(b.read() == std::vector<TypeParam>(n, value_of<TypeParam>())) << "size " << n;
  }
}

// Ranges starting and ending inside a vec4 (the scalar head and tail of the kernel), or
// holding no whole vec4 at all.
TYPED_TEST(FillTyped, RangesTouchOnlyTheirElements) {
  const std::size_t n = 67;
  for (std::size_t offset : {0, 1, 2, 3, 5, 30}) {
    for (std::size_t count : {0, 1, 2, 3, 4, 5, 7, 9, 31}) {
      glc::Buffer<TypeParam> b = context().buffer(std::vector<TypeParam>(n, poison_of<TypeParam>()));
      glc::fill(b, value_of<TypeParam>(), offset, count);
      const std::vector<TypeParam> v = b.read();
      for (std::size_t i = 0; i < n; ++i) {
        const bool inside = i >= offset && i < offset + count;
        ASSERT_TRUE(v[i] == (inside ? value_of<TypeParam>() : poison_of<TypeParam>()))
            << "element " << i << ", offset " << offset << ", count " << count;
      }
    }
  }
}

TEST(Fill, BufferLargerThanOneStorageBinding) {
  const std::size_t n = over_one_binding(sizeof(float));
  glc::Buffer<float> b = context().buffer<float>(n);
  glc::fill(b, 3.25f, 7, n - 9);
  const std::vector<float> v = b.read();
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(v[i], (i >= 7 && i < n - 2) ? 3.25f : 0.0f) << "element " << i;
  }
}

// The talk's largest CPU-side size class: 10^8 floats on llvmpipe.
TEST(Fill, HundredMillionFloats) {
  glc::Buffer<float> b = context().buffer<float>(100'000'000);
  glc::fill(b, -1.5f);
  const std::vector<float> v = b.read();
  EXPECT_EQ(std::count(v.begin(), v.end(), -1.5f), 100'000'000);
}

TEST(Fill, RangeOutsideTheBufferThrows) {
  glc::Buffer<float> b = context().buffer<float>(10);
  EXPECT_THAT(error_of([&] { glc::fill(b, 1.0f, 8, 3); }),
              HasSubstr("glc::fill: elements [8, 8 + 3) are out of range for a buffer of 10"));
  glc::Buffer<float> empty;
  EXPECT_THAT(error_of([&] { glc::fill(empty, 1.0f); }), HasSubstr("empty handle"));
}

TEST(Fill, BufferOfADestroyedContextThrows) {
  glc::Buffer<int> orphan;
  {
    glc::Context temporary;
    orphan = temporary.buffer<int>(4);
  }
  EXPECT_THAT(error_of([&] { glc::fill(orphan, 1); }), HasSubstr("was destroyed"));
}

float iota_reference(double start, double step, std::size_t i) {
  return static_cast<float>(start + static_cast<double>(i) * step);
}

TEST(Iota, FloatIsComputedPerElementNotAccumulated) {
  for (std::size_t n : kSizes) {
    glc::Buffer<float> b = context().buffer(std::vector<float>(n, -77.0f));
    glc::iota(b, 0.5f, 0.1f);
    const std::vector<float> v = b.read();
    for (std::size_t i = 0; i < n; ++i) {
      ASSERT_EQ(v[i], iota_reference(0.5f, 0.1f, i)) << "element " << i << " of " << n;
    }
  }
}

TEST(Iota, IntegersWrapLikeUnsignedArithmetic) {
  glc::Buffer<std::int32_t> s = context().buffer<std::int32_t>(1001);
  glc::iota(s, std::int32_t{5}, std::int32_t{-3});
  glc::Buffer<std::uint32_t> u = context().buffer<std::uint32_t>(1001);
  glc::iota(u, 0xFFFFFF00u, 1u);
  const std::vector<std::int32_t> sv = s.read();
  const std::vector<std::uint32_t> uv = u.read();
  for (std::uint32_t i = 0; i < 1001; ++i) {
    ASSERT_EQ(sv[i], 5 - 3 * static_cast<std::int32_t>(i));
    ASSERT_EQ(uv[i], 0xFFFFFF00u + i) << "wraps past 2^32 at element 256";
  }
}

TEST(Iota, DefaultStepIsOne) {
  glc::Buffer<std::uint32_t> b = context().buffer<std::uint32_t>(5);
  glc::iota(b, 10u);
  EXPECT_EQ(b.read(), (std::vector<std::uint32_t>{10, 11, 12, 13, 14}));
}

// Chunks after the first continue the sequence (the kernel's base index and start shift).
TEST(Iota, BufferLargerThanOneStorageBinding) {
  const std::size_t n = over_one_binding(4);
  glc::Buffer<std::uint32_t> u = context().buffer<std::uint32_t>(n);
  glc::iota(u, 7u, 3u);
  const std::vector<std::uint32_t> uv = u.read();
  for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(uv[i], static_cast<std::uint32_t>(7 + 3 * i)) << i;
  glc::Buffer<float> f = context().buffer<float>(n);
  glc::iota(f, -1000.0f, 0.25f);
  const std::vector<float> fv = f.read();
  for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(fv[i], iota_reference(-1000.0f, 0.25f, i)) << i;
}

TEST(Linspace, EndpointsAreExactAndMatchNumPy) {
  for (std::size_t n : {2, 3, 7, 64, 255, 257, 1000003}) {
    glc::Buffer<float> b = context().buffer(std::vector<float>(n, -77.0f));
    glc::linspace(b, -1.3f, 10.7f);
    const std::vector<float> v = b.read();
    ASSERT_EQ(v.front(), -1.3f);
    ASSERT_EQ(v.back(), 10.7f);
    // numpy.linspace(start, stop, n, dtype=float32): float64 arithmetic, then rounded.
    const double start = -1.3f, stop = 10.7f;
    const double step = (stop - start) / static_cast<double>(n - 1);
    for (std::size_t i = 1; i + 1 < n; ++i) {
      ASSERT_EQ(v[i], static_cast<float>(start + static_cast<double>(i) * step))
          << "element " << i << " of " << n;
    }
  }
}

TEST(Linspace, TheTalksSixtyFourPoints) {
  glc::Buffer<float> b = context().buffer<float>(64);
  glc::linspace(b, 0.0f, 10.0f);
  // numpy.linspace(0, 10, 64).astype(np.float32).reshape(8, 8), as the talk starts from.
  EXPECT_THAT(glc::format(b, {8, 8}), ::testing::StartsWith("[[ 0.          0.15873016  0.31746033  0.47619048"));
}

TEST(Linspace, OneAndZeroElements) {
  glc::Buffer<float> one = context().buffer(std::vector<float>{-77.0f});
  glc::linspace(one, 2.0f, 5.0f);
  EXPECT_EQ(one.read(), std::vector<float>{2.0f});  // numpy.linspace(2, 5, 1) == [2.]
  glc::Buffer<float> none = context().buffer<float>(0);
  EXPECT_NO_THROW(glc::linspace(none, 2.0f, 5.0f));
}

TEST(Linspace, BufferLargerThanOneStorageBinding) {
  const std::size_t n = over_one_binding(4);
  glc::Buffer<float> b = context().buffer<float>(n);
  glc::linspace(b, 0.0f, 1.0f);
  const std::vector<float> v = b.read();
  EXPECT_EQ(v.front(), 0.0f);
  EXPECT_EQ(v.back(), 1.0f);
  const double step = 1.0 / static_cast<double>(n - 1);
  for (std::size_t i = 0; i + 1 < n; ++i) {
    ASSERT_EQ(v[i], static_cast<float>(static_cast<double>(i) * step)) << i;
  }
}

}  // namespace
