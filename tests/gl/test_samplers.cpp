// Program::bind_texture through the public API: sampler2D, sampler3D, sampler2DArray and their
// integer forms read every texel (texelFetch) or filter (texture()) as a CPU reference does,
// wrap modes at coordinates outside [0, 1], sampler reflection, and the errors of bind_texture
// and of a dispatch with a sampler, image or texture left unbound. Outputs are poisoned.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <glm/glm.hpp>

#include "gl_test_context.hpp"

namespace {

using glc::Filter;
using glc::Sampler;
using glc::TextureFormat;
using glc::Wrap;
using glc::testing::compile;
using glc::testing::contains;
using glc::testing::context;
using glc::testing::error_from;
using glc::testing::poisoned_buffer;

float value_at(std::size_t i) { return static_cast<float>((i * 2654435761u) % 1021) / 1024.0f; }

std::vector<float> values(std::size_t n) {
  std::vector<float> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = value_at(i);
  return v;
}

// texelFetch through each sampler kind reads exactly the texel the CPU holds.
TEST(Samplers, TexelFetchReadsEveryTexelOfEveryKind) {
  const std::uint32_t w = 7, h = 5, d = 3;
  const std::vector<float> data = values(w * h * d * 4);
  glc::Texture3D vol = context().texture3d(w, h, d, TextureFormat::rgba32f, data);
  glc::Texture2DArray layers = context().texture2d_array(w, h, d, TextureFormat::rgba32f, data);
  std::vector<std::uint16_t> words(w * h);
  for (std::size_t i = 0; i < words.size(); ++i) words[i] = static_cast<std::uint16_t>(i * 977 + 3);
  glc::Texture2D plane = context().texture2d(w, h, TextureFormat::r16ui, words);
  std::vector<std::int8_t> bytes(w * h * d);
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::int8_t>(static_cast<int>(i * 37 % 256) - 128);
  glc::Texture3D small = context().texture3d(w, h, d, TextureFormat::r8i, bytes);

  glc::Program p = compile(R"(#version 430
layout(local_size_x = 4, local_size_y = 4, local_size_z = 1) in;
layout(binding = 0) uniform sampler3D vol;
layout(binding = 1) uniform sampler2DArray layers;
layout(binding = 2) uniform usampler2D plane;
layout(binding = 3) uniform isampler3D small;
layout(std430, binding = 0) buffer Out { vec4 a[]; };
layout(std430, binding = 1) buffer Ints { int i[]; };
uniform uvec3 size;
void main() {
  uvec3 p = gl_GlobalInvocationID;
  if (any(greaterThanEqual(p, size))) return;
  uint k = (p.z * size.y + p.y) * size.x + p.x;
  uint n = size.x * size.y * size.z;
  a[k] = texelFetch(vol, ivec3(p), 0);
  a[n + k] = texelFetch(layers, ivec3(p), 0);
  i[n + k] = texelFetch(small, ivec3(p), 0).x;
  if (p.z == 0u) i[k] = int(texelFetch(plane, ivec2(p.xy), 0).x);
}
)", "fetch.comp");
  const std::size_t n = w * h * d;
  glc::Buffer<glm::vec4> out = context().buffer(std::vector<glm::vec4>(2 * n, glm::vec4(-7.0f)));
  glc::Buffer<std::int32_t> ints = poisoned_buffer<std::int32_t>(2 * n);
  p.bind_texture("vol", vol).bind_texture("layers", layers).bind_texture("plane", plane);
  p.bind_texture("small", small).bind("Out", out).bind("Ints", ints);
  p.set("size", glm::uvec3(w, h, d)).dispatch_for(w, h, d);
  const std::vector<glm::vec4> got = out.read();
  const std::vector<std::int32_t> got_ints = ints.read();
  for (std::size_t k = 0; k < n; ++k) {
    const glm::vec4 expect(data[4 * k], data[4 * k + 1], data[4 * k + 2], data[4 * k + 3]);
    EXPECT_EQ(got[k], expect) << "sampler3D texel " << k;
    EXPECT_EQ(got[n + k], expect) << "sampler2DArray texel " << k;
    EXPECT_EQ(got_ints[n + k], bytes[k]) << "isampler3D texel " << k;
    if (k < w * h) EXPECT_EQ(static_cast<std::uint32_t>(got_ints[k]), words[k]) << "usampler2D texel " << k;
  }
}

// texture() with linear filtering between texel centres, where the weights (1/4, 1/2, 3/4)
// are exact in any GPU's fixed-point filter: trilinear interpolation on the CPU in double.
TEST(Samplers, LinearFilteringMatchesTrilinearInterpolation) {
  const int w = 5, h = 4, d = 3;
  const std::vector<float> data = values(w * h * d);
  glc::Texture3D vol = context().texture3d(w, h, d, TextureFormat::r32f, data);
  glc::Program p = compile(R"(#version 430
layout(local_size_x = 64) in;
layout(binding = 4) uniform sampler3D vol;
layout(std430, binding = 0) buffer In { vec4 coords[]; };
layout(std430, binding = 1) buffer Out { float v[]; };
void main() {
  uint k = gl_GlobalInvocationID.x;
  if (k >= uint(v.length())) return;
  v[k] = texture(vol, coords[k].xyz).x;
}
)", "linear.comp");
  // Texel space positions t (centre of texel i at i + 0.5), inside so no wrap applies.
  std::vector<glm::vec4> coords;
  std::vector<double> expected;
  const auto at = [&](int x, int y, int z) { return double{data[(z * h + y) * w + x]}; };
  for (int z = 0; z + 1 < d; ++z)
    for (int y = 0; y + 1 < h; ++y)
      for (int x = 0; x + 1 < w; ++x) {
        const double fx = 0.25 * ((x + y) % 3 + 1), fy = 0.25 * ((y + z) % 3 + 1), fz = 0.5;
        coords.emplace_back((x + 0.5 + fx) / w, (y + 0.5 + fy) / h, (z + 0.5 + fz) / d, 0.0);
        double s = 0;
        for (int c = 0; c < 8; ++c) {
          const int dx = c & 1, dy = (c >> 1) & 1, dz = c >> 2;
          s += (dx ? fx : 1 - fx) * (dy ? fy : 1 - fy) * (dz ? fz : 1 - fz) * at(x + dx, y + dy, z + dz);
        }
        expected.push_back(s);
      }
  glc::Buffer<glm::vec4> in = context().buffer(coords);
  glc::Buffer<float> out = poisoned_buffer<float>(coords.size());
  p.bind("In", in).bind("Out", out).bind_texture("vol", vol, {.filter = Filter::linear});
  p.dispatch_for(coords.size());
  const std::vector<float> got = out.read();
  for (std::size_t k = 0; k < got.size(); ++k) EXPECT_NEAR(got[k], expected[k], 1e-3) << k;

  // The same texture through a nearest sampler reads the texel holding each coordinate. The
  // coordinates above sit on texel edges (fz = 0.5), where GL lets the driver's subtexel
  // precision pick either side (NVIDIA and Mesa differ): these stay 0.2 texels inside one.
  std::vector<glm::vec4> inside;
  std::vector<float> expected_nearest;
  for (int z = 0; z < d; ++z)
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        const auto offset = [](int i) { return 0.3 * ((i % 3) - 1); };  // -0.3, 0 or 0.3 texels
        inside.emplace_back((x + 0.5 + offset(x + y)) / w, (y + 0.5 + offset(y + z)) / h,
                            (z + 0.5 + offset(x + z)) / d, 0.0);
        expected_nearest.push_back(static_cast<float>(at(x, y, z)));
      }
  glc::Buffer<glm::vec4> in_nearest = context().buffer(inside);
  glc::Buffer<float> nearest = poisoned_buffer<float>(inside.size());
  p.bind("In", in_nearest).bind("Out", nearest).bind_texture("vol", vol, {.filter = Filter::nearest});
  p.dispatch_for(inside.size());
  EXPECT_EQ(nearest.read(), expected_nearest);
}

