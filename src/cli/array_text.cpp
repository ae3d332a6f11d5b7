#include "array_text.hpp"

#include <cstdint>
#include <cstring>
#include <vector>

#include <glcompute/format.hpp>

#include "usage_error.hpp"

namespace glc::cli {
namespace {

// The elements as Wide (a type glc::format prints), converted one by one from Stored.
template <class Stored, class Wide>
std::vector<Wide> widened(std::span<const std::byte> data) {
  std::vector<Wide> out(data.size() / sizeof(Stored));
  for (std::size_t i = 0; i < out.size(); ++i) {
    Stored value;
    std::memcpy(&value, data.data() + i * sizeof(Stored), sizeof(Stored));
    out[i] = static_cast<Wide>(value);
  }
  return out;
}

template <class Stored, class Wide = Stored>
std::string text_as(std::span<const std::byte> data, const glc::Shape& shape) {
  const std::vector<Wide> values = widened<Stored, Wide>(data);
  return glc::format(std::span<const Wide>(values), shape);
}

// NumPy prints bools as " True" and "False" (five characters each) in the same layout as any
// other elements. Integers that all print five characters wide give that layout, and no other
// digits appear in glc::format's output, so they can be replaced afterwards.
std::string bool_text(std::span<const std::byte> data, const glc::Shape& shape) {
  constexpr std::uint32_t kTrue = 10000, kFalse = 99999;
  std::vector<std::uint32_t> stand_ins(data.size());
  for (std::size_t i = 0; i < data.size(); ++i) stand_ins[i] = data[i] != std::byte{0} ? kTrue : kFalse;
  std::string text = glc::format(std::span<const std::uint32_t>(stand_ins), shape);
  for (std::size_t at = text.find_first_of("19"); at != std::string::npos; at = text.find_first_of("19", at + 5)) {
    text.replace(at, 5, text[at] == '1' ? " True" : "False");
  }
  return text;
}

}  // namespace

std::string array_text(npy::Dtype dtype, std::span<const std::byte> data, const npy::Shape& shape) {
  const glc::Shape s(shape.begin(), shape.end());
  switch (dtype) {
    case npy::Dtype::bool_: return bool_text(data, s);
    case npy::Dtype::int8: return text_as<std::int8_t, std::int32_t>(data, s);
    case npy::Dtype::int16: return text_as<std::int16_t, std::int32_t>(data, s);
    case npy::Dtype::int32: return text_as<std::int32_t>(data, s);
    case npy::Dtype::int64: return text_as<std::int64_t>(data, s);
    case npy::Dtype::uint8: return text_as<std::uint8_t, std::uint32_t>(data, s);
    case npy::Dtype::uint16: return text_as<std::uint16_t, std::uint32_t>(data, s);
    case npy::Dtype::uint32: return text_as<std::uint32_t>(data, s);
    case npy::Dtype::uint64: return text_as<std::uint64_t>(data, s);
    case npy::Dtype::float32: return text_as<float>(data, s);
    case npy::Dtype::float64: return text_as<double>(data, s);
    case npy::Dtype::float16: break;
  }
  throw UsageError("float16 buffers are not printed (glc::format has no float16); write one with "
                   "--out NAME=FILE.npy");
}

}  // namespace glc::cli
