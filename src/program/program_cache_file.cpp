#include "program/program_cache_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "util/sha256.hpp"

namespace glc::detail {
namespace fs = std::filesystem;
namespace {

constexpr char kMagic[8] = {'G', 'L', 'C', 'P', 'R', 'O', 'G', '\0'};
constexpr std::size_t kDigestAt = 32;
constexpr std::size_t kDigestBytes = 32;

void put_le(std::string& out, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>(value >> (8 * i) & 0xff);
}

std::uint64_t get_le(std::string_view in, std::size_t at, int bytes) {
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) {
    value |= std::uint64_t{static_cast<unsigned char>(in[at + i])} << (8 * i);
  }
  return value;
}

/// The SHA-256 an entry stores: of all its bytes but the digest's own.
Sha256Digest entry_digest(std::string_view entry) {
  std::string covered(entry.substr(0, kDigestAt));
  covered.append(entry.substr(kCacheHeaderBytes));
  return sha256(covered);
}

std::string errno_text() { return std::strerror(errno); }

std::string octal_mode(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

/// A name no other writer uses at the same time: this process's id and a per-process count.
std::string temporary_name(const std::string& name) {
  static std::atomic<std::uint64_t> counter{0};
  return name + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1));
}

}  // namespace

std::string encode_cache_entry(std::string_view key, std::uint32_t binary_format,
                               std::string_view payload) {
  std::string out(kMagic, sizeof kMagic);
  put_le(out, kCacheFormatVersion, 4);
  put_le(out, binary_format, 4);
  put_le(out, key.size(), 8);
  put_le(out, payload.size(), 8);
  out.append(kDigestBytes, '\0');
  out.append(key);
  out.append(payload);
  const Sha256Digest digest = entry_digest(out);
  out.replace(kDigestAt, kDigestBytes, reinterpret_cast<const char*>(digest.data()), digest.size());
  return out;
}

DecodedCacheEntry decode_cache_entry(std::string_view bytes, std::string_view key) {
  DecodedCacheEntry entry;
  if (bytes.size() < kCacheHeaderBytes) {
    entry.problem = "truncated: " + std::to_string(bytes.size()) + " bytes, shorter than the " +
                    std::to_string(kCacheHeaderBytes) + "-byte header";
    return entry;
  }
  if (bytes.substr(0, sizeof kMagic) != std::string_view(kMagic, sizeof kMagic)) {
    entry.problem = "not a glcompute program cache entry (wrong magic)";
    return entry;
  }
  if (const std::uint64_t version = get_le(bytes, 8, 4); version != kCacheFormatVersion) {
    entry.problem = "cache format version " + std::to_string(version) + ", expected " +
                    std::to_string(kCacheFormatVersion);
    return entry;
  }
  const std::uint64_t key_length = get_le(bytes, 16, 8);
  const std::uint64_t payload_length = get_le(bytes, 24, 8);
  const std::uint64_t body = bytes.size() - kCacheHeaderBytes;
  if (key_length > body || payload_length != body - key_length) {
    entry.problem = "truncated or padded: the header says " + std::to_string(key_length) +
                    " key and " + std::to_string(payload_length) + " payload bytes, the file has " +
                    std::to_string(body) + " after the header";
    return entry;
  }
  const Sha256Digest digest = entry_digest(bytes);
  if (bytes.substr(kDigestAt, kDigestBytes) !=
      std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size())) {
    entry.problem = "corrupt: the entry's SHA-256 checksum does not match";
    return entry;
  }
  if (bytes.substr(kCacheHeaderBytes, key_length) != key) {
    entry.problem = "written for another key (another source, options or driver)";
    return entry;
  }
  if (payload_length == 0) {
    entry.problem = "the payload is empty";
    return entry;
  }
  entry.binary_format = static_cast<std::uint32_t>(get_le(bytes, 12, 4));
  entry.payload = bytes.substr(kCacheHeaderBytes + key_length);
  return entry;
}

std::string untrusted_because(const struct stat& info) {
  const uid_t me = ::geteuid();
  if (info.st_uid != me && info.st_uid != 0) {
    return "it is owned by user " + std::to_string(info.st_uid) + ", not by this process's user (" +
           std::to_string(me) + ") or root";
  }
  if ((info.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    return "it is writable by other users (mode " + octal_mode(info.st_mode) + ")";
  }
  return "";
}

CacheDirectory::~CacheDirectory() {
  if (fd_ >= 0) ::close(fd_);
}

CacheDirectory::Opened CacheDirectory::open(const fs::path& path, std::string& problem) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd_ < 0) {
    // ENOTDIR: a file where a directory should be; creating the directory will say so.
    if (errno == ENOENT || errno == ENOTDIR) return Opened::absent;
    problem = "cannot open the cache directory " + path.string() + ": " + errno_text();
    return Opened::failed;
  }
  struct stat info {};
  if (::fstat(fd_, &info) != 0) {
    problem = "cannot examine the cache directory " + path.string() + ": " + errno_text();
    return Opened::failed;
  }
  if (const std::string why = untrusted_because(info); !why.empty()) {
    problem = "refusing the cache directory " + path.string() + ": " + why +
              ", so another user could plant program binaries in it (as ssh refuses such a "
              "~/.ssh); chmod go-w it and make it yours, or choose another directory";
    return Opened::failed;
  }
  return Opened::ok;
}

std::string CacheDirectory::create(const fs::path& base, const fs::path& path) {
  std::error_code ec;
  if (!fs::is_directory(base, ec)) {
    return "cannot create the cache directory " + path.string() + ": " + base.string() +
           " does not exist (it is not created)";
  }
  fs::path current = base;
  for (const fs::path& part : path.lexically_relative(base)) {
    if (part.empty() || part == ".") continue;
    current /= part;
    if (::mkdir(current.c_str(), 0700) == 0) {
      ::chmod(current.c_str(), 0700);  // whatever the umask: the directory is this user's alone
    } else if (errno != EEXIST) {
      return "cannot create directory " + current.string() + ": " + errno_text();
    }
  }
  return "";
}

std::string CacheDirectory::write_atomically(const std::string& name, std::string_view bytes) const {
  const std::string temporary = temporary_name(name);
  const int fd = ::openat(fd_, temporary.c_str(),
                          O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return "cannot create " + temporary + ": " + errno_text();
  std::string error;
  if (::fchmod(fd, 0600) != 0) {  // the umask may have taken the owner's bits away
    error = "cannot set the mode of " + temporary + ": " + errno_text();
  } else if (!write_all(fd, bytes)) {
    error = "cannot write " + temporary + ": " + errno_text();
  }
  if (::close(fd) != 0 && error.empty()) error = "cannot close " + temporary + ": " + errno_text();
  if (error.empty() && ::renameat(fd_, temporary.c_str(), fd_, name.c_str()) != 0) {
    error = "cannot rename " + temporary + " to " + name + ": " + errno_text();
  }
  if (!error.empty()) ::unlinkat(fd_, temporary.c_str(), 0);
  return error;
}

}  // namespace glc::detail
