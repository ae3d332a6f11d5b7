// Every bad input a clear error: a table of misuses of the public API. Each row names the
// misuse, performs it, and states the exact exception type expected (glc::ShaderError or a plain
// glc::Error) and the substrings its message must contain to name the problem (file:line, the
// uniform and both types, the element range, the limit...). Each row runs as its own test:
//
//     ctest -R test_bad_input      or      test_bad_input --gtest_filter='Table/BadInput.*'
//
// GLC_SHOW_MESSAGES=1 prints every message, to review how they read.
//
// Rows that dispatch (or generate, or fill) into a poisoned output buffer also check afterwards
// that the buffer is unchanged: a refused call must not have run anything. Compile-time
// refusals (static_assert) are tested elsewhere (tests/compile_fail). Fixtures live in
// tests/shaders/bad_input/.

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <functional>
#include <iostream>
#include <limits>
#include <optional>
#include <ostream>
#include <span>
#include <stdexcept>
#include <string>
#include <thread>
#include <typeinfo>
#include <utility>
#include <vector>

#include <glm/glm.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gl_test_context.hpp"

namespace {

namespace fs = std::filesystem;
using glc::testing::context;
using glc::testing::poison;
using glc::testing::poisoned_buffer;
using glc::testing::ScopedEnv;

/// A fixture under tests/shaders/bad_input/, as a string (the form diagnostics repeat).
std::string fixture(const std::string& relative) {
  return std::string(GLC_TEST_SHADER_DIR) + "/bad_input/" + relative;
}

// ---------------------------------------------------------------------------------------------
// The kernel most program rows misuse: four storage blocks (two unsized float arrays, a vec4
// array with a 16-byte stride, a fixed 80-byte block) and uniforms of several types. Every
// block and uniform is used, so none is removed by the compiler.

constexpr std::uint32_t kLocalSize = 64;
constexpr std::size_t kOutSize = 64;

const char* const kKernel = R"(#version 430
layout(local_size_x = 64) in;
layout(std430, binding = 0) buffer Out { float out_values[]; };
layout(std430, binding = 1) buffer In { float in_values[]; };
layout(std430, binding = 2) buffer Quads { vec4 quads[]; };
layout(std430, binding = 3) buffer Params { mat4 xform; vec4 bias; };
uniform float scale;
uniform int count;
uniform uint ucount;
uniform vec4 tint;
uniform mat4 m4;
uniform dmat4 dm4;
uniform float weights[3];
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i >= ucount || int(i) >= count) return;
  vec4 t = m4 * tint + vec4(dm4[0]) + quads[i] + xform * bias;
  out_values[i] = in_values[i] * scale + weights[i % 3u] + t.x;
}
)";

glc::Program compile_kernel(glc::Context& ctx = context()) {
  return ctx.compile(glc::Source::text(kKernel, "bad_input_kernel"));
}

/// Per-test state: a poisoned output buffer and live inputs for the kernel's other blocks.
struct Scratch {
  glc::Buffer<float> out = poisoned_buffer<float>(kOutSize);
  glc::Buffer<float> in = context().buffer(std::vector<float>(kOutSize, 1.0f));
  glc::Buffer<glm::vec4> quads = context().buffer(std::vector<glm::vec4>(kOutSize, glm::vec4(1)));
  glc::Buffer<float> params = context().buffer(std::vector<float>(20, 1.0f));  // mat4 + vec4

  /// The kernel with every block bound and every uniform set: dispatch(1) would write all of
  /// `out`. Rows then break exactly one thing.
  glc::Program ready_kernel() {
    glc::Program p = compile_kernel();
    p.bind("Out", out).bind("In", in).bind("Quads", quads).bind("Params", params);
    const float weights[3] = {1, 2, 3};
    p.set("scale", 2.0f)
        .set("count", std::int32_t(kOutSize))
        .set("ucount", std::uint32_t(kOutSize))
        .set("tint", glm::vec4(1))
        .set("m4", glm::mat4(1))
        .set("dm4", glm::dmat4(1))
        .set("weights", std::span<const float>(weights));
    return p;
  }
};

// ---------------------------------------------------------------------------------------------
// The table

enum class Expect { error, shader_error };

struct Row {
  std::string name;
  Expect type;
  /// Substrings the message must contain; computed when the row runs (some name driver limits).
  std::function<std::vector<std::string>()> needles;
  std::function<void(Scratch&)> misuse;
  /// Check afterwards that Scratch::out still holds only poison (nothing ran).
  bool out_untouched = false;
};

void PrintTo(const Row& row, std::ostream* os) { *os << row.name; }

std::function<std::vector<std::string>()> words(std::vector<std::string> w) {
  return [w = std::move(w)] { return w; };
}

const glc::ComputeLimits& limits() { return context().info().limits; }

