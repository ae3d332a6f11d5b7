#pragma once
// NumPy's .npy files (format versions 1.0, 2.0 and 3.0), read and written as NumPy does, for
// the element types a glcompute buffer holds. No GL: an array read here goes to a buffer with
// ctx.buffer(...) on the bytes, a buffer's read() comes back here (the glcompute command does
// both: `glcompute run --buffer X=x.npy --out Y=y.npy`).
//
// What is read: C-order arrays of bool, int8..int64, uint8..uint64, float16, float32 and
// float64, little- or big-endian (converted to this machine's byte order). float16 stays raw
// 16-bit words. Refused with a glc::Error that names the file and what was found: Fortran-order
// arrays (unless their layout is C order's, as with one dimension), object arrays, structured,
// string, complex and date dtypes, headers longer than kMaxHeaderBytes (NumPy's own default
// limit), malformed or truncated headers, and data shorter than the header's shape says. Bytes
// after the data are ignored, as np.load ignores them.
//
// What is written: exactly the bytes np.save writes for the same array (NumPy 1.24: format 1.0,
// the header dict in sorted key order, padded so that the data starts at a multiple of 64).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace glc::npy {

/// The element types, by their NumPy names.
enum class Dtype : std::uint8_t {
  bool_, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float16, float32, float64,
};

/// Every Dtype, in the order above.
inline constexpr Dtype kDtypes[] = {Dtype::bool_,  Dtype::int8,    Dtype::int16,   Dtype::int32,
                                    Dtype::int64,  Dtype::uint8,   Dtype::uint16,  Dtype::uint32,
                                    Dtype::uint64, Dtype::float16, Dtype::float32, Dtype::float64};

/// NumPy's name: "bool", "int8", ..., "float64".
std::string_view name(Dtype dtype) noexcept;
/// Bytes per element: 1, 2, 4 or 8.
std::size_t item_size(Dtype dtype) noexcept;
/// NumPy's kind character: 'b' (bool), 'i' (signed), 'u' (unsigned) or 'f' (floating point).
char kind(Dtype dtype) noexcept;
/// The dtype of a NumPy name ("float32"), or nothing.
std::optional<Dtype> dtype_named(std::string_view name) noexcept;
/// "bool, int8, ..., float64": the names, for messages.
std::string dtype_names();

/// Dimensions, outermost first; empty for a 0-d array (one element).
using Shape = std::vector<std::size_t>;
/// "(8, 8)", "(64,)" or "()", as Python writes a tuple.
std::string shape_text(const Shape& shape);
/// The number of elements, or nothing where it does not fit in a size_t.
std::optional<std::size_t> element_count(const Shape& shape) noexcept;

/// An array in memory: C order, this machine's byte order.
struct Array {
  Dtype dtype = Dtype::float32;
  Shape shape;
  std::vector<std::byte> data;  ///< element_count(shape) * item_size(dtype) bytes
};

/// The most header bytes read: NumPy's np.load refuses longer headers by default too (they
/// can only come from huge structured dtypes, which glcompute does not read anyway).
inline constexpr std::size_t kMaxHeaderBytes = 10000;
/// The most dimensions a shape may have (NumPy 2's limit; NumPy 1 allows 32).
inline constexpr std::size_t kMaxDimensions = 64;

/// Reads a .npy file. Throws glc::Error naming `path` and what is wrong with it.
Array read(const std::filesystem::path& path);
/// Decodes the bytes of a .npy file; `name` names it in errors. Throws glc::Error.
Array decode(std::span<const std::byte> bytes, const std::string& name);

/// The bytes np.save writes for `array`. Throws glc::Error if data's size does not match.
std::vector<std::byte> encode(const Array& array);
/// Writes `array` to `path` (through a temporary file in the same directory, renamed into place,
/// so no half-written file is left behind). Throws glc::Error naming the path on failure.
void write(const std::filesystem::path& path, const Array& array);

}  // namespace glc::npy
