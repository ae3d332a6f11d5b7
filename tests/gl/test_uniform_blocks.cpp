// Uniform blocks bound like storage blocks (by name or binding, size-checked against the
// block's data size and GL_MAX_UNIFORM_BLOCK_SIZE), set_block for the push-constant pattern,
// uniform_blocks(), and struct and array-of-struct members of the default block set by name.
// ctest runs this suite on both compile paths.

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#include <glm/glm.hpp>
#include <gtest/gtest.h>

#include "gl_test_context.hpp"

namespace {

using glc::testing::compile;
using glc::testing::contains;
using glc::testing::context;
using glc::testing::error_from;
using glc::testing::mentions;
using glc::testing::poison;
using glc::testing::poisoned_buffer;

// out[i] = in[i] * scale[i % 4] + offset, for i < n: every member of Params is read.
const char* const kScale = R"(#version 430
layout(local_size_x = 64) in;
layout(std140, binding = 2) uniform Params { vec4 scale; float offset; uint n; } params;
layout(std430, binding = 0) readonly buffer In { float in_values[]; };
layout(std430, binding = 1) writeonly buffer Out { float out_values[]; };
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i < params.n) out_values[i] = in_values[i] * params.scale[i % 4u] + params.offset;
}
)";

/// Params as std140 lays it out: 24 bytes of members, padded by GL to 32.
struct Params {
  glm::vec4 scale;
  float offset;
  std::uint32_t n;
  float pad[2];
};
static_assert(sizeof(Params) == 32);

std::vector<float> expected_scale(const std::vector<float>& in, const Params& p) {
  std::vector<float> out(in.size(), poison<float>());
  for (std::uint32_t i = 0; i < p.n && i < in.size(); ++i) out[i] = in[i] * p.scale[int(i % 4)] + p.offset;
  return out;
}

std::vector<float> ramp(std::size_t n) {
  std::vector<float> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = 0.25f * float(i) - 7.0f;
  return v;
}

const glc::UniformBlockInfo* find_block(const glc::Program& p, const std::string& name) {
  for (const glc::UniformBlockInfo& b : p.uniform_blocks()) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

const glc::UniformInfo* find_uniform(const glc::Program& p, const std::string& name) {
  for (const glc::UniformInfo& u : p.uniforms()) {
    if (u.name == name) return &u;
  }
  return nullptr;
}

TEST(UniformBlocks, AreListedWithBindingDataSizeAndMembersEnd) {
  glc::Program p = compile(kScale, "scale.comp");
  ASSERT_EQ(p.uniform_blocks().size(), 1u);
  const glc::UniformBlockInfo* b = find_block(p, "Params");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->binding, 2u);
  EXPECT_EQ(b->data_bytes, 32u);
  EXPECT_EQ(b->members_end, 24u);
  EXPECT_EQ(p.storage_blocks().size(), 2u);  // uniform blocks are not storage blocks
}

TEST(UniformBlocks, BoundByNameOrBindingFeedTheShader) {
  const std::vector<float> in = ramp(257);
  const Params params{{2.0f, -1.0f, 0.5f, 3.0f}, 1.25f, 255, {}};
  for (bool by_name : {true, false}) {
    SCOPED_TRACE(by_name ? "by name" : "by binding");
    glc::Program p = compile(kScale, "scale.comp");
    glc::Buffer<float> input = context().buffer(in);
    glc::Buffer<float> output = poisoned_buffer<float>(in.size());
    glc::Buffer<Params> block = context().buffer(std::vector<Params>{params});
    p.bind("In", input).bind("Out", output);
    if (by_name) p.bind("Params", block);
    else p.bind(2u, block);
    p.dispatch_for(in.size());
    EXPECT_EQ(output.read(), expected_scale(in, params));
  }
}

// A later write to the bound buffer is what the next dispatch reads (no copy is taken).
TEST(UniformBlocks, TheBoundBufferIsReadAtEachDispatch) {
  const std::vector<float> in = ramp(64);
  glc::Program p = compile(kScale, "scale.comp");
  glc::Buffer<float> input = context().buffer(in);
  glc::Buffer<float> first = poisoned_buffer<float>(64), second = poisoned_buffer<float>(64);
  Params a{{1, 1, 1, 1}, 0.0f, 64, {}}, b{{0, 1, 2, 3}, -2.0f, 10, {}};
  glc::Buffer<Params> block = context().buffer(std::vector<Params>{a});
  p.bind("In", input).bind("Params", block).bind("Out", first).dispatch(1);
  block.write(std::vector<Params>{b});
  p.bind("Out", second).dispatch(1);
  EXPECT_EQ(first.read(), expected_scale(in, a));
  EXPECT_EQ(second.read(), expected_scale(in, b));
}

