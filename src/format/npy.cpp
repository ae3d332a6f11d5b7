// Reading and writing .npy files: the data after the header, byte order, and the files
// themselves.

#include "glcompute/npy.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>

#include "glcompute/error.hpp"
#include "npy_header.hpp"

namespace glc::npy {
namespace {

using detail::Header;
using detail::Preamble;

[[noreturn]] void fail(const std::string& name, const std::string& what) {
  throw Error(name + ": " + what);
}

// The bytes the data of `header` takes, or a glc::Error where that does not fit in a size_t.
std::size_t data_bytes(const Header& header, const std::string& name) {
  const std::size_t count = *element_count(header.shape);  // checked by parse_header
  const std::size_t size = item_size(header.dtype);
  if (count > SIZE_MAX / size) {
    fail(name, "the shape " + shape_text(header.shape) + " of " + std::string(npy::name(header.dtype)) +
                   " holds more bytes than memory can address");
  }
  return count * size;
}

// The data as it should be in memory: this machine's byte order, and bools as 0 or 1 (NumPy
// never writes other bytes for a bool, but a shader reading them must not see any).
void normalize(const Header& header, std::span<std::byte> data) {
  const std::size_t size = item_size(header.dtype);
  if (header.swap_bytes) {
    for (std::size_t at = 0; at + size <= data.size(); at += size) {
      std::reverse(data.begin() + static_cast<std::ptrdiff_t>(at),
                   data.begin() + static_cast<std::ptrdiff_t>(at + size));
    }
  }
  if (header.dtype == Dtype::bool_) {
    for (std::byte& b : data) b = b == std::byte{0} ? std::byte{0} : std::byte{1};
  }
}

std::string too_short(const Header& header, std::size_t needed, std::size_t found) {
  return "the data is cut short: shape " + shape_text(header.shape) + " of " +
         std::string(name(header.dtype)) + " needs " + std::to_string(needed) +
         " bytes after the header, the file has " + std::to_string(found);
}

std::string system_error(const std::string& what) {
  return what + ": " + std::strerror(errno);
}

// Reads up to `count` bytes; fewer only at the end of the file.
std::size_t read_some(std::ifstream& in, std::byte* into, std::size_t count) {
  in.read(reinterpret_cast<char*>(into), static_cast<std::streamsize>(count));
  return static_cast<std::size_t>(in.gcount());
}

}  // namespace

Array decode(std::span<const std::byte> bytes, const std::string& name) {
  const Preamble p = detail::read_preamble(bytes, name);
  if (bytes.size() - p.header_begin < p.header_bytes) {
    fail(name, "the file ends inside its header (" + std::to_string(bytes.size() - p.header_begin) +
                   " of " + std::to_string(p.header_bytes) + " bytes)");
  }
  const std::span<const std::byte> text = bytes.subspan(p.header_begin, p.header_bytes);
  const Header header = detail::parse_header(
      std::string_view(reinterpret_cast<const char*>(text.data()), text.size()), p.major, name);
  const std::size_t needed = data_bytes(header, name);
  const std::size_t available = bytes.size() - p.header_begin - p.header_bytes;
  if (available < needed) fail(name, too_short(header, needed, available));
  Array array{header.dtype, header.shape, {}};
  const auto data = bytes.subspan(p.header_begin + p.header_bytes, needed);
  array.data.assign(data.begin(), data.end());
  normalize(header, array.data);
  return array;
}

Array read(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) fail(name, "a directory, not a .npy file");
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(name, system_error("cannot open it"));
  std::byte start[detail::kPreambleBytes2];
  const std::size_t got = read_some(in, start, sizeof start);
  if (in.bad()) fail(name, system_error("cannot read it"));
  const Preamble p = detail::read_preamble(std::span(start, got), name);
  // The header's first bytes, if any were read with the preamble.
  std::string text(reinterpret_cast<const char*>(start) + p.header_begin, reinterpret_cast<const char*>(start) + got);
  if (p.header_bytes < text.size()) text.resize(p.header_bytes);
  const std::size_t wanted = p.header_bytes - text.size();
  text.resize(p.header_bytes);
  const std::size_t rest = read_some(in, reinterpret_cast<std::byte*>(text.data()) + (text.size() - wanted), wanted);
  if (rest < wanted) {
    fail(name, "the file ends inside its header (" + std::to_string(p.header_bytes - wanted + rest) +
                   " of " + std::to_string(p.header_bytes) + " bytes)");
  }
  const Header header = detail::parse_header(text, p.major, name);
  const std::size_t needed = data_bytes(header, name);

  // A file never holds more than its size: check that before allocating what a header claims.
  // Pipes have no size; their data is read in pieces, so a lying header costs no more memory
  // than the data actually sent.
  const std::size_t data_begin = p.header_begin + p.header_bytes;
  const bool regular = std::filesystem::is_regular_file(path, ec);
  const std::uintmax_t file_size = regular ? std::filesystem::file_size(path, ec) : 0;
  if (regular && !ec && (file_size < data_begin || file_size - data_begin < needed)) {
    fail(name, too_short(header, needed, file_size < data_begin ? 0 : file_size - data_begin));
  }
  // Skip the unread part of a header that spilled past the first bytes read (a short header
  // was read whole above, so the stream stands at the data).
  if (got > data_begin) in.seekg(static_cast<std::streamoff>(data_begin));
  Array array{header.dtype, header.shape, {}};
  constexpr std::size_t kPiece = std::size_t{64} << 20;
  std::size_t have = 0;
  while (have < needed) {
    const std::size_t piece = regular ? needed - have : std::min(kPiece, needed - have);
    array.data.resize(have + piece);
    const std::size_t n = read_some(in, array.data.data() + have, piece);
    have += n;
    if (n < piece) {
      if (in.bad()) fail(name, system_error("cannot read it"));
      fail(name, too_short(header, needed, have));
    }
  }
  normalize(header, array.data);
  return array;
}

std::vector<std::byte> encode(const Array& array) {
  const std::optional<std::size_t> count = element_count(array.shape);
  const std::size_t size = item_size(array.dtype);
  if (!count || *count > SIZE_MAX / size || *count * size != array.data.size()) {
    throw Error("glc::npy::encode: shape " + shape_text(array.shape) + " of " +
                std::string(name(array.dtype)) + " does not match " +
                std::to_string(array.data.size()) + " bytes of data");
  }
  const std::string header = detail::encode_header(array.dtype, array.shape);
  std::vector<std::byte> out(header.size() + array.data.size());
  std::memcpy(out.data(), header.data(), header.size());
  if (!array.data.empty()) std::memcpy(out.data() + header.size(), array.data.data(), array.data.size());
  return out;
}

void write(const std::filesystem::path& path, const Array& array) {
  const std::vector<std::byte> bytes = encode(array);
  const std::string name = path.string();
  // A new file beside the target, created with the usual permissions (0666 less the umask), then
  // renamed over it: readers never see a half-written file, and a failure leaves none behind.
  std::filesystem::path temp;
  int fd = -1;
  std::random_device random;
  for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
    temp = path;
    temp += ".tmp" + std::to_string(::getpid()) + "-" + std::to_string(random());
    fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) fail(name, system_error("cannot create a file beside it"));
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string error = system_error("cannot write it");
      ::close(fd);
      ::unlink(temp.c_str());
      fail(name, error);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0 || std::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string error = system_error("cannot write it");
    ::unlink(temp.c_str());
    fail(name, error);
  }
}

}  // namespace glc::npy
