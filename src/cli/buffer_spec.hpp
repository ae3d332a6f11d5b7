#pragma once
// What `--buffer NAME=SPEC` puts into a buffer. SPEC is one of
//   FILE.npy                    a NumPy array file: its dtype, shape and values
//   zeros:DTYPE:SHAPE           zeros
//   iota:DTYPE:SHAPE            0, 1, 2, ... in C order (integers wrap as in C, floats round)
//   random:DTYPE:SHAPE[:SEED]   glc::Random's Philox stream for SEED (default 0), one 32-bit
//                               word per element (two for 64-bit dtypes), made into values by
//                               random_array's rules below
//   [v, v, ...]:DTYPE           the values, nested lists for more dimensions: [[1, 2], [3, 4]]
// SHAPE is N or N,M,... The generator forms take precedence over a file of the same name
// (write ./zeros:x to mean a file).

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "glcompute/npy.hpp"

namespace glc::cli {

struct BufferSpec {
  enum class Kind { file, zeros, iota, random, list };
  Kind kind = Kind::file;
  std::filesystem::path file;      ///< Kind::file
  npy::Dtype dtype = npy::Dtype::float32;
  npy::Shape shape;
  std::uint64_t seed = 0;          ///< Kind::random
  npy::Array values;               ///< Kind::list
};

/// Reads SPEC. Throws UsageError.
BufferSpec parse_buffer_spec(std::string_view spec);

/// The contents of every kind but random (which comes from the GPU: random_array). Reads the
/// file of Kind::file, throwing glc::Error for one that is missing or not a readable .npy.
npy::Array host_array(const BufferSpec& spec);

/// How many random 32-bit words an array of `count` elements of `dtype` takes.
std::size_t random_words(npy::Dtype dtype, std::size_t count);
/// Elements made of Philox words w (w0, w1 for 64-bit dtypes):
///   float32  (w >> 8) * 2^-24, as glc::Random::uniform: [0, 1)
///   float64  ((w0 >> 5) * 2^26 + (w1 >> 6)) * 2^-53, as NumPy's random(): [0, 1)
///   float16  (w >> 21) * 2^-11: [0, 1)
///   bool     w >> 31
///   integers the low bits of w (64-bit: w0 + w1 * 2^32): every value equally likely
npy::Array random_array(npy::Dtype dtype, const npy::Shape& shape, std::span<const std::uint32_t> words);

}  // namespace glc::cli