// A block's data can come from any element type, and from a range of a larger buffer.
TEST(UniformBlocks, RangesAndOtherElementTypesBind) {
  const std::vector<float> in = ramp(64);
  const std::uint32_t align_words = std::max<std::uint32_t>(context().info().limits.uniform_buffer_offset_alignment / 4, 1);
  std::vector<float> words(align_words + 8, 99.0f);
  const Params params{{1.5f, 2.5f, -3.0f, 4.0f}, 0.5f, 64, {}};
  std::memcpy(words.data() + align_words, &params, sizeof params);
  glc::Program p = compile(kScale, "scale.comp");
  glc::Buffer<float> input = context().buffer(in), output = poisoned_buffer<float>(64);
  glc::Buffer<float> block = context().buffer(words);
  p.bind("In", input).bind("Out", output).bind("Params", block, align_words, 8).dispatch(1);
  EXPECT_EQ(output.read(), expected_scale(in, params));
}

TEST(UniformBlocks, BufferSmallerThanTheBlockIsRefused) {
  glc::Program p = compile(kScale, "scale.comp");
  glc::Buffer<float> four = context().buffer<float>(4);
  EXPECT_TRUE(contains(error_from([&] { p.bind("Params", four); }),
                       {"uniform block 'Params'", "16 bytes", "does not fit", "(32 bytes)"}));
  // 24 bytes hold every member; the rest is the driver's padding, and the message says so.
  glc::Buffer<float> six = context().buffer<float>(6);
  EXPECT_TRUE(contains(error_from([&] { p.bind("Params", six); }),
                       {"uniform block 'Params'", "the driver pads block 'Params' to 32 bytes; its members end at 24"}));
}

TEST(UniformBlocks, StorageBlockPaddingIsExplainedToo) {
  glc::Program p = compile(R"(#version 430
layout(local_size_x = 1) in;
layout(std430, binding = 0) buffer a { vec3 v; };
void main() { v *= 2.0; }
)", "padded.comp");
  // GL leaves the padding to the driver: Mesa pads this block to 16 bytes, NVIDIA does not.
  ASSERT_EQ(p.storage_blocks().size(), 1u);
  const glc::StorageBlockInfo& a = p.storage_blocks().front();
  EXPECT_EQ(a.members_end, 12u);
  glc::Buffer<float> three = context().buffer(std::vector<float>{1, 2, 3});
  if (a.fixed_bytes == 16) {
    EXPECT_TRUE(contains(error_from([&] { p.bind("a", three); }),
                         "the driver pads block 'a' to 16 bytes; its members end at 12"));
  } else {
    ASSERT_EQ(a.fixed_bytes, 12u) << "vec3 v ends at 12 bytes; std430 pads it to 16 at most";
    p.bind("a", three).dispatch(1);
    EXPECT_EQ(three.read(), (std::vector<float>{2, 4, 6}));
  }
  glc::Buffer<float> four = context().buffer(std::vector<float>{1, 2, 3, 4});
  p.bind("a", four).dispatch(1);
  EXPECT_EQ(four.read(), (std::vector<float>{2, 4, 6, 4}));
}

TEST(UniformBlocks, RangeAboveTheDriversMaximumBlockSizeIsRefused) {
  glc::Program p = compile(kScale, "scale.comp");
  const std::uint64_t max = context().info().limits.max_uniform_block_bytes;
  ASSERT_GE(max, 16384u);  // GL 4.3's minimum
  glc::Buffer<float> big = context().buffer<float>(max / 4 + 4);
  EXPECT_TRUE(contains(error_from([&] { p.bind("Params", big); }),
                       {"uniform block 'Params'", std::to_string(max + 16) + " bytes",
                        "GL_MAX_UNIFORM_BLOCK_SIZE", std::to_string(max), "bind a range"}));
  EXPECT_NO_THROW(p.bind("Params", big, 0, 8));
}

TEST(UniformBlocks, MisalignedOffsetIsRefused) {
  const std::uint32_t alignment = context().info().limits.uniform_buffer_offset_alignment;
  if (alignment <= 4) GTEST_SKIP() << "the driver aligns uniform buffers to " << alignment << " bytes";
  glc::Program p = compile(kScale, "scale.comp");
  glc::Buffer<float> block = context().buffer<float>(64);
  EXPECT_TRUE(contains(error_from([&] { p.bind("Params", block, 1, 8); }),
                       {"byte offset 4", "uniform buffer offset alignment (" + std::to_string(alignment)}));
}

