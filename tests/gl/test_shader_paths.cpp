// The two compile paths (GLSL source, SPIR-V through ARB_gl_spirv) and specialization
// constants: both paths reflect the same interface and compute the same bits, for test shaders
// and for every shipped kernel; constants and local_size_x_id change what a program does and
// the work group size that reflection and dispatch_for see; bad options are refused by name.

#include <bit>
#include <cmath>
#include <cstring>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <glm/glm.hpp>

#include "gl_test_context.hpp"

namespace {

using glc::ShaderPath;
using glc::testing::context;
using glc::testing::error_of;
using glc::testing::poisoned_buffer;
using glc::testing::ScopedEnv;

const ShaderPath kPaths[] = {ShaderPath::glsl, ShaderPath::spirv};

const char* path_name(ShaderPath p) { return p == ShaderPath::glsl ? "glsl" : "spirv"; }

#define SKIP_WITHOUT_SPIRV()                                                              \
  if (!context().info().features.gl_spirv)                                                \
  GTEST_SKIP() << "the driver (" << context().info().renderer << ") lacks ARB_gl_spirv, " \
               << "so only the GLSL path exists"

glc::Program compile(const std::string& glsl, ShaderPath path, glc::CompileOptions options = {},
                     const std::string& name = "paths.comp") {
  options.path = path;
  return context().compile(glc::Source::text(glsl, name), options);
}

// Blocks with and without trailing arrays, structs, two views of one buffer, uniforms of several
// types. (Two blocks may not share a binding on the SPIR-V path: Mesa's linker identifies blocks
// by binding there.)
const char* const kInterfaceShader = R"(#version 430
layout(local_size_x = 64) in;
struct Pair { vec2 p; float w; };
layout(std430, binding = 0) readonly buffer Pairs { vec4 head; Pair pairs[]; };
layout(std430, binding = 1) buffer Out { float out_values[]; };
layout(std430, binding = 2) readonly buffer Table { float table[5]; uint count; };
layout(std430, binding = 3) readonly buffer Words4 { uvec4 words4[]; };
layout(std430, binding = 4) readonly buffer Words { uint words[]; };
uniform float scale;
uniform ivec2 shift;
uniform mat2 m;
uniform uint n;
uniform float weights[3];
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i >= n) return;
  Pair q = pairs[i];
  vec2 r = m * q.p;
  out_values[i] = head.x + scale * (r.x + r.y) * q.w + float(shift.x - shift.y) + table[i % 5u] +
                  float(count) + weights[i % 3u] + float(words4[0].y + words[1]);
}
)";

TEST(ShaderPaths, BothPathsReflectTheSameInterface) {
  SKIP_WITHOUT_SPIRV();
  glc::Program glsl = compile(kInterfaceShader, ShaderPath::glsl);
  glc::Program spirv = compile(kInterfaceShader, ShaderPath::spirv);
  EXPECT_EQ(glsl.local_size(), spirv.local_size());
  ASSERT_EQ(glsl.storage_blocks().size(), spirv.storage_blocks().size());
  for (const glc::StorageBlockInfo& a : glsl.storage_blocks()) {
    bool found = false;
    for (const glc::StorageBlockInfo& b : spirv.storage_blocks()) {
      if (b.name != a.name) continue;
      found = true;
      EXPECT_EQ(b.binding, a.binding) << a.name;
      EXPECT_EQ(b.fixed_bytes, a.fixed_bytes) << a.name;
      EXPECT_EQ(b.array_stride, a.array_stride) << a.name;
    }
    EXPECT_TRUE(found) << "block " << a.name << " has no name on the SPIR-V path";
  }
  ASSERT_EQ(glsl.uniforms().size(), spirv.uniforms().size());
  for (const glc::UniformInfo& a : glsl.uniforms()) {
    bool found = false;
    for (const glc::UniformInfo& b : spirv.uniforms()) {
      if (b.name != a.name) continue;
      found = true;
      EXPECT_EQ(b.gl_type, a.gl_type) << a.name;
      EXPECT_EQ(b.array_size, a.array_size) << a.name;
    }
    EXPECT_TRUE(found) << "uniform " << a.name << " has no name on the SPIR-V path";
  }
}

