// Every expected string below was printed by NumPy 1.24's `print(np.array(data, dtype).reshape(
// shape))` with the default print options; the comment above each gives the NumPy expression.

#include <gtest/gtest.h>

#include <cstdint>
#include <glcompute/error.hpp>
#include <glcompute/format.hpp>
#include <iostream>
#include <limits>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr float kNanF = std::numeric_limits<float>::quiet_NaN();
constexpr float kInfF = std::numeric_limits<float>::infinity();
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Overloads pick the element type from the vector, as the spans would from a Buffer<T>.
template <class T>
std::string fmt(const std::vector<T>& data, const glc::Shape& shape = {}) {
  return glc::format(std::span<const T>(data), shape);
}

// start, start + 1, ... converted to T.
template <class T>
std::vector<T> iota(std::size_t count, T start = 0) {
  std::vector<T> data(count);
  std::iota(data.begin(), data.end(), start);
  return data;
}

// ---------------------------------------------------------------------------------------------
// Layout

TEST(Format, Float32Grid) {
  // np.arange(0, 128, 2, dtype=np.float32).reshape(8, 8)
  std::vector<float> data = iota<float>(64);
  for (float& x : data) x *= 2;
  EXPECT_EQ(fmt(data, {8, 8}), R"([[  0.   2.   4.   6.   8.  10.  12.  14.]
 [ 16.  18.  20.  22.  24.  26.  28.  30.]
 [ 32.  34.  36.  38.  40.  42.  44.  46.]
 [ 48.  50.  52.  54.  56.  58.  60.  62.]
 [ 64.  66.  68.  70.  72.  74.  76.  78.]
 [ 80.  82.  84.  86.  88.  90.  92.  94.]
 [ 96.  98. 100. 102. 104. 106. 108. 110.]
 [112. 114. 116. 118. 120. 122. 124. 126.]])");
}

TEST(Format, Int32Grid) {
  // np.arange(64, dtype=np.int32).reshape(8, 8)
  EXPECT_EQ(fmt(iota<std::int32_t>(64), {8, 8}), R"([[ 0  1  2  3  4  5  6  7]
 [ 8  9 10 11 12 13 14 15]
 [16 17 18 19 20 21 22 23]
 [24 25 26 27 28 29 30 31]
 [32 33 34 35 36 37 38 39]
 [40 41 42 43 44 45 46 47]
 [48 49 50 51 52 53 54 55]
 [56 57 58 59 60 61 62 63]])");
}

TEST(Format, EmptyShapeMeansOneDimension) {
  // np.array([1.5, -2.25, 3], dtype=np.float32)
  const std::vector<float> data = {1.5f, -2.25f, 3.f};
  EXPECT_EQ(fmt(data), "[ 1.5  -2.25  3.  ]");
  EXPECT_EQ(fmt(data, {3}), fmt(data));
}

TEST(Format, ThreeDimensionsSeparateBlocksWithABlankLine) {
  // np.arange(24, dtype=np.int32).reshape(2, 3, 4)
  EXPECT_EQ(fmt(iota<std::int32_t>(24), {2, 3, 4}), R"([[[ 0  1  2  3]
  [ 4  5  6  7]
  [ 8  9 10 11]]

 [[12 13 14 15]
  [16 17 18 19]
  [20 21 22 23]]])");
}

TEST(Format, FourDimensionsSeparateBlocksWithTwoBlankLines) {
  // np.arange(16, dtype=np.int32).reshape(2, 2, 2, 2)
  EXPECT_EQ(fmt(iota<std::int32_t>(16), {2, 2, 2, 2}), R"([[[[ 0  1]
   [ 2  3]]

  [[ 4  5]
   [ 6  7]]]


 [[[ 8  9]
   [10 11]]

  [[12 13]
   [14 15]]]])");
}