TEST(UniformBlocks, UnboundBlockStopsTheDispatch) {
  glc::Program p = compile(kScale, "scale.comp");
  glc::Buffer<float> input = context().buffer(ramp(64)), output = poisoned_buffer<float>(64);
  p.bind("In", input).bind("Out", output);
  EXPECT_TRUE(contains(error_from([&] { p.dispatch(1); }),
                       {"scale.comp", "uniform block 'Params' (binding 2) has no buffer bound",
                        "bind(\"Params\", buffer)", "set_block(\"Params\", value)"}));
  {
    glc::Buffer<Params> gone = context().buffer<Params>(1);
    p.bind("Params", gone);
  }
  EXPECT_TRUE(contains(error_from([&] { p.dispatch(1); }), "the buffer bound to uniform block 'Params' was destroyed"));
  EXPECT_EQ(output.read(), std::vector<float>(64, poison<float>()));
}

// The push-constant pattern: a C++ struct straight into the block, replaced between dispatches.
TEST(SetBlock, UploadsAStructAndLaterValuesReplaceIt) {
  const std::vector<float> in = ramp(300);
  glc::Program p = compile(kScale, "scale.comp");
  glc::Buffer<float> input = context().buffer(in);
  glc::Buffer<float> first = poisoned_buffer<float>(in.size()), second = poisoned_buffer<float>(in.size());
  const Params a{{2, 3, 4, 5}, -0.5f, 300, {}}, b{{-1, 0, 1, 2}, 8.0f, 17, {}};
  p.bind("In", input).set_block("Params", a).bind("Out", first).dispatch_for(in.size());
  p.set_block("Params", b).bind("Out", second).dispatch_for(in.size());
  EXPECT_EQ(first.read(), expected_scale(in, a));  // the first dispatch kept its value
  EXPECT_EQ(second.read(), expected_scale(in, b));
}

// Where the struct stops at the last member, the block's padding need not be in it.
TEST(SetBlock, StructEndingAtTheLastMemberIsEnough) {
  struct Tight {
    glm::vec4 scale;
    float offset;
    std::uint32_t n;
  };
  static_assert(sizeof(Tight) == 24);
  const std::vector<float> in = ramp(64);
  glc::Program p = compile(kScale, "scale.comp");
  glc::Buffer<float> input = context().buffer(in), output = poisoned_buffer<float>(64);
  const Tight t{{1, 2, 3, 4}, 1.0f, 50};
  p.bind("In", input).bind("Out", output).set_block("Params", t).dispatch(1);
  EXPECT_EQ(output.read(), expected_scale(in, Params{t.scale, t.offset, t.n, {}}));
}

TEST(SetBlock, StructsOfAnotherLayoutAreRefused) {
  glc::Program p = compile(kScale, "scale.comp");
  struct Short {
    glm::vec4 scale;
    float offset;
  };
  EXPECT_TRUE(contains(error_from([&] { p.set_block("Params", Short{}); }),
                       {"set_block", "20 bytes", "'Params'", "up to byte 24", "holds 32 bytes", "std140"}));
  struct Long {
    float values[12];
  };
  EXPECT_TRUE(contains(error_from([&] { p.set_block("Params", Long{}); }), {"48 bytes", "holds 32 bytes"}));
  EXPECT_TRUE(contains(error_from([&] { p.set_block("In", Params{}); }),
                       {"'In' is a storage block", "bind(\"In\", buffer)"}));
  EXPECT_TRUE(contains(error_from([&] { p.set_block("Parms", Params{}); }),
                       {"no uniform block named 'Parms'", "Params"}));
}

// bind() after set_block() takes over the block, and set_block() after bind() takes it back.
TEST(SetBlock, BindAndSetBlockReplaceEachOther) {
  const std::vector<float> in = ramp(64);
  glc::Program p = compile(kScale, "scale.comp");
  glc::Buffer<float> input = context().buffer(in), output = poisoned_buffer<float>(64);
  const Params a{{1, 1, 1, 1}, 1.0f, 64, {}}, b{{2, 2, 2, 2}, 0.0f, 64, {}};
  glc::Buffer<Params> block = context().buffer(std::vector<Params>{b});
  p.bind("In", input).bind("Out", output).set_block("Params", a).bind("Params", block).dispatch(1);
  EXPECT_EQ(output.read(), expected_scale(in, b));
  p.set_block("Params", a).dispatch(1);
  EXPECT_EQ(output.read(), expected_scale(in, a));
}

