// Every input with which tools/fuzz found a bug, replayed through the same harnesses (fuzz/):
// tests/fuzz_regressions/<harness>/<what it found>. A harness aborts when a parser misbehaves,
// so each input runs in a child process that must exit normally. Inputs too large to keep as
// files are made here.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "harnesses.hpp"

namespace {
namespace fs = std::filesystem;

using Harness = int (*)(const std::uint8_t*, std::size_t);

struct Replay {
  std::string harness;
  fs::path input;
};

Harness harness_named(const std::string& name) {
  if (name == "preprocess") return glc::fuzz::preprocess;
  if (name == "shader_log") return glc::fuzz::shader_log;
  if (name == "format") return glc::fuzz::format;
  if (name == "spirv_reflect") return glc::fuzz::spirv_reflect;
  if (name == "image_declarations") return glc::fuzz::image_declarations;
  if (name == "specialization") return glc::fuzz::specialization;
  if (name == "cache_entry") return glc::fuzz::cache_entry;
  if (name == "npy") return glc::fuzz::npy;
  return nullptr;
}

std::vector<Replay> stored_inputs() {
  std::vector<Replay> out;
  for (const auto& dir : fs::directory_iterator(GLC_FUZZ_REGRESSION_DIR)) {
    for (const auto& file : fs::directory_iterator(dir.path())) {
      out.push_back({dir.path().filename().string(), file.path()});
    }
  }
  std::sort(out.begin(), out.end(), [](const Replay& a, const Replay& b) { return a.input < b.input; });
  return out;
}

/// Runs the harness on `input` in a child process, which must exit with status 0.
void expect_survives(Harness harness, const std::string& input) {
  EXPECT_EXIT(
      {
        harness(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
        std::exit(0);
      },
      ::testing::ExitedWithCode(0), "");
}

class StoredInput : public ::testing::TestWithParam<Replay> {};

TEST_P(StoredInput, RunsThroughItsHarness) {
  const Harness harness = harness_named(GetParam().harness);
  ASSERT_NE(harness, nullptr) << "no harness named " << GetParam().harness;
  std::ifstream in(GetParam().input, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  expect_survives(harness, bytes.str());
}

INSTANTIATE_TEST_SUITE_P(FuzzRegressions, StoredInput, ::testing::ValuesIn(stored_inputs()),
                         [](const ::testing::TestParamInfo<Replay>& info) {
                           std::string name = info.param.harness + "_" + info.param.input.filename().string();
                           std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(c); }, '_');
                           return name;
                         });

TEST(FuzzRegressions, EveryHarnessHasStoredInputs) {
  for (const char* name : {"preprocess", "shader_log", "format", "spirv_reflect", "image_declarations",
                           "specialization", "cache_entry", "npy"}) {
    const fs::path dir = fs::path(GLC_FUZZ_REGRESSION_DIR) / name;
    EXPECT_TRUE(fs::is_directory(dir) && !fs::is_empty(dir)) << name;
  }
}

// std::regex recursed once per character: a log or source line of some 100 KB overflowed the
// stack (SIGSEGV). Logs and sources are now scanned by hand.
TEST(FuzzRegressions, LongLogLines) {
  const std::string long_text(1 << 20, 'x');
  for (const std::string& line :
       {"0:1(2): error: " + long_text, "0(1) : error C0000: " + long_text, "ERROR: 0:1: " + long_text,
        "file.comp:3: error: " + long_text, long_text + ": warning: x", long_text}) {
    expect_survives(glc::fuzz::shader_log, "\x01" + line + "\n");
  }
}

TEST(FuzzRegressions, LongSourceLines) {
  const std::string long_comment = "// " + std::string(1 << 20, 'x') + "\n";
  expect_survives(glc::fuzz::preprocess, "#version 430\n" + long_comment + "void main() {}\n");
  expect_survives(glc::fuzz::preprocess, long_comment + "#version 430\nvoid main() {}\n");
  expect_survives(glc::fuzz::preprocess, "#version 430\nvoid main() {}\n--- define " +
                                             std::string(1 << 20, 'N') + " 1\n");
}

}  // namespace
