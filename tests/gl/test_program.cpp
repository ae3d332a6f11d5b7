// glc::Program through its public API: uniforms of every supported type, type checks on set(),
// reflection of work group size / storage blocks / uniforms, bind() checks, empty handles and
// dispatch-time checks. Every output buffer is poisoned before a dispatch, so a value that
// reads back correctly was written by the shader.

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <glm/glm.hpp>

#include "gl_test_context.hpp"

namespace {

using glc::testing::compile;
using glc::testing::contains;
using glc::testing::context;
using glc::testing::error_from;
using glc::testing::mentions;
using glc::testing::poison;
using glc::testing::poisoned_buffer;

// ---------------------------------------------------------------------------------------------
// Helpers

constexpr double kPoisonDouble = -12345.25;

glc::Buffer<double> poisoned_doubles(std::size_t n) {
  return context().buffer(std::vector<double>(n, kPoisonDouble));
}

const glc::StorageBlockInfo* find_block(const glc::Program& p, std::string_view name) {
  for (const auto& b : p.storage_blocks()) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

const glc::UniformInfo* find_uniform(const glc::Program& p, std::string_view name) {
  for (const auto& u : p.uniforms()) {
    if (u.name == name) return &u;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// Every uniform type: a generated shader writes each component of each uniform as a double.

/// Columns and rows of a scalar, glm vector or glm matrix, and access to one component.
template <class T>
struct Shape {
  using scalar = T;
  static constexpr int cols = 1, rows = 1;
  static scalar& at(T& v, int, int) { return v; }
  static std::string glsl(const std::string& name, int, int) { return name; }
};
template <glm::length_t L, class S, glm::qualifier Q>
struct Shape<glm::vec<L, S, Q>> {
  using scalar = S;
  static constexpr int cols = 1, rows = L;
  static scalar& at(glm::vec<L, S, Q>& v, int, int r) { return v[r]; }
  static std::string glsl(const std::string& name, int, int r) {
    return name + "[" + std::to_string(r) + "]";
  }
};
template <glm::length_t C, glm::length_t R, class S, glm::qualifier Q>
struct Shape<glm::mat<C, R, S, Q>> {
  using scalar = S;
  static constexpr int cols = C, rows = R;
  static scalar& at(glm::mat<C, R, S, Q>& m, int c, int r) { return m[c][r]; }
  static std::string glsl(const std::string& name, int c, int r) {
    return name + "[" + std::to_string(c) + "][" + std::to_string(r) + "]";
  }
};

/// Component number `k` (counted over the whole shader) of type S: all different, and chosen
/// to catch lossy uploads: doubles that a float cannot hold, uints above INT32_MAX, negative ints.
/// Bools cannot all differ; component i of an n-vector is true unless i % 3 == 0 (a scalar bool
/// is true), so each bvec mixes values and differs from the all-false default.
template <class S>
S component_value(int k, int i, int n) {
  if constexpr (std::is_same_v<S, bool>) {
    return n == 1 ? true : i % 3 != 0;
  } else if constexpr (std::is_same_v<S, float>) {
    return static_cast<float>(k) + 0.25f;
  } else if constexpr (std::is_same_v<S, double>) {
    return 1000.0 + k + 0x1p-30;  // needs more than float's 24 mantissa bits
  } else if constexpr (std::is_same_v<S, std::int32_t>) {
    return -1000 * k - 7;
  } else {
    static_assert(std::is_same_v<S, std::uint32_t>);
    return 3'000'000'000u + static_cast<std::uint32_t>(k);
  }
}

/// One uniform of the generated shader: how it is declared, written out and set.
struct UniformCase {
  std::string glsl_type;
  std::string name;
  std::vector<std::string> reads;  ///< GLSL expressions, one per component, in output order
  std::vector<double> expected;    ///< what each expression must read back as
  std::function<void(glc::Program&)> set;
};

class UniformShader {
 public:
  /// Adds `uniform <glsl_type> u_<glsl_type>;` set from a T with distinct components.
  template <class T>
  void add(const std::string& glsl_type) {
    using S = Shape<T>;
    UniformCase c{glsl_type, "u_" + glsl_type, {}, {}, {}};
    T value{};
    const int n = S::cols * S::rows;
    for (int col = 0; col < S::cols; ++col) {  // column-major, like GLSL and glm
      for (int row = 0; row < S::rows; ++row) {
        const auto v = component_value<typename S::scalar>(next_++, col * S::rows + row, n);
        S::at(value, col, row) = v;
        c.reads.push_back(S::glsl(c.name, col, row));
        c.expected.push_back(static_cast<double>(v));
      }
    }
    c.set = [name = c.name, value](glc::Program& p) { p.set(name, value); };
    cases_.push_back(std::move(c));
  }

  std::string glsl() const {
    std::string s =
        "#version 430\n"
        "layout(local_size_x = 1) in;\n"
        "layout(std430, binding = 0) buffer Out { double v[]; };\n";
    for (const auto& c : cases_) s += "uniform " + c.glsl_type + " " + c.name + ";\n";
    s += "void main() {\n";
    int i = 0;
    for (const auto& c : cases_) {
      for (const auto& read : c.reads) {
        s += "  v[" + std::to_string(i++) + "] = double(" + read + ");\n";
      }
    }
    return s + "}\n";
  }

  std::size_t component_count() const {
    std::size_t n = 0;
    for (const auto& c : cases_) n += c.expected.size();
    return n;
  }

  const std::vector<UniformCase>& cases() const { return cases_; }

 private:
  std::vector<UniformCase> cases_;
  int next_ = 1;
};

/// The shaders covering every type of detail/uniform_type.hpp: scalars and vectors in one,
/// float matrices in another, double matrices in a third (keeps each under uniform limits).
std::vector<UniformShader> all_uniform_types() {
  std::vector<UniformShader> shaders(3);
  UniformShader& vec = shaders[0];
  vec.add<float>("float");
  vec.add<double>("double");
  vec.add<std::int32_t>("int");
  vec.add<std::uint32_t>("uint");
  vec.add<bool>("bool");
  vec.add<glm::vec2>("vec2");
  vec.add<glm::vec3>("vec3");
  vec.add<glm::vec4>("vec4");
  vec.add<glm::ivec2>("ivec2");
  vec.add<glm::ivec3>("ivec3");
  vec.add<glm::ivec4>("ivec4");
  vec.add<glm::uvec2>("uvec2");
  vec.add<glm::uvec3>("uvec3");
  vec.add<glm::uvec4>("uvec4");
  vec.add<glm::bvec2>("bvec2");
  vec.add<glm::bvec3>("bvec3");
  vec.add<glm::bvec4>("bvec4");
  vec.add<glm::dvec2>("dvec2");
  vec.add<glm::dvec3>("dvec3");
  vec.add<glm::dvec4>("dvec4");
  UniformShader& mat = shaders[1];
  mat.add<glm::mat2>("mat2");
  mat.add<glm::mat3>("mat3");
  mat.add<glm::mat4>("mat4");
  mat.add<glm::mat2x3>("mat2x3");
  mat.add<glm::mat2x4>("mat2x4");
  mat.add<glm::mat3x2>("mat3x2");
  mat.add<glm::mat3x4>("mat3x4");
  mat.add<glm::mat4x2>("mat4x2");
  mat.add<glm::mat4x3>("mat4x3");
  UniformShader& dmat = shaders[2];
  dmat.add<glm::dmat2>("dmat2");
  dmat.add<glm::dmat3>("dmat3");
  dmat.add<glm::dmat4>("dmat4");
  dmat.add<glm::dmat2x3>("dmat2x3");
  dmat.add<glm::dmat2x4>("dmat2x4");
  dmat.add<glm::dmat3x2>("dmat3x2");
  dmat.add<glm::dmat3x4>("dmat3x4");
  dmat.add<glm::dmat4x2>("dmat4x2");
  dmat.add<glm::dmat4x3>("dmat4x3");
  return shaders;
}

// set() uploads every supported C++ type to its GLSL type bit-exactly, with every component in
// its place (column-major matrices, bools as GLSL bools, doubles at full precision).
TEST(ProgramUniforms, EveryTypeReachesTheShaderExactly) {
  for (const UniformShader& shader : all_uniform_types()) {
    glc::Program p = compile(shader.glsl(), "all_uniform_types.comp");
    for (const auto& c : shader.cases()) {
      SCOPED_TRACE(c.name);
      ASSERT_NO_THROW(c.set(p));
    }
    auto out = poisoned_doubles(shader.component_count());
    p.bind("Out", out).dispatch(1);
    const std::vector<double> got = out.read();
    std::size_t i = 0;
    for (const auto& c : shader.cases()) {
      for (std::size_t k = 0; k < c.expected.size(); ++k, ++i) {
        EXPECT_EQ(got[i], c.expected[k]) << c.glsl_type << " " << c.reads[k];
      }
    }
  }
}

// uniforms() reports the GLSL spelling and GL type enum of every supported type.
TEST(ProgramUniforms, ReflectsTheTypeOfEveryUniform) {
  for (const UniformShader& shader : all_uniform_types()) {
    glc::Program p = compile(shader.glsl(), "all_uniform_types.comp");
    EXPECT_EQ(p.uniforms().size(), shader.cases().size());
    for (const auto& c : shader.cases()) {
      const glc::UniformInfo* u = find_uniform(p, c.name);
      ASSERT_NE(u, nullptr) << c.name;
      EXPECT_EQ(u->type_name, c.glsl_type);
      EXPECT_EQ(u->array_size, 1) << c.name;
      EXPECT_GE(u->location, 0) << c.name;
    }
  }
  // gl_type is the GL enum (GL_DOUBLE_VEC3 = 0x8FFD, GL_BOOL_VEC2 = 0x8B57).
  glc::Program p = compile(all_uniform_types()[0].glsl(), "all_uniform_types.comp");
  ASSERT_NE(find_uniform(p, "u_dvec3"), nullptr);
  ASSERT_NE(find_uniform(p, "u_bvec2"), nullptr);
  EXPECT_EQ(find_uniform(p, "u_dvec3")->gl_type, 0x8FFDu);
  EXPECT_EQ(find_uniform(p, "u_bvec2")->gl_type, 0x8B57u);
}

// ---------------------------------------------------------------------------------------------
// Uniform arrays and opaque (sampler / image) uniforms

const char* const kArrayShader = R"(#version 430
layout(local_size_x = 1) in;
layout(std430, binding = 0) buffer Out { double v[]; };
uniform float w[4];
uniform ivec2 q[3];
void main() {
  for (int i = 0; i < 4; ++i) v[i] = double(w[i]);
  for (int i = 0; i < 3; ++i) { v[4 + 2 * i] = double(q[i].x); v[5 + 2 * i] = double(q[i].y); }
}
)";

std::vector<double> run_array_shader(glc::Program& p) {
  auto out = poisoned_doubles(10);
  p.bind("Out", out).dispatch(1);
  return out.read();
}

// A span sets a whole uniform array; uniforms() lists it once, without "[0]", with its size.
TEST(ProgramUniforms, ArraysAreSetFromSpans) {
  glc::Program p = compile(kArrayShader, "arrays.comp");
  const glc::UniformInfo* w = find_uniform(p, "w");
  const glc::UniformInfo* q = find_uniform(p, "q");
  ASSERT_NE(w, nullptr);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(w->array_size, 4);
  EXPECT_EQ(w->type_name, "float");
  EXPECT_EQ(q->array_size, 3);
  EXPECT_EQ(q->type_name, "ivec2");

  const std::vector<float> ws{1.5f, -2.25f, 3.5f, 4.75f};
  const std::vector<glm::ivec2> qs{{1, -2}, {3, -4}, {5, -6}};
  p.set("w", std::span<const float>(ws)).set("q", std::span<const glm::ivec2>(qs));
  EXPECT_EQ(run_array_shader(p), (std::vector<double>{1.5, -2.25, 3.5, 4.75, 1, -2, 3, -4, 5, -6}));
}

// A span shorter than the array sets its first elements and leaves the rest as they were.
TEST(ProgramUniforms, ShorterSpanSetsLeadingElementsOnly) {
  glc::Program p = compile(kArrayShader, "arrays.comp");
  const std::vector<float> ws{1, 2, 3, 4};
  const std::vector<glm::ivec2> qs{{1, 2}, {3, 4}, {5, 6}};
  p.set("w", std::span<const float>(ws)).set("q", std::span<const glm::ivec2>(qs));

  const std::vector<float> w2{10, 20};
  const std::vector<glm::ivec2> q2{{-1, -2}};
  p.set("w", std::span<const float>(w2)).set("q", std::span<const glm::ivec2>(q2));
  EXPECT_EQ(run_array_shader(p), (std::vector<double>{10, 20, 3, 4, -1, -2, 3, 4, 5, 6}));
}

// More values than the array holds (or none at all) throw, naming the uniform and both counts.
TEST(ProgramUniforms, TooManyArrayValuesThrow) {
  glc::Program p = compile(kArrayShader, "arrays.comp");
  const std::vector<float> five{1, 2, 3, 4, 5};
  EXPECT_TRUE(mentions(error_from([&] { p.set("w", std::span<const float>(five)); }),
                       {"w", "4", "5"}));
  const std::vector<glm::ivec2> four(4);
  EXPECT_TRUE(mentions(error_from([&] { p.set("q", std::span<const glm::ivec2>(four)); }),
                       {"q", "3", "4"}));
  EXPECT_TRUE(mentions(error_from([&] { p.set("w", std::span<const float>()); }), {"w", "0"}));
}

// An image uniform takes its unit as an int32_t; any other type is rejected naming both types.
TEST(ProgramUniforms, ImageUniformIsSetWithAnInt) {
  glc::Program p = compile(R"(#version 430
layout(local_size_x = 1) in;
layout(std430, binding = 0) buffer Out { double v[]; };
layout(r32f) uniform image2D img;
void main() { v[0] = double(imageSize(img).x); }
)",
                           "image.comp");
  const glc::UniformInfo* img = find_uniform(p, "img");
  ASSERT_NE(img, nullptr);
  EXPECT_EQ(img->type_name, "image2D");
  EXPECT_NO_THROW(p.set("img", std::int32_t{2}));
  EXPECT_TRUE(mentions(error_from([&] { p.set("img", 2.0f); }), {"img", "image2D", "float"}));
  EXPECT_TRUE(mentions(error_from([&] { p.set("img", std::uint32_t{2}); }),
                       {"img", "image2D", "uint32_t"}));
}

/// A sampler or image uniform of the opaque-types shader.
struct Opaque {
  std::string type;  ///< GLSL type
  std::string name;
  std::string use;   ///< an int expression that keeps the uniform active
  std::string layout = "";
};

/// One uniform per sampler / image type: common ones and less common ones (cube, shadow,
/// array, 3D, buffer; int and uint variants). Samplers share unit 0, as do images.
const std::vector<Opaque>& opaque_uniforms() {
  static const std::vector<Opaque> list{
      {"sampler1D", "s1", "textureSize(s1, 0)"},
      {"sampler2D", "s2", "textureSize(s2, 0).x"},
      {"sampler3D", "s3", "textureSize(s3, 0).x"},
      {"samplerCube", "sc", "textureSize(sc, 0).x"},
      {"sampler2DArray", "s2a", "textureSize(s2a, 0).x"},
      {"sampler2DShadow", "s2s", "textureSize(s2s, 0).x"},
      {"samplerBuffer", "sb", "textureSize(sb)"},
      {"isampler2D", "is2", "textureSize(is2, 0).x"},
      {"isampler3D", "is3", "textureSize(is3, 0).x"},
      {"usampler2D", "us2", "textureSize(us2, 0).x"},
      {"usamplerBuffer", "usb", "textureSize(usb)"},
      {"image2D", "i2", "imageSize(i2).x", "layout(r32f) "},
      {"image2DArray", "i2a", "imageSize(i2a).x", "layout(r32f) "},
      {"iimage2D", "ii2", "imageSize(ii2).x", "layout(r32i) "},
      {"iimage3D", "ii3", "imageSize(ii3).x", "layout(r32i) "},
      {"uimage2D", "ui2", "imageSize(ui2).x", "layout(r32ui) "},
      {"uimageBuffer", "uib", "imageSize(uib)", "layout(r32ui) "},
      {"uimage2DArray", "ui2a", "imageSize(ui2a).x", "layout(r32ui) "},
  };
  return list;
}

glc::Program compile_opaque_shader() {
  std::string glsl =
      "#version 430\nlayout(local_size_x = 1) in;\n"
      "layout(std430, binding = 0) buffer Out { int v[]; };\n";
  std::string body;
  int i = 0;
  for (const Opaque& o : opaque_uniforms()) {
    glsl += o.layout + "uniform " + o.type + " " + o.name + ";\n";
    body += "  v[" + std::to_string(i++) + "] = " + o.use + ";\n";
  }
  return compile(glsl + "void main() {\n" + body + "}\n", "opaque_types.comp");
}

// "an int sets samplers and images" holds for every sampler and image type, not a chosen few.
TEST(ProgramUniforms, EverySamplerAndImageTypeIsSetWithAnInt) {
  glc::Program p = compile_opaque_shader();
  for (const Opaque& o : opaque_uniforms()) {
    EXPECT_NO_THROW(p.set(o.name, std::int32_t{0})) << o.type;
  }
}

// uniforms() spells every sampler and image type in GLSL (it is shown in error messages).
TEST(ProgramReflection, NamesEverySamplerAndImageType) {
  glc::Program p = compile_opaque_shader();
  EXPECT_EQ(p.uniforms().size(), opaque_uniforms().size());
  for (const Opaque& o : opaque_uniforms()) {
    const glc::UniformInfo* u = find_uniform(p, o.name);
    ASSERT_NE(u, nullptr) << o.name;
    EXPECT_EQ(u->type_name, o.type) << o.name;
  }
}

// ---------------------------------------------------------------------------------------------
// set(): type mismatches and unknown names

const char* const kMismatchShader = R"(#version 430
layout(local_size_x = 1) in;
layout(std430, binding = 0) buffer Out { double v[]; };
uniform float f;
uniform uint u;
uniform vec3 v3;
uniform mat4 m4;
uniform bool b;
uniform float unused_f;
void main() { v[0] = double(f) + double(u) + double(v3.x) + double(m4[0][0]) + double(b); }
)";

// A C++ type that is not exactly the GLSL type throws glc::Error naming the uniform, its GLSL
// type and the C++ type given; no implicit conversion happens.
TEST(ProgramUniforms, TypeMismatchNamesBothTypes) {
  glc::Program p = compile(kMismatchShader, "mismatch.comp");
  EXPECT_TRUE(mentions(error_from([&] { p.set("f", std::int32_t{1}); }), {"f", "float", "int32_t"}));
  EXPECT_TRUE(mentions(error_from([&] { p.set("f", 1.0); }), {"f", "float", "double"}));
  EXPECT_TRUE(mentions(error_from([&] { p.set("u", std::int32_t{1}); }), {"u", "uint", "int32_t"}));
  EXPECT_TRUE(mentions(error_from([&] { p.set("v3", glm::vec4(1)); }), {"v3", "vec3", "vec4"}));
  EXPECT_TRUE(mentions(error_from([&] { p.set("m4", glm::dmat4(1)); }), {"m4", "mat4", "dmat4"}));
  EXPECT_TRUE(mentions(error_from([&] { p.set("b", std::int32_t{1}); }), {"b", "bool", "int32_t"}));
  EXPECT_TRUE(mentions(error_from([&] { p.set("b", std::uint32_t{1}); }), {"b", "bool", "uint32_t"}));
  // The matching types are accepted.
  EXPECT_NO_THROW(p.set("f", 1.0f).set("u", 1u).set("v3", glm::vec3(1)).set("m4", glm::mat4(1)).set("b", true));
}

// An unknown name throws naming it; a declared uniform the compiler removed because main()
// never uses it is reported as unknown, with a hint that unused uniforms are removed.
TEST(ProgramUniforms, UnknownOrUnusedNameThrows) {
  glc::Program p = compile(kMismatchShader, "mismatch.comp");
  EXPECT_TRUE(mentions(error_from([&] { p.set("nope", 1.0f); }), {"nope"}));
  EXPECT_EQ(find_uniform(p, "unused_f"), nullptr);
  const std::string unused = error_from([&] { p.set("unused_f", 1.0f); });
  EXPECT_TRUE(mentions(unused, {"unused_f", "removed"}));
}

// ---------------------------------------------------------------------------------------------
// Reflection

const char* const kLayoutShader = R"(#version 430
layout(local_size_x = 32, local_size_y = 2, local_size_z = 3) in;
struct P { vec4 pos; float w; };
layout(std430, binding = 0) buffer A { float a[]; };
layout(std430, binding = 1) buffer B { uint count; vec4 items[]; };
layout(std430, binding = 2) buffer C { P ps[]; };
layout(std430, binding = 5) buffer D { mat4 m; uint k; };
layout(std430, binding = 3) buffer E { vec4 e4[]; };
uniform vec4 color;
uniform mat3x2 m32;
uniform float weights[4];
void main() {
  uint i = gl_LocalInvocationIndex;
  a[i] = color.x + m32[0][0] + weights[i % 4u];
  items[i] = vec4(count);
  ps[i].pos = vec4(ps[i].w);
  m[0][0] = float(k);
  e4[i] = vec4(1.0);
}
)";

