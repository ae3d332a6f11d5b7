// glc::Texture2D and Program::bind_image through the public API: creation and zero fill, host
// round trips of every format at odd sizes, type and size checks, shaders storing every format
// checked texel by texel against the same computation on the CPU, read-modify-write chains
// across dispatches and transfers, dispatch_for over 2D grids, image reflection, and the errors
// of bind_image and dispatch. Textures a shader writes are poisoned first, so a texel that reads
// back right was written by the shader.

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <glad/gl.h>
#include <gtest/gtest.h>
#include <glm/glm.hpp>

#include "gl_test_context.hpp"

namespace {

using glc::ImageAccess;
using glc::TextureFormat;
using glc::testing::compile;
using glc::testing::contains;
using glc::testing::context;
using glc::testing::error_from;
using glc::testing::poison;

// ---------------------------------------------------------------------------------------------
// Helpers

/// Every format with the GLSL image type that reads it.
struct FormatCase {
  TextureFormat format;
  const char* image_type;
};
constexpr FormatCase kFormats[] = {
    {TextureFormat::rgba32f, "image2D"},   {TextureFormat::rg32f, "image2D"},
    {TextureFormat::r32f, "image2D"},      {TextureFormat::rgba8, "image2D"},
    {TextureFormat::r8, "image2D"},        {TextureFormat::rgba32ui, "uimage2D"},
    {TextureFormat::rg32ui, "uimage2D"},   {TextureFormat::r32ui, "uimage2D"},
    {TextureFormat::rgba32i, "iimage2D"},  {TextureFormat::rg32i, "iimage2D"},
    {TextureFormat::r32i, "iimage2D"},
};

/// Calls f.template operator()<T>() with T the host channel type of `format`.
template <class F>
void with_channel_type(TextureFormat format, F&& f) {
  switch (format) {
    case TextureFormat::rgba32f: case TextureFormat::rg32f: case TextureFormat::r32f:
      return f.template operator()<float>();
    case TextureFormat::rgba8: case TextureFormat::r8:
      return f.template operator()<std::uint8_t>();
    case TextureFormat::rgba32ui: case TextureFormat::rg32ui: case TextureFormat::r32ui:
      return f.template operator()<std::uint32_t>();
    case TextureFormat::rgba32i: case TextureFormat::rg32i: case TextureFormat::r32i:
      return f.template operator()<std::int32_t>();
  }
  FAIL() << "unhandled format";
}

/// Distinct values for a round trip, with the extremes of each type among them.
template <class T> T value_for(std::size_t i);
template <> float value_for<float>(std::size_t i) {
  if (i % 97 == 5) return 3.0e38f;
  if (i % 89 == 7) return -1.0e-30f;
  return static_cast<float>(i) * 0.375f - 1000.0f;
}
template <> std::uint8_t value_for<std::uint8_t>(std::size_t i) {
  return static_cast<std::uint8_t>(i * 37 + 11);
}
template <> std::uint32_t value_for<std::uint32_t>(std::size_t i) {
  return i % 53 == 3 ? 0xFFFFFFFFu : static_cast<std::uint32_t>(i * 2654435761u);
}
template <> std::int32_t value_for<std::int32_t>(std::size_t i) {
  if (i % 53 == 3) return std::numeric_limits<std::int32_t>::min();
  if (i % 59 == 4) return std::numeric_limits<std::int32_t>::max();
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(i * 2654435761u));
}

/// Bitwise equality, so floats compare exactly (-0.0 is not 0.0).
template <class T>
bool same_bits(T a, T b) {
  if constexpr (std::is_same_v<T, float>) {
    return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);
  } else {
    return a == b;
  }
}

/// A texture of `format` with every value poisoned.
glc::Texture2D poisoned_texture(std::uint32_t w, std::uint32_t h, TextureFormat format) {
  glc::Texture2D t = context().texture2d(w, h, format);
  with_channel_type(format, [&]<class T>() {
    t.write(std::vector<T>(std::size_t{w} * h * glc::channel_count(format), poison<T>()));
  });
  return t;
}

// ---------------------------------------------------------------------------------------------
// Creation and host transfers

TEST(Texture, AccessorsAndZeroFillForEveryFormat) {
  for (const FormatCase& c : kFormats) {
    glc::Texture2D t = context().texture2d(5, 3, c.format);
    EXPECT_EQ(t.width(), 5u);
    EXPECT_EQ(t.height(), 3u);
    EXPECT_EQ(t.format(), c.format);
    EXPECT_NE(t.id(), 0u);
    with_channel_type(c.format, [&]<class T>() {
      const std::vector<T> zeros(15 * static_cast<std::size_t>(glc::channel_count(c.format)), T{});
      EXPECT_EQ(t.read<T>(), zeros) << glc::to_string(c.format);
    });
  }
}

TEST(Texture, FormatNamesAndChannels) {
  EXPECT_EQ(glc::to_string(TextureFormat::rgba32f), "rgba32f");
  EXPECT_EQ(glc::to_string(TextureFormat::r8), "r8");
  EXPECT_EQ(glc::to_string(TextureFormat::rg32ui), "rg32ui");
  EXPECT_EQ(glc::to_string(TextureFormat::r32i), "r32i");
  EXPECT_EQ(glc::to_string(static_cast<TextureFormat>(99)), "unknown");
  EXPECT_EQ(glc::channel_count(TextureFormat::rgba8), 4);
  EXPECT_EQ(glc::channel_count(TextureFormat::rg32f), 2);
  EXPECT_EQ(glc::channel_count(TextureFormat::r32ui), 1);
  EXPECT_EQ(glc::channel_count(static_cast<TextureFormat>(99)), 0);
}