/// Runs `f` on another thread and rethrows what it threw here.
void on_another_thread(const std::function<void()>& f) {
  std::exception_ptr error;
  std::thread([&] {
    try {
      f();
    } catch (...) {
      error = std::current_exception();
    }
  }).join();
  if (error) std::rethrow_exception(error);
}

void compile_text(const std::string& glsl, const std::string& name,
                  const glc::CompileOptions& options = {}) {
  context().compile(glc::Source::text(glsl, name), options);
}

void compile_file(const std::string& path, const glc::CompileOptions& options = {}) {
  context().compile(glc::Source::file(path), options);
}

std::vector<Row> shader_rows() {
  using E = Expect;
  std::vector<Row> rows;
  rows.push_back({"MissingShaderFile", E::shader_error,
                  words({fixture("no_such_kernel.comp"), "cannot open shader file",
                         "No such file"}),
                  [](Scratch&) { compile_file(fixture("no_such_kernel.comp")); }});
  rows.push_back({"DirectoryGivenAsShaderFile", E::shader_error,
                  words({fixture("sub"), "directory"}),
                  [](Scratch&) { compile_file(fixture("sub")); }});
  rows.push_back({"EmptySource", E::shader_error, words({"empty_source", "empty"}),
                  [](Scratch&) { compile_text("", "empty_source"); }});
  rows.push_back({"WhitespaceOnlySource", E::shader_error, words({"blank_source", "empty"}),
                  [](Scratch&) { compile_text(" \n\t\r\n  \n", "blank_source"); }});
  rows.push_back({"NoVersionDirective", E::shader_error,
                  words({"no_version:1:", "#version"}), [](Scratch&) {
                    compile_text("layout(local_size_x = 1) in;\nvoid main() {}\n", "no_version");
                  }});
  rows.push_back({"SyntaxErrorHasFileAndLine", E::shader_error,
                  words({"cannot compile", fixture("syntax_error.comp") + ":6:"}),
                  [](Scratch&) { compile_file(fixture("syntax_error.comp")); }});
  rows.push_back({"UndeclaredIdentifierHasLineAndName", E::shader_error,
                  words({"semantic:5:", "not_declared_anywhere"}), [](Scratch&) {
                    compile_text(
                        "#version 430\n"
                        "layout(local_size_x = 4) in;\n"
                        "layout(std430, binding = 0) buffer Out { float v[]; };\n"
                        "void main() {\n"
                        "  v[0] = not_declared_anywhere;\n"
                        "}\n",
                        "semantic");
                  }});
  rows.push_back({"TypeMismatchInShaderHasLine", E::shader_error, words({"type_mismatch:5:"}),
                  [](Scratch&) {
                    compile_text(
                        "#version 430\n"
                        "layout(local_size_x = 4) in;\n"
                        "layout(std430, binding = 0) buffer Out { float v[]; };\n"
                        "void main() {\n"
                        "  float x = vec3(1.0, 2.0, 3.0);\n"
                        "  v[0] = x;\n"
                        "}\n",
                        "type_mismatch");
                  }});
  rows.push_back({"LinkErrorNamesUndefinedFunction", E::shader_error,
                  words({"cannot link", "link_error", "never_defined_helper"}), [](Scratch&) {
                    compile_text(
                        "#version 430\n"
                        "layout(local_size_x = 4) in;\n"
                        "layout(std430, binding = 0) buffer Out { int v[]; };\n"
                        "int never_defined_helper(int x);\n"
                        "void main() { v[0] = never_defined_helper(1); }\n",
                        "link_error");
                  }});
  rows.push_back({"VertexShaderIsNotACompute", E::shader_error,
                  words({"vertex_shader:", "gl_Position"}), [](Scratch&) {
                    compile_text(
                        "#version 430\n"
                        "void main() {\n"
                        "  gl_Position = vec4(0.0);\n"
                        "}\n",
                        "vertex_shader");
                  }});
  rows.push_back({"IncludeNotFound", E::shader_error,
                  words({fixture("missing_include.comp") + ":3:", "no_such_include.glsl",
                         "cannot find include file"}),
                  [](Scratch&) { compile_file(fixture("missing_include.comp")); }});
  rows.push_back({"IncludeCycle", E::shader_error, words({"cycle", "cycle_"}),
                  [](Scratch&) { compile_file(fixture("cycle_main.comp")); }});
  rows.push_back({"IncludeEscapingItsRootWithDotDot", E::shader_error,
                  words({"../outside.glsl", "outside the include roots", "include_dirs"}),
                  [](Scratch&) { compile_file(fixture("sub/escape.comp")); }});
  rows.push_back({"AbsoluteIncludeOutsideRoots", E::shader_error,
                  words({"abs_include:3:", fixture("outside.glsl"), "outside the include roots"}),
                  [](Scratch&) {
                    compile_text("#version 430\n"
                                 "layout(local_size_x = 4) in;\n"
                                 "#include \"" + fixture("outside.glsl") + "\"\n"
                                 "layout(std430, binding = 0) buffer Out { float v[]; };\n"
                                 "void main() { v[0] = outside_value(); }\n",
                                 "abs_include");
                  }});
  rows.push_back({"HashErrorDirective", E::shader_error,
                  words({fixture("hash_error.comp") + ":4:",
                         "BAD_INPUT_CONFIGURED must be defined"}),
                  [](Scratch&) { compile_file(fixture("hash_error.comp")); }});
  rows.push_back({"EmptyShaderPath", E::shader_error, words({"cannot open shader file"}),
                  [](Scratch&) { compile_file(""); }});
  rows.push_back({"DefineWithAnInvalidName", E::shader_error, words({"1BAD"}), [](Scratch&) {
                    compile_file(fixture("hash_error.comp"),
                                 {.defines = {{"BAD_INPUT_CONFIGURED", ""}, {"1BAD", "2"}}});
                  }});
  rows.push_back({"LocalSizeAboveTheLimit", E::shader_error, words({"huge_local_size"}),
                  [](Scratch&) {
                    compile_text("#version 430\n"
                                 "layout(local_size_x = 100000) in;\n"
                                 "layout(std430, binding = 0) buffer Out { float v[]; };\n"
                                 "void main() { v[gl_GlobalInvocationID.x] = 1.0; }\n",
                                 "huge_local_size");
                  }});
  rows.push_back({"CompileOnMovedFromContext", E::error, words({"glc::Context", "empty handle"}),
                  [](Scratch&) {
                    glc::Context a;
                    glc::Context b(std::move(a));
                    a.compile(glc::Source::text(kKernel, "moved"));
                  }});
  return rows;
}