TEST(ShaderPaths, BothPathsComputeTheSameBits) {
  SKIP_WITHOUT_SPIRV();
  constexpr std::uint32_t n = 1000;
  std::vector<float> pairs(4 + 4 * n);
  for (std::size_t i = 0; i < pairs.size(); ++i) pairs[i] = std::sin(float(i)) * 3.0f;
  std::vector<float> table = {1, 2, 3, 4, 5};
  const std::vector<float> weights = {0.5f, -1.25f, 2.0f};
  std::vector<std::vector<float>> results;
  for (ShaderPath path : kPaths) {
    glc::Program p = compile(kInterfaceShader, path);
    glc::Buffer<float> in = context().buffer(pairs);
    glc::Buffer<float> out = poisoned_buffer<float>(n);
    std::vector<std::uint32_t> table_words(8);  // the driver may pad the block to 32 bytes
    for (int i = 0; i < 5; ++i) table_words[i] = std::bit_cast<std::uint32_t>(table[i]);
    table_words[5] = 7;
    glc::Buffer<std::uint32_t> table_buffer = context().buffer(table_words);
    glc::Buffer<std::uint32_t> words = context().buffer(std::vector<std::uint32_t>{9, 11, 13, 15});
    p.bind("Pairs", in).bind("Out", out).bind("Table", table_buffer).bind("Words4", words).bind("Words", words);
    p.set("scale", 1.5f).set("shift", glm::ivec2(7, 2)).set("m", glm::mat2(1, 2, 3, 4)).set("n", n);
    p.set("weights", std::span<const float>(weights));
    p.dispatch_for(n);
    results.push_back(out.read());
  }
  ASSERT_EQ(results[0].size(), results[1].size());
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(std::bit_cast<std::uint32_t>(results[0][i]), std::bit_cast<std::uint32_t>(results[1][i]))
        << "element " << i << ": glsl " << results[0][i] << ", spirv " << results[1][i];
  }
  EXPECT_NE(results[0][0], glc::testing::poison<float>());
}

// Every kind of constant, used so that each one changes the output. The float sum is exact for
// the values the tests use (so a driver may fold or reorder it), and the int constant is stored
// on its own, as bits: float(shift) for shift = INT_MIN would round the sum differently per order.
const char* const kConstantsShader = R"(#version 430
layout(local_size_x = 32) in;
layout(constant_id = 0) const uint factor = 2u;
layout(constant_id = 1) const float offset = 0.5;
layout(constant_id = 2) const bool negate = false;
layout(constant_id = 3)
  const int shift =
    -3;
layout(constant_id = 9) const uint table_size = 4u;
layout(std430, binding = 0) buffer Out { uint values[]; };
shared float table[table_size];
void main() {
  uint i = gl_LocalInvocationID.x;
  if (i < table_size) table[i] = float(i);
  barrier();
  float v = float(i * factor) + offset + table[i % table_size];
  values[gl_GlobalInvocationID.x] = floatBitsToUint(negate ? -v : v);
  if (i == 0u) values[32] = uint(shift);
}
)";

std::vector<std::uint32_t> run_constants(ShaderPath path, const glc::CompileOptions& options) {
  glc::Program p = compile(kConstantsShader, path, options);
  glc::Buffer<std::uint32_t> out = poisoned_buffer<std::uint32_t>(33);
  p.bind("Out", out).dispatch(1);
  return out.read();
}

std::vector<std::uint32_t> expected_constants(std::uint32_t factor, float offset, bool negate, int shift,
                                              std::uint32_t table_size) {
  std::vector<std::uint32_t> v(33);
  for (std::uint32_t i = 0; i < 32; ++i) {
    const float x = float(i * factor) + offset + float(i % table_size);
    v[i] = std::bit_cast<std::uint32_t>(negate ? -x : x);
  }
  v[32] = static_cast<std::uint32_t>(shift);
  return v;
}

TEST(ShaderPaths, ConstantsKeepTheirDefaultsUnlessSet) {
  for (ShaderPath path : kPaths) {
    if (path == ShaderPath::spirv && !context().info().features.gl_spirv) continue;
    SCOPED_TRACE(path_name(path));
    EXPECT_EQ(run_constants(path, {}), expected_constants(2, 0.5f, false, -3, 4));
  }
}

