#pragma once
// Reading a file that must be an ordinary file: shader sources, included files, program cache
// entries. Anything else is refused before it is opened for reading — a FIFO would block until
// a writer comes (forever), a device such as /dev/zero never ends — and so is a file larger than
// the caller's bound. Internal.

#include <sys/stat.h>

#include <cstdint>
#include <string>

namespace glc::detail {

/// What kind of file `mode` (st_mode) describes, for messages: "a FIFO", "a character
/// device", "a directory", "a symbolic link", ...
std::string file_kind(mode_t mode);

/// What read_regular_file found.
struct RegularFile {
  enum class Status {
    ok,           ///< `bytes` holds the whole file; `info` describes it
    absent,       ///< no such file (ENOENT, or a path component that is not a directory)
    not_regular,  ///< something else is there (`info` says what); it was not opened
    too_large,    ///< larger than the bound; not read
    failed,       ///< stat, open or read failed (`problem` says why)
  };
  Status status = Status::failed;
  std::string bytes;
  /// Why it is not `ok`, in words that can follow "is" or a colon: "not a regular file but a
  /// FIFO (named pipe)", "larger than 67108864 bytes (1073741825 bytes)", "No such file or
  /// directory", "open failed: Permission denied".
  std::string problem;
  /// The file's status (owner, mode, size) as read from the opened file where `ok`.
  struct stat info {};
};

/// Reads `path` (relative to the directory `dir_fd`, or AT_FDCWD) if it is a regular file of at
/// most `max_bytes` bytes. The file is checked with fstatat before it is opened, then opened
/// without blocking and checked again through the descriptor (the same file, still regular, still
/// within the bound), so a file swapped in between is refused too. `follow_links` false also
/// refuses a symbolic link (O_NOFOLLOW).
RegularFile read_regular_file(int dir_fd, const std::string& path, std::uint64_t max_bytes,
                              bool follow_links);

}  // namespace glc::detail