// Every format keeps every value bit for bit, at sizes whose rows are not a multiple of 4
// bytes (r8 at width 257) and in non-square shapes both ways.
TEST(Texture, EveryFormatRoundTripsAtOddSizes) {
  const std::pair<std::uint32_t, std::uint32_t> sizes[] = {{1, 1}, {257, 3}, {3, 257}, {64, 48}};
  for (const FormatCase& c : kFormats) {
    for (auto [w, h] : sizes) {
      with_channel_type(c.format, [&]<class T>() {
        std::vector<T> data(std::size_t{w} * h * glc::channel_count(c.format));
        for (std::size_t i = 0; i < data.size(); ++i) data[i] = value_for<T>(i);
        glc::Texture2D t = context().texture2d(w, h, c.format);
        t.write(data);
        const std::vector<T> back = t.read<T>();
        ASSERT_EQ(back.size(), data.size());
        std::size_t wrong = 0;
        for (std::size_t i = 0; i < data.size(); ++i) wrong += !same_bits(back[i], data[i]);
        EXPECT_EQ(wrong, 0u) << glc::to_string(c.format) << " " << w << "x" << h;
        std::vector<T> into(data.size(), poison<T>());
        t.read_into(std::span<T>(into));
        EXPECT_EQ(std::memcmp(into.data(), data.data(), data.size() * sizeof(T)), 0);
      });
    }
  }
}

// glm vectors of the format's channel count are texels: row-major, row 0 first.
TEST(Texture, GlmVectorsAreTexels) {
  glc::Texture2D rgba = context().texture2d(3, 2, TextureFormat::rgba32f);
  std::vector<glm::vec4> texels;
  for (int i = 0; i < 6; ++i) texels.emplace_back(i, i + 0.5f, -i, 100 * i);
  rgba.write(texels);
  EXPECT_EQ(rgba.read<glm::vec4>(), texels);
  EXPECT_EQ(rgba.read<float>()[4 * 4 + 1], 4.5f);  // texel (1, 1), channel g

  glc::Texture2D bytes = context().texture2d(2, 2, TextureFormat::rgba8);
  const std::vector<glm::u8vec4> colors{{255, 0, 0, 255}, {0, 255, 0, 128}, {1, 2, 3, 4}, {}};
  bytes.write(colors);
  EXPECT_EQ(bytes.read<glm::u8vec4>(), colors);

  glc::Texture2D pairs = context().texture2d(2, 1, TextureFormat::rg32i);
  pairs.write(std::vector<glm::ivec2>{{-1, 2}, {3, -4}});
  EXPECT_EQ(pairs.read<std::int32_t>(), (std::vector<std::int32_t>{-1, 2, 3, -4}));
}

// Raw GL code may leave other pixel store settings or a pixel buffer bound; transfers are
// unaffected and leave them as they were.
TEST(Texture, TransfersIgnoreAndRestoreRawGlPixelState) {
  glc::Texture2D t = context().texture2d(257, 3, TextureFormat::r8);
  context().finish();  // makes the test context current for the raw GL calls
  glPixelStorei(GL_UNPACK_ALIGNMENT, 8);
  glPixelStorei(GL_PACK_ROW_LENGTH, 1000);
  glPixelStorei(GL_UNPACK_SKIP_ROWS, 2);
  std::vector<std::uint8_t> data(257 * 3);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = value_for<std::uint8_t>(i);
  t.write(data);
  EXPECT_EQ(t.read<std::uint8_t>(), data);
  GLint alignment = 0, row_length = 0, skip_rows = 0;
  glGetIntegerv(GL_UNPACK_ALIGNMENT, &alignment);
  glGetIntegerv(GL_PACK_ROW_LENGTH, &row_length);
  glGetIntegerv(GL_UNPACK_SKIP_ROWS, &skip_rows);
  EXPECT_EQ(alignment, 8);
  EXPECT_EQ(row_length, 1000);
  EXPECT_EQ(skip_rows, 2);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei(GL_PACK_ROW_LENGTH, 0);
  glPixelStorei(GL_UNPACK_SKIP_ROWS, 0);
}

// ---------------------------------------------------------------------------------------------
// Errors of creation and transfers

TEST(TextureErrors, ZeroSizeIsRefused) {
  EXPECT_TRUE(contains(error_from([] { context().texture2d(0, 5, TextureFormat::r32f); }),
                       {"Context::texture2d", "at least 1", "0 x 5"}));
  EXPECT_TRUE(contains(error_from([] { context().texture2d(5, 0, TextureFormat::r32f); }),
                       {"at least 1", "5 x 0"}));
}

// The driver's GL_MAX_TEXTURE_SIZE is allowed, one more is refused naming the limit.
TEST(TextureErrors, SizeAboveTheDriverMaximumIsRefused) {
  context().finish();
  GLint max = 0;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max);
  ASSERT_GT(max, 0);
  const auto limit = static_cast<std::uint32_t>(max);
  EXPECT_EQ(context().texture2d(limit, 1, TextureFormat::r8).width(), limit);
  const std::string message =
      error_from([&] { context().texture2d(1, limit + 1, TextureFormat::r8); });
  EXPECT_TRUE(contains(message, {"1 x " + std::to_string(limit + 1), std::to_string(limit),
                                 "GL_MAX_TEXTURE_SIZE"}));
  EXPECT_TRUE(contains(error_from([] { context().texture2d(0xFFFFFFFFu, 1, TextureFormat::r8); }),
                       {"GL_MAX_TEXTURE_SIZE"}));
}

