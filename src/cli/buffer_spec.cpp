#include "buffer_spec.hpp"

#include <cmath>
#include <cstring>

#include "float16.hpp"
#include "text_values.hpp"
#include "usage_error.hpp"

namespace glc::cli {
namespace {

// "KIND:DTYPE:SHAPE[:SEED]" split at its colons.
std::vector<std::string_view> split_colons(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t begin = 0;
  while (true) {
    const std::size_t colon = text.find(':', begin);
    parts.push_back(text.substr(begin, colon == std::string_view::npos ? colon : colon - begin));
    if (colon == std::string_view::npos) return parts;
    begin = colon + 1;
  }
}

npy::Array sized(npy::Dtype dtype, const npy::Shape& shape) {
  const std::size_t count = *npy::element_count(shape);  // parse_shape checked it
  if (count > SIZE_MAX / npy::item_size(dtype)) {
    throw UsageError("the shape " + npy::shape_text(shape) + " holds too many elements");
  }
  return {dtype, shape, std::vector<std::byte>(count * npy::item_size(dtype))};
}

template <class T>
void store(npy::Array& array, std::size_t i, T value) {
  std::memcpy(array.data.data() + i * sizeof(T), &value, sizeof(T));
}

npy::Array iota(npy::Dtype dtype, const npy::Shape& shape) {
  npy::Array array = sized(dtype, shape);
  const std::size_t count = array.data.size() / npy::item_size(dtype);
  for (std::size_t i = 0; i < count; ++i) {
    // Integers wrap modulo 2^bits: the low bytes of i, as C converts to an unsigned type.
    const auto wrapped = static_cast<std::uint64_t>(i);
    switch (dtype) {
      case npy::Dtype::int8: case npy::Dtype::uint8: store(array, i, static_cast<std::uint8_t>(wrapped)); break;
      case npy::Dtype::int16: case npy::Dtype::uint16: store(array, i, static_cast<std::uint16_t>(wrapped)); break;
      case npy::Dtype::int32: case npy::Dtype::uint32: store(array, i, static_cast<std::uint32_t>(wrapped)); break;
      case npy::Dtype::int64: case npy::Dtype::uint64: store(array, i, wrapped); break;
      case npy::Dtype::float16: store(array, i, float16_from_double(static_cast<double>(i))); break;
      case npy::Dtype::float32: store(array, i, static_cast<float>(i)); break;
      case npy::Dtype::float64: store(array, i, static_cast<double>(i)); break;
      case npy::Dtype::bool_: break;  // refused by parse_buffer_spec
    }
  }
  return array;
}

}  // namespace

BufferSpec parse_buffer_spec(std::string_view text) {
  BufferSpec spec;
  const std::string_view trimmed = trim(text);
  if (!trimmed.empty() && trimmed.front() == '[') {
    const std::size_t close = trimmed.rfind(']');
    const std::size_t colon = close == std::string_view::npos ? close : trimmed.find(':', close);
    if (colon == std::string_view::npos || trim(trimmed.substr(close + 1, colon - close - 1)).size() != 0) {
      throw UsageError("a value list is written [v, v, ...]:DTYPE, such as [1, 2, 3]:float32");
    }
    spec.kind = BufferSpec::Kind::list;
    spec.dtype = parse_dtype(trimmed.substr(colon + 1));
    spec.values = parse_list(trimmed.substr(0, close + 1), spec.dtype);
    spec.shape = spec.values.shape;
    return spec;
  }
  const std::vector<std::string_view> parts = split_colons(text);
  const std::string_view kind = parts[0];
  if (parts.size() < 2 || (kind != "zeros" && kind != "iota" && kind != "random")) {
    if (text.empty()) throw UsageError("no file name or generator");
    spec.kind = BufferSpec::Kind::file;
    spec.file = std::string(text);
    return spec;
  }
  spec.kind = kind == "zeros" ? BufferSpec::Kind::zeros : kind == "iota" ? BufferSpec::Kind::iota
                                                                         : BufferSpec::Kind::random;
  const std::size_t most = spec.kind == BufferSpec::Kind::random ? 4 : 3;
  if (parts.size() < 3 || parts.size() > most) {
    throw UsageError(std::string(kind) + " is written " + std::string(kind) + ":DTYPE:SHAPE" +
                     (spec.kind == BufferSpec::Kind::random ? "[:SEED]" : "") + ", such as " +
                     std::string(kind) + ":float32:64");
  }
  spec.dtype = parse_dtype(parts[1]);
  spec.shape = parse_shape(parts[2]);
  sized(spec.dtype, spec.shape);  // a size that fits in memory's addresses
  if (parts.size() == 4) {
    const std::optional<std::uint64_t> seed = to_uint64(parts[3]);
    if (!seed || trim(parts[3]).empty() || trim(parts[3])[0] == '-') {
      throw UsageError("the seed '" + std::string(parts[3]) + "' is not a whole number from 0 to 2^64-1");
    }
    spec.seed = *seed;
  }
  if (spec.kind == BufferSpec::Kind::iota && spec.dtype == npy::Dtype::bool_) {
    throw UsageError("iota has no bool form (NumPy's arange has none either)");
  }
  return spec;
}

npy::Array host_array(const BufferSpec& spec) {
  switch (spec.kind) {
    case BufferSpec::Kind::file: return npy::read(spec.file);
    case BufferSpec::Kind::zeros: return sized(spec.dtype, spec.shape);
    case BufferSpec::Kind::iota: return iota(spec.dtype, spec.shape);
    case BufferSpec::Kind::list: return spec.values;
    case BufferSpec::Kind::random: break;
  }
  throw UsageError("random buffers are made on the GPU");
}

std::size_t random_words(npy::Dtype dtype, std::size_t count) {
  return npy::item_size(dtype) == 8 ? 2 * count : count;
}

npy::Array random_array(npy::Dtype dtype, const npy::Shape& shape, std::span<const std::uint32_t> words) {
  npy::Array array = sized(dtype, shape);
  const std::size_t count = array.data.size() / npy::item_size(dtype);
  if (words.size() < random_words(dtype, count)) throw UsageError("too few random words");
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint32_t w = words[i];
    switch (dtype) {
      case npy::Dtype::bool_: store(array, i, static_cast<std::uint8_t>(w >> 31)); break;
      case npy::Dtype::int8: case npy::Dtype::uint8: store(array, i, static_cast<std::uint8_t>(w)); break;
      case npy::Dtype::int16: case npy::Dtype::uint16: store(array, i, static_cast<std::uint16_t>(w)); break;
      case npy::Dtype::int32: case npy::Dtype::uint32: store(array, i, w); break;
      case npy::Dtype::int64: case npy::Dtype::uint64:
        store(array, i, std::uint64_t{words[2 * i]} | std::uint64_t{words[2 * i + 1]} << 32);
        break;
      case npy::Dtype::float16:
        store(array, i, float16_from_double(std::ldexp(static_cast<double>(w >> 21), -11)));
        break;
      case npy::Dtype::float32: store(array, i, std::ldexp(static_cast<float>(w >> 8), -24)); break;
      case npy::Dtype::float64: {
        const double high = static_cast<double>(words[2 * i] >> 5);
        const double low = static_cast<double>(words[2 * i + 1] >> 6);
        store(array, i, (high * 67108864.0 + low) / 9007199254740992.0);
        break;
      }
    }
  }
  return array;
}

}  // namespace glc::cli
