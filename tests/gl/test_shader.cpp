// Shader sources through Context::compile: file:line diagnostics, defines, include resolution
// and its errors, and malformed sources. Fixtures live in tests/shaders/shader/.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gl_test_context.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using glc::testing::context;
using glc::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

/// A fixture file under tests/shaders/shader/.
fs::path fixture(const std::string& relative) {
  return fs::path(GLC_TEST_SHADER_DIR) / "shader" / relative;
}

/// What a failed compile reported. `first` stays a "<none>" placeholder when nothing (or no
/// diagnostic) was thrown, so the expectations on it fail instead of crashing.
struct CompileFailure {
  std::string what;
  glc::Diagnostic first{"<none>", -1, "<none>"};
  std::vector<glc::Diagnostic> all;
};

/// Compiles `source`, expecting a glc::ShaderError; records a test failure if none is thrown.
CompileFailure compile_failure(const glc::Source& source, const glc::CompileOptions& options = {}) {
  CompileFailure failure;
  try {
    context().compile(source, options);
    ADD_FAILURE() << "'" << source.name() << "' compiled, but a glc::ShaderError was expected";
  } catch (const glc::ShaderError& e) {
    failure.what = e.what();
    if (e.diagnostics().empty()) {
      ADD_FAILURE() << "glc::ShaderError without diagnostics: " << e.what();
    } else {
      failure.first = e.diagnostics()[0];
      failure.all = e.diagnostics();
    }
  }
  return failure;
}

/// Runs `program` over `groups` work groups with a poisoned `Out` buffer of n ints; returns it.
std::vector<std::int32_t> run(glc::Program& program, std::size_t n, std::uint32_t groups) {
  glc::Buffer<std::int32_t> out = glc::testing::poisoned_buffer<std::int32_t>(n);
  program.bind("Out", out).dispatch(groups);
  return out.read();
}

/// Compiles and runs a kernel writing 8 ints (local size 4, two work groups).
std::vector<std::int32_t> run8(const glc::Source& source, const glc::CompileOptions& options = {}) {
  glc::Program program = context().compile(source, options);
  return run(program, 8, 2);
}

// ---------------------------------------------------------------------------------------------
// 1. Compile errors carry file and line

// A syntax error in a text source is located at the text's name and its true line.
TEST(ShaderDiagnostics, SyntaxErrorInTextHasNameAndLine) {
  const std::string glsl =
      "#version 430\n"
      "layout(local_size_x = 4) in;\n"
      "layout(std430, binding = 0) buffer Out { int values[]; };\n"
      "void main() {\n"
      "  values[0] = 1 +;\n"
      "}\n";
  const CompileFailure f = compile_failure(glc::Source::text(glsl, "my_kernel"));
  EXPECT_EQ(f.first.file, "my_kernel");
  EXPECT_EQ(f.first.line, 5);
  EXPECT_THAT(f.what, HasSubstr("my_kernel:5:"));
}

// A syntax error in a file source is located at the path exactly as the caller spelled it.
TEST(ShaderDiagnostics, SyntaxErrorInFileHasPathAsGivenAndLine) {
  // Deliberately not normalised: the diagnostic must not rewrite the caller's path.
  const std::string given = std::string(GLC_TEST_SHADER_DIR) + "/shader/../shader/syntax_error.comp";
  const CompileFailure f = compile_failure(glc::Source::file(given));
  EXPECT_EQ(f.first.file, given);
  EXPECT_EQ(f.first.line, 5);
  EXPECT_THAT(f.what, HasSubstr(given + ":5:"));
}

// An error inside an included file is located in that file (its path) at its own line.
TEST(ShaderDiagnostics, ErrorInIncludedFileHasIncludePathAndLine) {
  const CompileFailure f = compile_failure(glc::Source::file(fixture("error_in_include.comp")));
  EXPECT_TRUE(fs::exists(f.first.file) && fs::equivalent(f.first.file, fixture("broken.glsl")))
      << "diagnostic file: " << f.first.file;
  EXPECT_EQ(f.first.line, 3);
  EXPECT_THAT(f.what, HasSubstr("broken.glsl:3:"));
}