TEST(TextureErrors, UnknownFormatIsRefused) {
  const auto unknown = static_cast<TextureFormat>(99);
  EXPECT_TRUE(contains(error_from([&] { context().texture2d(4, 4, unknown); }),
                       {"TextureFormat 99"}));
}

TEST(TextureErrors, WrongHostDataSizeIsRefused) {
  glc::Texture2D t = context().texture2d(257, 3, TextureFormat::rgba32f);
  const std::string message = error_from([&] { t.write(std::vector<float>(3083)); });
  EXPECT_TRUE(contains(message, {"Texture2D::write", "257 x 3", "rgba32f", "3084", "3083"}));
  EXPECT_TRUE(contains(error_from([&] { t.write(std::vector<glm::vec4>(772)); }),
                       {"771", "772", "glm::vec4"}));
  std::vector<float> small(10);
  EXPECT_TRUE(contains(error_from([&] { t.read_into(std::span<float>(small)); }),
                       {"Texture2D::read_into", "3084", "10"}));
  // Nothing was written by the refused calls.
  EXPECT_EQ(t.read<float>(), std::vector<float>(3084, 0.0f));
}

TEST(TextureErrors, WrongHostTypeIsRefused) {
  glc::Texture2D bytes = context().texture2d(2, 2, TextureFormat::rgba8);
  EXPECT_TRUE(contains(error_from([&] { bytes.write(std::vector<float>(16)); }),
                       {"rgba8", "std::uint8_t", "float", "glm::u8vec4"}));
  EXPECT_TRUE(contains(error_from([&] { (void)bytes.read<std::uint32_t>(); }),
                       {"Texture2D::read", "std::uint32_t"}));
  glc::Texture2D floats = context().texture2d(2, 2, TextureFormat::rgba32f);
  EXPECT_TRUE(contains(error_from([&] { floats.write(std::vector<glm::vec2>(8)); }),
                       {"4 channel", "glm::vec2", "glm::vec4"}));
  glc::Texture2D uints = context().texture2d(2, 2, TextureFormat::r32ui);
  EXPECT_TRUE(contains(error_from([&] { (void)uints.read<std::int32_t>(); }),
                       {"r32ui", "std::uint32_t", "std::int32_t"}));
  EXPECT_TRUE(contains(error_from([&] { (void)uints.read<glm::uvec4>(); }),
                       {"1 channel", "glm::uvec4"}));
}

TEST(TextureErrors, EmptyHandleThrows) {
  glc::Texture2D empty;
  EXPECT_TRUE(
      contains(error_from([&] { (void)empty.width(); }), {"glc::Texture2D", "empty handle"}));
  EXPECT_TRUE(contains(error_from([&] { (void)empty.read<float>(); }), {"empty handle"}));
  glc::Texture2D moved = context().texture2d(1, 1, TextureFormat::r32f);
  glc::Texture2D target = std::move(moved);
  EXPECT_TRUE(contains(error_from([&] { (void)moved.id(); }), {"empty handle"}));  // NOLINT
  EXPECT_EQ(target.width(), 1u);
}

// A texture outliving its context throws on every GL use, like a buffer.
TEST(TextureErrors, UseAfterContextDestroyedThrows) {
  glc::Texture2D orphan;
  glc::Program orphan_program;
  {
    glc::Context other;
    orphan = other.texture2d(4, 4, TextureFormat::r32ui);
    orphan_program = other.compile(glc::Source::text(R"(#version 430
layout(local_size_x = 1) in;
layout(r32ui) uniform writeonly uimage2D img;
void main() { imageStore(img, ivec2(0), uvec4(1u)); }
)", "orphan.comp"));
    orphan_program.bind_image("img", orphan);
  }
  EXPECT_EQ(orphan.width(), 4u);  // host-side facts stay
  EXPECT_TRUE(contains(error_from([&] { (void)orphan.read<std::uint32_t>(); }), {"was destroyed"}));
  EXPECT_TRUE(contains(error_from([&] { orphan.write(std::vector<std::uint32_t>(16)); }),
                       {"was destroyed"}));
  EXPECT_TRUE(contains(error_from([&] { (void)orphan.id(); }), {"was destroyed"}));
  EXPECT_TRUE(contains(error_from([&] { orphan_program.dispatch(1); }), {"was destroyed"}));
  // Binding it to a program of a live context is refused as well.
  glc::Program p = compile(R"(#version 430
layout(local_size_x = 1) in;
layout(r32ui) uniform writeonly uimage2D img;
void main() { imageStore(img, ivec2(0), uvec4(1u)); }
)", "live.comp");
  EXPECT_TRUE(
      contains(error_from([&] { p.bind_image("img", orphan); }), {"different glc::Context"}));
}

// ---------------------------------------------------------------------------------------------
// Shaders storing to textures

/// The values the store shader writes at texel (x, y), channel c — the same in GLSL and here.
struct Expected {
  static float f(int x, int y, int c) {
    const auto fx = static_cast<float>(x), fy = static_cast<float>(y);
    const float v[4] = {fx * 0.5f + fy, -fy - 0.25f, static_cast<float>(x * y), 1000.0f - fx};
    return v[c];
  }
  static std::uint8_t unorm(int x, int y, int c) {
    const int v[4] = {x % 256, (y * 3) % 256, (x + y) % 256, 255 - x % 256};
    return static_cast<std::uint8_t>(v[c]);
  }
  static std::uint32_t u(int x, int y, int c) {
    const auto ux = static_cast<std::uint32_t>(x), uy = static_cast<std::uint32_t>(y);
    const std::uint32_t v[4] = {(ux * 65537u) ^ (uy * 2654435761u), ux + uy, ~ux, uy};
    return v[c];
  }
  static std::int32_t i(int x, int y, int c) {
    const std::int32_t v[4] = {x * 7 - y * 1000, -x, y - 5, x * y - 100000};
    return v[c];
  }
};

constexpr const char* kStoreValues = R"(
vec4 f_value(ivec2 p) {
  vec2 f = vec2(p);
  return vec4(f.x * 0.5 + f.y, -f.y - 0.25, float(p.x * p.y), 1000.0 - f.x);
}
vec4 unorm_value(ivec2 p) {
  return vec4(p.x % 256, (p.y * 3) % 256, (p.x + p.y) % 256, 255 - p.x % 256) / 255.0;
}
uvec4 u_value(ivec2 p) {
  uvec2 q = uvec2(p);
  return uvec4((q.x * 65537u) ^ (q.y * 2654435761u), q.x + q.y, ~q.x, q.y);
}
ivec4 i_value(ivec2 p) { return ivec4(p.x * 7 - p.y * 1000, -p.x, p.y - 5, p.x * p.y - 100000); }
)";

