#pragma once
// SHA-256 (FIPS 180-4), for the program cache's keys: a digest long enough that two different
// keys never meet in one file name or pass each other's check. Internal.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace glc::detail {

using Sha256Digest = std::array<std::uint8_t, 32>;

/// The SHA-256 digest of `bytes`.
Sha256Digest sha256(std::string_view bytes);

/// Lower-case hexadecimal of the first `bytes` bytes of `digest`.
std::string to_hex(const Sha256Digest& digest, std::size_t bytes = 32);

}  // namespace glc::detail