// Storage and uniform blocks number their bindings apart: binding 0 of each is ambiguous by
// number, not by name.
TEST(UniformBlocks, BindingOfBothKindsIsBoundByName) {
  glc::Program p = compile(R"(#version 430
layout(local_size_x = 1) in;
layout(std140, binding = 0) uniform Factor { float factor; };
layout(std430, binding = 0) buffer Data { float data[]; };
void main() { data[0] *= factor; }
)", "both_kinds.comp");
  glc::Buffer<float> data = context().buffer(std::vector<float>{3.0f, 1.0f, 1.0f, 1.0f});
  glc::Buffer<float> factor = context().buffer(std::vector<float>{2.5f, 0.0f, 0.0f, 0.0f});
  EXPECT_TRUE(contains(error_from([&] { p.bind(0u, data); }),
                       {"binding 0", "storage block 'Data'", "uniform block 'Factor'", "bind by name"}));
  p.bind("Data", data).bind("Factor", factor).dispatch(1);
  EXPECT_EQ(data.read()[0], 7.5f);
}

TEST(UniformBlocks, TwoBlocksOnOneBindingNeedOneBuffer) {
  glc::Program p = compile(R"(#version 430
layout(local_size_x = 1) in;
layout(std140, binding = 1) uniform A { float a; };
layout(std140, binding = 1) uniform B { float b; };
layout(std430, binding = 0) buffer Out { float o[]; };
void main() { o[0] = a + b; }
)", "shared_uniform_binding.comp");
  glc::Buffer<float> out = poisoned_buffer<float>(1);
  glc::Buffer<float> x = context().buffer(std::vector<float>{1, 0, 0, 0}), y = context().buffer(std::vector<float>{2, 0, 0, 0});
  p.bind("Out", out).bind("A", x).bind("B", y);
  EXPECT_TRUE(contains(error_from([&] { p.dispatch(1); }),
                       {"uniform blocks 'A' and 'B' share binding 1", "different buffers", "layout(binding = N)"}));
  p.bind(1u, x).dispatch(1);
  EXPECT_EQ(out.read()[0], 2.0f);
}

// Members of struct uniforms, elements of arrays of structs, and arrays: set by the names GL
// uses, all listed at their declared size on both paths, though the shader reads only some.
const char* const kStructs = R"(#version 430
layout(local_size_x = 1) in;
struct P { mat4 M; float k; int n; };
struct Light { vec3 pos; float power; };
uniform P params;
uniform Light lights[4];
uniform float arr[4];
layout(std430, binding = 0) writeonly buffer Out { float o[]; };
void main() {
  o[0] = params.M[1][2];
  o[1] = params.k;
  o[2] = float(params.n);
  o[3] = lights[2].pos.y;
  o[4] = lights[1].power;
  o[5] = arr[0] + arr[2];
}
)";

TEST(DefaultBlockStructs, MembersAndElementsAreListedAsDeclared) {
  glc::Program p = compile(kStructs, "structs.comp");
  const struct {
    const char* name;
    const char* type;
    int size;
  } expected[] = {{"params.M", "mat4", 1},       {"params.k", "float", 1},       {"params.n", "int", 1},
                  {"lights[0].pos", "vec3", 1},  {"lights[0].power", "float", 1}, {"lights[3].pos", "vec3", 1},
                  {"lights[3].power", "float", 1}, {"arr", "float", 4}};
  for (const auto& e : expected) {
    const glc::UniformInfo* u = find_uniform(p, e.name);
    ASSERT_NE(u, nullptr) << e.name << " is not listed";
    EXPECT_EQ(u->type_name, e.type) << e.name;
    EXPECT_EQ(u->array_size, e.size) << e.name;
  }
  EXPECT_EQ(p.uniforms().size(), 3u + 8u + 1u);
  for (const glc::UniformInfo& u : p.uniforms()) EXPECT_FALSE(u.name.empty());
}

