#pragma once
/// @file
/// `glc::histogram`: counts of values in equal bins, as NumPy's `np.histogram`.
///
///     glc::Buffer<std::uint32_t> counts = ctx.buffer<std::uint32_t>(256);   // 256 bins
///     glc::histogram(xs, counts, 0.0, 1.0);     // np.histogram(xs, bins=256, range=(0, 1))[0]
///
/// Values: float, double, std::int32_t, std::uint32_t, any length (also larger than one storage
/// binding). `counts` is overwritten; its size is the number of bins (>= 1).
///
/// Exactly NumPy's rules for `np.histogram(values, bins=counts.size(), range=(lo, hi))` with
/// `lo` and `hi` given as Python floats, step for step as numpy/lib/histograms.py computes
/// them: bin edges are `np.linspace(lo, hi, bins + 1)` in the data's float type (float for float
/// data, double for double and integer data); bins are half-open [edge_i, edge_i+1) except the
/// last, which includes hi; values below lo, above hi, and NaNs are not counted (nor +-inf). A
/// value's bin is NumPy's: the guess (x - lo) * bins / (hi - lo), computed in the data's float
/// type, corrected by comparing with the edges. lo == hi is widened to [lo - 0.5, hi + 0.5]
/// as NumPy does.
///
/// Counts are exact and the same on every run (integer atomics). Throws glc::Error if lo or hi
/// is not finite, lo > hi, counts is empty, the buffers belong to different contexts or are the
/// same buffer, the
/// values number 2^32 or more (counts are 32-bit), or for double values on a driver without
/// ARB_gpu_shader_fp64.

#include <cstddef>
#include <cstdint>

#include "buffer.hpp"
#include "detail/element_type.hpp"

namespace glc {

namespace detail {
void histogram(const BufferStorage& values, std::size_t count, ElementType type,
               BufferStorage& counts, double lo, double hi);
}  // namespace detail

/// Counts `values` into counts.size() equal bins over [lo, hi] (NumPy's np.histogram).
template <class T>
void histogram(const Buffer<T>& values, Buffer<std::uint32_t>& counts, double lo, double hi) {
  static_assert(detail::is_algorithm_element_v<T>,
                "glc::histogram: the value type must be float, double, int32_t or uint32_t");
  detail::histogram(detail::Access::storage(values), values.size(), detail::element_type<T>(),
                    detail::Access::storage(counts),
                    lo, hi);
}

}  // namespace glc