// local_size() is the declared work group size.
TEST(ProgramReflection, LocalSize) {
  glc::Program p = compile(kLayoutShader, "layout.comp");
  EXPECT_EQ(p.local_size(), (std::array<std::uint32_t, 3>{32, 2, 3}));
}

// storage_blocks() gives each block's name, binding, bytes before the unsized array and the
// std430 stride of that array (0 and all bytes fixed when there is none).
TEST(ProgramReflection, StorageBlockLayouts) {
  glc::Program p = compile(kLayoutShader, "layout.comp");
  EXPECT_EQ(p.storage_blocks().size(), 5u);
  struct Expected {
    const char* name;
    std::uint32_t binding;
    std::uint64_t fixed_bytes, array_stride;
  };
  for (const Expected& e : {Expected{"A", 0, 0, 4}, Expected{"B", 1, 16, 16},
                            Expected{"C", 2, 0, 32}, Expected{"D", 5, 80, 0},
                            Expected{"E", 3, 0, 16}}) {
    SCOPED_TRACE(e.name);
    const glc::StorageBlockInfo* b = find_block(p, e.name);
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(b->binding, e.binding);
    if (e.array_stride == 0) {
      // No unsized array: the driver's minimum buffer size, 68 bytes of data that drivers may
      // round up (Mesa reports 80).
      EXPECT_GE(b->fixed_bytes, 68u);
      EXPECT_LE(b->fixed_bytes, e.fixed_bytes);
    } else {
      EXPECT_EQ(b->fixed_bytes, e.fixed_bytes);
    }
    EXPECT_EQ(b->array_stride, e.array_stride);
  }
}

