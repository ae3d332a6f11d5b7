#pragma once
// The program cache's files: the on-disk layout of one entry and its checks, which directories
// and entries are trusted, and writes that other processes never see half done. Internal.
//
// An entry, all integers little-endian:
//    0  8 bytes   magic "GLCPROG\0"
//    8  u32       kCacheFormatVersion
//   12  u32       binary format (the GLenum glGetProgramBinary gave)
//   16  u64       key length K
//   24  u64       payload length P
//   32  32 bytes  SHA-256 of the rest of the entry: bytes 0-31, then from 64 to the end
//   64  K bytes   the entry's full key (ProgramCache::key: driver, options, preprocessed source)
//   64+K P bytes  the driver's program binary
//
// The key is stored whole and compared byte for byte, and the SHA-256 covers the header, key
// and binary: an entry is bound to the one program it was written for. Checksums keep out
// damage, not an adversary (anyone who can write an entry can recompute them): that is what
// the ownership and permission checks are for (see untrusted_because).

#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace glc::detail {

/// Changes whenever the layout above or the key's composition changes; part of every key too.
/// 1: the key's digest and an FNV-1a 64 of the payload (an entry could be forged from another).
constexpr std::uint32_t kCacheFormatVersion = 2;
constexpr std::size_t kCacheHeaderBytes = 64;
/// Far above any real entry (NVIDIA's largest binaries are a few MB, sources far less): a size
/// beyond it is a damaged or foreign file, not read.
constexpr std::uint64_t kMaxCacheEntryBytes = std::uint64_t{1} << 30;

/// The bytes of an entry holding `payload` for `key`.
std::string encode_cache_entry(std::string_view key, std::uint32_t binary_format,
                               std::string_view payload);

/// A checked entry: `problem` says why it cannot be trusted, or is empty and then `payload`
/// (a view into the decoded bytes) and `binary_format` are what was stored for `key`.
struct DecodedCacheEntry {
  std::string problem;
  std::uint32_t binary_format = 0;
  std::string_view payload;
};
DecodedCacheEntry decode_cache_entry(std::string_view bytes, std::string_view key);

/// Why a cache directory or entry with status `info` must not be trusted, or "": like ssh with
/// ~/.ssh, it must belong to this process's user (or root) and be writable by nobody else, or
/// another user could plant a program binary that this process would run.
std::string untrusted_because(const struct stat& info);

/// An open cache directory (O_DIRECTORY), closed on destruction; entries are read and written
/// relative to it, so the directory checked is the one used.
class CacheDirectory {
 public:
  CacheDirectory() = default;
  ~CacheDirectory();
  CacheDirectory(CacheDirectory&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  CacheDirectory& operator=(CacheDirectory&&) = delete;
  CacheDirectory(const CacheDirectory&) = delete;
  CacheDirectory& operator=(const CacheDirectory&) = delete;

  /// What opening `path` found.
  enum class Opened { ok, absent, failed };
  /// Opens `path`; on `failed`, `problem` says why (it cannot be opened, or is untrusted).
  Opened open(const std::filesystem::path& path, std::string& problem);

  /// Creates `path` where missing: each missing directory from `base` (which must exist) down
  /// is made with mode 0700. "" on success, else why not.
  static std::string create(const std::filesystem::path& base, const std::filesystem::path& path);

  int fd() const noexcept { return fd_; }

  /// Writes `bytes` to a new temporary file (mode 0600) in the directory, then renames it to
  /// `name`: readers see the old entry or the new one, never a mixture, even with several
  /// writers at once. "" on success, else why not (the temporary file is removed).
  std::string write_atomically(const std::string& name, std::string_view bytes) const;

 private:
  int fd_ = -1;
};

}  // namespace glc::detail