std::string store_shader(const FormatCase& c) {
  const std::string_view type = c.image_type;
  const char* value = type == "uimage2D" ? "u_value(p)" : type == "iimage2D" ? "i_value(p)"
                      : (c.format == TextureFormat::rgba8 || c.format == TextureFormat::r8)
                          ? "unorm_value(p)" : "f_value(p)";
  return std::string("#version 430\nlayout(local_size_x = 8, local_size_y = 8) in;\n") +
         "layout(binding = 2, " + std::string(glc::to_string(c.format)) + ") uniform writeonly " +
         c.image_type + " img;\n" + kStoreValues +
         "void main() {\n"
         "  ivec2 p = ivec2(gl_GlobalInvocationID.xy);\n"
         "  if (any(greaterThanEqual(p, imageSize(img)))) return;\n"
         "  imageStore(img, p, " + value + ");\n}\n";
}

template <class T>
T expected_value(int x, int y, int c) {
  if constexpr (std::is_same_v<T, float>) {
    return Expected::f(x, y, c);
  } else if constexpr (std::is_same_v<T, std::uint8_t>) {
    return Expected::unorm(x, y, c);
  } else if constexpr (std::is_same_v<T, std::uint32_t>) {
    return Expected::u(x, y, c);
  } else {
    return Expected::i(x, y, c);
  }
}

// A shader storing to each format at an odd, non-square size (partial work groups in both
// directions) gives exactly the CPU's value in every channel of every texel.
TEST(TextureImages, ShaderStoresEveryFormatTexelByTexel) {
  const std::uint32_t w = 257, h = 11;
  for (const FormatCase& c : kFormats) {
    glc::Program p = compile(store_shader(c), "store.comp");
    glc::Texture2D t = poisoned_texture(w, h, c.format);
    p.bind_image("img", t, ImageAccess::write_only).dispatch_for(w, h);
    with_channel_type(c.format, [&]<class T>() {
      const int channels = glc::channel_count(c.format);
      const std::vector<T> got = t.read<T>();
      std::size_t wrong = 0;
      for (int y = 0; y < static_cast<int>(h); ++y) {
        for (int x = 0; x < static_cast<int>(w); ++x) {
          for (int ch = 0; ch < channels; ++ch) {
            const T expect = expected_value<T>(x, y, ch);
            const T value = got[(static_cast<std::size_t>(y) * w + x) * channels + ch];
            if (!same_bits(value, expect) && wrong++ < 5) {
              ADD_FAILURE() << glc::to_string(c.format) << " texel (" << x << ", " << y
                            << ") channel " << ch << ": " << +value << ", expected " << +expect;
            }
          }
        }
      }
      EXPECT_EQ(wrong, 0u) << glc::to_string(c.format);
    });
  }
}

// One invocation per texel of a 1x1 texture with 8x8 work groups: 63 invocations skip.
TEST(TextureImages, OneByOneTexture) {
  glc::Program p = compile(store_shader({TextureFormat::r32i, "iimage2D"}), "store.comp");
  glc::Texture2D t = poisoned_texture(1, 1, TextureFormat::r32i);
  p.bind_image(2u, t).dispatch_for(1, 1);
  EXPECT_EQ(t.read<std::int32_t>(), std::vector<std::int32_t>{Expected::i(0, 0, 0)});
}

constexpr const char* kStepShader = R"(#version 430
layout(local_size_x = 4, local_size_y = 4) in;
layout(r32ui, binding = 0) uniform uimage2D img;
uniform uint k;
void main() {
  ivec2 p = ivec2(gl_GlobalInvocationID.xy);
  if (any(greaterThanEqual(p, imageSize(img)))) return;
  uint v = imageLoad(img, p).x;
  imageStore(img, p, uvec4(v * 3u + k + uint(p.x)));
}
)";

