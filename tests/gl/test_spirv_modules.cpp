// SPIR-V in and out: Context::compile_to_spirv returns the module the SPIR-V path loads, and
// Source::spirv loads a module from memory or a file (one glslc built at build time, as users
// build theirs) with the same reflection, binding and specialization as GLSL. Bad modules and
// files are refused by name before a driver sees them.

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <filesystem>
#include <fstream>
#include <span>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "gl_test_context.hpp"
#include "temp_dir.hpp"

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
               << "so SPIR-V modules cannot be loaded"

const std::string kModules = GLC_SPIRV_MODULE_DIR;

const char* const kSaxpy = R"(#version 430
layout(local_size_x_id = 0, local_size_x = 64) in;
layout(constant_id = 1) const float bias = 0.0;
layout(std430, binding = 0) readonly buffer X { float x[]; };
layout(std430, binding = 1) buffer Y { float y[]; };
layout(std140, binding = 2) uniform Params { float a; uint n; };
uniform float extra;
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i < n) y[i] += a * x[i] + extra + bias;
}
)";

struct Params {
  float a;
  std::uint32_t n;
};

/// Params as a buffer holds it: std140 pads the block to 16 bytes.
struct PaddedParams {
  float a;
  std::uint32_t n;
  float pad[2];
};

/// Runs a saxpy program over n elements and returns y.
std::vector<float> run_saxpy(glc::Program& p, std::uint32_t n) {
  std::vector<float> xs(n), ys(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    xs[i] = 0.5f * float(i);
    ys[i] = float(i % 7);
  }
  glc::Buffer<float> x = context().buffer(xs), y = context().buffer(ys);
  p.bind("X", x).bind("Y", y).set_block("Params", Params{2.0f, n}).set("extra", 0.25f);
  p.dispatch_for(n);
  return y.read();
}

std::vector<float> expected_saxpy(std::uint32_t n, float bias) {
  std::vector<float> out(n);
  for (std::uint32_t i = 0; i < n; ++i) out[i] = float(i % 7) + (2.0f * (0.5f * float(i)) + 0.25f + bias);
  return out;
}

std::vector<std::uint32_t> read_words(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::uint32_t> words(bytes.size() / 4);
  std::memcpy(words.data(), bytes.data(), words.size() * 4);
  return words;
}

void write_bytes(const std::filesystem::path& path, const void* data, std::size_t bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(bytes));
}

/// Copies of `words` without OpName and OpMemberName: a module stripped of its names.
std::vector<std::uint32_t> strip_names(const std::vector<std::uint32_t>& words) {
  std::vector<std::uint32_t> out(words.begin(), words.begin() + 5);
  for (std::size_t at = 5; at < words.size();) {
    const std::uint32_t count = words[at] >> 16, opcode = words[at] & 0xFFFF;
    if (opcode != 5 && opcode != 6) out.insert(out.end(), words.begin() + at, words.begin() + at + count);
    at += count;
  }
  return out;
}

TEST(CompileToSpirv, ReturnsAModuleThatLoadsAndComputesAsTheSource) {
  SKIP_WITHOUT_SPIRV();
  const std::vector<std::uint32_t> module = context().compile_to_spirv(glc::Source::text(kSaxpy, "saxpy.comp"));
  ASSERT_GT(module.size(), 5u);
  EXPECT_EQ(module[0], 0x07230203u);
  glc::Program from_module = context().compile(glc::Source::spirv(module, "saxpy.spv"));
  glc::CompileOptions glsl;
  glsl.path = ShaderPath::glsl;
  glc::Program from_source = context().compile(glc::Source::text(kSaxpy, "saxpy.comp"), glsl);
  EXPECT_EQ(from_module.local_size(), from_source.local_size());
  ASSERT_EQ(from_module.storage_blocks().size(), 2u);
  ASSERT_EQ(from_module.uniform_blocks().size(), 1u);
  EXPECT_EQ(from_module.uniform_blocks()[0].name, "Params");
  ASSERT_EQ(from_module.uniforms().size(), 1u);
  EXPECT_EQ(from_module.uniforms()[0].name, "extra");
  EXPECT_EQ(run_saxpy(from_module, 1000), run_saxpy(from_source, 1000));
  EXPECT_EQ(run_saxpy(from_module, 1000), expected_saxpy(1000, 0.0f));
}