/// The texel index GL reads for index i of an axis of n texels under `wrap` (nearest filter).
int wrapped(int i, int n, Wrap wrap) {
  switch (wrap) {
    case Wrap::clamp: return std::clamp(i, 0, n - 1);
    case Wrap::repeat: return ((i % n) + n) % n;
    case Wrap::mirror: {
      const int m = ((i % (2 * n)) + 2 * n) % (2 * n);
      return m < n ? m : 2 * n - 1 - m;
    }
  }
  return 0;
}

// Coordinates outside [0, 1] under each wrap mode read the texel the GL rules give; the layer
// coordinate of an array is clamped, never wrapped.
TEST(Samplers, WrapModesOutsideTheTexture) {
  const int w = 5, h = 3, layers = 2;
  const std::vector<float> data = values(w * h * layers);
  glc::Texture2DArray t = context().texture2d_array(w, h, layers, TextureFormat::r32f, data);
  glc::Program p = compile(R"(#version 430
layout(local_size_x = 8, local_size_y = 8) in;
layout(binding = 0) uniform sampler2DArray tex;
layout(std430, binding = 0) buffer Out { float v[]; };
uniform ivec2 lo;
uniform ivec2 n;
uniform float layer;
void main() {
  ivec2 q = ivec2(gl_GlobalInvocationID.xy);
  if (any(greaterThanEqual(q, n))) return;
  vec2 texel = vec2(q + lo) + 0.5;
  v[q.y * n.x + q.x] = texture(tex, vec3(texel / vec2(textureSize(tex, 0).xy), layer)).x;
}
)", "wrap.comp");
  const glm::ivec2 lo(-12, -7), n(31, 17);
  for (Wrap wrap : {Wrap::clamp, Wrap::repeat, Wrap::mirror}) {
    for (float layer : {-3.0f, 1.0f, 9.0f}) {
      SCOPED_TRACE(::testing::Message() << "wrap " << static_cast<int>(wrap) << ", layer " << layer);
      glc::Buffer<float> out = poisoned_buffer<float>(static_cast<std::size_t>(n.x) * n.y);
      p.bind("Out", out).bind_texture("tex", t, {.wrap = wrap});
      p.set("lo", lo).set("n", n).set("layer", layer).dispatch_for(n.x, n.y);
      const std::vector<float> got = out.read();
      const int l = std::clamp(static_cast<int>(layer), 0, layers - 1);
      std::size_t wrong = 0;
      for (int y = 0; y < n.y; ++y)
        for (int x = 0; x < n.x; ++x) {
          const float expect = data[(l * h + wrapped(y + lo.y, h, wrap)) * w + wrapped(x + lo.x, w, wrap)];
          if (got[y * n.x + x] != expect && wrong++ < 5) {
            ADD_FAILURE() << "texel (" << x + lo.x << ", " << y + lo.y << "): " << got[y * n.x + x] << ", expected " << expect;
          }
        }
      EXPECT_EQ(wrong, 0u);
    }
  }
}