// uniforms() lists default-block uniforms by name (arrays without "[0]") with type, size and
// a valid location.
TEST(ProgramReflection, Uniforms) {
  glc::Program p = compile(kLayoutShader, "layout.comp");
  EXPECT_EQ(p.uniforms().size(), 3u);
  struct Expected {
    const char* name;
    const char* type;
    int array_size;
  };
  for (const Expected& e : {Expected{"color", "vec4", 1}, Expected{"m32", "mat3x2", 1},
                            Expected{"weights", "float", 4}}) {
    SCOPED_TRACE(e.name);
    const glc::UniformInfo* u = find_uniform(p, e.name);
    ASSERT_NE(u, nullptr);
    EXPECT_EQ(u->type_name, e.type);
    EXPECT_EQ(u->array_size, e.array_size);
    EXPECT_GE(u->location, 0);
  }
  EXPECT_EQ(find_uniform(p, "weights[0]"), nullptr);
}

// ---------------------------------------------------------------------------------------------
// bind()

const char* const kCopyShader = R"(#version 430
layout(local_size_x = 1) in;
layout(std430, binding = 4) buffer In { uint a[]; };
layout(std430, binding = 6) buffer Out { uint o[]; };
uniform uint value;
void main() {
  o[0] = value;
  o[1] = uint(a.length());
  o[2] = a[0];
}
)";

