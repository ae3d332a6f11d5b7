#include "util/regular_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace glc::detail {
namespace {

/// Closes a POSIX file descriptor when it goes out of scope.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

RegularFile failure(RegularFile::Status status, std::string problem) {
  RegularFile out;
  out.status = status;
  out.problem = std::move(problem);
  return out;
}

std::string too_large_problem(std::uint64_t max_bytes, const std::string& size) {
  return "larger than " + std::to_string(max_bytes) + " bytes (" + size + ")";
}

/// "open failed: Permission denied" for the errno of the step that just failed.
std::string errno_problem(const char* step) {
  const int error = errno;
  return std::string(step) + " failed: " + std::strerror(error);
}

}  // namespace

std::string file_kind(mode_t mode) {
  if (S_ISREG(mode)) return "a regular file";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISLNK(mode)) return "a symbolic link";
  return "a special file";
}

RegularFile read_regular_file(int dir_fd, const std::string& path, std::uint64_t max_bytes,
                              bool follow_links) {
  using Status = RegularFile::Status;
  struct stat before {};
  if (::fstatat(dir_fd, path.c_str(), &before, follow_links ? 0 : AT_SYMLINK_NOFOLLOW) != 0) {
    const int error = errno;
    if (error == ENOENT || error == ENOTDIR) return failure(Status::absent, std::strerror(error));
    return failure(Status::failed, errno_problem("stat"));
  }
  if (!S_ISREG(before.st_mode)) {
    RegularFile out = failure(Status::not_regular, "not a regular file but " + file_kind(before.st_mode));
    out.info = before;
    return out;
  }
  if (static_cast<std::uint64_t>(before.st_size) > max_bytes) {
    return failure(Status::too_large,
                   too_large_problem(max_bytes, std::to_string(before.st_size) + " bytes"));
  }
  // O_NONBLOCK: had a FIFO been swapped in since the check, open would not wait for a writer.
  const int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (follow_links ? 0 : O_NOFOLLOW);
  const Descriptor fd(::openat(dir_fd, path.c_str(), flags));
  if (fd.get() < 0) {
    const int error = errno;
    if (error == ELOOP) return failure(Status::not_regular, "not a regular file but a symbolic link");
    if (error == ENOENT) return failure(Status::absent, std::strerror(error));
    return failure(Status::failed, errno_problem("open"));
  }
  RegularFile out;
  if (::fstat(fd.get(), &out.info) != 0) return failure(Status::failed, errno_problem("fstat"));
  if (!S_ISREG(out.info.st_mode) || out.info.st_dev != before.st_dev ||
      out.info.st_ino != before.st_ino) {
    return failure(Status::not_regular, "not a regular file any more: it was replaced by " +
                                            file_kind(out.info.st_mode) + " while being opened");
  }
  // Read to the end rather than trusting st_size (the file may be growing), within the bound.
  out.bytes.reserve(static_cast<std::size_t>(out.info.st_size));
  char chunk[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd.get(), chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return failure(Status::failed, errno_problem("read"));
    if (n == 0) break;
    if (out.bytes.size() + static_cast<std::size_t>(n) > max_bytes) {
      return failure(Status::too_large, too_large_problem(max_bytes, "it grew while being read"));
    }
    out.bytes.append(chunk, static_cast<std::size_t>(n));
  }
  out.status = Status::ok;
  return out;
}

}  // namespace glc::detail
