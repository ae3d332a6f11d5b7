// Texture3D, Texture2DArray and every texel format through the public API: creation from data
// and host round trips at odd sizes, region writes and reads against a CPU model, shaders
// storing to image3D / image2DArray (and integer forms) and to one layer, copies between
// textures and to and from buffers, and the errors for bad input, each naming the GL limit or
// the rule behind it. Textures and buffers a shader or a copy writes are poisoned first.

#include <algorithm>
#include <array>
#include <span>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <glm/glm.hpp>

#include "gl_test_context.hpp"

namespace {

using glc::Region;
using glc::TextureFormat;
using glc::testing::compile;
using glc::testing::contains;
using glc::testing::context;
using glc::testing::error_from;

/// Deterministic pseudo-random 64-bit values (splitmix64).
std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

/// `n` random values of T in [lo, hi].
template <class T>
std::vector<T> random_values(std::size_t n, std::uint64_t seed, std::int64_t lo, std::int64_t hi) {
  std::vector<T> v(n);
  const auto span = static_cast<std::uint64_t>(hi - lo + 1);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<T>(lo + static_cast<std::int64_t>(mix(seed * 1000003 + i) % span));
  return v;
}

/// A CPU model of a w x h x d texture holding `values` values per texel, x fastest.
template <class T>
struct Model {
  std::uint32_t w, h, d;
  int values;
  std::vector<T> data;
  std::size_t at(std::uint32_t x, std::uint32_t y, std::uint32_t z) const {
    return ((std::size_t{z} * h + y) * w + x) * values;
  }
  void write(const Region& r, const std::vector<T>& src) {
    std::size_t i = 0;
    for (std::uint32_t z = 0; z < r.depth; ++z)
      for (std::uint32_t y = 0; y < r.height; ++y)
        for (std::uint32_t x = 0; x < r.width; ++x)
          for (int c = 0; c < values; ++c) data[at(r.x + x, r.y + y, r.z + z) + c] = src[i++];
  }
  std::vector<T> read(const Region& r) const {
    std::vector<T> out;
    for (std::uint32_t z = 0; z < r.depth; ++z)
      for (std::uint32_t y = 0; y < r.height; ++y)
        for (std::uint32_t x = 0; x < r.width; ++x)
          for (int c = 0; c < values; ++c) out.push_back(data[at(r.x + x, r.y + y, r.z + z) + c]);
    return out;
  }
};

std::vector<std::uint16_t> bits_of(const std::vector<glc::half>& v) {
  std::vector<std::uint16_t> out;
  for (glc::half h : v) out.push_back(h.bits());
  return out;
}

// ---------------------------------------------------------------------------------------------
// Creation and host round trips

TEST(TextureKinds, AccessorsAndZeroFill) {
  glc::Texture3D v = context().texture3d(5, 3, 7, TextureFormat::r16f);
  EXPECT_EQ(v.kind(), glc::TextureKind::texture_3d);
  EXPECT_EQ(v.width(), 5u);
  EXPECT_EQ(v.height(), 3u);
  EXPECT_EQ(v.depth(), 7u);
  EXPECT_EQ(v.format(), TextureFormat::r16f);
  EXPECT_EQ(v.whole(), (Region{0, 0, 0, 5, 3, 7}));
  EXPECT_EQ(bits_of(v.read<glc::half>()), std::vector<std::uint16_t>(105, 0));

  glc::Texture2DArray a = context().texture2d_array(4, 2, 9, TextureFormat::rgba8ui);
  EXPECT_EQ(a.kind(), glc::TextureKind::texture_2d_array);
  EXPECT_EQ(a.layers(), 9u);
  EXPECT_EQ(a.read<glm::u8vec4>(), std::vector<glm::u8vec4>(72, glm::u8vec4(0)));
  glc::Texture2D t = context().texture2d(3, 1, TextureFormat::rg16i);
  EXPECT_EQ(t.depth(), 1u);
  EXPECT_EQ(t.read<std::int16_t>(), std::vector<std::int16_t>(6, 0));
}

// The formats named after the GLSL qualifiers, one host type each.
TEST(TextureKinds, EveryFormatIsListedOnceWithItsSizes) {
  const std::span<const TextureFormat> all = glc::texture_formats();
  EXPECT_EQ(all.size(), 39u);  // GL 4.6 table 8.27
  for (TextureFormat f : all) {
    SCOPED_TRACE(std::string(glc::to_string(f)));
    EXPECT_NE(glc::to_string(f), "unknown");
    EXPECT_EQ(std::count(all.begin(), all.end(), f), 1);
    EXPECT_GT(glc::texel_bytes(f), 0);
    EXPECT_EQ(glc::texel_bytes(f) % glc::values_per_texel(f), 0);
  }
  EXPECT_EQ(glc::texel_bytes(TextureFormat::rgba16f), 8);
  EXPECT_EQ(glc::texel_bytes(TextureFormat::rg8), 2);
  EXPECT_EQ(glc::values_per_texel(TextureFormat::rgb10_a2ui), 1);
  EXPECT_EQ(glc::channel_count(TextureFormat::rgb10_a2ui), 4);
  EXPECT_EQ(glc::channel_count(TextureFormat::r11f_g11f_b10f), 3);
}

/// Calls f.template operator()<T>() with T the host value type of `format`, found from its
/// public sizes and name alone (an independent restatement of texture_format.hpp's table).
template <class F>
void with_host_type(TextureFormat format, F&& f) {
  const std::string name(glc::to_string(format));
  const int bytes = glc::texel_bytes(format) / glc::values_per_texel(format);
  const bool packed = glc::values_per_texel(format) == 1 && glc::channel_count(format) > 1;
  const bool is_float = !packed && name.back() == 'f';
  const bool is_signed = name.ends_with("_snorm") || (name.ends_with("i") && !name.ends_with("ui"));
  if (packed) return f.template operator()<std::uint32_t>();
  if (is_float) {
    if (bytes == 4) return f.template operator()<float>();
    return f.template operator()<glc::half>();
  }
  if (bytes == 4) return is_signed ? f.template operator()<std::int32_t>() : f.template operator()<std::uint32_t>();
  if (bytes == 2) return is_signed ? f.template operator()<std::int16_t>() : f.template operator()<std::uint16_t>();
  return is_signed ? f.template operator()<std::int8_t>() : f.template operator()<std::uint8_t>();
}

/// Values every format stores unchanged: finite floats and halves, snorm values above the
/// most negative integer (which GL may store as its neighbour: both mean -1.0), packed
/// r11f_g11f_b10f texels without infinities or NaNs.
template <class T>
std::vector<T> storable_values(TextureFormat format, std::size_t n, std::uint64_t seed) {
  if constexpr (std::is_same_v<T, float>) {
    std::vector<float> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<float>(static_cast<std::int64_t>(mix(seed + i) % 2000001) - 1000000) / 64.0f;
    return v;
  } else if constexpr (std::is_same_v<T, glc::half>) {
    std::vector<glc::half> v(n);
    for (std::size_t i = 0; i < n; ++i) {
      auto bits = static_cast<std::uint16_t>(mix(seed + i));
      if ((bits & 0x7C00u) == 0x7C00u) bits &= 0xBFFFu;  // no infinity or NaN
      v[i] = glc::half::from_bits(bits);
    }
    return v;
  } else if constexpr (std::is_same_v<T, std::uint32_t>) {
    std::vector<std::uint32_t> v = random_values<std::uint32_t>(n, seed, 0, 0xFFFFFFFFll);
    if (format == TextureFormat::r11f_g11f_b10f) {
      for (std::uint32_t& x : v) x &= ~((1u << 10) | (1u << 21) | (1u << 31));  // top exponent bit off
    }
    return v;
  } else {
    const std::int64_t lo = std::numeric_limits<T>::min() + (std::is_signed_v<T> ? 1 : 0);
    return random_values<T>(n, seed, lo, std::numeric_limits<T>::max());
  }
}

template <class T>
bool same(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

// Every format, in each kind, created from data at odd sizes reads back bit for bit.
TEST(TextureKinds, EveryFormatAndKindRoundTripsAtOddSizes) {
  for (TextureFormat format : glc::texture_formats()) {
    SCOPED_TRACE(std::string(glc::to_string(format)));
    with_host_type(format, [&]<class T>() {
      const std::size_t per = static_cast<std::size_t>(glc::values_per_texel(format));
      const std::vector<T> flat = storable_values<T>(format, 17 * 5 * 3 * per, 7);
      EXPECT_TRUE(same(context().texture3d(17, 5, 3, format, flat).template read<T>(), flat));
      EXPECT_TRUE(same(context().texture2d_array(17, 5, 3, format, flat).template read<T>(), flat));
      const std::vector<T> plane(flat.begin(), flat.begin() + 17 * 5 * per);
      EXPECT_TRUE(same(context().texture2d(17, 5, format, plane).template read<T>(), plane));
      const std::vector<T> one(flat.begin(), flat.begin() + per);
      EXPECT_TRUE(same(context().texture3d(1, 1, 1, format, one).template read<T>(), one));
    });
  }
}

// glm vectors and std::arrays of a format's values are texels too.
TEST(TextureKinds, VectorsAndArraysAreTexels) {
  const std::vector<glm::u16vec4> texels{{1, 2, 3, 65535}, {4, 5, 6, 7}};
  glc::Texture2DArray a = context().texture2d_array(1, 1, 2, TextureFormat::rgba16ui, texels);
  EXPECT_EQ(a.read<glm::u16vec4>(), texels);
  EXPECT_EQ(a.read<std::uint16_t>(), (std::vector<std::uint16_t>{1, 2, 3, 65535, 4, 5, 6, 7}));
  using half2 = std::array<glc::half, 2>;
  const std::vector<half2> h{{glc::half(1.5f), glc::half(-2.0f)}};
  glc::Texture3D v = context().texture3d(1, 1, 1, TextureFormat::rg16f, h);
  const std::vector<half2> back = v.read<half2>();
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(static_cast<float>(back[0][0]), 1.5f);
  EXPECT_EQ(static_cast<float>(back[0][1]), -2.0f);
}

// ---------------------------------------------------------------------------------------------
// Regions

template <class T, class Tex>
void check_regions(Tex& t, Model<T>& model, std::uint64_t seed) {
  const Region regions[] = {
      {2, 1, 1, t.width() - 3, t.height() - 2, t.depth() - 2},
      {0, 0, t.depth() - 1, 1, 1, 1},
      {t.width() - 1, t.height() - 1, 0, 1, 1, t.depth()},
      {1, 0, 0, t.width() - 1, t.height(), 1},
      {3, 2, 1, 0, 4, 1},  // empty: transfers nothing
  };
  for (const Region& r : regions) {
    SCOPED_TRACE(::testing::Message() << "region at (" << r.x << ", " << r.y << ", " << r.z << ") of "
                                      << r.width << " x " << r.height << " x " << r.depth);
    const std::size_t n = std::size_t{r.width} * r.height * r.depth * model.values;
    const std::vector<T> values = random_values<T>(n, seed++, 0, 1000);
    t.write(r, values);
    model.write(r, values);
    EXPECT_EQ(t.template read<T>(r), values);
    EXPECT_EQ(t.template read<T>(), model.data);
    std::vector<T> into(n, T(77));
    t.read_into(r, std::span<T>(into));
    EXPECT_EQ(into, values);
  }
}

TEST(TextureRegions, WritesAndReadsMatchACpuModelInEveryKind) {
  {
    Model<std::uint16_t> m{13, 7, 5, 1, random_values<std::uint16_t>(13 * 7 * 5, 1, 0, 65535)};
    glc::Texture3D t = context().texture3d(13, 7, 5, TextureFormat::r16ui, m.data);
    check_regions(t, m, 100);
  }
  {
    Model<std::int8_t> m{9, 6, 4, 4, random_values<std::int8_t>(9 * 6 * 4 * 4, 2, -128, 127)};
    glc::Texture2DArray t = context().texture2d_array(9, 6, 4, TextureFormat::rgba8i, m.data);
    check_regions(t, m, 200);
  }
  {
    Model<std::uint8_t> m{11, 5, 1, 2, random_values<std::uint8_t>(11 * 5 * 2, 3, 0, 255)};
    glc::Texture2D t = context().texture2d(11, 5, TextureFormat::rg8, m.data);
    const Region r{3, 1, 0, 7, 3, 1};
    const std::vector<std::uint8_t> values = random_values<std::uint8_t>(7 * 3 * 2, 9, 0, 255);
    t.write(r, values);
    m.write(r, values);
    EXPECT_EQ(t.read<std::uint8_t>(), m.data);
    EXPECT_EQ(t.read<std::uint8_t>({1, 2, 0, 10, 3, 1}), m.read({1, 2, 0, 10, 3, 1}));
  }
}

TEST(TextureRegions, OutOfRangeRegionsAndWrongCountsAreRefused) {
  glc::Texture3D v = context().texture3d(8, 4, 3, TextureFormat::r32f);
  EXPECT_TRUE(contains(error_from([&] { v.read<float>({5, 0, 0, 4, 1, 1}); }),
                       {"Texture3D::read", "region x = 5, width = 4 ends at 9", "8 x 4 x 3 r32f 3D texture"}));
  EXPECT_TRUE(contains(error_from([&] { v.write(Region{0, 0, 2, 1, 1, 2}, std::vector<float>(2)); }),
                       {"Texture3D::write", "region z = 2, depth = 2 ends at 4"}));
  EXPECT_TRUE(contains(error_from([&] { v.write(Region{0, 0, 0, 2, 2, 1}, std::vector<float>(5)); }),
                       {"Texture3D::write", "2 x 2 x 1 region at (0, 0, 0)", "4 values of float", "5 were given"}));
  glc::Texture2DArray a = context().texture2d_array(4, 4, 2, TextureFormat::rgba16f);
  EXPECT_TRUE(contains(error_from([&] { a.read<glc::half>({0, 0, 1, 1, 1, 2}); }),
                       {"Texture2DArray::read", "layers (depth) = 2", "layers 0..2"}));
  glc::Texture2D t = context().texture2d(4, 4, TextureFormat::r8ui);
  EXPECT_TRUE(contains(error_from([&] { t.read<std::uint8_t>({0, 0, 1, 1, 1, 1}); }),
                       {"Texture2D::read", "z must be 0 and depth 1"}));
  std::vector<std::uint8_t> small(3);
  EXPECT_TRUE(contains(error_from([&] { t.read_into(Region{0, 0, 0, 2, 2, 1}, std::span<std::uint8_t>(small)); }),
                       {"Texture2D::read_into", "4 values of std::uint8_t", "3 were given"}));
}

TEST(TextureErrors, HostTypesThatDoNotFitTheFormatAreRefused) {
  glc::Texture3D v = context().texture3d(2, 2, 2, TextureFormat::r16f);
  EXPECT_TRUE(contains(error_from([&] { v.read<float>(); }),
                       {"Texture3D::read", "holds glc::half values, not float", "nothing is converted"}));
  glc::Texture2DArray a = context().texture2d_array(2, 2, 2, TextureFormat::rgba16ui);
  EXPECT_TRUE(contains(error_from([&] { a.read<glm::u16vec2>(); }),
                       {"4 channel(s) per texel", "glm::u16vec2 has 2", "use std::uint16_t or glm::u16vec4"}));
  EXPECT_TRUE(contains(error_from([&] { context().texture3d(1, 1, 1, TextureFormat::rgb10_a2, std::vector<std::uint8_t>(4)); }),
                       {"Context::texture3d", "std::uint32_t", "packs a texel into one word"}));
  EXPECT_TRUE(contains(error_from([&] { context().texture2d_array(2, 2, 3, TextureFormat::r8, std::vector<std::uint8_t>(11)); }),
                       {"Context::texture2d_array", "12 values", "11 were given"}));
}

TEST(TextureErrors, ExtentsAreCheckedAgainstTheDriversLimits) {
  const glc::ComputeLimits& l = context().info().limits;
  ASSERT_GT(l.max_3d_texture_size, 0u);
  ASSERT_GT(l.max_array_texture_layers, 0u);
  ASSERT_GT(l.max_texture_size, 0u);
  EXPECT_TRUE(contains(error_from([&] { context().texture3d(4, l.max_3d_texture_size + 1, 1, TextureFormat::r8); }),
                       {"Context::texture3d", "GL_MAX_3D_TEXTURE_SIZE", std::to_string(l.max_3d_texture_size)}));
  EXPECT_TRUE(contains(error_from([&] { context().texture2d_array(4, 4, l.max_array_texture_layers + 1, TextureFormat::r8); }),
                       {"Context::texture2d_array", "GL_MAX_ARRAY_TEXTURE_LAYERS", std::to_string(l.max_array_texture_layers)}));
  EXPECT_TRUE(contains(error_from([&] { context().texture2d_array(l.max_texture_size + 1, 1, 1, TextureFormat::r8); }),
                       {"Context::texture2d_array", "GL_MAX_TEXTURE_SIZE"}));
  EXPECT_TRUE(contains(error_from([&] { context().texture3d(4, 4, 0, TextureFormat::r8); }),
                       {"Context::texture3d", "a width, height and depth of at least 1", "4 x 4 x 0"}));
  EXPECT_TRUE(contains(error_from([&] { context().texture2d_array(4, 4, 0, TextureFormat::r8); }),
                       {"layer count of at least 1"}));
  EXPECT_TRUE(contains(error_from([&] { context().texture3d(1, 1, 1, static_cast<TextureFormat>(200)); }),
                       {"Context::texture3d", "200"}));
  glc::Texture3D empty;
  EXPECT_TRUE(contains(error_from([&] { (void)empty.width(); }), {"glc::Texture3D"}));
}

// ---------------------------------------------------------------------------------------------
// Copies

TEST(TextureCopies, TextureToTextureAcrossKindsAndFormatsOfOneTexelSize) {
  const std::vector<std::uint8_t> src_data = random_values<std::uint8_t>(9 * 7 * 3 * 4, 4, 0, 255);
  glc::Texture2DArray src = context().texture2d_array(9, 7, 3, TextureFormat::rgba8ui, src_data);
  std::vector<std::uint32_t> poison(10 * 8 * 5, 0xDEADBEEFu);
  glc::Texture3D dst = context().texture3d(10, 8, 5, TextureFormat::r32ui, poison);
  const Region from{1, 2, 0, 5, 4, 2};
  dst.copy_from(src, from, 3, 1, 2);
  Model<std::uint8_t> s{9, 7, 3, 4, src_data};
  const std::vector<std::uint8_t> bytes = s.read(from);
  std::vector<std::uint32_t> words(bytes.size() / 4);
  std::memcpy(words.data(), bytes.data(), bytes.size());
  Model<std::uint32_t> d{10, 8, 5, 1, poison};
  d.write({3, 1, 2, 5, 4, 2}, words);
  EXPECT_EQ(dst.read<std::uint32_t>(), d.data);

  // Whole copies need equal extents; a texture copies within itself where regions are apart.
  glc::Texture2DArray same = context().texture2d_array(9, 7, 3, TextureFormat::rgba8i);
  same.copy_from(src);
  const std::vector<std::int8_t> as_signed = same.read<std::int8_t>();
  EXPECT_EQ(std::memcmp(as_signed.data(), src_data.data(), src_data.size()), 0);
  src.copy_from(src, {0, 0, 0, 4, 7, 1}, 5, 0, 2);
  s.write({5, 0, 2, 4, 7, 1}, s.read({0, 0, 0, 4, 7, 1}));
  EXPECT_EQ(src.read<std::uint8_t>(), s.data);
}

TEST(TextureCopies, BufferToTextureAndBack) {
  const std::vector<std::uint16_t> data = random_values<std::uint16_t>(400, 5, 0, 65535);
  glc::Buffer<std::uint16_t> buffer = context().buffer(data);
  Model<std::uint16_t> m{7, 5, 3, 2, std::vector<std::uint16_t>(7 * 5 * 3 * 2, 0xA5A5)};
  glc::Texture3D t = context().texture3d(7, 5, 3, TextureFormat::rg16ui, m.data);
  const Region r{2, 1, 1, 4, 3, 2};
  t.copy_from(buffer, 11, r);
  m.write(r, std::vector<std::uint16_t>(data.begin() + 11, data.begin() + 11 + 4 * 3 * 2 * 2));
  EXPECT_EQ(t.read<std::uint16_t>(), m.data);

  glc::Buffer<std::uint16_t> out = context().buffer(std::vector<std::uint16_t>(300, 0xBEEF));
  t.copy_to(out, 5);
  std::vector<std::uint16_t> expected(300, 0xBEEF);
  std::copy(m.data.begin(), m.data.end(), expected.begin() + 5);
  EXPECT_EQ(out.read(), expected);
  t.copy_to(out, 250, r);
  const std::vector<std::uint16_t> region = m.read(r);
  std::copy(region.begin(), region.end(), expected.begin() + 250);
  EXPECT_EQ(out.read(), expected);
}

TEST(TextureCopies, CopiesSeeWhatDispatchesWrote) {
  glc::Program fill = compile(R"(#version 430
layout(local_size_x = 64) in;
layout(std430, binding = 0) buffer Data { float v[]; };
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i < uint(v.length())) v[i] = float(i) * 0.5;
}
)", "fill.comp");
  glc::Buffer<float> b = glc::testing::poisoned_buffer<float>(6 * 4 * 3);
  fill.bind("Data", b).dispatch(2);  // 128 invocations; the shader writes 72 of them
  glc::Texture2DArray t = context().texture2d_array(6, 4, 3, TextureFormat::r32f);
  t.copy_from(b);
  std::vector<float> expected(72);
  for (std::size_t i = 0; i < 72; ++i) expected[i] = static_cast<float>(i) * 0.5f;
  EXPECT_EQ(t.read<float>(), expected);

