#pragma once
/// @file
/// glcompute's kit for testing your own shaders with GoogleTest: link `glcompute::testing`
/// (`find_package(glcompute COMPONENTS testing)`), plus GTest::gtest_main or a main of yours.
///
///     #include <glcompute/testing.hpp>
///
///     using glc::testing::ComputeTest;
///     using glc::testing::ElementsNear;
///
///     TEST_F(ComputeTest, SaxpyMatchesTheCpu) {
///       glc::Program saxpy = ctx().compile(glc::Source::file("saxpy.comp"));
///       glc::Buffer<float> x = ctx().buffer(xs), y = ctx().buffer(ys);
///       saxpy.bind("X", x).bind("Y", y).set("a", 2.0f).set("n", n);
///       saxpy.dispatch_for(n);
///       EXPECT_THAT(y, ElementsNear(expected, {.ulp = 1}));
///     }
///
/// A failed match says how many elements differ and lists the first ones (ten at most), with
/// NumPy's text for the values:
///
///     Mismatched elements: 3 / 64 (4.69%)
///     Max absolute difference: 2.
///     Max relative difference: 0.5
///      index   actual  expected
///      [0, 2]     6.         4.
///      [1, 3]     nan       22.
///      [7, 7]   127.5      126.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <ostream>
#include <ranges>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include <glm/fwd.hpp>

#include "buffer.hpp"
#include "context.hpp"
#include "format.hpp"

namespace glc {

/// How GoogleTest shows a buffer in a failed expectation ("glc::Buffer of 64 elements").
template <class T>
void PrintTo(const Buffer<T>& buffer, std::ostream* os) {
  *os << "glc::Buffer of " << buffer.size() << " elements";
}

namespace testing {

/// A GoogleTest fixture (use it with TEST_F) that gives each test a GL context, ctx(), and
/// checks that GL reports no error before the test and after it.
///
/// - The context is created by the first test that asks for it and shared by every later test
///   of the program: creating one is the slow part (tens of milliseconds on Mesa's llvmpipe),
///   and glcompute's programs and buffers never disturb each other's bindings. A test that
///   loses the context (a GPU reset) leaves the next test a new one. The environment variables
///   GLCOMPUTE_BACKEND, GLCOMPUTE_DEVICE and GLCOMPUTE_SHADER_PATH choose as for any
///   glc::Context.
/// - Where no context can be created (no GL driver, no device), every test is skipped with the
///   reason (the glc::Error's first line); with GLCOMPUTE_TESTING_REQUIRE_GL=1 in the
///   environment they fail instead, so that CI never passes by skipping. The same holds where
///   GLCOMPUTE_SHADER_PATH=spirv asks for a path the driver lacks (ARB_gl_spirv).
/// - Before and after each test the fixture waits for the GPU (Context::finish, glFinish) and
///   fails the test if GL has recorded an error that nothing reported yet, such as one left by
///   raw GL calls.
class ComputeTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  /// The context. Valid from SetUp on (a test that runs has one).
  Context& ctx();
};

/// How near ElementsNear wants each element: it matches where |actual - expected| <= abs +
/// rel * |expected| (NumPy's isclose), or where the two are at most `ulp` representable values
/// apart in the element type (for integers: `ulp` apart). All zero: equal only.
/// NaN matches NaN; an infinity matches only itself.
struct Tolerance {
  double abs = 0;
  double rel = 0;
  std::uint64_t ulp = 0;
};

namespace detail {

/// The scalar type and count of an element: a number is one of itself, a glm vector its
/// components (so a Buffer<glm::vec4> compares as a shape (n, 4) array of float).
template <class T>
struct ElementTraits {
  using Scalar = T;
  static constexpr std::size_t components = 1;
};
template <glm::length_t L, class S, glm::qualifier Q>
struct ElementTraits<glm::vec<L, S, Q>> {
  using Scalar = S;
  static constexpr std::size_t components = static_cast<std::size_t>(L);
};

template <class S>
inline constexpr bool is_comparable_scalar =
    std::is_same_v<S, bool> || std::is_same_v<S, float> || std::is_same_v<S, double> ||
    std::is_same_v<S, std::int8_t> || std::is_same_v<S, std::int16_t> || std::is_same_v<S, std::int32_t> ||
    std::is_same_v<S, std::int64_t> || std::is_same_v<S, std::uint8_t> || std::is_same_v<S, std::uint16_t> ||
    std::is_same_v<S, std::uint32_t> || std::is_same_v<S, std::uint64_t>;

/// Compares `actual` with `expected` elementwise (equal where `tolerance` is empty). Returns
/// nothing where they match, else the report shown above: counts, largest differences, and the
/// first mismatches at most (with their indices in `shape`). Defined for the scalar types of
/// is_comparable_scalar.
template <class S>
std::optional<std::string> compare_elements(std::span<const S> actual, std::span<const S> expected,
                                            const std::optional<Tolerance>& tolerance, const Shape& shape);

/// "is elementwise equal to the 64 expected elements" or "... within abs 1e-06, 4 ulp of ...".
std::string describe(std::size_t count, const std::optional<Tolerance>& tolerance, bool negated);

/// The elements of a Buffer (read back into a vector), of a contiguous range (a view of it) or
/// of any other range (a vector).
template <class Actual>
auto elements_of(const Actual& actual) {
  if constexpr (requires { actual.read(); }) {
    return actual.read();
  } else if constexpr (std::ranges::contiguous_range<const Actual&> && std::ranges::sized_range<const Actual&>) {
    return std::span(std::ranges::data(actual), std::ranges::size(actual));
  } else {
    return std::vector<std::ranges::range_value_t<Actual>>(std::ranges::begin(actual), std::ranges::end(actual));
  }
}

/// The scalars of `elements` (a glm vector's components one after another), as S.
template <class S, class Range>
std::vector<S> flatten(const Range& elements) {
  std::vector<S> out;
  for (const auto& element : elements) {
    using T = std::remove_cvref_t<decltype(element)>;
    if constexpr (ElementTraits<T>::components == 1) {
      out.push_back(static_cast<S>(element));
    } else {
      for (glm::length_t c = 0; c < T::length(); ++c) out.push_back(static_cast<S>(element[c]));
    }
  }
  return out;
}

/// `elements` as a span of scalars S: a view where they are S already, else a copy in `storage`.
template <class S, class Values>
std::span<const S> scalars_of(const Values& elements, std::vector<S>& storage) {
  using T = std::ranges::range_value_t<Values>;
  if constexpr (std::is_same_v<T, S> && !std::is_same_v<T, bool> && std::ranges::contiguous_range<const Values&>) {
    return std::span<const S>(std::ranges::data(elements), std::ranges::size(elements));
  } else {
    storage = flatten<S>(elements);
    return storage;
  }
}

/// `range` as a vector of its elements: moved where it is a vector given as an rvalue.
template <class Range>
auto to_vector(Range&& range) {
  using E = std::ranges::range_value_t<Range>;
  if constexpr (std::is_same_v<Range, std::vector<E>>) {
    return std::move(range);
  } else {
    return std::vector<E>(std::ranges::begin(range), std::ranges::end(range));
  }
}

/// The matcher behind ElementsEqual and ElementsNear.
template <class E>
class ElementsMatcher {
 public:
  ElementsMatcher(std::vector<E> expected, std::optional<Tolerance> tolerance, Shape shape)
      : expected_(std::make_shared<const std::vector<E>>(std::move(expected))),
        tolerance_(tolerance),
        shape_(std::move(shape)) {}

