#include "program/program_cache_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace glc::detail {
namespace fs = std::filesystem;
namespace {

constexpr char kMagic[8] = {'G', 'L', 'C', 'P', 'R', 'O', 'G', '\0'};
/// Far above any real program binary (NVIDIA's largest are a few MB): a size beyond it is a
/// damaged or foreign file, not worth reading.
constexpr std::uint64_t kMaxEntryBytes = std::uint64_t{1} << 30;

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

std::string errno_text() { return std::strerror(errno); }

/// Closes a POSIX file descriptor when it goes out of scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() { close(); }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  /// Closes now; false if close reported an error (a delayed write failure, for instance).
  bool close() {
    const int fd = fd_;
    fd_ = -1;
    return fd < 0 || ::close(fd) == 0;
  }

 private:
  int fd_;
};

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
fs::path temporary_name(const fs::path& file) {
  static std::atomic<std::uint64_t> counter{0};
  return fs::path(file).concat(".tmp-" + std::to_string(::getpid()) + "-" +
                               std::to_string(counter.fetch_add(1)));
}

}  // namespace

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

std::string encode_cache_entry(const Sha256Digest& key, std::uint32_t binary_format,
                               std::string_view payload) {
  std::string out(kMagic, sizeof kMagic);
  put_le(out, kCacheFormatVersion, 4);
  put_le(out, binary_format, 4);
  out.append(reinterpret_cast<const char*>(key.data()), key.size());
  put_le(out, payload.size(), 8);
  put_le(out, fnv1a64(payload), 8);
  out.append(payload);
  return out;
}

DecodedCacheEntry decode_cache_entry(std::string_view bytes, const Sha256Digest& key) {
  DecodedCacheEntry entry;
  if (bytes.size() < kCacheHeaderBytes) {
    entry.problem = "truncated: " + std::to_string(bytes.size()) + " bytes, shorter than the " +
                    std::to_string(kCacheHeaderBytes) + "-byte header";
  } else if (bytes.substr(0, sizeof kMagic) != std::string_view(kMagic, sizeof kMagic)) {
    entry.problem = "not a glcompute program cache entry (wrong magic)";
  } else if (const std::uint64_t version = get_le(bytes, 8, 4); version != kCacheFormatVersion) {
    entry.problem = "cache format version " + std::to_string(version) + ", expected " +
                    std::to_string(kCacheFormatVersion);
  } else if (bytes.substr(16, key.size()) !=
             std::string_view(reinterpret_cast<const char*>(key.data()), key.size())) {
    entry.problem = "written for another key (another source, options or driver)";
  } else if (const std::uint64_t length = get_le(bytes, 48, 8);
             length != bytes.size() - kCacheHeaderBytes) {
    entry.problem = "truncated or padded: the header says " + std::to_string(length) +
                    " payload bytes, the file has " + std::to_string(bytes.size() - kCacheHeaderBytes);
  } else if (length == 0) {
    entry.problem = "the payload is empty";
  } else if (fnv1a64(bytes.substr(kCacheHeaderBytes)) != get_le(bytes, 56, 8)) {
    entry.problem = "corrupt: the payload's checksum does not match";
  } else {
    entry.binary_format = static_cast<std::uint32_t>(get_le(bytes, 12, 4));
    entry.payload = bytes.substr(kCacheHeaderBytes);
  }
  return entry;
}

FileRead read_whole_file(const fs::path& file, std::string& bytes, std::string& error) {
  FileDescriptor fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    // ENOTDIR: a file where the directory should be; writing will say so.
    if (errno == ENOENT || errno == ENOTDIR) return FileRead::absent;
    error = "cannot open: " + errno_text();
    return FileRead::failed;
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode)) {
    error = "not a regular file";
    return FileRead::failed;
  }
  if (static_cast<std::uint64_t>(info.st_size) > kMaxEntryBytes) {
    error = "implausibly large (" + std::to_string(info.st_size) + " bytes)";
    return FileRead::failed;
  }
  // Read to the end rather than trusting st_size: the file is what is there.
  bytes.clear();
  bytes.reserve(static_cast<std::size_t>(info.st_size));
  char chunk[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd.get(), chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = "cannot read: " + errno_text();
      return FileRead::failed;
    }
    if (n == 0) break;
    bytes.append(chunk, static_cast<std::size_t>(n));
    if (bytes.size() > kMaxEntryBytes) {
      error = "implausibly large (over " + std::to_string(kMaxEntryBytes) + " bytes)";
      return FileRead::failed;
    }
  }
  return FileRead::ok;
}

std::string write_file_atomically(const fs::path& file, std::string_view bytes) {
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  if (ec) return "cannot create directory " + file.parent_path().string() + ": " + ec.message();
  const fs::path temporary = temporary_name(file);
  FileDescriptor fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (fd.get() < 0) return "cannot create " + temporary.string() + ": " + errno_text();
  std::string error;
  if (!write_all(fd.get(), bytes)) {
    error = "cannot write " + temporary.string() + ": " + errno_text();
  } else if (!fd.close()) {
    error = "cannot close " + temporary.string() + ": " + errno_text();
  } else if (::rename(temporary.c_str(), file.c_str()) != 0) {
    error = "cannot rename " + temporary.string() + " to " + file.string() + ": " + errno_text();
  }
  if (!error.empty()) ::unlink(temporary.c_str());
  return error;
}

}  // namespace glc::detail