// A buffer bound by block name or by binding index is the one the dispatch uses; binding again
// replaces the earlier buffer.
TEST(ProgramBind, ByNameAndByBindingIndex) {
  glc::Program p = compile(kCopyShader, "copy.comp");
  auto in = context().buffer(std::vector<std::uint32_t>{7, 8, 9});
  auto by_name = poisoned_buffer<std::uint32_t>(3);
  auto by_index = poisoned_buffer<std::uint32_t>(3);

  p.bind("In", in).bind("Out", by_name).set("value", 1u).dispatch(1);
  EXPECT_EQ(by_name.read(), (std::vector<std::uint32_t>{1, 3, 7}));

  p.bind(6u, by_index).set("value", 2u).dispatch(1);
  EXPECT_EQ(by_index.read(), (std::vector<std::uint32_t>{2, 3, 7}));
  EXPECT_EQ(by_name.read(), (std::vector<std::uint32_t>{1, 3, 7}));  // not written again
}

// bind() (all four overloads) and set() return the program itself, so calls chain.
TEST(ProgramBind, ReturnsTheProgramForChaining) {
  glc::Program p = compile(kCopyShader, "copy.comp");
  auto in = context().buffer(std::vector<std::uint32_t>{1});
  auto out = poisoned_buffer<std::uint32_t>(3);
  EXPECT_EQ(&p.bind("In", in), &p);
  EXPECT_EQ(&p.bind(4u, in), &p);
  EXPECT_EQ(&p.bind("Out", out, 0, 3), &p);
  EXPECT_EQ(&p.bind(6u, out, 0, 3), &p);
  EXPECT_EQ(&p.set("value", 5u), &p);
}

