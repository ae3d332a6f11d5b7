#pragma once
// The parts of a .npy file before the data: the preamble (magic string, format version, header
// length) and the header, a Python dict literal such as
//   {'descr': '<f4', 'fortran_order': False, 'shape': (8, 8), }
// Internal to src/format/npy*.cpp.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "glcompute/npy.hpp"

namespace glc::npy::detail {

/// "\x93NUMPY": the first six bytes of every .npy file.
inline constexpr std::string_view kMagic{"\x93NUMPY", 6};
/// Bytes before the header: the magic string, two version bytes, and a 2-byte (version 1.0) or
/// 4-byte (2.0, 3.0) little-endian header length.
inline constexpr std::size_t kPreambleBytes1 = 10;
inline constexpr std::size_t kPreambleBytes2 = 12;
/// np.save pads the header so that the data starts at a multiple of this.
inline constexpr std::size_t kAlignment = 64;

/// What the preamble says.
struct Preamble {
  int major = 1;                 ///< format version 1, 2 or 3 (the minor version is 0)
  std::size_t header_begin = 0;  ///< 10 or 12
  std::size_t header_bytes = 0;  ///< the header's length; the data starts after it
};

/// Reads the preamble from the first bytes of a file (12 are enough; fewer where the file is
/// shorter). Throws glc::Error naming `name`: not a .npy file, an unknown version, a file cut
/// short, or a header longer than kMaxHeaderBytes.
Preamble read_preamble(std::span<const std::byte> bytes, const std::string& name);

/// What the header says.
struct Header {
  Dtype dtype = Dtype::float32;
  bool swap_bytes = false;  ///< the data's byte order is not this machine's
  Shape shape;
};

/// Parses the header text (version 3 headers are UTF-8, earlier ones Latin-1: the dict of a
/// dtype glcompute reads is ASCII either way). Throws glc::Error naming `name` and what is
/// wrong: not a dict literal, missing or unknown keys, a dtype glcompute does not read (object,
/// structured, string, complex...), Fortran order where it differs from C order, a bad shape.
Header parse_header(std::string_view text, int major, const std::string& name);

/// The preamble and header np.save writes for an array of `dtype` and `shape`.
std::string encode_header(Dtype dtype, const Shape& shape);

}  // namespace glc::npy::detail