std::vector<Row> program_rows() {
  using E = Expect;
  std::vector<Row> rows;
  // -- bind
  rows.push_back({"BindUnknownBlockName", E::error,
                  words({"no storage or uniform block named 'Outs'", "Out", "In", "Quads", "Params"}),
                  [](Scratch& s) { compile_kernel().bind("Outs", s.out); }});
  rows.push_back({"BindUnknownBindingIndex", E::error,
                  words({"no storage or uniform block has binding 7", "Out = 0", "Params = 3"}),
                  [](Scratch& s) { compile_kernel().bind(7u, s.out); }});
  rows.push_back({"BindSizeNotAMultipleOfTheStride", E::error,
                  words({"block 'Quads'", "24 bytes", "16-byte elements"}), [](Scratch&) {
                    glc::Buffer<float> six = context().buffer<float>(6);  // 24 bytes
                    compile_kernel().bind("Quads", six);
                  }});
  rows.push_back({"BindBufferSmallerThanAFixedBlock", E::error,
                  words({"block 'Params'", "16 bytes", "(80 bytes)"}), [](Scratch&) {
                    glc::Buffer<float> four = context().buffer<float>(4);
                    compile_kernel().bind("Params", four);
                  }});
  rows.push_back({"BindUnalignedRangeOffset", E::error,
                  [] {
                    return std::vector<std::string>{
                        "block 'Out'", "byte offset 4",
                        "alignment (" + std::to_string(limits().storage_buffer_offset_alignment) +
                            " bytes)"};
                  },
                  [](Scratch& s) {
                    if (limits().storage_buffer_offset_alignment <= 4) {
                      throw std::logic_error("driver alignment <= 4: this row cannot misalign");
                    }
                    compile_kernel().bind("Out", s.out, 1, 4);
                  }});
  rows.push_back({"BindRangeOutOfTheBuffer", E::error,
                  words({"Program::bind", "[60, 60 + 8)", "64 elements"}),
                  [](Scratch& s) { compile_kernel().bind("Out", s.out, 60, 8); }});
  rows.push_back({"BindEmptyRangeOfANonEmptyBuffer", E::error,
                  words({"block 'Out'", "empty range"}),
                  [](Scratch& s) { compile_kernel().bind("Out", s.out, 0, 0); }});
  rows.push_back({"BindBufferOfAnotherContext", E::error,
                  words({"block 'Out'", "different glc::Context"}), [](Scratch&) {
                    glc::Context other;
                    glc::Buffer<float> foreign = other.buffer<float>(8);
                    compile_kernel().bind("Out", foreign);
                  }});
  rows.push_back({"BindEmptyBufferHandle", E::error, words({"glc::Buffer", "empty handle"}),
                  [](Scratch&) {
                    glc::Buffer<float> empty;
                    compile_kernel().bind("Out", empty);
                  }});
  // -- set
  rows.push_back({"SetUnknownUniform", E::error,
                  words({"no active uniform named 'scal'", "float scale"}),
                  [](Scratch&) { compile_kernel().set("scal", 1.0f); }});
  rows.push_back({"SetFloatUniformWithInt32", E::error,
                  words({"'scale'", "is float", "int32_t"}),
                  [](Scratch&) { compile_kernel().set("scale", std::int32_t(1)); }});
  rows.push_back({"SetIntUniformWithFloat", E::error, words({"'count'", "is int", "float"}),
                  [](Scratch&) { compile_kernel().set("count", 1.0f); }});
  rows.push_back({"SetUintUniformWithInt32", E::error,
                  words({"'ucount'", "is uint", "int32_t"}),
                  [](Scratch&) { compile_kernel().set("ucount", std::int32_t(1)); }});
  rows.push_back({"SetVec4UniformWithVec3", E::error,
                  words({"'tint'", "is vec4", "glm::vec3"}),
                  [](Scratch&) { compile_kernel().set("tint", glm::vec3(1)); }});
  rows.push_back({"SetMat4UniformWithDmat4", E::error,
                  words({"'m4'", "is mat4", "glm::dmat4"}),
                  [](Scratch&) { compile_kernel().set("m4", glm::dmat4(1)); }});
  rows.push_back({"SetDmat4UniformWithMat4", E::error,
                  words({"'dm4'", "is dmat4", "glm::mat4"}),
                  [](Scratch&) { compile_kernel().set("dm4", glm::mat4(1)); }});
  rows.push_back({"SetTooManyArrayValues", E::error,
                  words({"'weights'", "3 element(s)", "4 value(s)"}), [](Scratch&) {
                    const float four[4] = {1, 2, 3, 4};
                    compile_kernel().set("weights", std::span<const float>(four));
                  }});
  rows.push_back({"SetArrayWithNoValues", E::error, words({"'weights'", "0 value(s)"}),
                  [](Scratch&) { compile_kernel().set("weights", std::span<const float>()); }});
  // -- dispatch
  rows.push_back({"DispatchZeroGroupsInX", E::error, words({"0 x 1 x 1", "zero"}),
                  [](Scratch& s) { s.ready_kernel().dispatch(0, 1, 1); }, true});
  rows.push_back({"DispatchZeroGroupsInY", E::error, words({"1 x 0 x 1", "zero"}),
                  [](Scratch& s) { s.ready_kernel().dispatch(1, 0, 1); }, true});
  rows.push_back({"DispatchZeroGroupsInZ", E::error, words({"1 x 1 x 0", "zero"}),
                  [](Scratch& s) { s.ready_kernel().dispatch(1, 1, 0); }, true});
  rows.push_back({"DispatchGroupsOverTheLimitInX", E::error,
                  [] {
                    const auto& m = limits().max_work_group_count;
                    return std::vector<std::string>{
                        std::to_string(std::uint64_t{m[0]} + 1) + " x 1 x 1",
                        "maximum of " + std::to_string(m[0]) + " x " + std::to_string(m[1]) +
                            " x " + std::to_string(m[2])};
                  },
                  [](Scratch& s) {
                    s.ready_kernel().dispatch(limits().max_work_group_count[0] + 1, 1, 1);
                  },
                  true});
  rows.push_back({"DispatchGroupsOverTheLimitInZ", E::error,
                  [] {
                    const auto& m = limits().max_work_group_count;
                    return std::vector<std::string>{
                        "1 x 1 x " + std::to_string(std::uint64_t{m[2]} + 1),
                        "maximum of " + std::to_string(m[0])};
                  },
                  [](Scratch& s) {
                    s.ready_kernel().dispatch(1, 1, limits().max_work_group_count[2] + 1);
                  },
                  true});
  rows.push_back({"DispatchForOverTheLimit", E::error,
                  [] {
                    const std::uint64_t max = limits().max_work_group_count[0];
                    return std::vector<std::string>{
                        "dispatch_for(" + std::to_string((max + 1) * kLocalSize) + ")",
                        "needs " + std::to_string(max + 1) + " work groups of 64",
                        "allows " + std::to_string(max)};
                  },
                  [](Scratch& s) {
                    const std::uint64_t max = limits().max_work_group_count[0];
                    s.ready_kernel().dispatch_for((max + 1) * kLocalSize);
                  },
                  true});
  rows.push_back({"DispatchForTheLargestCount", E::error,
                  words({"dispatch_for(18446744073709551615)", "needs"}),
                  [](Scratch& s) {
                    s.ready_kernel().dispatch_for(std::numeric_limits<std::uint64_t>::max());
                  },
                  true});
  rows.push_back({"DispatchWithABlockUnbound", E::error,
                  words({"storage block 'Quads' (binding 2) has no buffer bound"}),
                  [](Scratch& s) {
                    glc::Program p = compile_kernel();
                    p.bind("Out", s.out).bind("In", s.in).bind("Params", s.params);
                    p.set("count", std::int32_t(kOutSize)).set("ucount", std::uint32_t(kOutSize));
                    p.dispatch(1);
                  },
                  true});
  rows.push_back({"DispatchAfterTheBoundBufferWasDestroyed", E::error,
                  words({"buffer bound to storage block 'In' was destroyed"}), [](Scratch& s) {
                    glc::Program p = s.ready_kernel();
                    {
                      glc::Buffer<float> short_lived = context().buffer<float>(kOutSize);
                      p.bind("In", short_lived);
                    }
                    p.dispatch(1);
                  },
                  true});
  rows.push_back({"DispatchEmptyProgramHandle", E::error,
                  words({"glc::Program", "empty handle"}),
                  [](Scratch&) { glc::Program().dispatch(1); }});
  rows.push_back({"DispatchMovedFromProgram", E::error, words({"glc::Program", "empty handle"}),
                  [](Scratch& s) {
                    glc::Program a = s.ready_kernel();
                    glc::Program b = std::move(a);
                    a.dispatch(1);
                  },
                  true});
  rows.push_back({"DispatchAfterTheContextWasDestroyed", E::error,
                  words({"glc::Context was destroyed"}), [](Scratch&) {
                    glc::Program orphan;
                    glc::Buffer<float> orphan_out;
                    {
                      glc::Context other;
                      orphan = compile_kernel(other);
                      orphan_out = other.buffer<float>(kOutSize);
                    }
                    orphan.dispatch(1);
                  }});
  return rows;
}