// Dispatches that read what the previous one stored, interleaved with host reads and writes:
// every step sees the one before it, with no barrier called by the test.
TEST(TextureImages, ReadModifyWriteChainsAcrossDispatchesAndTransfers) {
  const std::uint32_t w = 37, h = 19;
  glc::Program step = compile(kStepShader, "step.comp");
  glc::Texture2D t = context().texture2d(w, h, TextureFormat::r32ui);
  std::vector<std::uint32_t> cpu(w * h);
  for (std::size_t i = 0; i < cpu.size(); ++i) cpu[i] = value_for<std::uint32_t>(i);
  t.write(cpu);
  step.bind_image("img", t);
  const auto cpu_step = [&](std::uint32_t k) {
    for (std::size_t i = 0; i < cpu.size(); ++i) {
      cpu[i] = cpu[i] * 3u + k + static_cast<std::uint32_t>(i % w);
    }
  };
  for (std::uint32_t k = 1; k <= 4; ++k) {
    step.set("k", k).dispatch_for(w, h);
    cpu_step(k);
  }
  ASSERT_EQ(t.read<std::uint32_t>(), cpu);  // read-back after four chained dispatches
  // A host write right after a dispatch replaces what it stored (its stores must not land
  // later), and the next dispatch starts from the written values.
  step.set("k", 9u).dispatch_for(w, h);
  std::vector<std::uint32_t> written(cpu.size());
  for (std::size_t i = 0; i < written.size(); ++i) {
    written[i] = 1000u + static_cast<std::uint32_t>(i);
  }
  t.write(written);
  EXPECT_EQ(t.read<std::uint32_t>(), written);
  cpu = written;
  step.set("k", 5u).dispatch_for(w, h);
  cpu_step(5);
  step.set("k", 6u).dispatch_for(w, h);
  cpu_step(6);
  EXPECT_EQ(t.read<std::uint32_t>(), cpu);
}

constexpr const char* kBlurShader = R"(#version 430
layout(local_size_x = 8, local_size_y = 8) in;
layout(r32ui, binding = 0) uniform readonly uimage2D src;
layout(r32ui, binding = 1) uniform writeonly uimage2D dst;
void main() {
  ivec2 p = ivec2(gl_GlobalInvocationID.xy);
  ivec2 size = imageSize(src);
  if (any(greaterThanEqual(p, size))) return;
  uint sum = imageLoad(src, p).x * 5u;
  sum += imageLoad(src, clamp(p + ivec2(1, 0), ivec2(0), size - 1)).x;
  sum += imageLoad(src, clamp(p - ivec2(1, 0), ivec2(0), size - 1)).x;
  sum += imageLoad(src, clamp(p + ivec2(0, 1), ivec2(0), size - 1)).x * 3u;
  sum += imageLoad(src, clamp(p - ivec2(0, 1), ivec2(0), size - 1)).x * 7u;
  imageStore(dst, p, uvec4(sum));
}
)";

// Ping-pong between two textures: each pass reads neighbours stored by other work groups in
// the pass before, so a missing barrier between dispatches would show.
TEST(TextureImages, PingPongStencilMatchesTheCpu) {
  const int w = 45, h = 30;
  glc::Program blur = compile(kBlurShader, "blur.comp");
  glc::Texture2D a = context().texture2d(w, h, TextureFormat::r32ui);
  glc::Texture2D b = poisoned_texture(w, h, TextureFormat::r32ui);
  std::vector<std::uint32_t> cpu(static_cast<std::size_t>(w) * h);
  for (std::size_t i = 0; i < cpu.size(); ++i) cpu[i] = value_for<std::uint32_t>(i) >> 8;
  a.write(cpu);
  const auto at = [&](const std::vector<std::uint32_t>& v, int x, int y) {
    return v[static_cast<std::size_t>(std::clamp(y, 0, h - 1)) * w + std::clamp(x, 0, w - 1)];
  };
  for (int pass = 0; pass < 6; ++pass) {
    const bool forward = pass % 2 == 0;
    blur.bind_image("src", forward ? a : b, ImageAccess::read_only)
        .bind_image("dst", forward ? b : a, ImageAccess::write_only)
        .dispatch_for(w, h);
    std::vector<std::uint32_t> next(cpu.size());
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        next[static_cast<std::size_t>(y) * w + x] = at(cpu, x, y) * 5u + at(cpu, x + 1, y) +
                                                    at(cpu, x - 1, y) + at(cpu, x, y + 1) * 3u +
                                                    at(cpu, x, y - 1) * 7u;
      }
    }
    cpu = std::move(next);
  }
  EXPECT_EQ(a.read<std::uint32_t>(), cpu);  // six passes end in `a`
}

