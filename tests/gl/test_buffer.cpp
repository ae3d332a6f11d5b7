// Typed buffers: creation, round trips at awkward sizes, partial reads and writes, copies,
// and every range error.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include <glm/glm.hpp>

#include "gl_test_context.hpp"

namespace {

using glc::testing::context;
using glc::testing::error_of;
using ::testing::HasSubstr;

struct Particle {  // an 8-byte std430-compatible struct
  float mass;
  std::int32_t id;
  bool operator==(const Particle&) const = default;
};

template <class T> T random_value(std::mt19937& rng);
template <> float random_value<float>(std::mt19937& rng) {
  return std::uniform_real_distribution<float>(-1e6f, 1e6f)(rng);
}
template <> std::int32_t random_value<std::int32_t>(std::mt19937& rng) {
  return static_cast<std::int32_t>(rng());
}
template <> std::uint32_t random_value<std::uint32_t>(std::mt19937& rng) { return rng(); }
template <> glm::vec4 random_value<glm::vec4>(std::mt19937& rng) {
  return {random_value<float>(rng), random_value<float>(rng), random_value<float>(rng),
          random_value<float>(rng)};
}
template <> Particle random_value<Particle>(std::mt19937& rng) {
  return {random_value<float>(rng), random_value<std::int32_t>(rng)};
}

template <class T>
std::vector<T> random_vector(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<T> v(n);
  for (T& x : v) x = random_value<T>(rng);
  return v;
}

constexpr std::size_t kSizes[] = {0, 1, 255, 257, (1u << 20) + 3};

template <class T>
class BufferRoundTrip : public ::testing::Test {};
using ElementTypes = ::testing::Types<float, std::int32_t, std::uint32_t, glm::vec4, Particle>;
TYPED_TEST_SUITE(BufferRoundTrip, ElementTypes);

TYPED_TEST(BufferRoundTrip, CreateFromHostDataAndReadBack) {
  for (std::size_t n : kSizes) {
    const std::vector<TypeParam> data = random_vector<TypeParam>(n, static_cast<unsigned>(n));
    glc::Buffer<TypeParam> b = context().buffer(data);
    EXPECT_EQ(b.size(), n);
    EXPECT_EQ(b.size_bytes(), n * sizeof(TypeParam));
    EXPECT_EQ(b.empty(), n == 0);
    EXPECT_TRUE(b.read() == data) << "size " << n;
  }
}

TYPED_TEST(BufferRoundTrip, WriteOverwritesEveryElement) {
  for (std::size_t n : kSizes) {
    glc::Buffer<TypeParam> b = context().buffer(random_vector<TypeParam>(n, 1));
    const std::vector<TypeParam> data = random_vector<TypeParam>(n, 2);
    b.write(data);
    std::vector<TypeParam> out = random_vector<TypeParam>(n, 3);  // poison
    b.read_into(out);
    EXPECT_TRUE(out == data) << "size " << n;
  }
}

TEST(Buffer, NewBuffersAreZeroFilled) {
  for (std::size_t n : kSizes) {
    glc::Buffer<std::uint32_t> b = context().buffer<std::uint32_t>(n);
    EXPECT_EQ(b.read(), std::vector<std::uint32_t>(n, 0u)) << "size " << n;
  }
}

// Sizes that are not whole 32-bit words: the last bytes are zeroed and written too.
TEST(Buffer, ByteSizedElementsAreZeroFilledAndWritten) {
  for (std::size_t n : {1u, 3u, 5u, 257u}) {
    glc::Buffer<std::uint8_t> b = context().buffer<std::uint8_t>(n);
    EXPECT_EQ(b.read(), std::vector<std::uint8_t>(n, 0)) << "size " << n;
    std::vector<std::uint8_t> data(n);
    for (std::size_t i = 0; i < n; ++i) data[i] = static_cast<std::uint8_t>(i * 7 + 1);
    b.write(data);
    EXPECT_EQ(b.read(), data) << "size " << n;
  }
}

TEST(Buffer, PartialWriteTouchesOnlyItsRange) {
  glc::Buffer<int> b = context().buffer(std::vector<int>(10, -1));
  b.write(std::vector<int>{7, 8, 9}, 4);
  EXPECT_EQ(b.read(), (std::vector<int>{-1, -1, -1, -1, 7, 8, 9, -1, -1, -1}));
  b.write(std::vector<int>{5}, 9);  // the last element
  EXPECT_EQ(b.read(9, 1), std::vector<int>{5});
  b.write(std::vector<int>{}, 10);  // empty write at the end is fine
}

TEST(Buffer, PartialReads) {
  const std::vector<float> data = random_vector<float>(1000, 4);
  glc::Buffer<float> b = context().buffer(data);
  EXPECT_EQ(b.read(100, 3), (std::vector<float>{data[100], data[101], data[102]}));
  EXPECT_TRUE(b.read(1000, 0).empty());
  std::vector<float> tail(10, glc::testing::poison<float>());
  b.read_into(tail, 990);
  EXPECT_EQ(tail, std::vector<float>(data.end() - 10, data.end()));
}

TEST(Buffer, OutOfRangeAccessThrowsNamingTheRange) {
  glc::Buffer<float> b = context().buffer<float>(10);
  EXPECT_THAT(error_of([&] { b.write(std::vector<float>(3), 8); }),
              HasSubstr("Buffer::write: elements [8, 8 + 3) are out of range for a buffer of 10"));
  EXPECT_THAT(error_of([&] { b.write(std::vector<float>(11)); }), HasSubstr("out of range"));
  EXPECT_THAT(error_of([&] { b.read(11, 0); }), HasSubstr("Buffer::read: elements [11, 11 + 0)"));
  EXPECT_THAT(error_of([&] { b.read(5, 6); }), HasSubstr("out of range"));
  EXPECT_THAT(error_of([&] { b.read(SIZE_MAX, 2); }), HasSubstr("out of range"));  // no overflow
  std::vector<float> out(4);
  EXPECT_THAT(error_of([&] { b.read_into(out, 7); }), HasSubstr("Buffer::read_into"));
}

TEST(Buffer, ZeroLengthBuffersAreValid) {
  glc::Buffer<glm::vec4> b = context().buffer<glm::vec4>(0);
  EXPECT_TRUE(b.empty());
  EXPECT_TRUE(b.read().empty());
  b.write(std::span<const glm::vec4>());
  EXPECT_NE(b.id(), 0u);
}

TEST(Buffer, CopyFromCopiesOnTheGpu) {
  const std::vector<int> data = random_vector<int>(300, 5);
  glc::Buffer<int> src = context().buffer(data);
  glc::Buffer<int> dst = context().buffer(std::vector<int>(300, -1));
  dst.copy_from(src, 10, 100, 50);
  std::vector<int> expected(300, -1);
  std::copy(data.begin() + 10, data.begin() + 60, expected.begin() + 100);
  EXPECT_EQ(dst.read(), expected);
  dst.copy_from(src);
  EXPECT_EQ(dst.read(), data);
}

TEST(Buffer, CopyOutOfRangeThrows) {
  glc::Buffer<int> a = context().buffer<int>(10);
  glc::Buffer<int> b = context().buffer<int>(5);
  EXPECT_THAT(error_of([&] { b.copy_from(a); }), HasSubstr("out of range"));
  EXPECT_THAT(error_of([&] { a.copy_from(b, 3, 0, 3); }), HasSubstr("(source)"));
  EXPECT_THAT(error_of([&] { b.copy_from(a, 0, 4, 2); }), HasSubstr("(destination)"));
}

TEST(Buffer, EmptyAndMovedFromHandlesThrow) {
  glc::Buffer<float> empty;
  EXPECT_THAT(error_of([&] { (void)empty.size(); }), HasSubstr("empty handle"));
  glc::Buffer<float> a = context().buffer(std::vector<float>{1, 2});
  glc::Buffer<float> b = std::move(a);
  EXPECT_THAT(error_of([&] { (void)a.read(); }), HasSubstr("empty handle"));
  EXPECT_EQ(b.read(), (std::vector<float>{1, 2}));
}

TEST(Buffer, BuffersFromSpansAndVectors) {
  const float raw[] = {1.5f, 2.5f, 3.5f};
  glc::Buffer<float> from_span = context().buffer(std::span<const float>(raw));
  glc::Buffer<float> from_vector = context().buffer(std::vector<float>(raw, raw + 3));
  EXPECT_EQ(from_span.read(), from_vector.read());
}

TEST(Buffer, AllocationBeyondMemoryIsAnError) {
  // 2^62 bytes cannot exist anywhere; GL reports GL_OUT_OF_MEMORY or GL_INVALID_VALUE.
  const std::string message = error_of([] { context().buffer<std::uint32_t>(std::size_t{1} << 60); });
  EXPECT_THAT(message, HasSubstr("allocating a buffer of"));
  EXPECT_EQ(context().buffer(std::vector<int>{3}).read(), std::vector<int>{3});
}

}  // namespace