std::vector<Row> buffer_rows() {
  using E = Expect;
  std::vector<Row> rows;
  rows.push_back({"ReadOutOfRange", E::error,
                  words({"Buffer::read", "[60, 60 + 8)", "buffer of 64 elements"}),
                  [](Scratch& s) { (void)s.out.read(60, 8); }});
  rows.push_back({"ReadWithAHugeOffsetDoesNotWrap", E::error,
                  words({"Buffer::read", std::to_string(std::numeric_limits<std::size_t>::max()),
                         "buffer of 64 elements"}),
                  [](Scratch& s) {
                    (void)s.out.read(std::numeric_limits<std::size_t>::max(), 2);
                  }});
  rows.push_back({"WriteOutOfRange", E::error,
                  words({"Buffer::write", "[62, 62 + 4)", "buffer of 64 elements"}),
                  [](Scratch& s) { s.out.write(std::vector<float>(4, 1.0f), 62); },
                  true});
  rows.push_back({"ReadIntoOutOfRange", E::error,
                  words({"Buffer::read_into", "[0, 0 + 65)", "buffer of 64 elements"}),
                  [](Scratch& s) {
                    std::vector<float> host(65);
                    s.out.read_into(host);
                  }});
  rows.push_back({"CopyFromSourceRangeOutOfRange", E::error,
                  words({"Buffer::copy_from (source)", "[4, 4 + 8)", "buffer of 8 elements"}),
                  [](Scratch& s) {
                    glc::Buffer<float> src = context().buffer<float>(8);
                    s.out.copy_from(src, 4, 0, 8);
                  },
                  true});
  rows.push_back({"CopyFromDestinationRangeOutOfRange", E::error,
                  words({"Buffer::copy_from (destination)", "[60, 60 + 8)",
                         "buffer of 64 elements"}),
                  [](Scratch& s) {
                    glc::Buffer<float> src = context().buffer<float>(8);
                    s.out.copy_from(src, 0, 60, 8);
                  },
                  true});
  rows.push_back({"CopyFromLargerWholeBuffer", E::error,
                  words({"Buffer::copy_from", "[0, 0 + 65)", "buffer of 64 elements"}), [](Scratch& s) {
                    glc::Buffer<float> src = context().buffer<float>(kOutSize + 1);
                    s.out.copy_from(src);
                  },
                  true});
  rows.push_back({"CopyFromSmallerWholeBuffer", E::error,
                  words({"Buffer::copy_from", "8", "64"}), [](Scratch& s) {
                    // Documented: "Copies all of `src` (which must have the same size)".
                    glc::Buffer<float> src = context().buffer<float>(8);
                    s.out.copy_from(src);
                  },
                  true});
  rows.push_back({"CopyBetweenContexts", E::error,
                  words({"Buffer::copy_from", "different glc::Context"}), [](Scratch& s) {
                    glc::Context other;
                    glc::Buffer<float> foreign = other.buffer<float>(kOutSize);
                    s.out.copy_from(foreign);
                  },
                  true});
  rows.push_back({"MapReadOutOfRange", E::error,
                  words({"Buffer::map_read", "[63, 63 + 2)", "buffer of 64 elements"}),
                  [](Scratch& s) { (void)s.out.map_read(63, 2); }});
  rows.push_back({"MapWriteOutOfRange", E::error,
                  words({"Buffer::map_write", "[65, 65 + 1)", "buffer of 64 elements"}),
                  [](Scratch& s) { (void)s.out.map_write(65, 1); }, true});
  rows.push_back({"ReadAsyncOutOfRange", E::error,
                  words({"Buffer::read_async", "[0, 0 + 100)", "buffer of 64 elements"}),
                  [](Scratch& s) { (void)s.out.read_async(0, 100); }});
  rows.push_back({"BufferWhoseByteSizeOverflows", E::error,
                  words({std::to_string(std::size_t{1} << 62), "elements"}), [](Scratch&) {
                    // 2^62 floats are 2^64 bytes: the byte count wraps to 0 in size_t.
                    (void)context().buffer<float>(std::size_t{1} << 62);
                  }});
  rows.push_back({"ReadEmptyBufferHandle", E::error, words({"glc::Buffer", "empty handle"}),
                  [](Scratch&) { (void)glc::Buffer<float>().read(); }});
  rows.push_back({"WriteMovedFromBuffer", E::error, words({"glc::Buffer", "empty handle"}),
                  [](Scratch&) {
                    glc::Buffer<float> a = context().buffer<float>(4);
                    glc::Buffer<float> b = std::move(a);
                    a.write(std::vector<float>(4, 1.0f));
                  }});
  rows.push_back({"MappedWriteUsedAfterCommit", E::error,
                  words({"glc::MappedWrite", "already committed"}), [](Scratch& s) {
                    glc::MappedWrite<float> view = s.out.map_write(0, 4);
                    for (float& v : view) v = poison<float>();
                    view.commit();
                    view[0] = 1.0f;
                  },
                  true});
  rows.push_back({"PendingReadUsedAfterWait", E::error,
                  words({"glc::PendingRead", "already waited for"}), [](Scratch& s) {
                    glc::PendingRead<float> pending = s.out.read_async();
                    glc::MappedRead<float> view = pending.wait();
                    (void)pending.get();
                  }});
  rows.push_back({"MappedReadMovedFrom", E::error, words({"glc::MappedRead", "empty handle"}),
                  [](Scratch& s) {
                    glc::MappedRead<float> a = s.out.map_read();
                    glc::MappedRead<float> b = std::move(a);
                    (void)a.data();
                  }});
  rows.push_back({"BufferReadAfterTheContextWasDestroyed", E::error,
                  words({"glc::Context was destroyed"}), [](Scratch&) {
                    glc::Buffer<float> orphan;
                    {
                      glc::Context other;
                      orphan = other.buffer<float>(8);
                    }
                    (void)orphan.read();
                  }});
  rows.push_back({"BufferUsedFromAnotherThreadWhileCurrentHere", E::error,
                  words({"current on another thread"}), [](Scratch& s) {
                    (void)s.out.read(0, 1);  // current on this thread now
                    on_another_thread([&] { (void)s.out.read(0, 1); });
                  }});
  return rows;
}