// Images and storage buffers in one chain: a dispatch fills a buffer, the next copies it into
// an image, the next reads the image back into another buffer.
TEST(TextureImages, ChainsThroughBuffersAndImages) {
  const std::uint32_t w = 13, h = 9;
  glc::Program fill = compile(R"(#version 430
layout(local_size_x = 64) in;
layout(std430, binding = 0) buffer Out { float v[]; };
void main() { uint i = gl_GlobalInvocationID.x; if (i < v.length()) v[i] = float(i) * 1.5; }
)", "fill.comp");
  glc::Program to_image = compile(R"(#version 430
layout(local_size_x = 8, local_size_y = 8) in;
layout(std430, binding = 0) readonly buffer In { float v[]; };
layout(r32f, binding = 0) uniform writeonly image2D img;
void main() {
  ivec2 p = ivec2(gl_GlobalInvocationID.xy);
  ivec2 size = imageSize(img);
  if (any(greaterThanEqual(p, size))) return;
  imageStore(img, p, vec4(v[p.y * size.x + p.x] + 1.0));
}
)", "to_image.comp");
  glc::Program from_image = compile(R"(#version 430
layout(local_size_x = 8, local_size_y = 8) in;
layout(r32f, binding = 3) uniform readonly image2D img;
layout(std430, binding = 1) writeonly buffer Out { float v[]; };
void main() {
  ivec2 p = ivec2(gl_GlobalInvocationID.xy);
  ivec2 size = imageSize(img);
  if (any(greaterThanEqual(p, size))) return;
  v[p.y * size.x + p.x] = imageLoad(img, p).x * 2.0;
}
)", "from_image.comp");
  glc::Buffer<float> first = glc::testing::poisoned_buffer<float>(w * h);
  glc::Buffer<float> last = glc::testing::poisoned_buffer<float>(w * h);
  glc::Texture2D t = poisoned_texture(w, h, TextureFormat::r32f);
  fill.bind("Out", first).dispatch_for(w * h);
  to_image.bind("In", first).bind_image("img", t).dispatch_for(w, h);
  from_image.bind_image(3u, t, ImageAccess::read_only).bind("Out", last).dispatch_for(w, h);
  const std::vector<float> got = last.read();
  for (std::size_t i = 0; i < got.size(); ++i) {
    ASSERT_EQ(got[i], (static_cast<float>(i) * 1.5f + 1.0f) * 2.0f) << i;
  }
}

// dispatch_for over a grid: enough groups in each direction, nothing for a zero size, and a
// clear error for more groups than the driver allows in y.
TEST(TextureImages, DispatchForCoversA2DGrid) {
  glc::Program p = compile(store_shader({TextureFormat::r32ui, "uimage2D"}), "store.comp");
  glc::Texture2D t = poisoned_texture(20, 17, TextureFormat::r32ui);
  p.bind_image("img", t);
  p.dispatch_for(0, 17);
  p.dispatch_for(20, 0);
  p.dispatch_for(20, 17, 0);
  EXPECT_EQ(t.read<std::uint32_t>(), std::vector<std::uint32_t>(20 * 17, poison<std::uint32_t>()));
  p.dispatch_for(9, 17);  // only the first 9 columns (two groups of 8 cover them)
  const std::vector<std::uint32_t> got = t.read<std::uint32_t>();
  for (int y = 0; y < 17; ++y) {
    for (int x = 0; x < 20; ++x) {
      const std::uint32_t expect = x < 16 ? Expected::u(x, y, 0) : poison<std::uint32_t>();
      ASSERT_EQ(got[static_cast<std::size_t>(y) * 20 + x], expect) << x << ", " << y;
    }
  }
  const std::uint32_t max_y = context().info().limits.max_work_group_count[1];
  const std::uint64_t too_tall = std::uint64_t{max_y} * 8 + 1;
  EXPECT_TRUE(contains(error_from([&] { p.dispatch_for(8, too_tall); }),
                       {"dispatch_for", std::to_string(too_tall), "in y", std::to_string(max_y)}));
}

// ---------------------------------------------------------------------------------------------
// Image reflection and binding

constexpr const char* kManyImages = R"(#version 430
layout(local_size_x = 1) in;
// layout(rgba8) uniform image2D commented_out;
/* layout(r32i) uniform iimage2D also_commented; */
layout(binding = 1, rgba32f) uniform readonly image2D a, b;
layout(r32ui, binding = 2) writeonly uniform uimage2D c;
writeonly uniform image2D unformatted;
layout(rgba16f, binding = 4) uniform image2D half_float;
layout(r32f) uniform image3D volume;
layout(std430, binding = 0) buffer Data { float data[]; };
uniform uint n;
void main() {
  vec4 s = imageLoad(a, ivec2(0)) + imageLoad(b, ivec2(0)) + imageLoad(half_float, ivec2(0)) +
           imageLoad(volume, ivec3(0));
  imageStore(c, ivec2(0), uvec4(n));
  imageStore(unformatted, ivec2(0), s);
  data[0] = s.x;
}
)";

const glc::ImageInfo* find_image(const glc::Program& p, std::string_view name) {
  for (const glc::ImageInfo& image : p.images()) {
    if (image.name == name) return &image;
  }
  return nullptr;
}

TEST(ImageReflection, FormatsQualifiersAndUnits) {
  glc::Program p = compile(kManyImages, "many.comp");
  EXPECT_EQ(p.images().size(), 6u);
  EXPECT_EQ(find_image(p, "commented_out"), nullptr);
  const glc::ImageInfo* a = find_image(p, "a");
  const glc::ImageInfo* b = find_image(p, "b");
  const glc::ImageInfo* c = find_image(p, "c");
  const glc::ImageInfo* unformatted = find_image(p, "unformatted");
  const glc::ImageInfo* half = find_image(p, "half_float");
  const glc::ImageInfo* volume = find_image(p, "volume");
  ASSERT_TRUE(a && b && c && unformatted && half && volume);
  EXPECT_EQ(a->type_name, "image2D");
  EXPECT_EQ(a->format, "rgba32f");
  EXPECT_EQ(a->unit, 1u);
  EXPECT_TRUE(a->readonly);
  EXPECT_FALSE(a->writeonly);
  EXPECT_EQ(b->format, "rgba32f");
  EXPECT_TRUE(b->readonly);
  EXPECT_EQ(b->unit, 1u);
  EXPECT_EQ(c->type_name, "uimage2D");
  EXPECT_EQ(c->format, "r32ui");
  EXPECT_TRUE(c->writeonly);
  EXPECT_EQ(c->unit, 2u);
  EXPECT_EQ(unformatted->format, "");
  EXPECT_TRUE(unformatted->writeonly);
  EXPECT_EQ(half->format, "rgba16f");
  EXPECT_EQ(half->unit, 4u);
  EXPECT_EQ(volume->type_name, "image3D");
}