// The module keeps the constants' defaults; the options given when it is loaded apply.
TEST(CompileToSpirv, SpecializationAppliesWhenTheModuleIsLoaded) {
  SKIP_WITHOUT_SPIRV();
  const std::vector<std::uint32_t> module = context().compile_to_spirv(glc::Source::text(kSaxpy, "saxpy.comp"));
  glc::CompileOptions options;
  options.local_size = {32, 0, 0};
  options.specialize("bias", 1.5f);
  glc::Program p = context().compile(glc::Source::spirv(module), options);
  EXPECT_EQ(p.local_size()[0], 32u);
  EXPECT_EQ(run_saxpy(p, 333), expected_saxpy(333, 1.5f));
  glc::CompileOptions by_id;
  by_id.specialize(1, -2.0f);
  glc::Program q = context().compile(glc::Source::spirv(module), by_id);
  EXPECT_EQ(q.local_size()[0], 64u);
  EXPECT_EQ(run_saxpy(q, 100), expected_saxpy(100, -2.0f));
  glc::CompileOptions wrong;
  wrong.specialize("bias", 2u);
  EXPECT_TRUE(contains(error_from([&] { context().compile(glc::Source::spirv(module, "saxpy.spv"), wrong); }),
                       {"saxpy.spv", "'bias' (constant_id 1) is declared float but CompileOptions gives a uint"}));
}

// compile_to_spirv needs no ARB_gl_spirv, takes GLSL 4.60, and checks what compile() checks.
TEST(CompileToSpirv, ErrorsAreLocatedAndOptionsChecked) {
  try {
    context().compile_to_spirv(glc::Source::text("#version 430\nlayout(local_size_x = 1) in;\nvoid main() {\n  nope();\n}\n", "bad.comp"));
    ADD_FAILURE() << "no error";
  } catch (const glc::ShaderError& e) {
    ASSERT_FALSE(e.diagnostics().empty());
    EXPECT_EQ(e.diagnostics()[0].file, "bad.comp");
    EXPECT_EQ(e.diagnostics()[0].line, 4);
  }
  glc::CompileOptions unknown;
  unknown.specialize("missing", 1u);
  EXPECT_TRUE(contains(error_from([&] { context().compile_to_spirv(glc::Source::text(kSaxpy, "saxpy.comp"), unknown); }),
                       "named 'missing', which the shader does not declare"));
  EXPECT_NO_THROW(context().compile_to_spirv(glc::Source::text(
      "#version 460\nlayout(local_size_x = 1) in;\nlayout(std430, binding = 0) buffer B { float b[]; };\n"
      "void main() { b[0] = 1.0; }\n")));
}

TEST(SourceSpirv, LoadsAModuleGlslcBuiltForOpenGL) {
  SKIP_WITHOUT_SPIRV();
  glc::Program p = context().compile(glc::Source::spirv(kModules + "/saxpy.spv"));
  EXPECT_EQ(p.local_size()[0], 64u);
  EXPECT_EQ(run_saxpy(p, 257), expected_saxpy(257, 0.0f));
  // Bound by binding as well.
  glc::Buffer<float> x = context().buffer(std::vector<float>(64, 1.0f)), y = poisoned_buffer<float>(64);
  y.write(std::vector<float>(64, 0.0f));
  p.bind(0u, x).bind(1u, y).bind(2u, context().buffer(std::vector<PaddedParams>{{3.0f, 64, {}}})).set("extra", 0.0f).dispatch(1);
  EXPECT_EQ(y.read(), std::vector<float>(64, 3.0f));
}

TEST(SourceSpirv, FilesInEitherByteOrderLoad) {
  SKIP_WITHOUT_SPIRV();
  glc::testing::TempDir dir;
  std::vector<std::uint32_t> words = read_words(kModules + "/saxpy.spv");
  for (std::uint32_t& w : words) w = (w >> 24) | ((w >> 8) & 0xFF00) | ((w << 8) & 0xFF0000) | (w << 24);
  write_bytes(dir.path() / "swapped.spv", words.data(), words.size() * 4);
  glc::Program p = context().compile(glc::Source::spirv(dir.path() / "swapped.spv"));
  EXPECT_EQ(run_saxpy(p, 65), expected_saxpy(65, 0.0f));
}