  template <class Actual>
  bool MatchAndExplain(const Actual& actual, ::testing::MatchResultListener* listener) const {
    const auto values = elements_of(actual);
    using T = std::ranges::range_value_t<decltype(values)>;
    using S = typename ElementTraits<T>::Scalar;
    static_assert(is_comparable_scalar<S>,
                  "glc::testing: elements must be bool, (u)int8..64, float, double or glm vectors of them");
    constexpr std::size_t components = ElementTraits<T>::components;
    Shape shape = shape_;
    if (shape.empty()) shape = components == 1 ? Shape{values.size()} : Shape{values.size(), components};
    std::vector<S> actual_copy, expected_copy;  // used only where the elements are not S already
    const std::optional<std::string> report = compare_elements<S>(
        scalars_of<S>(values, actual_copy), scalars_of<S>(*expected_, expected_copy), tolerance_, shape);
    if (report) *listener << "which differs:\n" << *report;
    return !report;
  }

  void DescribeTo(std::ostream* os) const { *os << describe(scalars(), tolerance_, false); }
  void DescribeNegationTo(std::ostream* os) const { *os << describe(scalars(), tolerance_, true); }

 private:
  std::size_t scalars() const { return expected_->size() * ElementTraits<E>::components; }

  // Shared: gmock copies a matcher for each type it is used with, and expected values can be
  // large (a buffer's worth).
  std::shared_ptr<const std::vector<E>> expected_;
  std::optional<Tolerance> tolerance_;
  Shape shape_;
};

}  // namespace detail

/// Matches a glc::Buffer<T> (read back), a std::vector<T> or any contiguous range whose
/// elements equal `expected`'s one by one (after converting them to T's scalar type). `shape`
/// (outermost first) gives the indices a failure shows; by default the elements' own
/// (n, or n x components for glm vectors).
template <std::ranges::range Range>
auto ElementsEqual(Range&& expected, Shape shape = {}) {
  return ::testing::MakePolymorphicMatcher(
      detail::ElementsMatcher(detail::to_vector(std::forward<Range>(expected)), std::nullopt, std::move(shape)));
}
template <class E>
auto ElementsEqual(std::initializer_list<E> expected, Shape shape = {}) {
  return ::testing::MakePolymorphicMatcher(
      detail::ElementsMatcher<E>(std::vector<E>(expected), std::nullopt, std::move(shape)));
}

/// Like ElementsEqual, with each element allowed `tolerance` (see Tolerance), e.g.
/// `ElementsNear(expected, {.rel = 1e-6})` or `ElementsNear(expected, {.ulp = 4})`.
template <std::ranges::range Range>
auto ElementsNear(Range&& expected, Tolerance tolerance, Shape shape = {}) {
  return ::testing::MakePolymorphicMatcher(
      detail::ElementsMatcher(detail::to_vector(std::forward<Range>(expected)), tolerance, std::move(shape)));
}
template <class E>
auto ElementsNear(std::initializer_list<E> expected, Tolerance tolerance, Shape shape = {}) {
  return ::testing::MakePolymorphicMatcher(detail::ElementsMatcher<E>(std::vector<E>(expected), tolerance, std::move(shape)));
}

}  // namespace testing
}  // namespace glc