  glc::Program store = compile(R"(#version 430
layout(local_size_x = 4, local_size_y = 4) in;
layout(r32f, binding = 1) uniform writeonly image2DArray img;
void main() {
  ivec3 p = ivec3(gl_GlobalInvocationID);
  if (any(greaterThanEqual(p, imageSize(img)))) return;
  imageStore(img, p, vec4(float(p.x + 10 * p.y + 100 * p.z)));
}
)", "store.comp");
  store.bind_image("img", t).dispatch_for(6, 4, 3);
  glc::Buffer<float> out = glc::testing::poisoned_buffer<float>(72);
  t.copy_to(out);
  const std::vector<float> got = out.read();
  for (std::uint32_t z = 0; z < 3; ++z)
    for (std::uint32_t y = 0; y < 4; ++y)
      for (std::uint32_t x = 0; x < 6; ++x) EXPECT_EQ(got[(z * 4 + y) * 6 + x], static_cast<float>(x + 10 * y + 100 * z));
}

TEST(TextureCopies, BadCopiesAreRefused) {
  glc::Texture3D a = context().texture3d(4, 4, 4, TextureFormat::rgba8);
  glc::Texture3D b = context().texture3d(4, 4, 4, TextureFormat::rg32f);
  glc::Texture2DArray c = context().texture2d_array(4, 4, 3, TextureFormat::r32f);
  EXPECT_TRUE(contains(error_from([&] { a.copy_from(b); }),
                       {"Texture3D::copy_from", "rg32f (8 bytes per texel)", "rgba8 (4 bytes per texel)", "equal texel size"}));
  EXPECT_TRUE(contains(error_from([&] { a.copy_from(c); }),
                       {"Texture3D::copy_from", "equal extents", "of 3 layers"}));
  EXPECT_TRUE(contains(error_from([&] { a.copy_from(c, {0, 0, 0, 4, 4, 3}, 0, 1, 0); }),
                       {"destination region y = 1, height = 4 ends at 5"}));
  EXPECT_TRUE(contains(error_from([&] { a.copy_from(c, {0, 0, 2, 1, 1, 2}, 0, 0, 0); }),
                       {"source region z = 2"}));
  EXPECT_TRUE(contains(error_from([&] { a.copy_from(a, {0, 0, 0, 2, 2, 2}, 1, 1, 1); }), {"overlap"}));
  glc::Buffer<std::uint8_t> small = context().buffer<std::uint8_t>(255);
  EXPECT_TRUE(contains(error_from([&] { a.copy_to(small); }),
                       {"Texture3D::copy_to", "256 values of std::uint8_t", "at least 256 elements; it has 255"}));
  EXPECT_TRUE(contains(error_from([&] { a.copy_from(small, 200, {0, 0, 0, 2, 2, 4}); }),
                       {"Texture3D::copy_from", "from element 200", "at least 264"}));
  glc::Buffer<float> floats = context().buffer<float>(64);
  EXPECT_TRUE(contains(error_from([&] { a.copy_from(floats); }),
                       {"holds std::uint8_t values, not float"}));
}