TEST(Samplers, ReflectionListsSamplersWithTheirUnits) {
  glc::Program p = compile(R"(#version 430
layout(local_size_x = 1) in;
layout(binding = 5) uniform usampler2DArray a;
layout(binding = 2) uniform sampler3D b;
layout(std430, binding = 0) buffer Out { float o[]; };
void main() { o[0] = float(texelFetch(a, ivec3(0), 0).x) + texelFetch(b, ivec3(0), 0).x; }
)", "reflect.comp");
  ASSERT_EQ(p.samplers().size(), 2u);
  for (const glc::SamplerInfo& s : p.samplers()) {
    if (s.name == "a") {
      EXPECT_EQ(s.type_name, "usampler2DArray");
      EXPECT_EQ(s.unit, 5u);
    } else {
      EXPECT_EQ(s.name, "b");
      EXPECT_EQ(s.type_name, "sampler3D");
      EXPECT_EQ(s.unit, 2u);
    }
  }
  // bind_texture by unit reaches the sampler there.
  glc::Texture3D vol = context().texture3d(1, 1, 1, TextureFormat::r32f, std::vector<float>{2.5f});
  glc::Texture2DArray arr = context().texture2d_array(1, 1, 1, TextureFormat::r8ui, std::vector<std::uint8_t>{4});
  glc::Buffer<float> out = poisoned_buffer<float>(1);
  p.bind_texture(2u, vol).bind_texture(5u, arr).bind("Out", out).dispatch(1);
  EXPECT_EQ(out.read(), std::vector<float>{6.5f});
  EXPECT_TRUE(contains(error_from([&] { p.bind_texture(7u, vol); }),
                       {"no active sampler uniform uses texture unit 7", "a = 5", "b = 2"}));
}

