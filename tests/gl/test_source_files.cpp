// Shader files that are not ordinary files, or too large, or nested too deeply: each is a clear
// glc::ShaderError naming the file, at once — never a hang (a FIFO waits forever for a writer),
// never a read until memory runs out (/dev/zero). Sources and included files alike.

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gl_test_context.hpp"
#include "temp_dir.hpp"
#include "watchdog.hpp"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using glc::testing::context;
using glc::testing::TempDir;
using glc::testing::Watchdog;

constexpr auto kPrompt = std::chrono::seconds(30);

constexpr const char* kMain = R"(#version 430
layout(local_size_x = 1) in;
layout(std430, binding = 0) buffer Out { uint v[]; };
void main() { v[0] = 1u; }
)";

/// The glc::ShaderError `source` raises when compiled, as text ("(compiled)" if it compiles).
std::string shader_error(const glc::Source& source, const glc::CompileOptions& options = {}) {
  const Watchdog watchdog(kPrompt, "compiling " + source.name());
  try {
    (void)context().compile(source, options);
  } catch (const glc::ShaderError& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("not a ShaderError: ") + e.what();
  }
  return "(compiled)";
}

fs::path make_fifo(const TempDir& dir, const std::string& name) {
  const fs::path path = dir.path() / name;
  if (::mkfifo(path.c_str(), 0600) != 0) throw std::runtime_error("mkfifo failed");
  return path;
}

/// A sparse file of `bytes` bytes (no disk space used).
fs::path make_sparse(const TempDir& dir, const std::string& name, std::uintmax_t bytes) {
  const fs::path path = dir.write(name, "");
  fs::resize_file(path, bytes);
  return path;
}

TEST(SourceFiles, AFifoIsRefusedWithoutWaitingForAWriter) {
  const TempDir dir;
  const fs::path fifo = make_fifo(dir, "shader.comp");
  const std::string message = shader_error(glc::Source::file(fifo));
  EXPECT_THAT(message, HasSubstr(fifo.string()));
  EXPECT_THAT(message, HasSubstr("not a regular file"));
  EXPECT_THAT(message, HasSubstr("FIFO"));
}

TEST(SourceFiles, ADeviceIsRefusedWithoutReadingIt) {
  const std::string message = shader_error(glc::Source::file("/dev/zero"));
  EXPECT_THAT(message, HasSubstr("/dev/zero"));
  EXPECT_THAT(message, HasSubstr("not a regular file"));
  EXPECT_THAT(message, HasSubstr("character device"));
}

TEST(SourceFiles, AFileLargerThanTheBoundIsRefusedWithoutReadingIt) {
  const TempDir dir;
  const fs::path huge = make_sparse(dir, "huge.comp", (std::uintmax_t{1} << 30) + 1);
  const std::string message = shader_error(glc::Source::file(huge));
  EXPECT_THAT(message, HasSubstr(huge.string()));
  EXPECT_THAT(message, HasSubstr("larger than"));
}

TEST(SourceFiles, AnIncludedFifoIsRefusedNamingIt) {
  const TempDir dir;
  make_fifo(dir, "pipe.glsl");
  const fs::path main = dir.write("main.comp", std::string("#version 430\n#include \"pipe.glsl\"\n") +
                                                   (kMain + 13));
  const std::string message = shader_error(glc::Source::file(main));
  EXPECT_THAT(message, HasSubstr("pipe.glsl"));
  EXPECT_THAT(message, HasSubstr("not a regular file"));
  EXPECT_THAT(message, HasSubstr("main.comp:2"));
}

TEST(SourceFiles, AnIncludedDeviceIsRefusedNamingIt) {
  const TempDir dir;
  glc::CompileOptions options;
  options.include_dirs = {"/dev"};  // an include root that holds devices
  const fs::path main = dir.write("main.comp", std::string("#version 430\n#include \"zero\"\n") +
                                                   (kMain + 13));
  const std::string message = shader_error(glc::Source::file(main), options);
  EXPECT_THAT(message, HasSubstr("zero"));
  EXPECT_THAT(message, HasSubstr("not a regular file"));
}

TEST(SourceFiles, AnIncludedFileLargerThanTheBoundIsRefused) {
  const TempDir dir;
  make_sparse(dir, "big.glsl", (std::uintmax_t{1} << 30) + 1);
  const fs::path main = dir.write("main.comp", std::string("#version 430\n#include \"big.glsl\"\n") +
                                                   (kMain + 13));
  const std::string message = shader_error(glc::Source::file(main));
  EXPECT_THAT(message, HasSubstr("big.glsl"));
  EXPECT_THAT(message, HasSubstr("larger than"));
}

// ---------------------------------------------------------------------------------------------
// Include depth

/// level0.glsl includes level1.glsl ... up to level<n-1>.glsl, which includes nothing; every
/// file has an include guard, so nothing repeats.
fs::path include_chain(const TempDir& dir, int n) {
  for (int i = 0; i < n; ++i) {
    const std::string guard = "LEVEL" + std::to_string(i);
    std::string text = "#ifndef " + guard + "\n#define " + guard + "\n";
    if (i + 1 < n) text += "#include \"level" + std::to_string(i + 1) + ".glsl\"\n";
    text += "#endif\n";
    dir.write("level" + std::to_string(i) + ".glsl", text);
  }
  return dir.write("main.comp", std::string("#version 430\n#include \"level0.glsl\"\n") + (kMain + 13));
}

TEST(SourceFiles, AChainWithinTheDepthLimitCompiles) {
  const TempDir dir;
  EXPECT_EQ(shader_error(glc::Source::file(include_chain(dir, 30))), "(compiled)");
}

TEST(SourceFiles, ADeepChainWithoutACycleIsNotCalledACycle) {
  const TempDir dir;
  const std::string message = shader_error(glc::Source::file(include_chain(dir, 40)));
  EXPECT_THAT(message, Not(HasSubstr("cycle")));
  EXPECT_THAT(message, HasSubstr("deeper than 32 levels"));
  EXPECT_THAT(message, HasSubstr("level0.glsl"));  // the chain is named
  EXPECT_THAT(message, HasSubstr("level31.glsl"));
}

TEST(SourceFiles, AnUnguardedCycleIsCalledACycleNamingItsFiles) {
  const TempDir dir;
  dir.write("a.glsl", "#include \"b.glsl\"\n");
  dir.write("b.glsl", "#include \"a.glsl\"\n");
  const fs::path main =
      dir.write("main.comp", std::string("#version 430\n#include \"a.glsl\"\n") + (kMain + 13));
  const std::string message = shader_error(glc::Source::file(main));
  EXPECT_THAT(message, HasSubstr("cycle"));
  EXPECT_THAT(message, HasSubstr("a.glsl -> b.glsl -> a.glsl"));
  EXPECT_THAT(message, HasSubstr("include guard"));
}

}  // namespace