// ---------------------------------------------------------------------------------------------
// Shaders storing to 3D textures and texture arrays

struct ImageCase {
  bool array;               // Texture2DArray, else Texture3D
  TextureFormat format;
  const char* type;         // GLSL image type
  const char* value;        // GLSL value at ivec3 p
};

template <class T>
T expected_texel(TextureFormat f, std::uint32_t x, std::uint32_t y, std::uint32_t z, int c) {
  const auto X = static_cast<std::int64_t>(x), Y = static_cast<std::int64_t>(y), Z = static_cast<std::int64_t>(z);
  switch (f) {
    case TextureFormat::r32f: return static_cast<T>(X + 100 * Y + 10000 * Z);
    case TextureFormat::rgba16ui: {
      const std::int64_t v[4] = {X, Y, Z, (X ^ Y ^ Z) + 60000};
      return static_cast<T>(v[c]);
    }
    case TextureFormat::r16i: return static_cast<T>(X - 7 * Y - 300 * Z);
    case TextureFormat::rgba8: {
      const std::int64_t v[4] = {X % 256, (Y * 3) % 256, (Z * 40) % 256, 255 - (X + Y + Z) % 256};
      return static_cast<T>(v[c]);
    }
    case TextureFormat::rg8ui: {
      const std::int64_t v[2] = {(X * Y) % 256, (Z + 200) % 256};
      return static_cast<T>(v[c]);
    }
    default: return T{};
  }
}