std::vector<Row> context_rows() {
  using E = Expect;
  std::vector<Row> rows;
  rows.push_back({"ContextDeviceOutOfRange", E::error,
                  words({"EGL device 999 was requested", "device(s) exist"}),
                  [](Scratch&) { glc::Context c(glc::ContextOptions{.device = 999}); }});
  rows.push_back({"ContextDeviceNegative", E::error,
                  words({"ContextOptions::device is -1", "start at 0"}),
                  [](Scratch&) { glc::Context c(glc::ContextOptions{.device = -1}); }});
  rows.push_back({"GlcomputeDeviceNotANumber", E::error,
                  words({"GLCOMPUTE_DEVICE='gpu0'", "not a device index"}), [](Scratch&) {
                    ScopedEnv env("GLCOMPUTE_DEVICE", "gpu0");
                    glc::Context c;
                  }});
  rows.push_back({"GlcomputeDeviceNegative", E::error,
                  words({"GLCOMPUTE_DEVICE='-2'", "not a device index"}), [](Scratch&) {
                    ScopedEnv env("GLCOMPUTE_DEVICE", "-2");
                    glc::Context c;
                  }});
  rows.push_back({"GlcomputeDeviceTrailingGarbage", E::error,
                  words({"GLCOMPUTE_DEVICE='0x'", "not a device index"}), [](Scratch&) {
                    ScopedEnv env("GLCOMPUTE_DEVICE", "0x");
                    glc::Context c;
                  }});
  rows.push_back({"MinVersionAboveTheDriver", E::error,
                  words({"9.9", "offers at most"}),
                  [](Scratch&) { glc::Context c(glc::ContextOptions{.min_version = {9, 9}}); }});
  rows.push_back({"MovedFromContextMakesNoBuffer", E::error,
                  words({"glc::Context", "empty handle"}), [](Scratch&) {
                    glc::Context a;
                    glc::Context b(std::move(a));
                    (void)a.buffer<float>(4);
                  }});
  rows.push_back({"ContextTimeCallsNested", E::error, words({"Context::time", "cannot nest"}),
                  [](Scratch&) {
                    context().time([] { context().time([] {}); });
                  }});
  return rows;
}

