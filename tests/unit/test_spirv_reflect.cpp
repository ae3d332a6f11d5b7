// The SPIR-V interface reader (src/spirv_reflect.hpp) on hand-assembled modules: what it reads
// from a well-formed one, and a glc::Error, never a crash or a hang, for malformed ones (every
// truncation, every single-word corruption, forged counts, ids and nesting).

#include <cstdint>
#include <initializer_list>
#include <random>
#include <string>
#include <vector>

#include <optional>

#include <gtest/gtest.h>

#include "glcompute/error.hpp"
#include "shader/preprocess.hpp"
#include "shader/spirv/spirv_compile.hpp"
#include "shader/spirv/spirv_reflect.hpp"

namespace {

using glc::detail::reflect_spirv;
using Words = std::vector<std::uint32_t>;

// SPIR-V numbers used below (specification section 3).
enum : std::uint32_t {
  OpName = 5, OpTypeInt = 21, OpTypeFloat = 22, OpTypeVector = 23, OpTypeArray = 28,
  OpTypeRuntimeArray = 29, OpTypeStruct = 30, OpTypePointer = 32, OpConstant = 43,
  OpSpecConstant = 50, OpVariable = 59, OpDecorate = 71, OpMemberDecorate = 72,
  SpecId = 1, BufferBlock = 3, ArrayStride = 6, Location = 30, Binding = 33, Offset = 35,
  UniformConstant = 0, Uniform = 2,
};

void op(Words& m, std::uint32_t opcode, std::initializer_list<std::uint32_t> operands) {
  m.push_back(static_cast<std::uint32_t>(operands.size() + 1) << 16 | opcode);
  m.insert(m.end(), operands);
}

void name(Words& m, std::uint32_t id, const std::string& text) {
  Words packed((text.size() + 4) / 4, 0);  // nul-terminated, padded to whole words
  for (std::size_t i = 0; i < text.size(); ++i) {
    packed[i / 4] |= std::uint32_t(static_cast<unsigned char>(text[i])) << (8 * (i % 4));
  }
  m.push_back(static_cast<std::uint32_t>(packed.size() + 2) << 16 | OpName);
  m.push_back(id);
  m.insert(m.end(), packed.begin(), packed.end());
}

Words header() { return {0x07230203, 0x00010000, 0, 100, 0}; }

/// What shaderc emits for
///     layout(std430, binding = 3) buffer Out { vec4 head; float data[]; };
///     layout(std430, binding = 1) buffer Fixed { float table[N]; uint tail; };  // N: SpecId 7
///     layout(location = 5) uniform float a;
Words sample_module() {
  Words m = header();
  name(m, 10, "Out");
  name(m, 20, "a");
  name(m, 30, "Fixed");
  op(m, OpDecorate, {11, ArrayStride, 4});
  op(m, OpMemberDecorate, {10, 0, Offset, 0});
  op(m, OpMemberDecorate, {10, 1, Offset, 16});
  op(m, OpDecorate, {10, BufferBlock});
  op(m, OpDecorate, {12, Binding, 3});
  op(m, OpDecorate, {20, Location, 5});
  op(m, OpDecorate, {31, ArrayStride, 4});
  op(m, OpMemberDecorate, {30, 0, Offset, 0});
  op(m, OpMemberDecorate, {30, 1, Offset, 12});
  op(m, OpDecorate, {30, BufferBlock});
  op(m, OpDecorate, {32, Binding, 1});
  op(m, OpDecorate, {41, SpecId, 7});
  op(m, OpTypeFloat, {1, 32});
  op(m, OpTypeVector, {2, 1, 4});
  op(m, OpTypeInt, {3, 32, 0});
  op(m, OpSpecConstant, {3, 41, 3});
  op(m, OpTypeRuntimeArray, {11, 1});
  op(m, OpTypeStruct, {10, 2, 11});
  op(m, OpTypePointer, {13, Uniform, 10});
  op(m, OpVariable, {13, 12, Uniform});
  op(m, OpTypeArray, {31, 1, 41});
  op(m, OpTypeStruct, {30, 31, 3});
  op(m, OpTypePointer, {33, Uniform, 30});
  op(m, OpVariable, {33, 32, Uniform});
  op(m, OpTypePointer, {14, UniformConstant, 1});
  op(m, OpVariable, {14, 20, UniformConstant});
  return m;
}

/// Runs the reader; true if it returned, false if it threw glc::Error. Anything else fails.
bool reads(const Words& m) {
  try {
    reflect_spirv(m);
    return true;
  } catch (const glc::Error&) {
    return false;
  }
}

std::string error_of(const Words& m) {
  try {
    reflect_spirv(m);
  } catch (const glc::Error& e) {
    return e.what();
  }
  return "(no error thrown)";
}

TEST(SpirvReflect, ReadsBlocksAndUniforms) {
  const glc::detail::SpirvInterface r = reflect_spirv(sample_module());
  ASSERT_EQ(r.storage_blocks.size(), 2u);
  EXPECT_EQ(r.storage_blocks[0].name, "Out");
  EXPECT_EQ(r.storage_blocks[0].binding, 3u);
  EXPECT_EQ(r.storage_blocks[0].fixed_bytes, 16u);
  EXPECT_EQ(r.storage_blocks[0].array_stride, 4u);
  EXPECT_EQ(r.storage_blocks[1].name, "Fixed");
  EXPECT_EQ(r.storage_blocks[1].binding, 1u);
  EXPECT_EQ(r.storage_blocks[1].fixed_bytes, 16u);  // float[3] then a uint at 12
  EXPECT_EQ(r.storage_blocks[1].array_stride, 0u);
  ASSERT_EQ(r.uniforms.size(), 1u);
  EXPECT_EQ(r.uniforms[0].name, "a");
  EXPECT_EQ(r.uniforms[0].location, 5);
}

TEST(SpirvReflect, ArraySizedByASpecializationConstantTakesItsValue) {
  // Fixed's table has N = 3 floats by default (16 bytes with the uint); with N = 8 the table
  // ends at 32 bytes. (A real compiler would move the uint too; only the array matters here.)
  const auto r = reflect_spirv(sample_module(), {{7, 8}});
  EXPECT_EQ(r.storage_blocks[1].fixed_bytes, 32u);
}

TEST(SpirvReflect, RefusesModulesThatAreNotSpirv) {
  EXPECT_NE(error_of({}).find("shorter than the 5-word header"), std::string::npos);
  EXPECT_NE(error_of({0x07230203, 1, 0}).find("header"), std::string::npos);
  Words swapped = sample_module();
  swapped[0] = 0x03022307;  // a big-endian module
  EXPECT_NE(error_of(swapped).find("wrong magic number"), std::string::npos);
}

TEST(SpirvReflect, RefusesBrokenInstructions) {
  Words zero = header();
  zero.push_back(0);  // word count 0 would loop forever
  EXPECT_NE(error_of(zero).find("word count of 0"), std::string::npos);
  EXPECT_NE(error_of(zero).find("at word 5"), std::string::npos);

  Words past = header();
  past.push_back(40u << 16 | OpName);
  past.push_back(1);
  EXPECT_NE(error_of(past).find("runs past the end"), std::string::npos);

  Words unterminated = header();
  op(unterminated, OpName, {1, 0x41414141});  // "AAAA" with no nul
  EXPECT_NE(error_of(unterminated).find("no terminating nul"), std::string::npos);

  Words short_decoration = header();
  op(short_decoration, OpDecorate, {1});
  EXPECT_NE(error_of(short_decoration).find("too short"), std::string::npos);
}

TEST(SpirvReflect, RefusesTypesThatDoNotFit) {
  Words undeclared = header();
  op(undeclared, OpVariable, {99, 1, Uniform});  // pointer type 99 never declared
  EXPECT_NE(error_of(undeclared).find("type id 99 is not declared"), std::string::npos);

  Words not_pointer = header();
  op(not_pointer, OpTypeFloat, {1, 32});
  op(not_pointer, OpVariable, {1, 2, Uniform});
  EXPECT_NE(error_of(not_pointer).find("not a pointer"), std::string::npos);

  // A block whose runtime array has no ArrayStride.
  Words no_stride = header();
  op(no_stride, OpDecorate, {10, BufferBlock});
  op(no_stride, OpMemberDecorate, {10, 0, Offset, 0});
  op(no_stride, OpTypeFloat, {1, 32});
  op(no_stride, OpTypeRuntimeArray, {11, 1});
  op(no_stride, OpTypeStruct, {10, 11});
  op(no_stride, OpTypePointer, {13, Uniform, 10});
  op(no_stride, OpVariable, {13, 12, Uniform});
  EXPECT_NE(error_of(no_stride).find("lacks decoration"), std::string::npos);
}

TEST(SpirvReflect, RefusesSelfReferenceAndDeepNesting) {
  // A struct that contains itself: the size computation must stop, not recurse forever.
  Words cycle = header();
  op(cycle, OpDecorate, {10, BufferBlock});
  op(cycle, OpMemberDecorate, {10, 0, Offset, 0});
  op(cycle, OpTypeStruct, {10, 10});
  op(cycle, OpTypePointer, {13, Uniform, 10});
  op(cycle, OpVariable, {13, 12, Uniform});
  EXPECT_NE(error_of(cycle).find("nest deeper"), std::string::npos);

  // Structs of two copies of the previous struct, 40 deep: shallow enough, but 2^40 paths.
  Words doubling = header();
  op(doubling, OpTypeFloat, {1, 32});
  for (std::uint32_t level = 0; level < 40; ++level) {
    const std::uint32_t id = 100 + level, inner = level == 0 ? 1 : id - 1;
    op(doubling, OpMemberDecorate, {id, 0, Offset, 0});
    op(doubling, OpMemberDecorate, {id, 1, Offset, 0});
    op(doubling, OpTypeStruct, {id, inner, inner});
  }
  op(doubling, OpDecorate, {139, BufferBlock});
  op(doubling, OpTypePointer, {13, Uniform, 139});
  op(doubling, OpVariable, {13, 12, Uniform});
  EXPECT_NE(error_of(doubling).find("take too long to size"), std::string::npos);
}

TEST(SpirvReflect, EveryTruncationIsReadOrRefused) {
  const Words full = sample_module();
  for (std::size_t n = 0; n < full.size(); ++n) {
    const Words prefix(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
    reads(prefix);  // returns or throws glc::Error; a crash or another exception fails the test
  }
  EXPECT_TRUE(reads(full));
}

TEST(SpirvReflect, EveryCorruptedWordIsReadOrRefused) {
  const Words full = sample_module();
  std::mt19937 rng(12345);
  int refused = 0;
  for (std::size_t at = 0; at < full.size(); ++at) {
    for (std::uint32_t value : {0u, 1u, 0xFFFFu, 0xFFFF0000u, 0xFFFFFFFFu, std::uint32_t(rng())}) {
      Words corrupted = full;
      corrupted[at] = value;
      if (!reads(corrupted)) ++refused;
    }
  }
  EXPECT_GT(refused, 0);  // the corruptions above include the magic number and word counts
}

// NVIDIA reports `uniform uint step;` of a SPIR-V program as "step.151" (step() is a built-in
// function); Program::set("step") must still find it, while struct members stay themselves.
TEST(SpirvReflect, DriverRenamingsAreRecognised) {
  using glc::detail::is_reported_name_of;
  EXPECT_TRUE(is_reported_name_of("step", "step"));
  EXPECT_TRUE(is_reported_name_of("step.151", "step"));
  EXPECT_TRUE(is_reported_name_of("Words.7", "Words"));
  EXPECT_FALSE(is_reported_name_of("step.x", "step"));     // a member of a struct named step
  EXPECT_FALSE(is_reported_name_of("step.", "step"));
  EXPECT_FALSE(is_reported_name_of("step.1a", "step"));
  EXPECT_FALSE(is_reported_name_of("steps", "step"));
  EXPECT_FALSE(is_reported_name_of("step[0]", "step"));
  EXPECT_FALSE(is_reported_name_of("ste", "step"));
  EXPECT_FALSE(is_reported_name_of("", ""));
  EXPECT_FALSE(is_reported_name_of(".1", ""));
}

// What shaderc makes of GLSL, read back: the default block flattened as GL names it, at the
// locations GL gives (one per leaf, one per element of an array of a basic type), uniform
// blocks, atomic counters, images, constants, and arrays sized by specialization expressions.

Words module_of(const std::string& glsl) {
  const glc::detail::PreprocessedSource pre = glc::detail::preprocess(glc::Source::text(glsl, "unit.comp"), {});
  glc::detail::ShaderLimits limits;
  limits.atomic_counter_bindings = 8;  // GLSL's minimum, and shaderc's default, is 1
  return glc::detail::compile_spirv(pre, limits);
}

const glc::detail::SpirvUniform* uniform(const glc::detail::SpirvInterface& in, const std::string& name) {
  for (const auto& u : in.uniforms) {
    if (u.name == name) return &u;
  }
  return nullptr;
}

TEST(SpirvReflect, FlattensStructUniformsAsGlNamesThem) {
  const auto in = reflect_spirv(module_of(R"(#version 430
layout(local_size_x = 1) in;
struct Inner { float x; vec2 y[2]; };
struct Outer { Inner first; Inner more[2]; mat3 m; };
uniform Outer o;
uniform float grid[2][3];
uniform float unused_value;
layout(std430, binding = 0) buffer Out { float r[]; };
void main() { r[0] = o.first.x + o.more[1].y[1].x + o.m[0][0] + grid[1][2]; }
)"));
  const char* const names[] = {"o.first.x", "o.first.y", "o.more[0].x", "o.more[0].y", "o.more[1].x",
                               "o.more[1].y", "o.m", "grid[0]", "grid[1]", "unused_value"};
  const std::uint32_t sizes[] = {1, 2, 1, 2, 1, 2, 1, 3, 3, 1};
  ASSERT_EQ(in.uniforms.size(), std::size(names));
  const std::int32_t base = in.uniforms[0].location;
  std::int32_t next = base;
  for (std::size_t i = 0; i < std::size(names); ++i) {
    const auto& u = in.uniforms[i];
    EXPECT_EQ(u.name, names[i]);
    EXPECT_EQ(u.array_size, sizes[i]) << u.name;
    if (u.name != "unused_value") {
      EXPECT_EQ(u.location, next) << u.name;  // consecutive, in declaration order
      next += static_cast<std::int32_t>(u.array_size);
    }
  }
  EXPECT_EQ(uniform(in, "o.m")->columns, 3u);
  EXPECT_EQ(uniform(in, "o.first.y")->components, 2u);
  EXPECT_TRUE(uniform(in, "o.first.x")->used);
  EXPECT_FALSE(uniform(in, "unused_value")->used);
}

TEST(SpirvReflect, ArraySizesFollowSpecializationExpressions) {
  const Words m = module_of(R"(#version 430
layout(local_size_x_id = 7, local_size_x = 16) in;
layout(constant_id = 0) const int N = 3;
layout(constant_id = 1) const uint M = 2u;
layout(std430, binding = 1) readonly buffer Table { vec4 head; float values[N * 2 + 1]; };
layout(std140, binding = 2) uniform Weights { vec4 w[M]; };
uniform float more[N + int(M)];
shared float tile[gl_WorkGroupSize.x];
layout(std430, binding = 0) buffer Out { float o[]; };
void main() { tile[0] = values[0] + w[0].x + more[0]; o[0] = tile[0]; }
)");
  const auto plain = reflect_spirv(m);
  EXPECT_EQ(uniform(plain, "more")->array_size, 5u);
  EXPECT_EQ(plain.storage_blocks[0].name, "Table");
  EXPECT_EQ(plain.storage_blocks[0].members_end, 16u + 7u * 4u);
  EXPECT_EQ(plain.storage_blocks[0].fixed_bytes, 48u);
  ASSERT_EQ(plain.uniform_blocks.size(), 1u);
  EXPECT_EQ(plain.uniform_blocks[0].fixed_bytes, 32u);
  const auto specialized = reflect_spirv(m, {{0, 5}, {1, 3}});
  EXPECT_EQ(uniform(specialized, "more")->array_size, 8u);
  EXPECT_EQ(specialized.storage_blocks[0].members_end, 16u + 11u * 4u);
  EXPECT_EQ(specialized.uniform_blocks[0].fixed_bytes, 48u);
  const auto entry = glc::detail::inspect_spirv(m);
  EXPECT_EQ(entry.entry_point, "main");
  EXPECT_EQ(entry.local_size_ids[0], std::optional<std::uint32_t>(7));
  EXPECT_EQ(entry.local_size[0], 16u);
  ASSERT_EQ(entry.constants.size(), 3u);  // N, M and the local size constant
  EXPECT_TRUE(glc::detail::check_spirv_arrays(m, {{7, 64}}).empty());
  const auto empty = glc::detail::check_spirv_arrays(m, {{0, 0xFFFFFFFFu}});  // N = -1
  ASSERT_FALSE(empty.empty());
  EXPECT_NE(empty[0].message.find("'N' (constant_id 0)"), std::string::npos) << empty[0].message;
  EXPECT_EQ(empty[0].spec_ids, std::vector<std::uint32_t>{0});
}

TEST(SpirvReflect, GrowingArraysThatRunIntoTheNextMemberAreFound) {
  const Words m = module_of(R"(#version 430
layout(local_size_x = 1) in;
layout(constant_id = 3) const int K = 2;
layout(std430, binding = 0) buffer Data { float head; float values[K]; float tail; };
void main() { tail = values[K - 1] + head; }
)");
  EXPECT_TRUE(glc::detail::check_spirv_arrays(m, {}).empty());
  EXPECT_TRUE(glc::detail::check_spirv_arrays(m, {{3, 1}}).empty());  // shrinking leaves a gap, no overlap
  const auto grown = glc::detail::check_spirv_arrays(m, {{3, 4}});
  ASSERT_EQ(grown.size(), 1u);
  EXPECT_NE(grown[0].message.find("block 'Data': member 'values' (4 elements from byte 4"), std::string::npos)
      << grown[0].message;
  EXPECT_NE(grown[0].message.find("runs into member 'tail' at byte 12"), std::string::npos) << grown[0].message;
}

TEST(SpirvReflect, ReadsUniformBlocksCountersAndImages) {
  const auto in = reflect_spirv(module_of(R"(#version 430
layout(local_size_x = 1) in;
layout(std140, binding = 4) uniform Params { vec3 dir; float k; mat2 m; } params;
layout(binding = 1, offset = 8) uniform atomic_uint hits[3];
layout(rgba16f, binding = 2) uniform readonly image2D src;
layout(r32ui) uniform writeonly uimage3D dst;
void main() {
  atomicCounterIncrement(hits[1]);
  imageStore(dst, ivec3(0), uvec4(imageLoad(src, ivec2(0)) * params.k));
}
)"));
  ASSERT_EQ(in.uniform_blocks.size(), 1u);
  EXPECT_EQ(in.uniform_blocks[0].name, "Params");
  EXPECT_EQ(in.uniform_blocks[0].binding, 4u);
  EXPECT_EQ(in.uniform_blocks[0].members_end, 16u + 16u + 8u);  // mat2 columns 16 bytes apart
  EXPECT_EQ(in.uniform_blocks[0].fixed_bytes, 48u);
  ASSERT_EQ(in.atomic_counters.size(), 1u);
  EXPECT_EQ(in.atomic_counters[0].name, "hits");
  EXPECT_EQ(in.atomic_counters[0].binding, 1u);
  EXPECT_EQ(in.atomic_counters[0].offset, 8u);
  EXPECT_EQ(in.atomic_counters[0].array_size, 3u);
  const auto* src = uniform(in, "src");
  const auto* dst = uniform(in, "dst");
  ASSERT_TRUE(src && dst);
  EXPECT_TRUE(src->image);
  EXPECT_EQ(src->format, "rgba16f");
  EXPECT_TRUE(src->readonly);
  EXPECT_EQ(src->binding, std::optional<std::uint32_t>(2));
  EXPECT_EQ(dst->format, "r32ui");
  EXPECT_TRUE(dst->writeonly);
}

// An array of structs long enough to make millions of uniforms is refused, not expanded.
TEST(SpirvReflect, RefusesUniformArraysTooLargeToList) {
  Words m = header();
  op(m, OpDecorate, {20, Location, 0});
  op(m, OpTypeFloat, {1, 32});
  op(m, OpTypeInt, {3, 32, 0});
  op(m, OpConstant, {3, 4, 4000000});
  op(m, OpTypeStruct, {5, 1, 1});
  op(m, OpTypeArray, {6, 5, 4});
  op(m, OpTypePointer, {7, UniformConstant, 6});
  op(m, OpVariable, {7, 20, UniformConstant});
  EXPECT_NE(error_of(m).find("more than"), std::string::npos) << error_of(m);
  // An empty struct repeated as often: no leaves, and still no endless loop.
  Words empty = header();
  op(empty, OpDecorate, {20, Location, 0});
  op(empty, OpTypeInt, {3, 32, 0});
  op(empty, OpConstant, {3, 4, 0xFFFFFFFFu});
  op(empty, OpTypeStruct, {5});
  op(empty, OpTypeArray, {6, 5, 4});
  op(empty, OpTypePointer, {7, UniformConstant, 6});
  op(empty, OpVariable, {7, 20, UniformConstant});
  EXPECT_FALSE(reads(empty));
}

}  // namespace