// The same include found through include_dirs from a text source ("shader/broken.glsl").
TEST(ShaderDiagnostics, ErrorInIncludeFoundViaIncludeDirs) {
  const std::string glsl =
      "#version 430\n"
      "layout(local_size_x = 4) in;\n"
      "#include \"shader/broken.glsl\"\n"
      "void main() {}\n";
  const CompileFailure f = compile_failure(glc::Source::text(glsl, "main.comp"),
                                           {.include_dirs = {GLC_TEST_SHADER_DIR}});
  EXPECT_TRUE(fs::exists(f.first.file) && fs::equivalent(f.first.file, fixture("broken.glsl")))
      << "diagnostic file: " << f.first.file;
  EXPECT_EQ(f.first.line, 3);
  EXPECT_THAT(f.what, HasSubstr("shader/broken.glsl:3:"));
}

// After a multi-line include, errors in the main file keep the main file's own line numbers.
TEST(ShaderDiagnostics, ErrorAfterMultiLineIncludeHasMainFileLine) {
  const fs::path main = fixture("error_after_include.comp");
  const CompileFailure f = compile_failure(glc::Source::file(main));
  EXPECT_EQ(f.first.file, main.string());
  EXPECT_EQ(f.first.line, 9);
  EXPECT_THAT(f.what, HasSubstr(main.string() + ":9:"));
}

// Same, when the included file's last line has no newline (a semantic error this time).
TEST(ShaderDiagnostics, ErrorAfterIncludeWithoutTrailingNewlineHasMainFileLine) {
  const fs::path main = fixture("error_after_unterminated_include.comp");
  const CompileFailure f = compile_failure(glc::Source::file(main));
  EXPECT_EQ(f.first.file, main.string());
  EXPECT_EQ(f.first.line, 7);
  EXPECT_THAT(f.first.message, HasSubstr("undeclared_after_include"));
}

// A semantic error (undeclared identifier) is located and names the identifier.
TEST(ShaderDiagnostics, UndeclaredIdentifierHasLineAndName) {
  const std::string glsl =
      "#version 430\n"
      "layout(local_size_x = 4) in;\n"
      "layout(std430, binding = 0) buffer Out { int values[]; };\n"
      "void main() {\n"
      "  int x = 1;\n"
      "  values[0] = x + not_declared_anywhere;\n"
      "}\n";
  const CompileFailure f = compile_failure(glc::Source::text(glsl, "semantic"));
  EXPECT_EQ(f.first.file, "semantic");
  EXPECT_EQ(f.first.line, 6);
  EXPECT_THAT(f.first.message, HasSubstr("not_declared_anywhere"));
  EXPECT_THAT(f.what, HasSubstr("semantic:6:"));
}

// `#error` in an included file reports that file, its line, and the message.
TEST(ShaderDiagnostics, HashErrorInIncludeHasFileLineAndMessage) {
  const CompileFailure f = compile_failure(glc::Source::file(fixture("hash_error.comp")));
  EXPECT_TRUE(fs::exists(f.first.file) && fs::equivalent(f.first.file, fixture("hash_error.glsl")))
      << "diagnostic file: " << f.first.file;
  EXPECT_EQ(f.first.line, 2);
  EXPECT_THAT(f.first.message, HasSubstr("my message"));
  EXPECT_THAT(f.what, HasSubstr("hash_error.glsl:2:"));
}

/// True when `message` has visible text and no embedded NUL.
bool is_real_message(const std::string& message) {
  return message.find('\0') == std::string::npos &&
         message.find_first_not_of(" \t\r\n") != std::string::npos;
}