// An unknown block name throws, naming it and listing the blocks that exist.
TEST(ProgramBind, UnknownBlockNameListsBlocks) {
  glc::Program p = compile(kCopyShader, "copy.comp");
  auto buf = poisoned_buffer<std::uint32_t>(4);
  EXPECT_TRUE(mentions(error_from([&] { p.bind("Missing", buf); }), {"Missing", "In", "Out"}));
}

// An unknown binding index throws, naming it and listing the bindings that exist.
TEST(ProgramBind, UnknownBindingListsBindings) {
  glc::Program p = compile(kCopyShader, "copy.comp");
  auto buf = poisoned_buffer<std::uint32_t>(4);
  EXPECT_TRUE(mentions(error_from([&] { p.bind(9u, buf); }), {"9", "4", "6"}));
}

// A buffer whose size is not the block's fixed bytes plus whole array elements throws, and
// the message gives the array stride; sizes that fit are accepted.
TEST(ProgramBind, SizeMustFitTheBlockLayout) {
  glc::Program p = compile(kLayoutShader, "layout.comp");
  auto three_floats = poisoned_buffer<float>(3);  // 12 bytes: not a whole vec4
  auto five_floats = poisoned_buffer<float>(5);   // 20 bytes: 16 + 4
  EXPECT_TRUE(mentions(error_from([&] { p.bind("E", three_floats); }), {"E", "12", "16"}));
  EXPECT_TRUE(mentions(error_from([&] { p.bind("B", five_floats); }), {"B", "20", "16"}));
  EXPECT_TRUE(mentions(error_from([&] { p.bind("C", five_floats); }), {"C", "20", "32"}));
  EXPECT_TRUE(mentions(error_from([&] { p.bind("A", context().buffer<std::uint8_t>(6)); }),
                       {"A", "6", "4"}));

  EXPECT_NO_THROW(p.bind("B", poisoned_buffer<float>(4)));      // count only, no items
  EXPECT_NO_THROW(p.bind("B", poisoned_buffer<float>(4 + 8)));  // count + 2 items
  EXPECT_NO_THROW(p.bind("C", poisoned_buffer<float>(16)));     // 2 structs
}

