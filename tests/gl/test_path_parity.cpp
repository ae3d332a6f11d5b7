// One shader, one interface, on both compile paths: member names of struct uniforms, arrays at
// their declared size (the GLSL path trims an unread tail), arrays sized by specialization
// constants, blocks the code never reads (listed and required on both paths: GL keeps std430,
// std140 and shared blocks whatever the code reads, and glcompute adds those a driver drops),
// atomic counters and images; the same program on both paths computes the same bits. Errors
// for arrays that specialization empties are located in the source on both paths, and a
// #version the GLSL path cannot take points to ShaderPath::spirv. Each test compiles on both
// paths itself.

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include <glm/glm.hpp>
#include <gtest/gtest.h>

#include "gl_test_context.hpp"

namespace {

using glc::ShaderPath;
using glc::testing::contains;
using glc::testing::context;
using glc::testing::error_from;
using glc::testing::poison;
using glc::testing::poisoned_buffer;

#define SKIP_WITHOUT_SPIRV()                                                              \
  if (!context().info().features.gl_spirv)                                                \
  GTEST_SKIP() << "the driver (" << context().info().renderer << ") lacks ARB_gl_spirv, " \
               << "so only the GLSL path exists"

glc::Program compile(const std::string& glsl, ShaderPath path, glc::CompileOptions options = {},
                     const std::string& name = "parity.comp") {
  options.path = path;
  return context().compile(glc::Source::text(glsl, name), options);
}

using UniformRow = std::tuple<std::string, std::string, int>;  // name, type, size
using BlockRow = std::tuple<std::string, std::uint32_t, std::uint64_t, std::uint64_t, std::uint64_t>;

std::vector<UniformRow> uniforms_of(const glc::Program& p) {
  std::vector<UniformRow> rows;
  for (const glc::UniformInfo& u : p.uniforms()) rows.emplace_back(u.name, u.type_name, u.array_size);
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::vector<BlockRow> storage_of(const glc::Program& p) {
  std::vector<BlockRow> rows;
  for (const auto& b : p.storage_blocks()) rows.emplace_back(b.name, b.binding, b.fixed_bytes, b.array_stride, b.members_end);
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::vector<BlockRow> uniform_blocks_of(const glc::Program& p) {
  std::vector<BlockRow> rows;
  for (const auto& b : p.uniform_blocks()) rows.emplace_back(b.name, b.binding, b.data_bytes, 0, b.members_end);
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::vector<std::string> counters_of(const glc::Program& p) {
  std::vector<std::string> rows;
  for (const auto& b : p.atomic_counter_buffers()) {
    std::string row = std::to_string(b.binding) + ":" + std::to_string(b.data_bytes) + ":";
    for (const std::string& c : b.counters) row += c + ",";
    rows.push_back(row);
  }
  return rows;
}

std::vector<std::string> images_of(const glc::Program& p) {
  std::vector<std::string> rows;
  for (const auto& i : p.images()) {
    rows.push_back(i.name + ":" + i.type_name + ":" + i.format + ":" + (i.readonly ? "r" : "") + (i.writeonly ? "w" : ""));
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

/// Compiles `glsl` on both paths and expects one interface.
void expect_same_interface(const std::string& glsl, const glc::CompileOptions& options = {}) {
  const glc::Program a = compile(glsl, ShaderPath::glsl, options);
  const glc::Program b = compile(glsl, ShaderPath::spirv, options);
  EXPECT_EQ(uniforms_of(a), uniforms_of(b)) << "uniforms differ";
  EXPECT_EQ(storage_of(a), storage_of(b)) << "storage blocks differ";
  EXPECT_EQ(uniform_blocks_of(a), uniform_blocks_of(b)) << "uniform blocks differ";
  EXPECT_EQ(counters_of(a), counters_of(b)) << "atomic counters differ";
  EXPECT_EQ(images_of(a), images_of(b)) << "images differ";
  EXPECT_EQ(a.local_size(), b.local_size());
}

// `uniform S st;` was `float 'st'` and `int ''` on the SPIR-V path; `float arr[4]` had 4
// elements there and 3 on the GLSL path, which trims the unread tail.
TEST(PathParity, StructMembersAndPartlyReadArrays) {
  SKIP_WITHOUT_SPIRV();
  const std::string glsl = R"(#version 430
layout(local_size_x = 1) in;
struct S { float a; int b; };
uniform S st;
uniform float arr[4];
layout(std430, binding = 0) buffer Out { float o[]; };
void main() { o[0] = st.a + float(st.b) + arr[0] + arr[2]; }
)";
  expect_same_interface(glsl);
  const glc::Program p = compile(glsl, ShaderPath::glsl);
  EXPECT_EQ(uniforms_of(p), (std::vector<UniformRow>{{"arr", "float", 4}, {"st.a", "float", 1}, {"st.b", "int", 1}}));
}

TEST(PathParity, NestedStructsArraysOfStructsAndMatrices) {
  SKIP_WITHOUT_SPIRV();
  expect_same_interface(R"(#version 430
layout(local_size_x = 1) in;
struct Inner { float x; vec2 y[2]; };
struct Outer { Inner first; Inner more[2]; mat3 m; float tail[3]; };
uniform Outer o;
uniform float grid[2][3];
uniform dmat2x3 dm;
uniform bvec2 flags;
uniform uint step;
layout(std430, binding = 0) buffer Out { double r[]; };
void main() {
  r[0] = double(o.first.x + o.more[1].y[1].x + o.m[0][0] + o.tail[2] + grid[1][2]) + dm[1][2] +
         double(flags.y) + double(step);
}
)");
}

// Blocks the code never reads are part of the interface on both paths.
const char* const kUnusedBlocks = R"(#version 430
layout(local_size_x = 1) in;
layout(std430, binding = 0) buffer Out { float o[]; };
layout(std430, binding = 1) readonly buffer Spare { vec4 head; float rest[]; };
layout(std140, binding = 2) uniform Settings { vec4 tint; float gain; };
void main() { o[0] = 1.0; }
)";

TEST(PathParity, BlocksTheCodeNeverReadsAreListedOnBothPaths) {
  SKIP_WITHOUT_SPIRV();
  expect_same_interface(kUnusedBlocks);
  const glc::Program p = compile(kUnusedBlocks, ShaderPath::spirv);
  EXPECT_EQ(storage_of(p), (std::vector<BlockRow>{{"Out", 0, 0, 4, 0}, {"Spare", 1, 16, 4, 16}}));
  EXPECT_EQ(uniform_blocks_of(p), (std::vector<BlockRow>{{"Settings", 2, 32, 0, 20}}));
}

// ... and must be bound on both: one host program runs on both paths.
TEST(PathParity, BlocksTheCodeNeverReadsMustBeBoundOnBothPaths) {
  SKIP_WITHOUT_SPIRV();
  for (ShaderPath path : {ShaderPath::glsl, ShaderPath::spirv}) {
    SCOPED_TRACE(path == ShaderPath::glsl ? "glsl" : "spirv");
    glc::Program p = compile(kUnusedBlocks, path);
    glc::Buffer<float> out = poisoned_buffer<float>(1), spare = context().buffer<float>(8), settings = context().buffer<float>(8);
    p.bind("Out", out);
    EXPECT_TRUE(contains(error_from([&] { p.dispatch(1); }), "storage block 'Spare' (binding 1) has no buffer bound"));
    p.bind("Spare", spare);
    EXPECT_TRUE(contains(error_from([&] { p.dispatch(1); }), "uniform block 'Settings' (binding 2) has no buffer bound"));
    p.bind("Settings", settings).dispatch(1);
    EXPECT_EQ(out.read()[0], 1.0f);
  }
}

// Arrays sized by specialization constants, in blocks and in the default block, plain and in
// expressions ("array length id 106 is not a constant" on the SPIR-V path before).
const char* const kSpecArrays = R"(#version 430
layout(local_size_x = 1) in;
layout(constant_id = 0) const int N = 3;
layout(constant_id = 1) const uint M = 2u;
layout(std430, binding = 0) buffer Out { float o[]; };
layout(std430, binding = 1) readonly buffer Table { vec4 head; float values[N * 2 + 1]; };
layout(std140, binding = 2) uniform Weights { vec4 w[M]; };
uniform float scales[N];
uniform float more[N + int(M)];
void main() {
  float s = head.x;
  for (int i = 0; i < N * 2 + 1; ++i) s += values[i];
  for (uint i = 0u; i < M; ++i) s += w[i].x;
  for (int i = 0; i < N; ++i) s += scales[i];
  o[0] = s + more[N + int(M) - 1];
}
)";

TEST(PathParity, ArraysSizedBySpecializationConstants) {
  SKIP_WITHOUT_SPIRV();
  expect_same_interface(kSpecArrays);
  glc::CompileOptions options;
  options.specialize("N", 5).specialize("M", 3u);
  expect_same_interface(kSpecArrays, options);
  const glc::Program p = compile(kSpecArrays, ShaderPath::spirv, options);
  EXPECT_EQ(uniforms_of(p), (std::vector<UniformRow>{{"more", "float", 8}, {"scales", "float", 5}}));
  EXPECT_EQ(uniform_blocks_of(p), (std::vector<BlockRow>{{"Weights", 2, 48, 0, 48}}));
  // Both compute the same sum.
  std::vector<float> results;
  for (ShaderPath path : {ShaderPath::glsl, ShaderPath::spirv}) {
    glc::Program q = compile(kSpecArrays, path, options);
    std::vector<float> table(4 + 12);  // head, 11 values, the driver's padding to 16 bytes
    for (std::size_t i = 0; i < table.size(); ++i) table[i] = float(i) * 0.5f;
    std::vector<float> weights(12, 0.0f);
    for (int i = 0; i < 3; ++i) weights[static_cast<std::size_t>(4 * i)] = float(10 * (i + 1));
    glc::Buffer<float> out = poisoned_buffer<float>(1), t = context().buffer(table), w = context().buffer(weights);
    const std::vector<float> scales = {1, 2, 3, 4, 5}, more = {0, 0, 0, 0, 0, 0, 0, 100};
    q.bind("Out", out).bind("Table", t).bind("Weights", w);
    q.set("scales", std::span<const float>(scales)).set("more", std::span<const float>(more)).dispatch(1);
    results.push_back(out.read()[0]);
  }
  float expected = 0.0f;  // head.x, values[0..10], w[0..2].x, scales, more[7], in the shader's order
  for (int i : {0, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}) expected += float(i) * 0.5f;  // table[i]
  for (float v : {10.0f, 20.0f, 30.0f, 1.0f, 2.0f, 3.0f, 4.0f, 5.0f}) expected += v;
  expected += 100.0f;
  EXPECT_EQ(results[0], expected);
  EXPECT_EQ(results[1], expected);
}

// A constant that empties an array is located in the source on both paths: by the driver's
// compiler at the array on the GLSL path, by glcompute at the constant on the SPIR-V path.
TEST(PathParity, SpecializationThatEmptiesAnArrayIsLocated) {
  SKIP_WITHOUT_SPIRV();
  glc::CompileOptions options;
  options.specialize("N", 0);
  for (ShaderPath path : {ShaderPath::glsl, ShaderPath::spirv}) {
    SCOPED_TRACE(path == ShaderPath::glsl ? "glsl" : "spirv");
    try {
      compile(kSpecArrays, path, options, "spec_arrays.comp");
      ADD_FAILURE() << "no error";
    } catch (const glc::ShaderError& e) {
      ASSERT_FALSE(e.diagnostics().empty());
      EXPECT_EQ(e.diagnostics()[0].file, "spec_arrays.comp");
      EXPECT_GE(e.diagnostics()[0].line, 3) << e.what();
      EXPECT_LE(e.diagnostics()[0].line, 8) << e.what();
    }
  }
  const std::string spirv = error_from([&] { compile(kSpecArrays, ShaderPath::spirv, options, "spec_arrays.comp"); });
  EXPECT_TRUE(contains(spirv, {"spec_arrays.comp:3:", "'N' (constant_id 0)", "0 elements long"}));
}

// On SPIR-V member offsets are fixed when compiled: an array that grows runs into the next
// member. Refused with the reason, where the GLSL path lays the block out anew.
TEST(PathParity, GrowingArrayBeforeAnotherMemberIsRefusedOnSpirv) {
  SKIP_WITHOUT_SPIRV();
  const std::string glsl = R"(#version 430
layout(local_size_x = 1) in;

layout(constant_id = 4) const int K = 2;
layout(std430, binding = 0) buffer Data { float values[K]; float tail; };
void main() { tail = values[K - 1]; }
)";
  glc::CompileOptions options;
  options.specialize(4, 6);
  EXPECT_NO_THROW(compile(glsl, ShaderPath::glsl, options));
  EXPECT_TRUE(contains(error_from([&] { compile(glsl, ShaderPath::spirv, options, "grow.comp"); }),
                       {"grow.comp:4:", "block 'Data': member 'values'", "runs into member 'tail'",
                        "'K' (constant_id 4)", "last in their block"}));
  EXPECT_NO_THROW(compile(glsl, ShaderPath::spirv));  // the default fits
}

TEST(PathParity, AtomicCountersAndImages) {
  SKIP_WITHOUT_SPIRV();
  const std::string glsl = R"(#version 430
layout(local_size_x = 1) in;
layout(binding = 0, offset = 4) uniform atomic_uint hits;
layout(binding = 0, offset = 8) uniform atomic_uint misses[3];
layout(binding = 2) uniform atomic_uint other;
layout(rgba32f, binding = 1) uniform readonly image2D src;
layout(r32ui, binding = 2) uniform writeonly uimage3D dst;
void main() {
  atomicCounterIncrement(hits);
  atomicCounterIncrement(misses[2]);
  atomicCounterIncrement(other);
  imageStore(dst, ivec3(0), uvec4(imageLoad(src, ivec2(0))));
}
)";
  if (context().info().vendor.find("NVIDIA") == std::string::npos) {
    expect_same_interface(glsl);
    return;
  }
  // NVIDIA counts every element of a counter array in the first on the SPIR-V path: glcompute
  // refuses the array there, and the rest of the interface is the same on both paths.
  EXPECT_TRUE(contains(error_from([&] { compile(glsl, ShaderPath::spirv, {}, "counters.comp"); }),
                       {"counters.comp", "atomic counter array 'misses' (binding 0)", "ShaderPath::glsl"}));
  std::string single = glsl;
  single.replace(single.find("misses[3]"), 9, "misses").replace(single.find("misses[2]"), 9, "misses");
  expect_same_interface(single);
}

// The GLSL path cannot take a #version above the driver's; the message says which path can.
TEST(PathParity, Version460RefusedByTheGlslPathPointsToSpirv) {
  const std::string glsl = "#version 460\nlayout(local_size_x = 1) in;\n"
                           "layout(std430, binding = 0) buffer Out { float o[]; };\nvoid main() { o[0] = 4.5; }\n";
  bool refused = false;
  try {
    compile(glsl, ShaderPath::glsl, {}, "v460.comp");
  } catch (const glc::ShaderError& e) {
    refused = true;
    const bool spirv = context().info().features.gl_spirv;
    EXPECT_TRUE(contains(e.what(), {"v460.comp:1:", "#version 460",
                                    spirv ? "ShaderPath::spirv accepts it" : "lacks ARB_gl_spirv"}));
  }
  if (!refused) GTEST_SKIP() << "the driver's GLSL compiler takes #version 460 (" << context().info().glsl_version << ")";
  SKIP_WITHOUT_SPIRV();
  glc::Program q = compile(glsl, ShaderPath::spirv);
  glc::Buffer<float> out = poisoned_buffer<float>(1);
  q.bind("Out", out).dispatch(1);
  EXPECT_EQ(out.read()[0], 4.5f);
}

}  // namespace