std::vector<Row> library_rows() {
  using E = Expect;
  std::vector<Row> rows;
  // -- glc::Random
  rows.push_back({"UniformLoEqualToHi", E::error,
                  words({"glc::Random::uniform", "lo (1) must be less than hi (1)"}),
                  [](Scratch& s) { glc::Random(context(), 1).uniform(s.out, 1.0f, 1.0f); },
                  true});
  rows.push_back({"UniformLoAboveHi", E::error,
                  words({"glc::Random::uniform", "lo (2) must be less than hi (-1)"}),
                  [](Scratch& s) { glc::Random(context(), 1).uniform(s.out, 2.0f, -1.0f); },
                  true});
  rows.push_back({"UniformLoNaN", E::error, words({"glc::Random::uniform", "lo is NaN"}),
                  [](Scratch& s) {
                    glc::Random(context(), 1)
                        .uniform(s.out, std::numeric_limits<float>::quiet_NaN(), 1.0f);
                  },
                  true});
  rows.push_back({"UniformHiNaN", E::error, words({"glc::Random::uniform", "hi is NaN"}),
                  [](Scratch& s) {
                    glc::Random(context(), 1)
                        .uniform(s.out, 0.0f, std::numeric_limits<float>::quiet_NaN());
                  },
                  true});
  rows.push_back({"UniformInfiniteHi", E::error,
                  words({"glc::Random::uniform", "must be finite", "inf"}), [](Scratch& s) {
                    glc::Random(context(), 1)
                        .uniform(s.out, 0.0f, std::numeric_limits<float>::infinity());
                  },
                  true});
  rows.push_back({"UniformRangeOverflowsFloat", E::error,
                  words({"glc::Random::uniform", "hi - lo must be finite"}), [](Scratch& s) {
                    const float big = std::numeric_limits<float>::max();
                    glc::Random(context(), 1).uniform(s.out, -big, big);
                  },
                  true});
  rows.push_back({"UniformRangeOutOfTheBuffer", E::error,
                  words({"glc::Random::uniform", "[60, 60 + 8)", "64 elements"}),
                  [](Scratch& s) { glc::Random(context(), 1).uniform(s.out, 60, 8, 0.0f, 1.0f); },
                  true});
  rows.push_back({"NormalNegativeStddev", E::error,
                  words({"glc::Random::normal", "stddev (-1)", "not negative"}),
                  [](Scratch& s) { glc::Random(context(), 1).normal(s.out, 0.0f, -1.0f); },
                  true});
  rows.push_back({"NormalNaNStddev", E::error,
                  words({"glc::Random::normal", "stddev (nan)"}), [](Scratch& s) {
                    glc::Random(context(), 1)
                        .normal(s.out, 0.0f, std::numeric_limits<float>::quiet_NaN());
                  },
                  true});
  rows.push_back({"NormalInfiniteMean", E::error,
                  words({"glc::Random::normal", "mean (inf) must be finite"}), [](Scratch& s) {
                    glc::Random(context(), 1)
                        .normal(s.out, std::numeric_limits<float>::infinity(), 1.0f);
                  },
                  true});
  rows.push_back({"RandomIntoABufferOfAnotherContext", E::error,
                  words({"glc::Random", "different glc::Context"}), [](Scratch&) {
                    glc::Context other;
                    glc::Buffer<float> foreign = other.buffer<float>(8);
                    glc::Random(context(), 1).uniform(foreign);
                  }});
  // -- reductions
  rows.push_back({"MinOfAnEmptyRange", E::error,
                  words({"glc::min", "empty range", "offset 4", "buffer of 64 elements"}),
                  [](Scratch& s) { (void)glc::min(s.out, 4, 0); }});
  rows.push_back({"MaxOfAnEmptyBuffer", E::error,
                  words({"glc::max", "empty range", "buffer of 0 elements"}), [](Scratch&) {
                    glc::Buffer<std::int32_t> empty = context().buffer<std::int32_t>(0);
                    (void)glc::max(empty);
                  }});
  rows.push_back({"MeanOfAnEmptyRange", E::error,
                  words({"glc::mean", "empty range", "offset 64"}),
                  [](Scratch& s) { (void)glc::mean(s.out, 64, 0); }});
  rows.push_back({"SumRangeOutOfTheBuffer", E::error,
                  words({"glc::sum", "[32, 32 + 33)", "buffer of 64 elements"}),
                  [](Scratch& s) { (void)glc::sum(s.out, 32, 33); }});
  // -- fill
  rows.push_back({"FillRangeOutOfTheBuffer", E::error,
                  words({"glc::fill", "[60, 60 + 5)", "buffer of 64 elements"}),
                  [](Scratch& s) { glc::fill(s.out, 1.0f, 60, 5); }, true});
  rows.push_back({"FillEmptyBufferHandle", E::error, words({"glc::Buffer", "empty handle"}),
                  [](Scratch&) {
                    glc::Buffer<float> empty;
                    glc::fill(empty, 1.0f);
                  }});
  // -- format
  rows.push_back({"FormatShapeMismatch", E::error,
                  words({"glc::format", "shape (4, 2) holds 8 elements", "data has 6"}),
                  [](Scratch&) {
                    const std::vector<float> six(6, 1.0f);
                    (void)glc::format(std::span<const float>(six), glc::Shape{4, 2});
                  }});
  rows.push_back({"FormatBufferShapeMismatch", E::error,
                  words({"glc::format", "shape (3,) holds 3 elements", "data has 64"}),
                  [](Scratch& s) { (void)glc::format(s.out, glc::Shape{3}); }});
  return rows;
}