constexpr const char* kPairShader = R"(#version 430
layout(local_size_x = 1) in;
layout(r32ui, binding = 0) uniform writeonly uimage2D first;
layout(r32ui, binding = 0) uniform writeonly uimage2D second;
void main() {
  imageStore(first, ivec2(0), uvec4(11u));
  imageStore(second, ivec2(0), uvec4(22u));
}
)";

// Two images on one unit, bound to different textures, would alias: dispatch refuses. set()
// gives one its own unit, and both textures get their value.
TEST(ImageBinding, SharedUnitIsRefusedUntilSetMovesOne) {
  glc::Program p = compile(kPairShader, "pair.comp");
  glc::Texture2D t1 = poisoned_texture(1, 1, TextureFormat::r32ui);
  glc::Texture2D t2 = poisoned_texture(1, 1, TextureFormat::r32ui);
  p.bind_image("first", t1).bind_image("second", t2);
  EXPECT_TRUE(contains(error_from([&] { p.dispatch(1); }),
                       {"'first'", "'second'", "image unit 0", "layout(binding = N)"}));
  p.set("second", std::int32_t{5});
  EXPECT_EQ(find_image(p, "second")->unit, 5u);
  p.dispatch(1);
  EXPECT_EQ(t1.read<std::uint32_t>(), std::vector<std::uint32_t>{11u});
  EXPECT_EQ(t2.read<std::uint32_t>(), std::vector<std::uint32_t>{22u});
  // By unit: 5 is now `second`'s.
  glc::Texture2D t3 = poisoned_texture(1, 1, TextureFormat::r32ui);
  p.bind_image(5u, t3).dispatch(1);
  EXPECT_EQ(t3.read<std::uint32_t>(), std::vector<std::uint32_t>{22u});
  // The same texture on both images on one unit is one image to GL: allowed.
  glc::Program q = compile(kPairShader, "pair.comp");
  q.bind_image(0u, t1).dispatch(1);
  EXPECT_EQ(t1.read<std::uint32_t>(), std::vector<std::uint32_t>{22u});  // the later store
}

TEST(ImageBinding, ImageWithoutFormatTakesTheTexturesFormat) {
  glc::Program p = compile(R"(#version 430
layout(local_size_x = 1) in;
writeonly uniform image2D img;
void main() { imageStore(img, ivec2(1, 0), vec4(0.25, 0.5, 0.75, 1.0)); }
)", "unformatted.comp");
  glc::Texture2D floats = poisoned_texture(2, 1, TextureFormat::rgba32f);
  p.bind_image("img", floats).dispatch(1);
  EXPECT_EQ(floats.read<float>(), (std::vector<float>{-12345.5f, -12345.5f, -12345.5f, -12345.5f,
                                                      0.25f, 0.5f, 0.75f, 1.0f}));
  glc::Texture2D bytes = poisoned_texture(2, 1, TextureFormat::rgba8);
  p.bind_image("img", bytes).dispatch(1);
  // GL lets a driver round a conversion to unorm either way ("one of the two closest values"):
  // 0.5 * 255 = 127.5 is 128 on Mesa and 127 on NVIDIA.
  const glm::u8vec4 stored = bytes.read<glm::u8vec4>()[1];
  const glm::u8vec4 nearest(64, 128, 191, 255);
  for (int c = 0; c < 4; ++c) EXPECT_LE(std::abs(int(stored[c]) - int(nearest[c])), 1) << "channel " << c;
  EXPECT_EQ(bytes.read<glm::u8vec4>()[0], glm::u8vec4(0xA5));  // the poison: only texel 1 was written
}

TEST(ImageBindingErrors, MissingImageUniformIsNamed) {
  glc::Program p = compile(kManyImages, "many.comp");
  glc::Texture2D t = context().texture2d(1, 1, TextureFormat::rgba32f);
  EXPECT_TRUE(contains(error_from([&] { p.bind_image("nope", t); }),
                       {"many.comp", "no active image uniform named 'nope'", "image2D a",
                        "uimage2D c", "removed by the compiler"}));
  EXPECT_TRUE(contains(error_from([&] { p.bind_image(7u, t); }),
                       {"no active image uniform uses image unit 7", "a = 1", "half_float = 4"}));
}

TEST(ImageBindingErrors, KindMismatchIsRefused) {
  glc::Program p = compile(kManyImages, "many.comp");
  glc::Texture2D floats = context().texture2d(1, 1, TextureFormat::rgba32f);
  glc::Texture2D ints = context().texture2d(1, 1, TextureFormat::r32i);
  EXPECT_TRUE(contains(error_from([&] { p.bind_image("c", floats); }),
                       {"image 'c'", "uimage2D", "rgba32f", "a float or normalized format",
                        "rgba32ui, rg32ui, r32ui, rgba16ui", "r16ui or r8ui"}));
  EXPECT_TRUE(contains(error_from([&] { p.bind_image("unformatted", ints); }),
                       {"image 'unformatted'", "image2D", "r32i", "a signed integer format",
                        "rgba32f, rg32f, r32f, rgba8, r8, rgba16f", "or r8_snorm"}));
}