// ---------------------------------------------------------------------------------------------
// Errors

constexpr const char* kTwoSamplers = R"(#version 430
layout(local_size_x = 1) in;
layout(binding = 0) uniform sampler3D vol;
layout(binding = 1) uniform isampler2D ints;
layout(r32f, binding = 0) uniform image2D img;
layout(std430, binding = 0) buffer Out { float o[]; };
void main() { o[0] = texture(vol, vec3(0.5)).x + float(texelFetch(ints, ivec2(0), 0).x) + imageLoad(img, ivec2(0)).x; }
)";

TEST(SamplerErrors, BindTextureChecksKindFormatAndFilter) {
  glc::Program p = compile(kTwoSamplers, "two.comp");
  glc::Texture2D flat = context().texture2d(2, 2, TextureFormat::r32f);
  glc::Texture2DArray array = context().texture2d_array(2, 2, 2, TextureFormat::r32f);
  glc::Texture3D int_vol = context().texture3d(2, 2, 2, TextureFormat::r16i);
  glc::Texture2D floats = context().texture2d(2, 2, TextureFormat::rgba16f);
  glc::Texture2D ints = context().texture2d(2, 2, TextureFormat::r32i);
  EXPECT_TRUE(contains(error_from([&] { p.bind_texture("vol", flat); }),
                       {"Program::bind_texture", "sampler 'vol'", "sampler3D", "needs a Texture3D"}));
  EXPECT_TRUE(contains(error_from([&] { p.bind_texture("vol", array); }), {"texture array", "needs a Texture3D"}));
  EXPECT_TRUE(contains(error_from([&] { p.bind_texture("vol", int_vol); }),
                       {"sampler3D", "r16i", "a signed integer format", "needs", "rgba16f"}));
  EXPECT_TRUE(contains(error_from([&] { p.bind_texture("ints", floats); }),
                       {"isampler2D", "rgba16f", "a float or normalized format", "r32i"}));
  EXPECT_TRUE(contains(error_from([&] { p.bind_texture("ints", ints, {.filter = Filter::linear}); }),
                       {"Filter::linear", "r32i", "GL cannot filter", "Filter::nearest"}));
  EXPECT_TRUE(contains(error_from([&] { p.bind_texture("img", flat); }),
                       {"'img' is an image uniform", "bind_image(\"img\""}));
  EXPECT_TRUE(contains(error_from([&] { p.bind_texture("Out", flat); }), {"'Out' is a storage block"}));
  EXPECT_TRUE(contains(error_from([&] { p.bind_image("vol", flat); }),
                       {"'vol' is a sampler (sampler3D)", "bind_texture(\"vol\""}));
  EXPECT_TRUE(contains(error_from([&] { p.bind_texture("nope", flat); }),
                       {"no active sampler uniform named 'nope'", "sampler3D vol", "isampler2D ints"}));
  EXPECT_TRUE(contains(error_from([&] { p.bind_texture("ints", ints, {.wrap = static_cast<Wrap>(9)}); }),
                       {"Sampler::wrap 9"}));
  glc::Texture2D empty;
  EXPECT_TRUE(contains(error_from([&] { p.bind_texture("ints", empty); }), {"glc::Texture2D", "empty handle"}));
}

std::string dispatch_error(glc::Program& p) {
  return error_from([&] { p.dispatch(1); });
}