TEST(ShaderPaths, ConstantsSetByIdAndByNameChangeTheResult) {
  for (ShaderPath path : kPaths) {
    if (path == ShaderPath::spirv && !context().info().features.gl_spirv) continue;
    SCOPED_TRACE(path_name(path));
    glc::CompileOptions by_id;
    by_id.specialize(0, 5u).specialize(1, 0.375f).specialize(2, true).specialize(3, -2147483647 - 1);
    by_id.specialize(9, 16u);
    EXPECT_EQ(run_constants(path, by_id),
              expected_constants(5, 0.375f, true, std::numeric_limits<std::int32_t>::min(), 16));
    glc::CompileOptions by_name;
    by_name.specialize("factor", 3u).specialize("offset", -1e-7f).specialize("shift", 40);
    EXPECT_EQ(run_constants(path, by_name), expected_constants(3, -1e-7f, false, 40, 4));
  }
}

const char* const kLocalSizeShader = R"(#version 430
layout(local_size_x_id = 4, local_size_x = 32) in;
layout(std430, binding = 0) buffer Out { uvec4 seen[]; };
uniform uint n;
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i < n) seen[i] = uvec4(gl_WorkGroupSize.x, gl_NumWorkGroups.x, gl_LocalInvocationID.x, i);
}
)";

TEST(ShaderPaths, LocalSizeIdSetsTheWorkGroupSize) {
  for (ShaderPath path : kPaths) {
    if (path == ShaderPath::spirv && !context().info().features.gl_spirv) continue;
    SCOPED_TRACE(path_name(path));
    EXPECT_EQ(compile(kLocalSizeShader, path).local_size(), (std::array<std::uint32_t, 3>{32, 1, 1}));
    for (std::uint32_t size : {1u, 64u, 96u, 1024u}) {
      glc::CompileOptions options;
      options.local_size = {size, 0, 0};
      glc::Program p = compile(kLocalSizeShader, path, options);
      EXPECT_EQ(p.local_size(), (std::array<std::uint32_t, 3>{size, 1, 1}));
      constexpr std::uint32_t n = 1000;
      glc::Buffer<glm::uvec4> out = context().buffer(std::vector<glm::uvec4>(n, glm::uvec4(0xDEADBEEFu)));
      p.bind("Out", out).set("n", n).dispatch_for(n);
      const std::vector<glm::uvec4> seen = out.read();
      for (std::uint32_t i = 0; i < n; ++i) {
        ASSERT_EQ(seen[i], glm::uvec4(size, (n + size - 1) / size, i % size, i)) << "size " << size << ", element " << i;
      }
    }
  }
}

/// The message of the error that compiling `glsl` with `options` throws on every path.
std::string shader_error(const std::string& glsl, const glc::CompileOptions& options) {
  std::string message;
  for (ShaderPath path : kPaths) {
    if (path == ShaderPath::spirv && !context().info().features.gl_spirv) continue;
    const std::string m = error_of([&] { compile(glsl, path, options); });
    if (!message.empty()) EXPECT_EQ(m, message) << "the paths disagree";
    message = m;
  }
  return message;
}

TEST(ShaderPaths, BadConstantsAreRefusedByName) {
  glc::CompileOptions unknown_id;
  unknown_id.specialize(7, 1u);
  EXPECT_NE(shader_error(kConstantsShader, unknown_id).find("constant_id 7, which the shader does not declare "
                                                            "(declared: factor (id 0, uint), offset (id 1, float)"),
            std::string::npos);
  glc::CompileOptions unknown_name;
  unknown_name.specialize("scale", 1.0f);
  EXPECT_NE(shader_error(kConstantsShader, unknown_name).find("named 'scale', which the shader does not declare"),
            std::string::npos);
  glc::CompileOptions wrong_type;
  wrong_type.specialize("factor", 2.0f);
  EXPECT_NE(shader_error(kConstantsShader, wrong_type)
                .find("'factor' (constant_id 0) is declared uint but CompileOptions gives a float "
                      "(std::uint32_t is needed)"),
            std::string::npos);
  glc::CompileOptions signedness;
  signedness.specialize(0, 2);
  EXPECT_NE(shader_error(kConstantsShader, signedness).find("declared uint but CompileOptions gives an int"),
            std::string::npos);
  glc::CompileOptions nan;
  nan.specialize("offset", std::numeric_limits<float>::quiet_NaN());
  EXPECT_NE(shader_error(kConstantsShader, nan).find("'offset' (constant_id 1) is given NaN"), std::string::npos);
  glc::CompileOptions twice;
  twice.specialize(0, 1u).specialize("factor", 2u);
  EXPECT_NE(shader_error(kConstantsShader, twice).find("'factor' (constant_id 0) is set twice"), std::string::npos);
  glc::CompileOptions nameless;
  nameless.constants.push_back({std::nullopt, "", 1u});
  EXPECT_NE(shader_error(kConstantsShader, nameless).find("neither an id nor a name"), std::string::npos);
  glc::CompileOptions none;
  none.specialize(0, 1u);
  EXPECT_NE(shader_error(kLocalSizeShader, glc::CompileOptions{}).find("no error"), std::string::npos);
  EXPECT_NE(shader_error("#version 430\nlayout(local_size_x = 1) in;\nvoid main() {}\n", none)
                .find("(the shader declares none)"),
            std::string::npos);
}

