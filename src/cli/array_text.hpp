#pragma once
// A buffer's contents as NumPy's print(a) shows them, for every dtype the command reads and
// writes: glc::format for the numbers (narrow integers widened, which prints the same), NumPy's
// True/False for bools.

#include <cstddef>
#include <span>
#include <string>

#include "glcompute/npy.hpp"

namespace glc::cli {

/// `data` (C order, this machine's byte order) as an array of `dtype` and `shape`. Throws
/// UsageError for float16, which glc::format does not print (write it with --out instead), and
/// glc::Error where the shape does not match the data.
std::string array_text(npy::Dtype dtype, std::span<const std::byte> data, const npy::Shape& shape);

}  // namespace glc::cli