// Without names, blocks bind by binding and uniforms cannot be named.
TEST(SourceSpirv, ModuleWithoutNamesBindsByBinding) {
  SKIP_WITHOUT_SPIRV();
  const std::vector<std::uint32_t> stripped = strip_names(read_words(kModules + "/saxpy.spv"));
  glc::Program p = context().compile(glc::Source::spirv(stripped, "stripped.spv"));
  ASSERT_EQ(p.storage_blocks().size(), 2u);
  EXPECT_TRUE(contains(error_from([&] { p.bind("X", context().buffer<float>(4)); }),
                       {"stripped.spv", "no storage or uniform block named 'X'", "carries no names"}));
  glc::Buffer<float> x = context().buffer(std::vector<float>(64, 2.0f)), y = context().buffer(std::vector<float>(64, 1.0f));
  p.bind(0u, x).bind(1u, y).bind(2u, context().buffer(std::vector<PaddedParams>{{0.5f, 64, {}}})).dispatch(1);
  EXPECT_EQ(y.read(), std::vector<float>(64, 2.0f));  // extra, unset, is 0
}

TEST(SourceSpirv, BadFilesAreRefusedByName) {
  glc::testing::TempDir dir;
  const auto refused = [&](const std::filesystem::path& path, std::initializer_list<std::string_view> parts) {
    SCOPED_TRACE(path.string());
    const std::string message = error_from([&] { context().compile(glc::Source::spirv(path)); });
    EXPECT_TRUE(contains(message, path.string()));
    EXPECT_TRUE(contains(message, parts));
  };
  if (!context().info().features.gl_spirv) {
    refused(kModules + "/saxpy.spv", {"lacks ARB_gl_spirv"});
    return;
  }
  refused(dir.path() / "missing.spv", {"does not exist"});
  refused(dir.path(), {"not a regular file"});
  write_bytes(dir.path() / "empty.spv", "", 0);
  refused(dir.path() / "empty.spv", {"empty"});
  write_bytes(dir.path() / "odd.spv", "abcdefg", 7);
  refused(dir.path() / "odd.spv", {"7 bytes", "not a whole number of 32-bit words"});
  const std::string glsl = kSaxpy;
  write_bytes(dir.path() / "source.spv", glsl.data(), glsl.size() / 4 * 4);
  refused(dir.path() / "source.spv", {"not a SPIR-V module", "Source::file"});
  std::vector<std::uint32_t> words = read_words(kModules + "/saxpy.spv");
  write_bytes(dir.path() / "truncated.spv", words.data(), (words.size() / 2) * 4);
  refused(dir.path() / "truncated.spv", {"invalid SPIR-V"});
  refused(kModules + "/vulkan.spv", {"for Vulkan", "push constant block 'Push'", "--target-env=opengl"});
  refused(kModules + "/fragment.spv", {"no GLCompute entry point", "not a compute shader"});
}

TEST(SourceSpirv, OptionsThatCannotApplyAreRefused) {
  SKIP_WITHOUT_SPIRV();
  const glc::Source module = glc::Source::spirv(kModules + "/saxpy.spv");
  glc::CompileOptions glsl;
  glsl.path = ShaderPath::glsl;
  EXPECT_TRUE(contains(error_from([&] { context().compile(module, glsl); }), {"saxpy.spv", "ShaderPath::spirv only"}));
  glc::CompileOptions defines;
  defines.defines = {{"X", "1"}};
  EXPECT_TRUE(contains(error_from([&] { context().compile(module, defines); }), "defines and include_dirs apply to GLSL"));
  glc::CompileOptions too_big;
  too_big.local_size = {context().info().limits.max_work_group_size[0] + 1, 0, 0};
  EXPECT_TRUE(contains(error_from([&] { context().compile(module, too_big); }), "above this driver's limit"));
  // Under GLCOMPUTE_SHADER_PATH=glsl a module still loads: the variable chooses for GLSL sources.
  glc::testing::ScopedEnv glsl_everywhere("GLCOMPUTE_SHADER_PATH", "glsl");
  EXPECT_NO_THROW(context().compile(module));
}

// Corrupted modules are refused by the validator, never handed to the driver.
TEST(SourceSpirv, CorruptedModulesAreRefused) {
  SKIP_WITHOUT_SPIRV();
  const std::vector<std::uint32_t> words = read_words(kModules + "/saxpy.spv");
  int refused = 0, loaded = 0;
  for (std::size_t at = 5; at < words.size(); at += 3) {
    std::vector<std::uint32_t> bad = words;
    bad[at] ^= 0x00010000u << (at % 3);  // a word count, an id or an operand, one at a time
    try {
      context().compile(glc::Source::spirv(bad, "corrupt.spv"));
      ++loaded;
    } catch (const glc::ShaderError& e) {
      EXPECT_TRUE(contains(e.what(), "corrupt.spv"));
      ++refused;
    }
  }
  EXPECT_GT(refused, 0);
  SUCCEED() << refused << " refused, " << loaded << " still valid modules";
}

}  // namespace
