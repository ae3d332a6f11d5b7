// The program cache's entry format and file writes (src/program/program_cache_file.hpp): what an
// entry holds, every way it can be untrustworthy, and atomic replacement. No GL.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include <unistd.h>

#include "program/program_cache_file.hpp"
#include "util/sha256.hpp"

namespace {

namespace fs = std::filesystem;
using glc::detail::decode_cache_entry;
using glc::detail::encode_cache_entry;
using glc::detail::kCacheHeaderBytes;
using ::testing::HasSubstr;

const glc::detail::Sha256Digest kKey = glc::detail::sha256("a program's key");

TEST(ProgramCacheFile, AnEntryIsTheHeaderAndThePayload) {
  const std::string entry = encode_cache_entry(kKey, 0x1234, "binary");
  ASSERT_EQ(entry.size(), kCacheHeaderBytes + 6);
  EXPECT_EQ(entry.substr(0, 8), std::string("GLCPROG\0", 8));
  EXPECT_EQ(static_cast<unsigned char>(entry[12]), 0x34);  // little-endian binary format
  EXPECT_EQ(static_cast<unsigned char>(entry[13]), 0x12);
  EXPECT_EQ(entry.substr(16, 32), std::string(kKey.begin(), kKey.end()));
  EXPECT_EQ(entry.substr(kCacheHeaderBytes), "binary");
  const glc::detail::DecodedCacheEntry d = decode_cache_entry(entry, kKey);
  EXPECT_EQ(d.problem, "");
  EXPECT_EQ(d.binary_format, 0x1234u);
  EXPECT_EQ(d.payload, "binary");
}

TEST(ProgramCacheFile, EveryDamageIsAProblemNotAPayload) {
  const std::string entry = encode_cache_entry(kKey, 7, "some program binary");  // 19 bytes
  const auto problem = [&](std::string_view bytes) { return decode_cache_entry(bytes, kKey).problem; };
  EXPECT_EQ(problem(entry.substr(0, 10)), "truncated: 10 bytes, shorter than the 64-byte header");
  EXPECT_EQ(problem(""), "truncated: 0 bytes, shorter than the 64-byte header");
  EXPECT_EQ(problem(entry.substr(0, entry.size() - 1)),
            "truncated or padded: the header says 19 payload bytes, the file has 18");
  EXPECT_EQ(problem(entry + "x"), "truncated or padded: the header says 19 payload bytes, the file has 20");
  std::string magic = entry;
  magic[0] = 'X';
  EXPECT_THAT(problem(magic), HasSubstr("wrong magic"));
  std::string version = entry;
  version[8] ^= 1;
  EXPECT_EQ(problem(version), "cache format version 0, expected 1");
  std::string payload = entry;
  payload.back() ^= 0x40;
  EXPECT_EQ(problem(payload), "corrupt: the payload's checksum does not match");
  EXPECT_THAT(decode_cache_entry(entry, glc::detail::sha256("another key")).problem,
              HasSubstr("written for another key"));
  EXPECT_EQ(problem(encode_cache_entry(kKey, 7, "")), "the payload is empty");
  // A problem leaves no payload to use.
  EXPECT_TRUE(decode_cache_entry(payload, kKey).payload.empty());
}

TEST(ProgramCacheFile, Fnv1a64IsTheStandardOne) {
  EXPECT_EQ(glc::detail::fnv1a64(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(glc::detail::fnv1a64("a"), 0xaf63dc4c8601ec8cull);
}

TEST(ProgramCacheFile, WritesReplaceFilesWholeAndCreateTheDirectory) {
  const fs::path dir = fs::temp_directory_path() / ("glc-cache-file-test-" + std::to_string(getpid()));
  fs::remove_all(dir);
  const fs::path file = dir / "sub" / "entry.glcprog";
  std::string bytes, error;
  EXPECT_EQ(glc::detail::read_whole_file(file, bytes, error), glc::detail::FileRead::absent);
  EXPECT_EQ(glc::detail::write_file_atomically(file, "first"), "");
  EXPECT_EQ(glc::detail::write_file_atomically(file, "second, longer"), "");
  EXPECT_EQ(glc::detail::read_whole_file(file, bytes, error), glc::detail::FileRead::ok);
  EXPECT_EQ(bytes, "second, longer");
  // Nothing but the entry is left behind (no temporary files).
  EXPECT_EQ(std::distance(fs::directory_iterator(dir / "sub"), fs::directory_iterator()), 1);
  // Where the directory cannot be made, the write says why and does not throw.
  std::ofstream(dir / "plain") << "a file";
  EXPECT_THAT(glc::detail::write_file_atomically(dir / "plain" / "x.glcprog", "bytes"),
              HasSubstr("cannot create directory"));
  fs::remove_all(dir);
}

}  // namespace