TEST(DefaultBlockStructs, MembersAreSetByName) {
  glc::Program p = compile(kStructs, "structs.comp");
  glm::mat4 m(0.0f);
  m[1][2] = 6.5f;
  const std::vector<float> arr = {1.5f, 100.0f, 2.25f, 1000.0f};
  p.set("params.M", m).set("params.k", -3.0f).set("params.n", std::int32_t{42});
  for (int i = 0; i < 4; ++i) {
    const std::string light = "lights[" + std::to_string(i) + "]";
    p.set(light + ".pos", glm::vec3(float(i), 10.0f + float(i), 0.0f)).set(light + ".power", 0.5f * float(i));
  }
  p.set("arr", std::span<const float>(arr));  // all 4 declared elements, though 2 are read
  glc::Buffer<float> out = poisoned_buffer<float>(6);
  p.bind("Out", out).dispatch(1);
  EXPECT_EQ(out.read(), (std::vector<float>{6.5f, -3.0f, 42.0f, 12.0f, 0.5f, 3.75f}));
  EXPECT_TRUE(mentions(error_from([&] { p.set("params.k", std::int32_t{1}); }), {"params.k", "float", "int32_t"}));
  EXPECT_TRUE(contains(error_from([&] { p.set("params.x", 1.0f); }), {"no active uniform named 'params.x'", "params.M"}));
  const std::vector<float> five(5, 1.0f);
  EXPECT_TRUE(contains(error_from([&] { p.set("arr", std::span<const float>(five)); }), {"'arr'", "4 element(s)", "5 value(s)"}));
}

// "arr[2]" addresses one element, as glGetUniformLocation does; elements the shader never
// reads (past arr[2] here) take values without effect.
TEST(DefaultBlockStructs, ArrayElementsAreSetByIndex) {
  glc::Program p = compile(kStructs, "structs.comp");
  const std::vector<float> arr = {1.0f, 2.0f, 4.0f, 8.0f};
  p.set("arr", std::span<const float>(arr)).set("arr[2]", 40.0f).set("arr[3]", 80.0f);
  glc::Buffer<float> out = poisoned_buffer<float>(6);
  p.bind("Out", out).dispatch(1);
  EXPECT_EQ(out.read()[5], 41.0f);
  const std::vector<float> tail = {0.5f, 0.25f, 0.125f};
  p.set("arr[1]", std::span<const float>(tail)).dispatch(1);
  EXPECT_EQ(out.read()[5], 1.25f);
  EXPECT_TRUE(contains(error_from([&] { p.set("arr[4]", 1.0f); }), {"'arr' has 4 element(s)", "'arr[4]' is past them"}));
  const std::vector<float> four(4, 1.0f);
  EXPECT_TRUE(contains(error_from([&] { p.set("arr[1]", std::span<const float>(four)); }),
                       {"'arr' has 4 element(s) (3 from element 1)", "4 value(s)"}));
  EXPECT_TRUE(contains(error_from([&] { p.set("arr[1]", std::int32_t{1}); }), {"'arr' is float", "int32_t"}));
  EXPECT_TRUE(contains(error_from([&] { p.set("params[0]", 1.0f); }), "no active uniform named 'params[0]'"));
}

// A uniform block of structs and arrays, against a C++ struct laid out as std140 says.
TEST(SetBlock, StructsAndArraysInsideABlock) {
  glc::Program p = compile(R"(#version 430
layout(local_size_x = 4) in;
struct Light { vec3 pos; float power; };
layout(std140, binding = 3) uniform Scene { mat4 view; Light lights[4]; float weights[4]; uint count; };
layout(std430, binding = 0) writeonly buffer Out { vec4 o[]; };
void main() {
  uint i = gl_LocalInvocationID.x;
  o[i] = view * vec4(lights[i].pos, 1.0) * lights[i].power * weights[i] + vec4(float(count));
}
)", "scene.comp");
  struct Light {
    glm::vec3 pos;
    float power;
  };
  struct alignas(16) Weight {
    float value;
  };
  struct Scene {
    glm::mat4 view;
    Light lights[4];
    Weight weights[4];  // std140: array elements 16 bytes apart
    std::uint32_t count;
  };
  const glc::UniformBlockInfo* block = find_block(p, "Scene");
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(block->members_end, 64u + 64u + 64u + 4u);
  Scene s{};
  s.view = glm::mat4(2.0f);
  s.view[3] = glm::vec4(1, 2, 3, 1);
  for (int i = 0; i < 4; ++i) {
    s.lights[i] = {glm::vec3(float(i), -float(i), 0.5f), 1.0f + float(i)};
    s.weights[i].value = 0.5f * float(i + 1);
  }
  s.count = 7;
  glc::Buffer<glm::vec4> out = context().buffer(std::vector<glm::vec4>(4, glm::vec4(poison<float>())));
  p.bind("Out", out).set_block("Scene", s).dispatch(1);
  const std::vector<glm::vec4> got = out.read();
  for (int i = 0; i < 4; ++i) {
    const glm::vec4 want = s.view * glm::vec4(s.lights[i].pos, 1.0f) * s.lights[i].power * s.weights[i].value + glm::vec4(7.0f);
    EXPECT_EQ(got[i], want) << "invocation " << i;
  }
}

}  // namespace