TEST(ImageBindingErrors, DeclaredFormatMismatchIsRefused) {
  glc::Program p = compile(kManyImages, "many.comp");
  glc::Texture2D r32f = context().texture2d(1, 1, TextureFormat::r32f);
  EXPECT_TRUE(contains(error_from([&] { p.bind_image("a", r32f, ImageAccess::read_only); }),
                       {"image 'a'", "declares the image rgba32f", "texture is r32f"}));
  glc::Texture2D rgba32f = context().texture2d(1, 1, TextureFormat::rgba32f);
  EXPECT_TRUE(contains(error_from([&] { p.bind_image("half_float", rgba32f); }),
                       {"declares the image rgba16f", "texture is rgba32f"}));
}

TEST(ImageBindingErrors, OtherImageTypesAndNonImagesAreRefused) {
  glc::Program p = compile(kManyImages, "many.comp");
  glc::Texture2D t = context().texture2d(1, 1, TextureFormat::r32f);
  EXPECT_TRUE(contains(error_from([&] { p.bind_image("volume", t); }),
                       {"image 'volume'", "image3D", "a Texture2D", "needs a Texture3D"}));
  EXPECT_TRUE(contains(error_from([&] { p.bind_image("n", t); }), {"'n'", "uint", "set()"}));
  EXPECT_TRUE(contains(error_from([&] { p.bind_image("Data", t); }),
                       {"'Data' is a storage block", "bind(\"Data\", buffer)"}));
  glc::Buffer<float> buffer = context().buffer<float>(4);
  EXPECT_TRUE(contains(error_from([&] { p.bind("c", buffer); }),
                       {"'c' is an image uniform (uimage2D), not a storage block",
                        "bind_image(\"c\""}));
}

// Arrays of images are left to raw GL: bind_image refuses them, dispatch does not demand them.
TEST(ImageBindingErrors, ImageArraysAreRefusedButNotRequired) {
  glc::Program p = compile(R"(#version 430
layout(local_size_x = 1) in;
layout(r32f) uniform image2D layers[2];
layout(std430, binding = 0) buffer Out { int v[]; };
void main() { v[0] = imageSize(layers[1]).x; }
)", "array.comp");
  glc::Texture2D t = context().texture2d(1, 1, TextureFormat::r32f);
  EXPECT_TRUE(contains(error_from([&] { p.bind_image("layers", t); }),
                       {"image 'layers'", "array of 2 image2D"}));
  glc::Buffer<std::int32_t> out = glc::testing::poisoned_buffer<std::int32_t>(1);
  EXPECT_NO_THROW(p.bind("Out", out).dispatch(1));
}

TEST(ImageBindingErrors, AccessOutsideTheEnumIsRefused) {
  glc::Program p = compile(kPairShader, "pair.comp");
  glc::Texture2D t = context().texture2d(1, 1, TextureFormat::r32ui);
  EXPECT_TRUE(contains(error_from([&] { p.bind_image("first", t, static_cast<ImageAccess>(7)); }),
                       {"ImageAccess 7"}));
}

TEST(ImageBindingErrors, AccessMustAllowWhatTheShaderDeclares) {
  glc::Program p = compile(kManyImages, "many.comp");
  glc::Texture2D floats = context().texture2d(1, 1, TextureFormat::rgba32f);
  glc::Texture2D uints = context().texture2d(1, 1, TextureFormat::r32ui);
  EXPECT_TRUE(contains(error_from([&] { p.bind_image("a", floats, ImageAccess::write_only); }),
                       {"image 'a'", "readonly in the shader", "write_only"}));
  EXPECT_TRUE(contains(error_from([&] { p.bind_image("c", uints, ImageAccess::read_only); }),
                       {"image 'c'", "writeonly in the shader", "read_only"}));
  EXPECT_NO_THROW(p.bind_image("a", floats, ImageAccess::read_only));
  EXPECT_NO_THROW(p.bind_image("c", uints, ImageAccess::write_only));
  EXPECT_NO_THROW(p.bind_image("c", uints));  // read_write allows everything
}

TEST(ImageBindingErrors, DispatchNeedsALiveTextureOnEvery2DImage) {
  glc::Program p = compile(kPairShader, "pair.comp");
  p.set("second", std::int32_t{1});
  glc::Texture2D t = context().texture2d(1, 1, TextureFormat::r32ui);
  p.bind_image("first", t);
  EXPECT_TRUE(contains(error_from([&] { p.dispatch(1); }),
                       {"pair.comp", "image 'second'", "unit 1", "no texture bound",
                        "bind_image(\"second\", texture)"}));
  {
    glc::Texture2D temporary = context().texture2d(1, 1, TextureFormat::r32ui);
    p.bind_image("second", temporary);
  }
  EXPECT_TRUE(contains(error_from([&] { p.dispatch(1); }),
                       {"texture bound to image 'second' was destroyed"}));
  glc::Texture2D empty;
  EXPECT_TRUE(contains(error_from([&] { p.bind_image("first", empty); }), {"empty handle"}));
}

}  // namespace