// Compile and link failures list only real messages: no empty or NUL-only diagnostic.
TEST(ShaderDiagnostics, EveryDiagnosticHasAMessage) {
  const CompileFailure compile = compile_failure(glc::Source::file(fixture("syntax_error.comp")));
  const CompileFailure link = compile_failure(glc::Source::text(
      "#version 430\n"
      "layout(local_size_x = 4) in;\n"
      "layout(std430, binding = 0) buffer Out { int values[]; };\n"
      "int never_defined_helper(int x);\n"
      "void main() { values[0] = never_defined_helper(1); }\n",
      "link_error"));
  for (const CompileFailure* f : {&compile, &link}) {
    EXPECT_FALSE(f->all.empty());
    for (const glc::Diagnostic& d : f->all) {
      EXPECT_TRUE(is_real_message(d.message))
          << "diagnostic at " << d.file << ":" << d.line << " has message of " << d.message.size()
          << " byte(s), first byte " << (d.message.empty() ? -1 : int(d.message[0]));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Defines

// Without defines the kernel takes its defaults: SCALE 1, no offset.
TEST(ShaderDefines, WithoutDefinesDefaultBranchIsTaken) {
  EXPECT_THAT(run8(glc::Source::file(fixture("defines.comp"))),
              ElementsAre(0, 1, 2, 3, 4, 5, 6, 7));
}

// A valued define replaces SCALE, and an empty-valued define is visible to #ifdef.
TEST(ShaderDefines, ValuedAndEmptyDefinesChangeTheKernel) {
  const glc::CompileOptions options{.defines = {{"SCALE", "3"}, {"USE_OFFSET", ""}}};
  EXPECT_THAT(run8(glc::Source::file(fixture("defines.comp")), options),
              ElementsAre(100, 103, 106, 109, 112, 115, 118, 121));
}

// Each define acts on its own: SCALE alone leaves the #ifdef branch off.
TEST(ShaderDefines, ValuedDefineAlone) {
  const glc::CompileOptions options{.defines = {{"SCALE", "3"}}};
  EXPECT_THAT(run8(glc::Source::file(fixture("defines.comp")), options),
              ElementsAre(0, 3, 6, 9, 12, 15, 18, 21));
}

// ---------------------------------------------------------------------------------------------
// 3. Includes

// An include inside an included file resolves relative to that file's directory, not the top's.
TEST(ShaderIncludes, NestedIncludeIsRelativeToIncludingFile) {
  // nested/a.glsl includes "sub/b.glsl" = nested/sub/b.glsl (7), not the decoy sub/b.glsl (-1).
  EXPECT_THAT(run8(glc::Source::file(fixture("nested.comp"))), ::testing::Each(70));
}

// A text source finds includes through CompileOptions::include_dirs.
TEST(ShaderIncludes, TextSourceUsesIncludeDirs) {
  const std::string glsl =
      "#version 430\n"
      "layout(local_size_x = 4) in;\n"
      "layout(std430, binding = 0) buffer Out { int values[]; };\n"
      "#include \"shader_offset.glsl\"\n"
      "void main() { values[gl_GlobalInvocationID.x] = shader_offset() + int(gl_GlobalInvocationID.x); }\n";
  EXPECT_THAT(run8(glc::Source::text(glsl, "incdir_text"), {.include_dirs = {fixture("incdir")}}),
              ElementsAre(42, 43, 44, 45, 46, 47, 48, 49));
}

// "glcompute/grid.glsl" comes from the embedded library shaders, with no include dirs at all.
TEST(ShaderIncludes, EmbeddedGridGlslFromText) {
  const std::string glsl =
      "#version 430\n"
      "#include \"glcompute/grid.glsl\"\n"
      "layout(local_size_x = 4) in;\n"
      "layout(std430, binding = 0) buffer Out { int values[]; };\n"
      "uniform uint n;\n"
      "void main() {\n"
      "  for (uint i = GLC_GLOBAL_INDEX; i < n; i += GLC_GRID_SIZE) values[i] = int(i) * 10;\n"
      "}\n";
  glc::Program program = context().compile(glc::Source::text(glsl, "grid_text"));
  // One work group of 4 covers 10 elements only if GLC_GRID_SIZE strides by 4; element 10 stays.
  program.set("n", std::uint32_t{10});
  EXPECT_THAT(run(program, 11, 1), ElementsAre(0, 10, 20, 30, 40, 50, 60, 70, 80, 90,
                                               glc::testing::poison<std::int32_t>()));
}

// An include guard makes including the same file twice harmless.
TEST(ShaderIncludes, GuardedFileIncludedTwice) {
  EXPECT_THAT(run8(glc::Source::file(fixture("guarded_twice.comp"))), ::testing::Each(5));
}

// ---------------------------------------------------------------------------------------------
// 4. Include errors

// A missing include names the requested file and is located at the #include line.
TEST(ShaderIncludeErrors, MissingIncludeNamesFileAndLocation) {
  const fs::path main = fixture("missing_include.comp");
  const CompileFailure f = compile_failure(glc::Source::file(main));
  EXPECT_EQ(f.first.file, main.string());
  EXPECT_EQ(f.first.line, 4);
  EXPECT_THAT(f.first.message, HasSubstr("does_not_exist.glsl"));
}

// A missing include's message lists where it was looked for: the including file's directory
// and the include dirs.
TEST(ShaderIncludeErrors, MissingIncludeListsSearchedDirectories) {
  const fs::path main = fixture("missing_include.comp");
  const CompileFailure f =
      compile_failure(glc::Source::file(main), {.include_dirs = {fixture("incdir")}});
  EXPECT_THAT(f.first.message, HasSubstr("'" + fixture("incdir").string() + "'"));
  EXPECT_THAT(f.first.message, HasSubstr("'" + main.parent_path().string() + "'"));
}

// Unguarded files including each other are reported as a cycle, located in one of them.
TEST(ShaderIncludeErrors, IncludeCycleIsReported) {
  const CompileFailure f = compile_failure(glc::Source::file(fixture("include_loop.comp")));
  EXPECT_THAT(f.first.message, HasSubstr("cycle"));
  EXPECT_THAT(f.first.file, ::testing::AnyOf(::testing::EndsWith("loop_a.glsl"),
                                             ::testing::EndsWith("loop_b.glsl")));
  EXPECT_EQ(f.first.line, 2);
}

// "../outside.glsl" exists but lies outside the include roots: refused, and the message says so.
TEST(ShaderIncludeErrors, ParentDirectoryEscapeIsRefused) {
  const fs::path main = fixture("roots/outside_parent.comp");
  const CompileFailure f = compile_failure(glc::Source::file(main));
  EXPECT_THAT(f.first.message, HasSubstr("outside the include roots"));
  EXPECT_THAT(f.first.message, HasSubstr("outside.glsl"));
  EXPECT_EQ(f.first.file, main.string());
  EXPECT_EQ(f.first.line, 4);
}

// The same "../outside.glsl" is accepted once its directory is an include dir.
TEST(ShaderIncludeErrors, ParentDirectoryAllowedThroughIncludeDirs) {
  EXPECT_THAT(run8(glc::Source::file(fixture("roots/outside_parent.comp")),
                   {.include_dirs = {fixture("")}}),
              ::testing::Each(9));
}

// An absolute include outside the roots is refused; adding its directory allows it.
TEST(ShaderIncludeErrors, AbsoluteIncludeNeedsItsDirectoryInIncludeDirs) {
  const TempDir dir;
  const fs::path target = fixture("abs/abs_value.glsl");
  const fs::path main = dir.write("abs_main.comp",
                                  "#version 430\n"
                                  "layout(local_size_x = 4) in;\n"
                                  "layout(std430, binding = 0) buffer Out { int values[]; };\n"
                                  "#include \"" + target.string() + "\"\n"
                                  "void main() { values[gl_GlobalInvocationID.x] = abs_value(); }\n");
  const CompileFailure f = compile_failure(glc::Source::file(main));
  EXPECT_THAT(f.first.message, HasSubstr("outside the include roots"));
  EXPECT_EQ(f.first.file, main.string());
  EXPECT_EQ(f.first.line, 4);

  EXPECT_THAT(run8(glc::Source::file(main), {.include_dirs = {fixture("abs")}}),
              ::testing::Each(11));
}

// The same for a text source: an existing absolute include is refused as outside the roots
// (not reported as missing), and allowed through include_dirs.
TEST(ShaderIncludeErrors, AbsoluteIncludeFromTextNeedsItsDirectoryInIncludeDirs) {
  const fs::path target = fixture("abs/abs_value.glsl");
  const std::string glsl = "#version 430\n"
                           "layout(local_size_x = 4) in;\n"
                           "layout(std430, binding = 0) buffer Out { int values[]; };\n"
                           "#include \"" + target.string() + "\"\n"
                           "void main() { values[gl_GlobalInvocationID.x] = abs_value(); }\n";
  const CompileFailure f = compile_failure(glc::Source::text(glsl, "abs_text"));
  EXPECT_EQ(f.first.file, "abs_text");
  EXPECT_EQ(f.first.line, 4);
  EXPECT_THAT(f.first.message, HasSubstr("outside the include roots"));

  EXPECT_THAT(run8(glc::Source::text(glsl, "abs_text"), {.include_dirs = {fixture("abs")}}),
              ::testing::Each(11));
}

// ---------------------------------------------------------------------------------------------
// 5. Source problems

// A missing file names its path and says it cannot be opened.
TEST(ShaderSourceErrors, MissingFile) {
  const fs::path missing = fixture("no_such_kernel.comp");
  const CompileFailure f = compile_failure(glc::Source::file(missing));
  EXPECT_EQ(f.first.file, missing.string());
  EXPECT_THAT(f.what, HasSubstr(missing.string()));
  EXPECT_THAT(f.what, HasSubstr("cannot open"));
}

// An empty source is reported as empty.
TEST(ShaderSourceErrors, EmptySource) {
  const CompileFailure f = compile_failure(glc::Source::text("", "empty"));
  EXPECT_EQ(f.first.file, "empty");
  EXPECT_THAT(f.first.message, HasSubstr("empty"));
}

// A whitespace-only source is reported as empty too.
TEST(ShaderSourceErrors, WhitespaceOnlySource) {
  const CompileFailure f = compile_failure(glc::Source::text(" \n\t\r\n  \n", "blank"));
  EXPECT_EQ(f.first.file, "blank");
  EXPECT_THAT(f.first.message, HasSubstr("empty"));
}

// Found by tools/fuzz: a preprocessor error in a text source named "" (or "\0...", empty as a
// C string) aborted the process (an assertion inside shaderc); it is a ShaderError located at
// the name as given.
TEST(ShaderSourceErrors, PreprocessorErrorInATextWithAnEmptyName) {
  for (const std::string& name : {std::string(), std::string("\0\0", 2)}) {
    const CompileFailure f =
        compile_failure(glc::Source::text("#version 430\n#error boom\nvoid main() {}\n", name));
    EXPECT_EQ(f.first.file, name);
    EXPECT_EQ(f.first.line, 2);
    EXPECT_THAT(f.first.message, HasSubstr("boom"));
  }
}

// Lines of a megabyte (a generated table, say) overflowed the stack of the std::regex that
// scanned sources; they compile like any other line.
TEST(ShaderSourceErrors, MegabyteLinesCompile) {
  const std::string long_line = "// " + std::string(1 << 20, '=') + "\n";
  EXPECT_THAT(run8(glc::Source::text("#version 430\n" + long_line +
                                         "layout(local_size_x = 4) in;\n"
                                         "layout(std430, binding = 0) buffer Out { int values[]; };\n" +
                                         long_line +
                                         "void main() { values[gl_GlobalInvocationID.x] = 7; }\n",
                                     "long_lines.comp")),
              ElementsAre(7, 7, 7, 7, 7, 7, 7, 7));
  const std::string long_name(1 << 20, 'N');
  const CompileFailure f = compile_failure(glc::Source::text("#version 430\nvoid main() {}\n", "defines.comp"),
                                           {.defines = {{long_name + "-", ""}}});
  EXPECT_THAT(f.first.message, HasSubstr("not a macro name"));
}

// A define's value with a NUL byte aborted the process inside shaderc (an assertion in its
// preamble cleanup, found by fuzz_preprocess); one with a line break put the rest of the value
// into the shader as code. Both are refused, naming the entry.
TEST(ShaderSourceErrors, DefineValuesAreOneLineWithoutNul) {
  const glc::Source source = glc::Source::text("#version 430\nlayout(local_size_x = 1) in;\nvoid main() {}\n",
                                               "defines.comp");
  const CompileFailure nul = compile_failure(source, {.defines = {{"A", "1"}, {"X", std::string("6\0y", 3)}}});
  EXPECT_EQ(nul.first.file, "defines.comp");
  EXPECT_THAT(nul.first.message, HasSubstr("entry 'X' has a NUL byte in its value (at byte 1)"));
  const CompileFailure newline = compile_failure(source, {.defines = {{"Y", "1\nint injected;"}}});
  EXPECT_THAT(newline.first.message, HasSubstr("entry 'Y' has a line break in its value (at byte 1)"));
  const CompileFailure cr = compile_failure(source, {.defines = {{"Z", "1\r"}}});
  EXPECT_THAT(cr.first.message, HasSubstr("entry 'Z' has a line break"));
  // Blanks and symbols stay allowed: a value is any one line.
  EXPECT_NO_THROW(context().compile(source, {.defines = {{"W", "(1 + 2) * y\t// c"}}}));
}

// Unguarded files that include the next one twice, 20 deep, are 2^20 includes: stopped at
// kMaxIncludes with a message that says what to do, instead of running for hours.
TEST(ShaderIncludeErrors, IncludesThatMultiplyAreStopped) {
  const TempDir dir;
  const int depth = 20;
  for (int i = 0; i < depth; ++i) {
    const std::string next = "f" + std::to_string(i + 1) + ".glsl";
    dir.write("f" + std::to_string(i) + ".glsl",
              i + 1 < depth ? "#include \"" + next + "\"\n#include \"" + next + "\"\n" : "int leaf;\n");
  }
  const fs::path main = dir.write("main.comp", "#version 430\n#include \"f0.glsl\"\nvoid main() {}\n");
  const CompileFailure f = compile_failure(glc::Source::file(main));
  EXPECT_THAT(f.first.message, HasSubstr("more than 10000 #include directives"));
  EXPECT_THAT(f.first.message, HasSubstr("include guards"));
}

// A source without #version is refused with a message that mentions #version.
TEST(ShaderSourceErrors, MissingVersion) {
  const CompileFailure f = compile_failure(glc::Source::text(
      "// version 430 forgotten\n"
      "layout(local_size_x = 4) in;\n"
      "void main() {}\n",
      "no_version"));
  EXPECT_EQ(f.first.file, "no_version");
  EXPECT_THAT(f.first.message, HasSubstr("#version"));
}

// A vertex shader is not a compute shader: it fails with a ShaderError.
TEST(ShaderSourceErrors, VertexShaderFails) {
  const CompileFailure f = compile_failure(glc::Source::text(
      "#version 430\n"
      "in vec4 position;\n"
      "void main() {\n"
      "  gl_Position = position;\n"
      "}\n",
      "vertex"));
  EXPECT_EQ(f.first.file, "vertex");
  EXPECT_FALSE(f.first.message.empty());
}

// A function declared and called but never defined is a link error naming the function.
TEST(ShaderSourceErrors, LinkErrorNamesUndefinedFunction) {
  const CompileFailure f = compile_failure(glc::Source::text(
      "#version 430\n"
      "layout(local_size_x = 4) in;\n"
      "layout(std430, binding = 0) buffer Out { int values[]; };\n"
      "int never_defined_helper(int x);\n"
      "void main() { values[0] = never_defined_helper(1); }\n",
      "link_error"));
  EXPECT_THAT(f.what, HasSubstr("link"));
  EXPECT_THAT(f.what, HasSubstr("never_defined_helper"));
  EXPECT_EQ(f.first.file, "link_error");
}

// ---------------------------------------------------------------------------------------------
// 6. Paths

// A kernel (and its relative include) in a directory whose name contains a space works.
TEST(ShaderPaths, DirectoryWithSpace) {
  EXPECT_THAT(run8(glc::Source::file(fixture("dir with space/kernel.comp"))),
              ElementsAre(1, 3, 5, 7, 9, 11, 13, 15));
}

// A diagnostic from a file in a directory with a space still carries the full path.
TEST(ShaderPaths, ErrorInDirectoryWithSpaceKeepsFullPath) {
  const TempDir dir;
  fs::create_directories(dir.path() / "my shaders");
  const fs::path main = dir.write("my shaders/bad kernel.comp",
                                  "#version 430\n"
                                  "layout(local_size_x = 4) in;\n"
                                  "void main() {\n"
                                  "  int x = ;\n"
                                  "}\n");
  const CompileFailure f = compile_failure(glc::Source::file(main));
  EXPECT_EQ(f.first.file, main.string());
  EXPECT_EQ(f.first.line, 4);
}

}  // namespace
