#pragma once
// Numbers, shapes, dtypes and value lists as the glcompute command reads them from its
// arguments. Every parser reads its whole text (no trailing characters) and throws UsageError
// with the text and the reason; callers put the option in front (with_context).

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "glcompute/npy.hpp"

namespace glc::cli {

/// A whole number: optional sign, decimal or 0x hexadecimal digits. Nothing if not one or out
/// of range.
std::optional<std::int64_t> to_int64(std::string_view text);
std::optional<std::uint64_t> to_uint64(std::string_view text);
/// A decimal floating-point number, "inf", "-inf" or "nan" (any case), correctly rounded to
/// double. Nothing if not one, or beyond double's range.
std::optional<double> to_double(std::string_view text);

/// A count or size of at least `min`: "--repeat 4". Throws UsageError.
std::uint64_t parse_count(std::string_view text, std::uint64_t min = 0);
/// "X[,Y[,Z]]": one to three counts of at least `min`; the ones not given are `fill`.
std::array<std::uint64_t, 3> parse_sizes(std::string_view text, std::uint64_t min, std::uint64_t fill);
/// "8,8" or "64" (spaces allowed around the numbers): a shape of one or more dimensions.
npy::Shape parse_shape(std::string_view text);
/// Whether `text` looks like a shape (digits, commas, spaces): for NAME=FILE[:SHAPE].
bool is_shape_text(std::string_view text);
/// A NumPy dtype name: "float32". Throws UsageError listing the names.
npy::Dtype parse_dtype(std::string_view text);

/// Appends `text` read as one element of `dtype` to `out` in this machine's byte order:
/// bools are true/false/1/0 (True/False too), integers must fit the type, floats must not
/// overflow it (float16 is rounded as NumPy rounds, then stored as its 16-bit word).
void append_value(std::string_view text, npy::Dtype dtype, std::vector<std::byte>& out);

/// "[1, 2, 3]" or nested, "[[1, 2], [3, 4]]", read as an array of `dtype`: the nesting gives
/// the shape, and every list at one depth must have the same length.
npy::Array parse_list(std::string_view text, npy::Dtype dtype);

/// `text` without spaces and tabs at either end.
std::string_view trim(std::string_view text);
/// Splits "NAME=VALUE" at the first '='. Throws UsageError naming `what` if there is none or the
/// name is empty.
std::pair<std::string, std::string> split_assignment(std::string_view text, std::string_view what);

}  // namespace glc::cli
