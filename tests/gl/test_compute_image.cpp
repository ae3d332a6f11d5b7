// The PNG that examples/compute_image wrote (ctest runs it first, with no display), decoded
// with stb_image and compared pixel by pixel with the same Mandelbrot image computed here on
// the CPU from the example's documented definition. The escape counts use float arithmetic
// with every operation rounded on both sides (`precise` in the shader, no contraction here),
// so the comparison is exact.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <set>
#include <vector>

#include <gtest/gtest.h>

#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>

namespace {

// The parameters ctest passed to compute_image (tests/CMakeLists.txt defines them once).
constexpr int kWidth = GLC_IMAGE_WIDTH;
constexpr int kHeight = GLC_IMAGE_HEIGHT;
constexpr std::uint32_t kIterations = GLC_IMAGE_ITERATIONS;
constexpr double kCenterX = GLC_IMAGE_CENTER_X;
constexpr double kCenterY = GLC_IMAGE_CENTER_Y;
constexpr double kSpan = GLC_IMAGE_SPAN;

std::uint32_t escape_count(float cx, float cy) {
  float x = 0.0f, y = 0.0f;
  std::uint32_t n = 0;
  for (; n < kIterations; ++n) {
    const float xx = x * x;
    const float yy = y * y;
    if (xx + yy > 4.0f) break;
    const float xy = x * y;
    y = xy + xy + cy;
    x = xx - yy + cx;
  }
  return n;
}

/// RGBA of escape count n: black inside the set, else a cosine gradient over log(1 + n).
std::array<std::uint8_t, 4> color_of(std::uint32_t n) {
  if (n == kIterations) return {0, 0, 0, 255};
  const double t = std::log(1.0 + n) / std::log(1.0 + kIterations);
  const double phase[3] = {0.0, 0.10, 0.20};
  std::array<std::uint8_t, 4> rgba{0, 0, 0, 255};
  for (int c = 0; c < 3; ++c) {
    const double v = 0.5 + 0.5 * std::cos(2.0 * std::numbers::pi * (3.0 * t + phase[c]));
    rgba[c] = static_cast<std::uint8_t>(std::lround(255.0 * v));
  }
  return rgba;
}

/// The PNG's pixels, 4 bytes each, row 0 (the top) first.
std::vector<std::uint8_t> load_png(int& width, int& height) {
  int channels = 0;
  stbi_uc* pixels = stbi_load(GLC_IMAGE_PNG, &width, &height, &channels, 4);
  if (pixels == nullptr) {
    ADD_FAILURE() << "cannot decode " << GLC_IMAGE_PNG << ": " << stbi_failure_reason();
    return {};
  }
  std::vector<std::uint8_t> out(pixels, pixels + std::size_t{4} * width * height);
  stbi_image_free(pixels);
  return out;
}

TEST(ComputeImage, PngMatchesTheCpuPixelForPixel) {
  int width = 0, height = 0;
  const std::vector<std::uint8_t> png = load_png(width, height);
  ASSERT_FALSE(png.empty());
  ASSERT_EQ(width, kWidth);
  ASSERT_EQ(height, kHeight);

  const auto step = static_cast<float>(kSpan / kWidth);
  const auto x0 = static_cast<float>(kCenterX - kSpan / 2);
  const auto y0 = static_cast<float>(kCenterY + kSpan * kHeight / (2.0 * kWidth));
  std::size_t wrong = 0, inside = 0;
  std::set<std::uint32_t> counts;
  for (int y = 0; y < kHeight; ++y) {
    const float cy = y0 - (static_cast<float>(y) + 0.5f) * step;
    for (int x = 0; x < kWidth; ++x) {
      const float cx = x0 + (static_cast<float>(x) + 0.5f) * step;
      const std::uint32_t n = escape_count(cx, cy);
      counts.insert(n);
      inside += n == kIterations;
      const std::array<std::uint8_t, 4> expect = color_of(n);
      const std::uint8_t* got = &png[(static_cast<std::size_t>(y) * kWidth + x) * 4];
      if (!std::equal(expect.begin(), expect.end(), got) && wrong++ < 5) {
        ADD_FAILURE() << "pixel (" << x << ", " << y << "), escape count " << n << ": got "
                      << +got[0] << "," << +got[1] << "," << +got[2] << "," << +got[3]
                      << ", expected " << +expect[0] << "," << +expect[1] << "," << +expect[2]
                      << "," << +expect[3];
      }
    }
  }
  EXPECT_EQ(wrong, 0u) << "of " << kWidth * kHeight << " pixels";
  // The view holds something to look at: the set itself and many escape counts around it.
  EXPECT_GT(inside, std::size_t{kWidth} * kHeight / 20);
  EXPECT_GT(counts.size(), 50u);
}

}  // namespace