// A buffer smaller than a block without an unsized array throws, naming the needed bytes.
TEST(ProgramBind, BufferSmallerThanFixedBlockThrows) {
  glc::Program p = compile(kLayoutShader, "layout.comp");
  const glc::StorageBlockInfo* d = find_block(p, "D");
  ASSERT_NE(d, nullptr);
  const std::string needed = std::to_string(d->fixed_bytes);
  EXPECT_TRUE(mentions(error_from([&] { p.bind("D", poisoned_buffer<float>(4)); }),
                       {"D", "16", needed}));
  EXPECT_NO_THROW(p.bind("D", context().buffer<std::uint8_t>(d->fixed_bytes)));
}

// A range whose byte offset is not a multiple of the driver's storage buffer offset alignment
// throws naming the alignment.
TEST(ProgramBind, MisalignedRangeThrows) {
  const std::uint32_t align = context().info().limits.storage_buffer_offset_alignment;
  if (align <= sizeof(std::uint32_t)) GTEST_SKIP() << "every uint offset is aligned to " << align;
  glc::Program p = compile(kCopyShader, "copy.comp");
  auto in = poisoned_buffer<std::uint32_t>(2 * align);
  const std::size_t offset = align / sizeof(std::uint32_t) + 1;  // align + 4 bytes
  EXPECT_TRUE(mentions(error_from([&] { p.bind("In", in, offset, 4); }),
                       {"In", std::to_string(align), std::to_string(offset * 4)}));
}

