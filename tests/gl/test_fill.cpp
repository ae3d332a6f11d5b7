// glc::fill, glc::iota, glc::linspace (shaders/glcompute/kernels/fill.comp, iota.comp and
// write_words.glsl): every element of the range written, nothing outside it, at every size.
// Written with glcompute::testing, as a user's shader tests would be.

#include <glcompute/testing.hpp>

#include <cmath>
#include <vector>

#include <glm/glm.hpp>

#include "gl_test_context.hpp"

namespace {

using glc::testing::ComputeTest;
using glc::testing::ElementsEqual;
using glc::testing::error_of;
using ::testing::HasSubstr;

constexpr std::size_t kSizes[] = {0, 1, 3, 4, 5, 255, 257, (1u << 20) + 3};

/// Elements in a buffer just over one storage binding (128 MiB on llvmpipe).
std::size_t over_one_binding(glc::Context& ctx, std::size_t element_bytes) {
  return ctx.info().limits.max_storage_block_bytes / element_bytes + 1001;
}

/// n elements f(0), f(1), ...
template <class F>
auto generate(std::size_t n, F f) {
  std::vector<decltype(f(std::size_t{0}))> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = f(i);
  return out;
}

class Fill : public ComputeTest {};
class Iota : public ComputeTest {};
class Linspace : public ComputeTest {};

template <class T> T poison_of() { return T(-77); }
template <> glm::vec2 poison_of<glm::vec2>() { return glm::vec2(-77.0f); }
template <> glm::vec4 poison_of<glm::vec4>() { return glm::vec4(-77.0f); }
template <class T> T value_of() { return T(42); }
template <> glm::vec2 value_of<glm::vec2>() { return {1.5f, -2.5f}; }
template <> glm::vec4 value_of<glm::vec4>() { return {1.0f, 2.0f, 3.0f, 4.0f}; }

template <class T>
class FillTyped : public ComputeTest {};
using FillTypes = ::testing::Types<float, std::int32_t, std::uint32_t, double, glm::vec2, glm::vec4>;
TYPED_TEST_SUITE(FillTyped, FillTypes);

TYPED_TEST(FillTyped, WholeBufferAtEverySize) {
  for (std::size_t n : kSizes) {
    glc::Buffer<TypeParam> b = this->ctx().buffer(std::vector<TypeParam>(n, poison_of<TypeParam>()));
    glc::fill(b, value_of<TypeParam>());
    EXPECT_THAT(b, ElementsEqual(std::vector<TypeParam>(n, value_of<TypeParam>()))) << "size " << n;
  }
}

// Ranges starting and ending inside a vec4 (the scalar head and tail of the kernel), or
// holding no whole vec4 at all.
TYPED_TEST(FillTyped, RangesTouchOnlyTheirElements) {
  const std::size_t n = 67;
  for (std::size_t offset : {0, 1, 2, 3, 5, 30}) {
    for (std::size_t count : {0, 1, 2, 3, 4, 5, 7, 9, 31}) {
      glc::Buffer<TypeParam> b = this->ctx().buffer(std::vector<TypeParam>(n, poison_of<TypeParam>()));
      glc::fill(b, value_of<TypeParam>(), offset, count);
      const auto expected = generate(n, [&](std::size_t i) {
        return i >= offset && i < offset + count ? value_of<TypeParam>() : poison_of<TypeParam>();
      });
      ASSERT_THAT(b, ElementsEqual(expected)) << "offset " << offset << ", count " << count;
    }
  }
}

TEST_F(Fill, BufferLargerThanOneStorageBinding) {
  const std::size_t n = over_one_binding(ctx(), sizeof(float));
  glc::Buffer<float> b = ctx().buffer<float>(n);
  glc::fill(b, 3.25f, 7, n - 9);
  EXPECT_THAT(b, ElementsEqual(generate(n, [&](std::size_t i) { return i >= 7 && i < n - 2 ? 3.25f : 0.0f; })));
}

// The talk's largest CPU-side size class: 10^8 floats on llvmpipe.
TEST_F(Fill, HundredMillionFloats) {
  glc::Buffer<float> b = ctx().buffer<float>(100'000'000);
  glc::fill(b, -1.5f);
  EXPECT_THAT(b, ElementsEqual(std::vector<float>(100'000'000, -1.5f)));
}

TEST_F(Fill, RangeOutsideTheBufferThrows) {
  glc::Buffer<float> b = ctx().buffer<float>(10);
  EXPECT_THAT(error_of([&] { glc::fill(b, 1.0f, 8, 3); }),
              HasSubstr("glc::fill: elements [8, 8 + 3) are out of range for a buffer of 10"));
  glc::Buffer<float> empty;
  EXPECT_THAT(error_of([&] { glc::fill(empty, 1.0f); }), HasSubstr("empty handle"));
}

TEST_F(Fill, BufferOfADestroyedContextThrows) {
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

TEST_F(Iota, FloatIsComputedPerElementNotAccumulated) {
  for (std::size_t n : kSizes) {
    glc::Buffer<float> b = ctx().buffer(std::vector<float>(n, -77.0f));
    glc::iota(b, 0.5f, 0.1f);
    ASSERT_THAT(b, ElementsEqual(generate(n, [](std::size_t i) { return iota_reference(0.5f, 0.1f, i); })))
        << "size " << n;
  }
}

TEST_F(Iota, IntegersWrapLikeUnsignedArithmetic) {
  glc::Buffer<std::int32_t> s = ctx().buffer<std::int32_t>(1001);
  glc::iota(s, std::int32_t{5}, std::int32_t{-3});
  glc::Buffer<std::uint32_t> u = ctx().buffer<std::uint32_t>(1001);
  glc::iota(u, 0xFFFFFF00u, 1u);
  EXPECT_THAT(s, ElementsEqual(generate(1001, [](std::size_t i) { return 5 - 3 * static_cast<std::int32_t>(i); })));
  // Wraps past 2^32 at element 256.
  EXPECT_THAT(u, ElementsEqual(generate(1001, [](std::size_t i) { return 0xFFFFFF00u + static_cast<std::uint32_t>(i); })));
}

TEST_F(Iota, DefaultStepIsOne) {
  glc::Buffer<std::uint32_t> b = ctx().buffer<std::uint32_t>(5);
  glc::iota(b, 10u);
  EXPECT_THAT(b, ElementsEqual({10u, 11u, 12u, 13u, 14u}));
}

// Chunks after the first continue the sequence (the kernel's base index and start shift).
TEST_F(Iota, BufferLargerThanOneStorageBinding) {
  const std::size_t n = over_one_binding(ctx(), 4);
  glc::Buffer<std::uint32_t> u = ctx().buffer<std::uint32_t>(n);
  glc::iota(u, 7u, 3u);
  EXPECT_THAT(u, ElementsEqual(generate(n, [](std::size_t i) { return static_cast<std::uint32_t>(7 + 3 * i); })));
  glc::Buffer<float> f = ctx().buffer<float>(n);
  glc::iota(f, -1000.0f, 0.25f);
  EXPECT_THAT(f, ElementsEqual(generate(n, [](std::size_t i) { return iota_reference(-1000.0f, 0.25f, i); })));
}

TEST_F(Linspace, EndpointsAreExactAndMatchNumPy) {
  for (std::size_t n : {2, 3, 7, 64, 255, 257, 1000003}) {
    glc::Buffer<float> b = ctx().buffer(std::vector<float>(n, -77.0f));
    glc::linspace(b, -1.3f, 10.7f);
    // numpy.linspace(start, stop, n, dtype=float32): float64 arithmetic, then rounded; the
    // endpoints exactly start and stop.
    const double start = -1.3f, stop = 10.7f;
    const double step = (stop - start) / static_cast<double>(n - 1);
    std::vector<float> expected = generate(n, [&](std::size_t i) { return static_cast<float>(start + static_cast<double>(i) * step); });
    expected.front() = -1.3f;
    expected.back() = 10.7f;
    ASSERT_THAT(b, ElementsEqual(expected)) << "size " << n;
  }
}

TEST_F(Linspace, TheTalksSixtyFourPoints) {
  glc::Buffer<float> b = ctx().buffer<float>(64);
  glc::linspace(b, 0.0f, 10.0f);
  // numpy.linspace(0, 10, 64).astype(np.float32).reshape(8, 8), as the talk starts from.
  EXPECT_THAT(glc::format(b, {8, 8}), ::testing::StartsWith("[[ 0.          0.15873016  0.31746033  0.47619048"));
}

TEST_F(Linspace, OneAndZeroElements) {
  glc::Buffer<float> one = ctx().buffer(std::vector<float>{-77.0f});
  glc::linspace(one, 2.0f, 5.0f);
  EXPECT_THAT(one, ElementsEqual({2.0f}));  // numpy.linspace(2, 5, 1) == [2.]
  glc::Buffer<float> none = ctx().buffer<float>(0);
  EXPECT_NO_THROW(glc::linspace(none, 2.0f, 5.0f));
}

TEST_F(Linspace, BufferLargerThanOneStorageBinding) {
  const std::size_t n = over_one_binding(ctx(), 4);
  glc::Buffer<float> b = ctx().buffer<float>(n);
  glc::linspace(b, 0.0f, 1.0f);
  const double step = 1.0 / static_cast<double>(n - 1);
  std::vector<float> expected = generate(n, [&](std::size_t i) { return static_cast<float>(static_cast<double>(i) * step); });
  expected.back() = 1.0f;
  EXPECT_THAT(b, ElementsEqual(expected));
}

}  // namespace