TEST(ShaderPaths, BadWorkGroupSizesAreRefused) {
  glc::CompileOptions fixed;
  fixed.local_size = {128, 0, 0};
  EXPECT_NE(shader_error(kConstantsShader, fixed)
                .find("CompileOptions::local_size sets x = 128, but the shader fixes that size; declare "
                      "'layout(local_size_x_id = N) in;'"),
            std::string::npos);
  glc::CompileOptions y;
  y.local_size = {0, 2, 0};
  EXPECT_NE(shader_error(kLocalSizeShader, y).find("sets y = 2"), std::string::npos);
  const std::uint32_t max_x = context().info().limits.max_work_group_size[0];
  glc::CompileOptions too_big;
  too_big.local_size = {max_x + 1, 0, 0};
  EXPECT_NE(shader_error(kLocalSizeShader, too_big)
                .find("local_size_x = " + std::to_string(max_x + 1) + " is above this driver's limit of " +
                      std::to_string(max_x)),
            std::string::npos);
  glc::CompileOptions zero;
  zero.specialize(4, 0u);  // the local size constant set through its id
  EXPECT_NE(shader_error(kLocalSizeShader, zero).find("local_size_x is 0"), std::string::npos);
  glc::CompileOptions both;
  both.local_size = {64, 0, 0};
  both.specialize(4, 64u);
  EXPECT_NE(shader_error(kLocalSizeShader, both).find("is set twice"), std::string::npos);
}

TEST(ShaderPaths, UnreadableDeclarationsAreLocated) {
  const std::string glsl = "#version 430\nlayout(local_size_x = 1) in;\n\n"
                           "const layout(constant_id = 1) float x = 1.0;\nvoid main() {}\n";
  for (ShaderPath path : kPaths) {
    if (path == ShaderPath::spirv && !context().info().features.gl_spirv) continue;
    try {
      compile(glsl, path, {}, "odd.comp");
      ADD_FAILURE() << "no error on " << path_name(path);
    } catch (const glc::ShaderError& e) {
      ASSERT_EQ(e.diagnostics().size(), 1u);
      EXPECT_EQ(e.diagnostics()[0].file, "odd.comp");
      EXPECT_EQ(e.diagnostics()[0].line, 4);
      EXPECT_NE(e.diagnostics()[0].message.find("layout(constant_id = N) const TYPE NAME = VALUE;"),
                std::string::npos);
    }
  }
}

// local_size_x = M needs to be a literal only beside local_size_x_id (it is then the default);
// GLSL 4.40 allows any constant expression, which used to be refused as if an id were used.
TEST(ShaderPaths, LocalSizeMayBeAnExpressionWhereNoIdIsUsed) {
  const std::string glsl = "#version 440\nconst uint WG = 16u;\nlayout(local_size_x = WG * 2u) in;\n"
                           "layout(std430, binding = 0) buffer Out { uint seen[]; };\n"
                           "void main() { seen[gl_GlobalInvocationID.x] = gl_WorkGroupSize.x; }\n";
  for (ShaderPath path : kPaths) {
    if (path == ShaderPath::spirv && !context().info().features.gl_spirv) continue;
    SCOPED_TRACE(path_name(path));
    EXPECT_EQ(compile(glsl, path).local_size(), (std::array<std::uint32_t, 3>{32, 1, 1}));
    // Beside an id, the default must still be a literal; another axis's size need not.
    glc::CompileOptions options;
    options.local_size = {8, 0, 0};
    const std::string with_id = "#version 440\nconst uint WG = 2u;\n"
                                "layout(local_size_x_id = 3, local_size_x = 4, local_size_y = WG *\n  2u) in;\n"
                                "void main() {\n  float x = undefined_name;\n}\n";
    const std::string message = error_of([&] { compile(with_id, path, options, "with_id.comp"); });
    EXPECT_NE(message.find("undefined_name"), std::string::npos) << message;
    // The item written across two lines keeps the lines below it where they were.
    EXPECT_NE(message.find("with_id.comp:6"), std::string::npos) << message;
    EXPECT_NE(error_of([&] { compile("#version 440\nconst uint WG = 2u;\n"
                                     "layout(local_size_x_id = 3, local_size_x = WG * 2u) in;\nvoid main() {}\n",
                                     path); })
                  .find("local_size_x must be an integer literal where local_size_x_id is used, not 'WG * 2u'"),
              std::string::npos);
  }
}