TEST(Format, SingleElementAndColumn) {
  // np.array([7], dtype=np.int32).reshape(1, 1, 1)
  EXPECT_EQ(fmt(std::vector<std::int32_t>{7}, {1, 1, 1}), "[[[7]]]");
  // np.array([0.25, -0.5, 2]).reshape(3, 1)
  EXPECT_EQ(fmt(std::vector<double>{0.25, -0.5, 2}, {3, 1}), R"([[ 0.25]
 [-0.5 ]
 [ 2.  ]])");
}

TEST(Format, LongRowsWrapAt75Columns) {
  // np.linspace(0, 1, 20)
  std::vector<double> linspace(20);
  for (std::size_t i = 0; i < linspace.size(); ++i) linspace[i] = static_cast<double>(i) / 19;
  EXPECT_EQ(fmt(linspace),
            R"([0.         0.05263158 0.10526316 0.15789474 0.21052632 0.26315789
 0.31578947 0.36842105 0.42105263 0.47368421 0.52631579 0.57894737
 0.63157895 0.68421053 0.73684211 0.78947368 0.84210526 0.89473684
 0.94736842 1.        ])");

  // np.arange(40, dtype=np.int64) * 1000
  std::vector<std::int64_t> thousands = iota<std::int64_t>(40);
  for (std::int64_t& x : thousands) x *= 1000;
  EXPECT_EQ(fmt(thousands),
            R"([    0  1000  2000  3000  4000  5000  6000  7000  8000  9000 10000 11000
 12000 13000 14000 15000 16000 17000 18000 19000 20000 21000 22000 23000
 24000 25000 26000 27000 28000 29000 30000 31000 32000 33000 34000 35000
 36000 37000 38000 39000])");
}

TEST(Format, WrappedRowsOfAMatrixHangUnderTheirBracket) {
  // (np.arange(40, dtype=np.float32) / 4).reshape(2, 20)
  std::vector<float> quarters = iota<float>(40);
  for (float& x : quarters) x /= 4;
  EXPECT_EQ(fmt(quarters, {2, 20}),
            R"([[0.   0.25 0.5  0.75 1.   1.25 1.5  1.75 2.   2.25 2.5  2.75 3.   3.25
  3.5  3.75 4.   4.25 4.5  4.75]
 [5.   5.25 5.5  5.75 6.   6.25 6.5  6.75 7.   7.25 7.5  7.75 8.   8.25
  8.5  8.75 9.   9.25 9.5  9.75]])");
}

// ---------------------------------------------------------------------------------------------
// Summaries of arrays over 1000 elements

TEST(Format, SummarisesLongVector) {
  // np.arange(2000, dtype=np.int32)
  EXPECT_EQ(fmt(iota<std::int32_t>(2000)), "[   0    1    2 ... 1997 1998 1999]");
}

TEST(Format, SummarisesMatrix) {
  // np.arange(10000, dtype=np.float32).reshape(100, 100)
  EXPECT_EQ(fmt(iota<float>(10000), {100, 100}),
            R"([[0.000e+00 1.000e+00 2.000e+00 ... 9.700e+01 9.800e+01 9.900e+01]
 [1.000e+02 1.010e+02 1.020e+02 ... 1.970e+02 1.980e+02 1.990e+02]
 [2.000e+02 2.010e+02 2.020e+02 ... 2.970e+02 2.980e+02 2.990e+02]
 ...
 [9.700e+03 9.701e+03 9.702e+03 ... 9.797e+03 9.798e+03 9.799e+03]
 [9.800e+03 9.801e+03 9.802e+03 ... 9.897e+03 9.898e+03 9.899e+03]
 [9.900e+03 9.901e+03 9.902e+03 ... 9.997e+03 9.998e+03 9.999e+03]])");
}

