// Program cache entries: the files of a cache directory are whatever is on disk (another
// version, another process's half-written file, a damaged disk), so decoding one must never
// throw and must accept only what encode_cache_entry writes. Each input is used twice:
//
// - as an entry, decoded with the key its bytes 16-47 hold (so that the checks after the key's
//   are reached) and with another key: either a problem, or a non-empty payload lying inside
//   the input whose re-encoding is the input itself;
// - as the makings of one: bytes 0-31 the key, 32-35 the binary format, 36-37 a byte to
//   damage, 38 how, the rest the payload. Encoded then decoded, it must give back the format
//   and the payload (an empty payload is a problem). Any damaged byte, a byte cut off or one
//   added must be a problem, except in the binary format's bytes 12-15, which no check covers:
//   there the payload comes back with another format (ProgramCache refuses formats the driver
//   does not offer, and the driver refuses a binary that is not of its format).

#include <algorithm>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>

#include "harnesses.hpp"
#include "program/program_cache_file.hpp"

namespace glc::fuzz {
namespace {

using detail::DecodedCacheEntry;
using detail::Sha256Digest;

Sha256Digest key_at(std::string_view bytes, std::size_t at) {
  Sha256Digest key{};
  if (at < bytes.size()) {
    const std::size_t n = std::min(key.size(), bytes.size() - at);
    std::memcpy(key.data(), bytes.data() + at, n);
  }
  return key;
}

bool views_inside(std::string_view part, std::string_view whole) {
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

void check_decoded(std::string_view bytes, const Sha256Digest& key) {
  const DecodedCacheEntry entry = detail::decode_cache_entry(bytes, key);
  if (!entry.problem.empty()) return;
  check(!entry.payload.empty(), "an entry with an empty payload was accepted");
  check(views_inside(entry.payload, bytes), "the payload lies outside the entry");
  check(detail::encode_cache_entry(key, entry.binary_format, entry.payload) == bytes,
        "an accepted entry is not what encoding its payload writes");
}

void round_trip(std::string_view input) {
  const Sha256Digest key = key_at(input, 0);
  std::uint32_t format = 0;
  for (std::size_t i = 0; i < 4 && 32 + i < input.size(); ++i) {
    format |= std::uint32_t{static_cast<unsigned char>(input[32 + i])} << (8 * i);
  }
  const std::size_t position = input.size() > 37 ? static_cast<unsigned char>(input[36]) |
                                                       static_cast<unsigned char>(input[37]) << 8
                                                 : 0;
  const unsigned char flip = input.size() > 38 ? static_cast<unsigned char>(input[38]) : 0;
  const std::string_view payload = input.size() > 39 ? input.substr(39) : std::string_view();

  const std::string entry = detail::encode_cache_entry(key, format, payload);
  check(entry.size() == detail::kCacheHeaderBytes + payload.size(), "an entry of the wrong size");
  const DecodedCacheEntry decoded = detail::decode_cache_entry(entry, key);
  if (payload.empty()) {
    check(!decoded.problem.empty(), "an empty payload was accepted");
    return;
  }
  check(decoded.problem.empty(), ("a fresh entry was refused: " + decoded.problem).c_str());
  check(decoded.binary_format == format, "the binary format did not come back");
  check(decoded.payload == payload, "the payload did not come back");

  std::string damaged = entry;
  const std::size_t at = position % damaged.size();
  damaged[at] = static_cast<char>(damaged[at] ^ (flip == 0 ? 0x01 : flip));
  const DecodedCacheEntry d = detail::decode_cache_entry(damaged, key);
  if (at >= 12 && at < 16) {
    check(d.problem.empty() && d.binary_format != format && d.payload == payload,
          "damage to the binary format did more than change it");
  } else {
    check(!d.problem.empty(), "a damaged entry was accepted");
  }
  check(!detail::decode_cache_entry(std::string_view(entry).substr(0, entry.size() - 1), key).problem.empty(),
        "an entry missing its last byte was accepted");
  check(!detail::decode_cache_entry(entry + static_cast<char>(flip), key).problem.empty(),
        "an entry with a byte added was accepted");
}

}  // namespace

int cache_entry(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  try {
    check_decoded(input, key_at(input, 16));
    check_decoded(input, Sha256Digest{});
    round_trip(input);
  } catch (const std::exception& e) {
    unexpected_exception("the cache entry code threw", e);
  }
  return 0;
}

}  // namespace glc::fuzz
