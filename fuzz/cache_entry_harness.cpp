// Program cache entries: the files of a cache directory are whatever is on disk (another
// version, another process's half-written file, a damaged disk), so decoding one must never
// throw and must accept only what encode_cache_entry writes for the key asked for. Each input
// is used twice:
//
// - as an entry, decoded with the key its own key field holds (so that the checks after the
//   key's are reached) and with another key: either a problem, or a non-empty payload lying
//   inside the input whose re-encoding is the input itself;
// - as the makings of one: byte 0 the key's length k, bytes 1..k the key, the next 4 the
//   binary format, 2 bytes a position to damage, 1 byte how, the rest the payload. Encoded then
//   decoded, it must give back the format and the payload (an empty payload is a problem). Any
//   damaged byte, a byte cut off or one added must be a problem (the SHA-256 covers every
//   byte), and so must decoding with a key that differs in one byte.

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

std::uint64_t le(std::string_view bytes, std::size_t at, int n) {
  std::uint64_t value = 0;
  for (int i = 0; i < n && at + i < bytes.size(); ++i) {
    value |= std::uint64_t{static_cast<unsigned char>(bytes[at + i])} << (8 * i);
  }
  return value;
}

/// The key an entry says it holds (its length at 16, the bytes from 64), as far as it goes.
std::string_view own_key(std::string_view bytes) {
  if (bytes.size() <= detail::kCacheHeaderBytes) return {};
  const std::uint64_t length = le(bytes, 16, 8);
  return bytes.substr(detail::kCacheHeaderBytes,
                      static_cast<std::size_t>(std::min<std::uint64_t>(length, bytes.size())));
}

bool views_inside(std::string_view part, std::string_view whole) {
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

void check_decoded(std::string_view bytes, std::string_view key) {
  const DecodedCacheEntry entry = detail::decode_cache_entry(bytes, key);
  if (!entry.problem.empty()) return;
  check(!entry.payload.empty(), "an entry with an empty payload was accepted");
  check(views_inside(entry.payload, bytes), "the payload lies outside the entry");
  check(detail::encode_cache_entry(key, entry.binary_format, entry.payload) == bytes,
        "an accepted entry is not what encoding its payload writes");
}

void round_trip(std::string_view input) {
  const std::size_t key_length = input.empty() ? 0 : std::min<std::size_t>(static_cast<unsigned char>(input[0]), input.size() - 1);
  const std::string key(input.substr(input.empty() ? 0 : 1, key_length));
  std::size_t at = 1 + key_length;
  const auto format = static_cast<std::uint32_t>(le(input, at, 4));
  const std::size_t position = static_cast<std::size_t>(le(input, at + 4, 2));
  const unsigned char flip = at + 6 < input.size() ? static_cast<unsigned char>(input[at + 6]) : 0;
  at += 7;
  const std::string_view payload = at < input.size() ? input.substr(at) : std::string_view();

  const std::string entry = detail::encode_cache_entry(key, format, payload);
  check(entry.size() == detail::kCacheHeaderBytes + key.size() + payload.size(),
        "an entry of the wrong size");
  const DecodedCacheEntry decoded = detail::decode_cache_entry(entry, key);
  if (payload.empty()) {
    check(!decoded.problem.empty(), "an empty payload was accepted");
    return;
  }
  check(decoded.problem.empty(), ("a fresh entry was refused: " + decoded.problem).c_str());
  check(decoded.binary_format == format, "the binary format did not come back");
  check(decoded.payload == payload, "the payload did not come back");

  std::string damaged = entry;
  const std::size_t where = position % damaged.size();
  damaged[where] = static_cast<char>(damaged[where] ^ (flip == 0 ? 0x01 : flip));
  check(!detail::decode_cache_entry(damaged, key).problem.empty(), "a damaged entry was accepted");
  check(!detail::decode_cache_entry(std::string_view(entry).substr(0, entry.size() - 1), key).problem.empty(),
        "an entry missing its last byte was accepted");
  check(!detail::decode_cache_entry(entry + static_cast<char>(flip), key).problem.empty(),
        "an entry with a byte added was accepted");
  std::string other_key = key.empty() ? std::string(1, '\0') : key;
  other_key[position % other_key.size()] ^= static_cast<char>(flip == 0 ? 0x01 : flip);
  check(!detail::decode_cache_entry(entry, other_key).problem.empty(),
        "an entry was accepted for another key");
}

}  // namespace

int cache_entry(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  try {
    check_decoded(input, own_key(input));
    check_decoded(input, "another key");
    round_trip(input);
  } catch (const std::exception& e) {
    unexpected_exception("the cache entry code threw", e);
  }
  return 0;
}

}  // namespace glc::fuzz