const ImageCase kImageCases[] = {
    {false, TextureFormat::r32f, "image3D", "vec4(float(p.x + 100 * p.y + 10000 * p.z))"},
    {false, TextureFormat::rgba16ui, "uimage3D", "uvec4(p.x, p.y, p.z, (p.x ^ p.y ^ p.z) + 60000)"},
    {true, TextureFormat::r16i, "iimage2DArray", "ivec4(p.x - 7 * p.y - 300 * p.z)"},
    {true, TextureFormat::rgba8, "image2DArray",
     "vec4(p.x % 256, (p.y * 3) % 256, (p.z * 40) % 256, 255 - (p.x + p.y + p.z) % 256) / 255.0"},
    {true, TextureFormat::rg8ui, "uimage2DArray", "uvec4((p.x * p.y) % 256, (p.z + 200) % 256, 0, 0)"},
};

template <class T>
void check_store(const ImageCase& c, std::uint32_t w, std::uint32_t h, std::uint32_t d) {
  const std::string glsl = std::string("#version 430\nlayout(local_size_x = 4, local_size_y = 4, local_size_z = 2) in;\n") +
                           "layout(" + std::string(glc::to_string(c.format)) + ", binding = 3) uniform writeonly " +
                           c.type + " img;\nvoid main() {\n  ivec3 p = ivec3(gl_GlobalInvocationID);\n"
                           "  if (any(greaterThanEqual(p, imageSize(img)))) return;\n  imageStore(img, p, " +
                           c.value + ");\n}\n";
  glc::Program p = compile(glsl, "store3d.comp");
  const int values = glc::values_per_texel(c.format);
  const std::vector<T> poison(std::size_t{w} * h * d * values, static_cast<T>(0x5A));
  std::vector<T> got;
  if (c.array) {
    glc::Texture2DArray t = context().texture2d_array(w, h, d, c.format, poison);
    p.bind_image("img", t, glc::ImageAccess::write_only).dispatch_for(w, h, d);
    got = t.read<T>();
  } else {
    glc::Texture3D t = context().texture3d(w, h, d, c.format, poison);
    p.bind_image("img", t, glc::ImageAccess::write_only).dispatch_for(w, h, d);
    got = t.read<T>();
  }
  std::size_t wrong = 0, i = 0;
  for (std::uint32_t z = 0; z < d; ++z)
    for (std::uint32_t y = 0; y < h; ++y)
      for (std::uint32_t x = 0; x < w; ++x)
        for (int ch = 0; ch < values; ++ch, ++i) {
          const T expect = expected_texel<T>(c.format, x, y, z, ch);
          if (got[i] != expect && wrong++ < 5) {
            ADD_FAILURE() << c.type << " texel (" << x << ", " << y << ", " << z << ") channel " << ch
                          << ": " << +got[i] << ", expected " << +expect;
          }
        }
  EXPECT_EQ(wrong, 0u) << c.type;
}

