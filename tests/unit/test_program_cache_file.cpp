// The program cache's entry format and file writes (src/program/program_cache_file.hpp): what an
// entry holds, every way it can be untrustworthy, which directories and entries are trusted, and
// atomic replacement. No GL.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "program/program_cache_file.hpp"
#include "util/sha256.hpp"

namespace {

namespace fs = std::filesystem;
using glc::detail::decode_cache_entry;
using glc::detail::encode_cache_entry;
using glc::detail::kCacheHeaderBytes;
using ::testing::HasSubstr;

const std::string kKey = "a program's whole key: driver, options, preprocessed source";

std::uint64_t get_u64(std::string_view bytes, std::size_t at) {
  std::uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value |= std::uint64_t{static_cast<unsigned char>(bytes[at + i])} << (8 * i);
  return value;
}

TEST(ProgramCacheFile, AnEntryIsTheHeaderTheWholeKeyAndThePayload) {
  const std::string entry = encode_cache_entry(kKey, 0x1234, "binary");
  ASSERT_EQ(entry.size(), kCacheHeaderBytes + kKey.size() + 6);
  EXPECT_EQ(entry.substr(0, 8), std::string("GLCPROG\0", 8));
  EXPECT_EQ(static_cast<unsigned char>(entry[8]), glc::detail::kCacheFormatVersion);
  EXPECT_EQ(static_cast<unsigned char>(entry[12]), 0x34);  // little-endian binary format
  EXPECT_EQ(static_cast<unsigned char>(entry[13]), 0x12);
  EXPECT_EQ(get_u64(entry, 16), kKey.size());
  EXPECT_EQ(get_u64(entry, 24), 6u);
  // The SHA-256 at 32 covers everything else: bytes 0-31, then key and payload.
  const glc::detail::Sha256Digest digest =
      glc::detail::sha256(entry.substr(0, 32) + entry.substr(kCacheHeaderBytes));
  EXPECT_EQ(entry.substr(32, 32), std::string(digest.begin(), digest.end()));
  EXPECT_EQ(entry.substr(kCacheHeaderBytes, kKey.size()), kKey);
  EXPECT_EQ(entry.substr(kCacheHeaderBytes + kKey.size()), "binary");
  const glc::detail::DecodedCacheEntry d = decode_cache_entry(entry, kKey);
  EXPECT_EQ(d.problem, "");
  EXPECT_EQ(d.binary_format, 0x1234u);
  EXPECT_EQ(d.payload, "binary");
}

TEST(ProgramCacheFile, EveryDamageIsAProblemNotAPayload) {
  const std::string entry = encode_cache_entry(kKey, 7, "some program binary");  // 19 bytes
  const std::string body = std::to_string(kKey.size() + 19);
  const auto problem = [&](std::string_view bytes) { return decode_cache_entry(bytes, kKey).problem; };
  EXPECT_EQ(problem(entry.substr(0, 10)), "truncated: 10 bytes, shorter than the 64-byte header");
  EXPECT_EQ(problem(""), "truncated: 0 bytes, shorter than the 64-byte header");
  EXPECT_THAT(problem(entry.substr(0, entry.size() - 1)), HasSubstr("truncated or padded"));
  EXPECT_THAT(problem(entry + "x"), HasSubstr("truncated or padded"));
  std::string magic = entry;
  magic[0] = 'X';
  EXPECT_THAT(problem(magic), HasSubstr("wrong magic"));
  std::string version = entry;
  version[8] = 1;  // the first format, whose entries could be forged from another program's
  EXPECT_EQ(problem(version), "cache format version 1, expected 2");
  std::string payload = entry;
  payload.back() ^= 0x40;
  EXPECT_EQ(problem(payload), "corrupt: the entry's SHA-256 checksum does not match");
  std::string header = entry;
  header[12] ^= 1;  // the binary format is covered too
  EXPECT_EQ(problem(header), "corrupt: the entry's SHA-256 checksum does not match");
  // The whole key is compared, not a digest of it: one byte more or less is another key.
  EXPECT_THAT(decode_cache_entry(entry, kKey + " ").problem, HasSubstr("written for another key"));
  EXPECT_THAT(decode_cache_entry(entry, kKey.substr(1)).problem, HasSubstr("written for another key"));
  EXPECT_EQ(problem(encode_cache_entry(kKey, 7, "")), "the payload is empty");
  // A problem leaves no payload to use.
  EXPECT_TRUE(decode_cache_entry(payload, kKey).payload.empty());
}

TEST(ProgramCacheFile, OnlyEntriesOfThisUserThatNobodyElseCanWriteAreTrusted) {
  struct stat info {};
  info.st_uid = ::geteuid();
  info.st_mode = S_IFREG | 0600;
  EXPECT_EQ(glc::detail::untrusted_because(info), "");
  info.st_mode = S_IFREG | 0644;  // readable by others is fine: a binary is no secret
  EXPECT_EQ(glc::detail::untrusted_because(info), "");
  info.st_mode = S_IFREG | 0620;
  EXPECT_EQ(glc::detail::untrusted_because(info), "it is writable by other users (mode 0620)");
  info.st_mode = S_IFDIR | 0757;
  EXPECT_EQ(glc::detail::untrusted_because(info), "it is writable by other users (mode 0757)");
  info.st_mode = S_IFREG | 0600;
  info.st_uid = 0;  // root's may be trusted (a system-wide cache root set up)
  EXPECT_EQ(glc::detail::untrusted_because(info), "");
  info.st_uid = ::geteuid() + 1;
  if (info.st_uid == 0) info.st_uid = 2;
  EXPECT_THAT(glc::detail::untrusted_because(info), HasSubstr("not by this process's user"));
}

TEST(ProgramCacheFile, WritesReplaceFilesWholeAndCreateTheDirectoryForThisUserAlone) {
  const fs::path dir = fs::temp_directory_path() / ("glc-cache-file-test-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directory(dir);
  const fs::path sub = dir / "a" / "b";
  EXPECT_EQ(glc::detail::CacheDirectory::create(dir, sub), "");
  EXPECT_EQ(fs::status(dir / "a").permissions(), fs::perms::owner_all);
  EXPECT_EQ(fs::status(sub).permissions(), fs::perms::owner_all);
  glc::detail::CacheDirectory cache;
  std::string problem;
  ASSERT_EQ(cache.open(sub, problem), glc::detail::CacheDirectory::Opened::ok) << problem;
  EXPECT_EQ(cache.write_atomically("entry.glcprog", "first"), "");
  EXPECT_EQ(cache.write_atomically("entry.glcprog", "second, longer"), "");
  std::ifstream in(sub / "entry.glcprog", std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "second, longer");
  EXPECT_EQ(fs::status(sub / "entry.glcprog").permissions(), fs::perms::owner_read | fs::perms::owner_write);
  // Nothing but the entry is left behind (no temporary files).
  EXPECT_EQ(std::distance(fs::directory_iterator(sub), fs::directory_iterator()), 1);
  // A base that does not exist is not created; a file in the way is named.
  EXPECT_THAT(glc::detail::CacheDirectory::create(dir / "missing", dir / "missing" / "x"),
              HasSubstr("does not exist (it is not created)"));
  std::ofstream(dir / "plain") << "a file";
  EXPECT_THAT(glc::detail::CacheDirectory::create(dir, dir / "plain" / "x"),
              HasSubstr("cannot create directory"));
  // A directory others can write is refused when opened, saying why.
  fs::create_directory(dir / "open");
  fs::permissions(dir / "open", fs::perms::owner_all | fs::perms::others_all);
  glc::detail::CacheDirectory shared;
  EXPECT_EQ(shared.open(dir / "open", problem), glc::detail::CacheDirectory::Opened::failed);
  EXPECT_THAT(problem, HasSubstr("writable by other users"));
  fs::remove_all(dir);
}

}  // namespace