TEST(Format, SummarisesThreeDimensions) {
  // np.arange(8000, dtype=np.int32).reshape(20, 20, 20)
  EXPECT_EQ(fmt(iota<std::int32_t>(8000), {20, 20, 20}),
            R"([[[   0    1    2 ...   17   18   19]
  [  20   21   22 ...   37   38   39]
  [  40   41   42 ...   57   58   59]
  ...
  [ 340  341  342 ...  357  358  359]
  [ 360  361  362 ...  377  378  379]
  [ 380  381  382 ...  397  398  399]]

 [[ 400  401  402 ...  417  418  419]
  [ 420  421  422 ...  437  438  439]
  [ 440  441  442 ...  457  458  459]
  ...
  [ 740  741  742 ...  757  758  759]
  [ 760  761  762 ...  777  778  779]
  [ 780  781  782 ...  797  798  799]]

 [[ 800  801  802 ...  817  818  819]
  [ 820  821  822 ...  837  838  839]
  [ 840  841  842 ...  857  858  859]
  ...
  [1140 1141 1142 ... 1157 1158 1159]
  [1160 1161 1162 ... 1177 1178 1179]
  [1180 1181 1182 ... 1197 1198 1199]]

 ...

 [[6800 6801 6802 ... 6817 6818 6819]
  [6820 6821 6822 ... 6837 6838 6839]
  [6840 6841 6842 ... 6857 6858 6859]
  ...
  [7140 7141 7142 ... 7157 7158 7159]
  [7160 7161 7162 ... 7177 7178 7179]
  [7180 7181 7182 ... 7197 7198 7199]]

 [[7200 7201 7202 ... 7217 7218 7219]
  [7220 7221 7222 ... 7237 7238 7239]
  [7240 7241 7242 ... 7257 7258 7259]
  ...
  [7540 7541 7542 ... 7557 7558 7559]
  [7560 7561 7562 ... 7577 7578 7579]
  [7580 7581 7582 ... 7597 7598 7599]]

 [[7600 7601 7602 ... 7617 7618 7619]
  [7620 7621 7622 ... 7637 7638 7639]
  [7640 7641 7642 ... 7657 7658 7659]
  ...
  [7940 7941 7942 ... 7957 7958 7959]
  [7960 7961 7962 ... 7977 7978 7979]
  [7980 7981 7982 ... 7997 7998 7999]]])");
}

TEST(Format, SummaryIgnoresHiddenValues) {
  // a = np.arange(2000, dtype=np.float32) + 1000; a[1000] = 1e20; a[1001] = -1e-9
  std::vector<float> floats = iota<float>(2000, 1000.f);
  floats[1000] = 1e20f;
  floats[1001] = -1e-9f;
  EXPECT_EQ(fmt(floats), "[1000. 1001. 1002. ... 2997. 2998. 2999.]");

  // b = np.arange(2000, dtype=np.int32); b[1000] = -2000000000
  std::vector<std::int32_t> ints = iota<std::int32_t>(2000);
  ints[1000] = -2000000000;
  EXPECT_EQ(fmt(ints), "[   0    1    2 ... 1997 1998 1999]");
}

TEST(Format, SummarisesInScientificNotation) {
  // (np.arange(2000, dtype=np.float64) + 1) * 1e-3
  std::vector<double> data = iota<double>(2000, 1.0);
  for (double& x : data) x *= 1e-3;
  EXPECT_EQ(fmt(data), "[1.000e-03 2.000e-03 3.000e-03 ... 1.998e+00 1.999e+00 2.000e+00]");
}

// ---------------------------------------------------------------------------------------------
// Floats