// Odd sizes in all three directions: partial work groups everywhere.
TEST(TextureImages3D, ShadersStoreEveryTexelOfEveryLayer) {
  for (const ImageCase& c : kImageCases) {
    SCOPED_TRACE(c.type);
    switch (c.format) {
      case TextureFormat::r32f: check_store<float>(c, 13, 9, 5); break;
      case TextureFormat::rgba16ui: check_store<std::uint16_t>(c, 13, 9, 5); break;
      case TextureFormat::r16i: check_store<std::int16_t>(c, 13, 9, 5); break;
      default: check_store<std::uint8_t>(c, 13, 9, 5); break;
    }
  }
}

// imageLoad of a 3D texture: sums along z into a 2D texture, against double-precision sums.
TEST(TextureImages3D, LoadsReadEverySlice) {
  const std::uint32_t w = 7, h = 5, d = 9;
  std::vector<float> data(w * h * d);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<float>(mix(i) % 1000) / 8.0f;
  glc::Texture3D vol = context().texture3d(w, h, d, TextureFormat::r32f, data);
  glc::Texture2D sum = context().texture2d(w, h, TextureFormat::r32f, std::vector<float>(w * h, -1.0f));
  glc::Program p = compile(R"(#version 430
layout(local_size_x = 8, local_size_y = 8) in;
layout(r32f, binding = 0) uniform readonly image3D vol;
layout(r32f, binding = 1) uniform writeonly image2D sum;
void main() {
  ivec2 q = ivec2(gl_GlobalInvocationID.xy);
  if (any(greaterThanEqual(q, imageSize(sum)))) return;
  float s = 0.0;
  for (int z = 0; z < imageSize(vol).z; ++z) s += imageLoad(vol, ivec3(q, z)).x;
  imageStore(sum, q, vec4(s));
}
)", "sum.comp");
  p.bind_image("vol", vol, glc::ImageAccess::read_only).bind_image("sum", sum).dispatch_for(w, h);
  const std::vector<float> got = sum.read<float>();
  for (std::uint32_t y = 0; y < h; ++y)
    for (std::uint32_t x = 0; x < w; ++x) {
      double s = 0;
      for (std::uint32_t z = 0; z < d; ++z) s += data[(z * h + y) * w + x];
      EXPECT_EQ(got[y * w + x], static_cast<float>(s)) << x << ", " << y;  // eighths: exact
    }
}