// Declarations that run into each other (a missing ')' or ';') overlap, and the GLSL path
// rewrote each on its own, losing text past them; such text and a local_size_*_id that is not
// a layout item's name are refused, located, on both paths.
TEST(ShaderPaths, DeclarationsThatRunIntoEachOtherAreRefused) {
  const struct {
    const char* glsl;
    const char* message;
  } cases[] = {
      {"#version 430\nlayout(local_size_x = 1) in;\nlayout(constant_id = 1) const int a =\n"
       "layout(constant_id = 2) const int b = 3;\nvoid main() {}\n",
       "runs into another layout or specialization constant"},
      {"#version 430\nconst int k = 1;\nlayout(local_size_x_id = 4, local_size_y = 2,\n"
       "layout(local_size_z_id = 5) in;\nvoid main() {}\n",
       "runs into another layout or specialization constant"},
      {"#version 430\nconst int k = 1;\nlayout(local_size_x_id = 4, local_size_x yout(local_size_z_id = 5) in;\n"
       "void main() {}\n",
       "cannot read this layout"},
  };
  for (const auto& c : cases) {
    for (ShaderPath path : kPaths) {
      if (path == ShaderPath::spirv && !context().info().features.gl_spirv) continue;
      SCOPED_TRACE(std::string(path_name(path)) + ": " + c.glsl);
      glc::CompileOptions options;
      options.specialize(1, 5);
      try {
        compile(c.glsl, path, options, "overlap.comp");
        ADD_FAILURE() << "no error";
      } catch (const glc::ShaderError& e) {
        ASSERT_EQ(e.diagnostics().size(), 1u);
        EXPECT_EQ(e.diagnostics()[0].file, "overlap.comp");
        EXPECT_EQ(e.diagnostics()[0].line, 3);
        EXPECT_NE(e.diagnostics()[0].message.find(c.message), std::string::npos) << e.diagnostics()[0].message;
      }
    }
  }
}

TEST(ShaderPaths, SpirvCompileErrorsMapToFileAndLine) {
  SKIP_WITHOUT_SPIRV();
  try {
    glc::CompileOptions options;
    options.path = ShaderPath::spirv;
    context().compile(glc::Source::text("#version 430\nlayout(local_size_x = 1) in;\nvoid main() {\n"
                                        "  float x = undefined_name;\n}\n", "broken.comp"), options);
    ADD_FAILURE() << "no error";
  } catch (const glc::ShaderError& e) {
    ASSERT_FALSE(e.diagnostics().empty());
    EXPECT_EQ(e.diagnostics()[0].file, "broken.comp");
    EXPECT_EQ(e.diagnostics()[0].line, 4);
    EXPECT_NE(e.diagnostics()[0].message.find("undefined_name"), std::string::npos);
  }
}

// shaderc aborts (an assertion) on a message about a source named "": the SPIR-V compile must
// use the stand-in names preprocessing gave it, and map them back.
TEST(ShaderPaths, SpirvCompileErrorsInATextWithAnEmptyName) {
  SKIP_WITHOUT_SPIRV();
  for (const std::string& name : {std::string(), std::string("\0\0", 2)}) {
    try {
      glc::CompileOptions options;
      options.path = ShaderPath::spirv;
      context().compile(glc::Source::text("#version 430\nlayout(local_size_x = 1) in;\nvoid main() {\n"
                                          "  float x = undefined_name;\n}\n", name), options);
      ADD_FAILURE() << "no error";
    } catch (const glc::ShaderError& e) {
      ASSERT_FALSE(e.diagnostics().empty());
      EXPECT_EQ(e.diagnostics()[0].file, name);
      EXPECT_EQ(e.diagnostics()[0].line, 4);
      EXPECT_NE(e.diagnostics()[0].message.find("undefined_name"), std::string::npos);
    }
  }
}