std::vector<Row> all_rows() {
  std::vector<Row> rows;
  for (auto part : {shader_rows, program_rows, buffer_rows, context_rows, library_rows}) {
    for (Row& row : part()) rows.push_back(std::move(row));
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// The runner

class BadInput : public ::testing::TestWithParam<Row> {};

TEST_P(BadInput, ThrowsTheExpectedTypeWithAMessageNamingTheProblem) {
  const Row& row = GetParam();
  Scratch scratch;
  const char* const expected =
      row.type == Expect::shader_error ? "glc::ShaderError" : "glc::Error (not a ShaderError)";
  std::string message;
  bool thrown = false;
  try {
    row.misuse(scratch);
  } catch (const glc::Error& e) {
    thrown = true;
    message = e.what();
    const bool is_shader_error = dynamic_cast<const glc::ShaderError*>(&e) != nullptr;
    if (row.type == Expect::shader_error) {
      EXPECT_TRUE(is_shader_error) << "expected " << expected << ", got " << typeid(e).name()
                                   << ": " << message;
      if (is_shader_error) {
        EXPECT_FALSE(static_cast<const glc::ShaderError&>(e).diagnostics().empty()) << message;
      }
    } else {
      EXPECT_TRUE(typeid(e) == typeid(glc::Error))
          << "expected exactly " << expected << ", got " << typeid(e).name() << ": " << message;
    }
  } catch (const std::exception& e) {
    thrown = true;
    ADD_FAILURE() << "expected " << expected << ", got " << typeid(e).name() << ": " << e.what();
  } catch (...) {
    thrown = true;
    ADD_FAILURE() << "expected " << expected << ", got an exception of unknown type";
  }
  ASSERT_TRUE(thrown) << "no exception; expected " << expected;
  if (std::getenv("GLC_SHOW_MESSAGES") != nullptr) std::cout << message << "\n";  // for review
  for (const std::string& needle : row.needles()) {
    EXPECT_THAT(message, ::testing::HasSubstr(needle));
  }
  if (row.out_untouched) {
    EXPECT_THAT(scratch.out.read(), ::testing::Each(poison<float>()))
        << "the refused call changed the output buffer";
  }
}

INSTANTIATE_TEST_SUITE_P(Table, BadInput, ::testing::ValuesIn(all_rows()),
                         [](const ::testing::TestParamInfo<Row>& info) { return info.param.name; });

// The table has at least 40 rows, with distinct names (gtest also refuses duplicate names).
TEST(BadInputTable, HasAtLeastFortyCases) { EXPECT_GE(all_rows().size(), 40u); }

// The control for the "output untouched" checks: the kernel the dispatch rows break does write
// every element of the output when nothing is broken.
TEST(BadInputTable, ReadyKernelWritesTheOutput) {
  Scratch s;
  s.ready_kernel().dispatch(1);
  const std::vector<float> out = s.out.read();
  for (std::size_t i = 0; i < out.size(); ++i) {
    // in * scale + weights[i % 3] + (m4 * tint + dm4[0] + quads[i] + xform * bias).x
    //  = 2 + (1, 2, 3) + (1 + 1 + 1 + 4)
    EXPECT_EQ(out[i], 2.0f + float(1 + i % 3) + 7.0f) << "element " << i;
  }
}

}  // namespace