// One layer of an array, or one slice of a 3D texture, binds to an image2D; the others keep
// their poison.
TEST(TextureImages3D, OneLayerBindsToAnImage2D) {
  glc::Program p = compile(R"(#version 430
layout(local_size_x = 4, local_size_y = 4) in;
layout(r32ui, binding = 2) uniform writeonly uimage2D layer;
void main() {
  ivec2 q = ivec2(gl_GlobalInvocationID.xy);
  if (any(greaterThanEqual(q, imageSize(layer)))) return;
  imageStore(layer, q, uvec4(q.x + 10 * q.y + 1000));
}
)", "layer.comp");
  for (bool array : {false, true}) {
    SCOPED_TRACE(array ? "Texture2DArray" : "Texture3D");
    const std::vector<std::uint32_t> poison(6 * 5 * 4, 0xDEADBEEFu);
    std::vector<std::uint32_t> got;
    if (array) {
      glc::Texture2DArray t = context().texture2d_array(6, 5, 4, TextureFormat::r32ui, poison);
      p.bind_image_layer("layer", t, 2).dispatch_for(6, 5);
      got = t.read<std::uint32_t>();
    } else {
      glc::Texture3D t = context().texture3d(6, 5, 4, TextureFormat::r32ui, poison);
      p.bind_image_layer("layer", t, 2).dispatch_for(6, 5);
      got = t.read<std::uint32_t>();
    }
    for (std::uint32_t z = 0; z < 4; ++z)
      for (std::uint32_t y = 0; y < 5; ++y)
        for (std::uint32_t x = 0; x < 6; ++x) {
          const std::uint32_t expect = z == 2 ? x + 10 * y + 1000 : 0xDEADBEEFu;
          EXPECT_EQ(got[(z * 5 + y) * 6 + x], expect) << x << ", " << y << ", " << z;
        }
  }
}