TEST(ShaderPaths, EnvironmentChoosesTheAutomaticPath) {
  const ScopedEnv env("GLCOMPUTE_SHADER_PATH", "vulkan");
  const std::string message = error_of([] { compile(kConstantsShader, ShaderPath::automatic); });
  EXPECT_NE(message.find("GLCOMPUTE_SHADER_PATH is 'vulkan'; it must be 'glsl' or 'spirv'"), std::string::npos)
      << message;
  // An explicit path ignores the variable.
  EXPECT_EQ(error_of([] { compile(kConstantsShader, ShaderPath::glsl); }), "(no error thrown)");
}

// Every shipped kernel, run once with each path chosen through GLCOMPUTE_SHADER_PATH (kernels are
// compiled per context, so each path gets a fresh context): the outputs must match bit for bit.
std::vector<std::vector<std::uint32_t>> run_every_kernel(glc::Context& ctx) {
  std::vector<std::vector<std::uint32_t>> out;
  const auto words = [&](const auto& buffer) {
    std::vector<std::uint32_t> w(buffer.size());
    const auto values = buffer.read();
    std::memcpy(w.data(), values.data(), w.size() * 4);
    out.push_back(std::move(w));
  };
  constexpr std::size_t n = 100'003;  // ragged ends for the vec4 paths
  glc::Random rng(ctx, 0x1234'5678'9ABCull);
  glc::Buffer<std::uint32_t> bits = ctx.buffer<std::uint32_t>(n);
  glc::Buffer<float> xs = ctx.buffer<float>(n);
  rng.bits(bits);
  words(bits);
  rng.uniform(xs, -2.0f, 3.0f);
  words(xs);
  rng.normal(xs, 1.0f, 0.5f);
  words(xs);
  glc::Buffer<float> ragged = ctx.buffer<float>(n);
  rng.uniform(ragged, 1, n - 2, 0.0f, 1.0f);  // a range that starts off a vec4
  words(ragged);
  const auto split = [](double d) {
    const auto b = std::bit_cast<std::uint64_t>(d);
    return std::vector<std::uint32_t>{static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(b >> 32)};
  };
  out.push_back(split(glc::sum(xs)));
  out.push_back(split(glc::mean(xs)));
  out.push_back({std::bit_cast<std::uint32_t>(glc::min(xs)), std::bit_cast<std::uint32_t>(glc::max(xs))});
  glc::Buffer<std::int32_t> ints = ctx.buffer<std::int32_t>(n);
  glc::iota(ints, -5000);
  words(ints);
  const auto isum = glc::sum(ints);
  out.push_back({static_cast<std::uint32_t>(isum), static_cast<std::uint32_t>(std::uint64_t(isum) >> 32),
                 static_cast<std::uint32_t>(glc::min(ints)), static_cast<std::uint32_t>(glc::max(ints))});
  glc::Buffer<std::uint32_t> uints = ctx.buffer<std::uint32_t>(n);
  glc::fill(uints, 77u);
  words(uints);
  out.push_back({static_cast<std::uint32_t>(glc::sum(uints)), glc::min(bits), glc::max(bits)});
  glc::linspace(xs, -1.0f, 1.0f);
  words(xs);
  glc::fill(xs, 2.5f);
  words(xs);
  return out;
}

TEST(ShaderPaths, EveryShippedKernelGivesTheSameBitsOnBothPaths) {
  SKIP_WITHOUT_SPIRV();
  std::vector<std::vector<std::vector<std::uint32_t>>> results;
  for (ShaderPath path : kPaths) {
    const ScopedEnv env("GLCOMPUTE_SHADER_PATH", path_name(path));
    glc::Context ctx;
    results.push_back(run_every_kernel(ctx));
  }
  ASSERT_EQ(results[0].size(), results[1].size());
  for (std::size_t r = 0; r < results[0].size(); ++r) {
    ASSERT_EQ(results[0][r].size(), results[1][r].size()) << "result " << r;
    for (std::size_t i = 0; i < results[0][r].size(); ++i) {
      ASSERT_EQ(results[0][r][i], results[1][r][i]) << "result " << r << ", word " << i;
    }
  }
}

}  // namespace