TEST(Format, ScientificForSmallLargeOrWideRanges) {
  // np.array([1e-5, 1, 100], dtype=np.float32)
  EXPECT_EQ(fmt(std::vector<float>{1e-5f, 1.f, 100.f}), "[1.e-05 1.e+00 1.e+02]");
  // np.array([1e8], dtype=np.float32)
  EXPECT_EQ(fmt(std::vector<float>{1e8f}), "[1.e+08]");
  // np.array([-0.5, 1000.5], dtype=np.float32)
  EXPECT_EQ(fmt(std::vector<float>{-0.5f, 1000.5f}), "[-5.0000e-01  1.0005e+03]");
  // np.array([[1.5e-7, -2.0], [3.25e10, -4e-3]])
  EXPECT_EQ(fmt(std::vector<double>{1.5e-7, -2.0, 3.25e10, -4e-3}, {2, 2}),
            R"([[ 1.50e-07 -2.00e+00]
 [ 3.25e+10 -4.00e-03]])");
}

TEST(Format, ScientificThresholdsCompareInDouble) {
  // np.array([0.0001], dtype=np.float32): 0.0001f is just below 1e-4
  EXPECT_EQ(fmt(std::vector<float>{0.0001f}), "[1.e-04]");
  // np.array([0.0001])
  EXPECT_EQ(fmt(std::vector<double>{0.0001}), "[0.0001]");
  // np.array([0.001, 1.0], dtype=np.float32): 1 / 0.001f is 999.99994 in float32
  EXPECT_EQ(fmt(std::vector<float>{0.001f, 1.f}), "[0.001 1.   ]");
}

TEST(Format, ScientificShowsExactDigitsUpToTheCommonPrecision) {
  // np.array([8.553778e29, -1.2345678e29], dtype=np.float32): the first one's shortest digits
  // are 8.553778, but it shows a further digit of its exact value, not a zero.
  EXPECT_EQ(fmt(std::vector<float>{8.553778e29f, -1.2345678e29f}),
            "[ 8.5537781e+29 -1.2345678e+29]");
}

TEST(Format, ScientificExponentsShareAWidth) {
  // np.array([1e-300, 1.0])
  EXPECT_EQ(fmt(std::vector<double>{1e-300, 1.0}), "[1.e-300 1.e+000]");
}

TEST(Format, NonIntegralValues) {
  // np.array([0.1, 1/3, 2/3], dtype=np.float32)
  EXPECT_EQ(fmt(std::vector<float>{0.1f, 1 / 3.f, 2 / 3.f}), "[0.1        0.33333334 0.6666667 ]");
  // np.array([0.1, 1/3, 2/3])
  EXPECT_EQ(fmt(std::vector<double>{0.1, 1 / 3., 2 / 3.}), "[0.1        0.33333333 0.66666667]");
}

TEST(Format, ShortestDigitsDependOnTheType) {
  // np.array([0.1, 1e-5], dtype=np.float32)
  const std::vector<float> floats = {0.1f, 1e-5f};
  EXPECT_EQ(fmt(floats), "[1.e-01 1.e-05]");
  // np.array([0.1, 1e-5], dtype=np.float32).astype(np.float64)
  const std::vector<double> doubles(floats.begin(), floats.end());
  EXPECT_EQ(fmt(doubles), "[1.00000001e-01 9.99999975e-06]");
}

TEST(Format, PositionalShowsEveryIntegerDigit) {
  // np.array([90590064, 1250000], dtype=np.float32): 9.059006e7 would read back as the same
  // float32, but NumPy prints the integer part in full.
  EXPECT_EQ(fmt(std::vector<float>{90590064.f, 1250000.f}), "[90590064.  1250000.]");
}

TEST(Format, PositionalRoundsPastEightFractionalDigits) {
  // np.array([0.001953125, 0.5, 1.000000005]): 0.001953125 is a tie, rounded to even
  EXPECT_EQ(fmt(std::vector<double>{0.001953125, 0.5, 1.000000005}),
            "[0.00195312 0.5        1.        ]");
}