// A range at an aligned offset binds exactly `count` elements starting at that offset: the
// shader's a.length() is count and a[0] is the element at the offset.
TEST(ProgramBind, AlignedRangeShowsExactlyCountElements) {
  const std::uint32_t align = context().info().limits.storage_buffer_offset_alignment;
  ASSERT_GT(align, 0u);
  glc::Program p = compile(kCopyShader, "copy.comp");
  const std::size_t offset = align >= sizeof(std::uint32_t) ? align / sizeof(std::uint32_t) : 1;
  std::vector<std::uint32_t> values(offset + 20);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<std::uint32_t>(100 + i);
  auto in = context().buffer(values);
  auto out = poisoned_buffer<std::uint32_t>(3);
  p.bind("In", in, offset, 5).bind("Out", out).set("value", 3u).dispatch(1);
  EXPECT_EQ(out.read(), (std::vector<std::uint32_t>{3, 5, static_cast<std::uint32_t>(100 + offset)}));
}

// A range outside the buffer throws before anything is bound.
TEST(ProgramBind, RangeOutsideTheBufferThrows) {
  glc::Program p = compile(kCopyShader, "copy.comp");
  auto in = poisoned_buffer<std::uint32_t>(4);
  EXPECT_TRUE(mentions(error_from([&] { p.bind("In", in, 2, 3); }), {"4"}));
}