// Nothing unbound runs: each sampler and image of the new kinds must have a live texture.
TEST(SamplerErrors, NothingUnboundRuns) {
  glc::Program p = compile(kTwoSamplers, "two.comp");
  glc::Buffer<float> out = poisoned_buffer<float>(1);
  p.bind("Out", out);
  glc::Texture2D img = context().texture2d(1, 1, TextureFormat::r32f, std::vector<float>{0.25f});
  p.bind_image("img", img);
  EXPECT_TRUE(contains(dispatch_error(p), {"two.comp", "sampler 'vol' (sampler3D, texture unit 0) has no texture bound",
                                           "bind_texture(\"vol\""}));
  {
    glc::Texture3D vol = context().texture3d(1, 1, 1, TextureFormat::r16f, std::vector<glc::half>{glc::half(1.5f)});
    p.bind_texture("vol", vol, {.filter = Filter::linear});
    EXPECT_TRUE(contains(dispatch_error(p), {"sampler 'ints' (isampler2D, texture unit 1) has no texture bound"}));
    glc::Texture2D ints = context().texture2d(1, 1, TextureFormat::r8i, std::vector<std::int8_t>{-3});
    p.bind_texture("ints", ints).dispatch(1);
    EXPECT_EQ(out.read(), std::vector<float>{1.5f - 3.0f + 0.25f});
  }
  EXPECT_TRUE(contains(dispatch_error(p), {"the texture bound to sampler 'vol' was destroyed"}));

  glc::Program arrays = compile(R"(#version 430
layout(local_size_x = 1) in;
layout(binding = 3) uniform usampler2DArray tex;
layout(rgba16f, binding = 1) uniform readonly image2DArray img;
layout(std430, binding = 0) buffer Out { float o[]; };
void main() { o[0] = float(texelFetch(tex, ivec3(0), 0).x) + imageLoad(img, ivec3(0)).x; }
)", "arrays.comp");
  arrays.bind("Out", out);
  EXPECT_TRUE(contains(dispatch_error(arrays), {"image 'img' (image2DArray, unit 1) has no texture bound"}));
  glc::Texture2DArray layers = context().texture2d_array(1, 1, 1, TextureFormat::rgba16f);
  arrays.bind_image("img", layers);
  EXPECT_TRUE(contains(dispatch_error(arrays), {"sampler 'tex' (usampler2DArray, texture unit 3) has no texture bound"}));
}

TEST(SamplerErrors, SamplerTypesGlcomputeCannotBindStopTheDispatch) {
  glc::Program p = compile(R"(#version 430
layout(local_size_x = 1) in;
layout(binding = 2) uniform samplerCube sky;
layout(std430, binding = 0) buffer Out { float o[]; };
void main() { o[0] = texture(sky, vec3(1.0, 0.0, 0.0)).x; }
)", "cube.comp");
  glc::Buffer<float> out = poisoned_buffer<float>(1);
  p.bind("Out", out);
  EXPECT_TRUE(contains(dispatch_error(p), {"sampler 'sky' (samplerCube, texture unit 2) has no texture bound",
                                           "sampler2D, sampler3D and sampler2DArray"}));
  glc::Texture2D t = context().texture2d(1, 1, TextureFormat::r32f);
  EXPECT_TRUE(contains(error_from([&] { p.bind_texture("sky", t); }), {"samplerCube", "sampler2D, sampler3D"}));
  EXPECT_EQ(out.read(), std::vector<float>{glc::testing::poison<float>()});
}

TEST(SamplerErrors, TwoSamplersOnOneUnitMustAgree) {
  glc::Program p = compile(R"(#version 430
layout(local_size_x = 1) in;
layout(binding = 0) uniform sampler2D a;
layout(binding = 0) uniform sampler2D b;
layout(std430, binding = 0) buffer Out { float o[]; };
void main() { o[0] = texelFetch(a, ivec2(0), 0).x + texelFetch(b, ivec2(0), 0).x; }
)", "shared.comp");
  glc::Buffer<float> out = poisoned_buffer<float>(1);
  glc::Texture2D x = context().texture2d(1, 1, TextureFormat::r32f, std::vector<float>{1.0f});
  glc::Texture2D y = context().texture2d(1, 1, TextureFormat::r32f, std::vector<float>{2.0f});
  p.bind("Out", out).bind_texture("a", x).bind_texture("b", y);
  EXPECT_TRUE(contains(dispatch_error(p), {"samplers 'a' and 'b' both use texture unit 0", "layout(binding = N)"}));
  p.set("b", std::int32_t{1}).dispatch(1);  // set() moves b to unit 1
  EXPECT_EQ(out.read(), std::vector<float>{3.0f});
}

TEST(SamplerErrors, TextureOfAnotherContextIsRefused) {
  glc::Program p = compile(kTwoSamplers, "two.comp");
  glc::Context other;
  glc::Texture3D vol = other.texture3d(1, 1, 1, TextureFormat::r32f);
  EXPECT_TRUE(contains(error_from([&] { p.bind_texture("vol", vol); }), {"different glc::Context"}));
}

}  // namespace