TEST(Format, NanAndInfinity) {
  // np.array([np.nan, 1.5, -np.inf, np.inf], dtype=np.float32)
  EXPECT_EQ(fmt(std::vector<float>{kNanF, 1.5f, -kInfF, kInfF}), "[ nan  1.5 -inf  inf]");
  // np.array([np.nan, np.nan], dtype=np.float32)
  EXPECT_EQ(fmt(std::vector<float>{kNanF, kNanF}), "[nan nan]");
  // np.array([np.inf, -np.inf])
  EXPECT_EQ(fmt(std::vector<double>{kInf, -kInf}), "[ inf -inf]");
  // np.array([np.nan, 1e-9, -np.inf])
  EXPECT_EQ(fmt(std::vector<double>{kNan, 1e-9, -kInf}), "[   nan 1.e-09   -inf]");
}

TEST(Format, NegativeZero) {
  // np.array([-0.0, 1.0], dtype=np.float32)
  EXPECT_EQ(fmt(std::vector<float>{-0.f, 1.f}), "[-0.  1.]");
  // np.array([0.0, -0.0, 0.0])
  EXPECT_EQ(fmt(std::vector<double>{0.0, -0.0, 0.0}), "[ 0. -0.  0.]");
}

// ---------------------------------------------------------------------------------------------
// Integers

TEST(Format, IntegersAlignRight) {
  // np.array([-1, 10, -100], dtype=np.int32)
  EXPECT_EQ(fmt(std::vector<std::int32_t>{-1, 10, -100}), "[  -1   10 -100]");
}

TEST(Format, IntegerLimits) {
  // np.array([0, 4294967295], dtype=np.uint32)
  EXPECT_EQ(fmt(std::vector<std::uint32_t>{0, std::numeric_limits<std::uint32_t>::max()}),
            "[         0 4294967295]");
  // np.array([np.iinfo(np.int64).min, 0, np.iinfo(np.int64).max], dtype=np.int64)
  EXPECT_EQ(fmt(std::vector<std::int64_t>{std::numeric_limits<std::int64_t>::min(), 0,
                                          std::numeric_limits<std::int64_t>::max()}),
            "[-9223372036854775808                    0  9223372036854775807]");
  // np.array([[1, 18446744073709551615]], dtype=np.uint64)
  EXPECT_EQ(fmt(std::vector<std::uint64_t>{1, std::numeric_limits<std::uint64_t>::max()}, {1, 2}),
            "[[                   1 18446744073709551615]]");
}

// ---------------------------------------------------------------------------------------------
// Empty arrays and bad shapes

TEST(Format, EmptyArrays) {
  // np.array([], dtype=np.float32) and np.zeros((2, 0), dtype=np.int32)
  EXPECT_EQ(fmt(std::vector<float>{}), "[]");
  EXPECT_EQ(fmt(std::vector<std::int32_t>{}, {2, 0}), "[]");
}

TEST(Format, ShapeMustMatchTheData) {
  try {
    fmt(iota<float>(63), {8, 8});
    FAIL() << "expected glc::Error";
  } catch (const glc::Error& error) {
    EXPECT_STREQ(error.what(), "glc::format: shape (8, 8) holds 64 elements but the data has 63");
  }
  EXPECT_THROW(fmt(iota<std::uint32_t>(4), {5}), glc::Error);
  EXPECT_THROW(fmt(iota<double>(1), {0}), glc::Error);
}

TEST(Format, ShapeWhoseProductOverflowsIsRejected) {
  // (SIZE_MAX / 2 + 1) * 2 wraps to 0, which must not pass for an empty array.
  const std::size_t half = std::numeric_limits<std::size_t>::max() / 2 + 1;
  EXPECT_THROW(fmt(std::vector<std::int64_t>{}, {half, 2}), glc::Error);
}

// ---------------------------------------------------------------------------------------------

TEST(PrintLine, WritesTheTextAndANewlineToStdout) {
  std::ostringstream captured;
  std::streambuf* const original = std::cout.rdbuf(captured.rdbuf());
  glc::print_line("[1 2 3]");
  std::cout.rdbuf(original);
  EXPECT_EQ(captured.str(), "[1 2 3]\n");
}

}  // namespace