// ---------------------------------------------------------------------------------------------
// Empty handles and moves

void expect_every_method_throws_empty(glc::Program& p) {
  auto buf = poisoned_buffer<std::uint32_t>(4);
  const std::vector<float> fs{1, 2};
  const std::vector<std::function<void()>> calls{
      [&] { p.bind("Out", buf); },
      [&] { p.bind("Out", buf, 0, 2); },
      [&] { p.bind(6u, buf); },
      [&] { p.bind(6u, buf, 0, 2); },
      [&] { p.set("value", 1u); },
      [&] { p.set("w", std::span<const float>(fs)); },
      [&] { p.dispatch(1); },
      [&] { p.dispatch_for(0); },
      [&] { p.dispatch_for(10); },
      [&] { (void)p.local_size(); },
      [&] { (void)p.storage_blocks(); },
      [&] { (void)p.uniforms(); },
      [&] { (void)p.id(); },
  };
  for (std::size_t i = 0; i < calls.size(); ++i) {
    SCOPED_TRACE("call #" + std::to_string(i));
    EXPECT_TRUE(contains(error_from(calls[i]), "empty handle"));
  }
}

// Every method of a default-constructed Program throws glc::Error about an empty handle.
TEST(ProgramHandle, DefaultConstructedThrowsEverywhere) {
  glc::Program p;
  expect_every_method_throws_empty(p);
}

// A moved-from Program (by construction and by assignment) throws like an empty one.
TEST(ProgramHandle, MovedFromThrowsEverywhere) {
  glc::Program a = compile(kCopyShader, "copy.comp");
  glc::Program b(std::move(a));
  expect_every_method_throws_empty(a);
  glc::Program c;
  c = std::move(b);
  expect_every_method_throws_empty(b);
}

// Moving a Program keeps its GL program, reflection, bindings and uniform values.
TEST(ProgramHandle, MovedProgramKeepsWorking) {
  glc::Program a = compile(kCopyShader, "copy.comp");
  auto in = context().buffer(std::vector<std::uint32_t>{11, 12});
  auto out = poisoned_buffer<std::uint32_t>(3);
  a.bind("In", in).bind("Out", out).set("value", 9u);
  const unsigned id = a.id();

  glc::Program b(std::move(a));
  glc::Program c = compile(kArrayShader, "arrays.comp");
  c = std::move(b);
  EXPECT_EQ(c.id(), id);
  EXPECT_EQ(c.storage_blocks().size(), 2u);
  c.dispatch(1);
  EXPECT_EQ(out.read(), (std::vector<std::uint32_t>{9, 2, 11}));
}

// ---------------------------------------------------------------------------------------------
// Dispatch-time checks

// Dispatching with a storage block left unbound throws naming the block, and runs nothing.
TEST(ProgramDispatch, UnboundBlockThrows) {
  glc::Program p = compile(kCopyShader, "copy.comp");
  auto out = poisoned_buffer<std::uint32_t>(3);
  p.bind("Out", out).set("value", 1u);
  EXPECT_TRUE(mentions(error_from([&] { p.dispatch(1); }), {"In"}));
  EXPECT_EQ(out.read(), std::vector<std::uint32_t>(3, poison<std::uint32_t>()));
}

// Dispatching after a bound buffer was destroyed throws saying so, naming the block.
TEST(ProgramDispatch, DestroyedBufferThrows) {
  glc::Program p = compile(kCopyShader, "copy.comp");
  auto out = poisoned_buffer<std::uint32_t>(3);
  p.bind("Out", out).set("value", 1u);
  {
    auto in = context().buffer(std::vector<std::uint32_t>{1, 2});
    p.bind("In", in);
  }
  EXPECT_TRUE(mentions(error_from([&] { p.dispatch(1); }), {"In", "destroyed"}));
  EXPECT_EQ(out.read(), std::vector<std::uint32_t>(3, poison<std::uint32_t>()));
}

}  // namespace
