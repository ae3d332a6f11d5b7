#pragma once
// The program cache's files: the on-disk layout of one entry, its checks, and writes that
// other processes never see half done. Internal.
//
// An entry, all integers little-endian:
//    0  8 bytes   magic "GLCPROG\0"
//    8  u32       kCacheFormatVersion
//   12  u32       binary format (the GLenum glGetProgramBinary gave)
//   16  32 bytes  SHA-256 of the entry's full key (see ProgramCache::key)
//   48  u64       payload length in bytes
//   56  u64       FNV-1a 64 of the payload
//   64  payload   the driver's program binary

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "util/sha256.hpp"

namespace glc::detail {

/// Changes whenever the layout above or the key's composition changes; part of every key too.
constexpr std::uint32_t kCacheFormatVersion = 1;
constexpr std::size_t kCacheHeaderBytes = 64;

/// 64-bit FNV-1a: catches a flipped bit or a block of zeros in the payload.
std::uint64_t fnv1a64(std::string_view bytes);

/// The bytes of an entry holding `payload` for `key`.
std::string encode_cache_entry(const Sha256Digest& key, std::uint32_t binary_format,
                               std::string_view payload);

/// A checked entry: `problem` says why it cannot be trusted, or is empty and then `payload`
/// (a view into the decoded bytes) and `binary_format` are what was stored for `key`.
struct DecodedCacheEntry {
  std::string problem;
  std::uint32_t binary_format = 0;
  std::string_view payload;
};
DecodedCacheEntry decode_cache_entry(std::string_view bytes, const Sha256Digest& key);

/// What reading a file found.
enum class FileRead { ok, absent, failed };
/// Reads all of `file` into `bytes`; on `failed`, `error` says why.
FileRead read_whole_file(const std::filesystem::path& file, std::string& bytes, std::string& error);

/// Writes `bytes` to a new temporary file beside `file`, then renames it over `file`: readers
/// see the old file or the new one, never a mixture, even with several writers at once.
/// Creates the directory if needed. Returns "" on success, else why it failed (the temporary
/// file is removed).
std::string write_file_atomically(const std::filesystem::path& file, std::string_view bytes);

}  // namespace glc::detail