TEST(TextureImages3D, DimensionAndLayerMismatchesAreRefused) {
  glc::Program p = compile(R"(#version 430
layout(local_size_x = 1) in;
layout(r32f, binding = 0) uniform image3D vol;
layout(r32f, binding = 1) uniform image2D plane;
void main() { imageStore(vol, ivec3(0), imageLoad(plane, ivec2(0))); }
)", "dims.comp");
  glc::Texture2DArray array = context().texture2d_array(2, 2, 4, TextureFormat::r32f);
  glc::Texture3D vol = context().texture3d(2, 2, 4, TextureFormat::r32f);
  glc::Texture2D flat = context().texture2d(2, 2, TextureFormat::r32f);
  EXPECT_TRUE(contains(error_from([&] { p.bind_image("vol", array); }),
                       {"image 'vol'", "image3D", "texture array", "needs a Texture3D"}));
  EXPECT_TRUE(contains(error_from([&] { p.bind_image("plane", vol); }),
                       {"image 'plane'", "needs a Texture2D", "bind_image_layer"}));
  EXPECT_TRUE(contains(error_from([&] { p.bind_image_layer("plane", vol, 4); }),
                       {"Program::bind_image_layer", "layer 4 is outside", "(0..3)"}));
  EXPECT_TRUE(contains(error_from([&] { p.bind_image_layer("vol", vol, 1); }),
                       {"one slice or layer binds to an image2D"}));
  EXPECT_TRUE(contains(error_from([&] { p.bind_image_layer("plane", flat, 0); }),
                       {"has no slices or layers"}));
  glc::Texture3D ints = context().texture3d(2, 2, 2, TextureFormat::r16ui);
  EXPECT_TRUE(contains(error_from([&] { p.bind_image("vol", ints); }),
                       {"image3D", "r16ui", "an unsigned integer format", "needs"}));
  glc::Texture3D halves = context().texture3d(2, 2, 2, TextureFormat::r16f);
  EXPECT_TRUE(contains(error_from([&] { p.bind_image("vol", halves); }),
                       {"image 'vol'", "declares the image r32f", "the texture is r16f"}));
}

}  // namespace
