#pragma once
/// @file
/// Sorting on the GPU: `glc::sort`, `glc::sort_by_key`, `glc::argsort`.
///
///     glc::sort(keys);                             // ascending, in place
///     glc::sort_by_key(keys, values);              // values follow their keys
///     glc::Buffer<std::uint32_t> order = glc::argsort(keys);   // keys unchanged
///
/// Keys: float, double, std::int32_t, std::uint32_t. Values: any trivially copyable type of 4
/// or 8 bytes. The order is exactly NumPy's `np.sort(kind="stable")` / `np.argsort(kind=
/// "stable")`: ascending, equal keys in their original order (stable), -0.0 and +0.0 equal
/// (their order kept), every NaN after +inf in its original order whatever its sign or
/// payload. Keys keep their bits (a NaN its payload, -0.0 its sign).
///
/// A least-significant-digit radix sort: 4 passes of 8 bits for 32-bit keys, 8 for doubles,
/// where the driver has subgroups of 32 (else passes of 4 bits through shared memory); one
/// dispatch per pass with look-back between tiles where the driver keeps waiting work groups
/// running (NVIDIA), else three steps per pass (count, scan, scatter). The result is the same
/// on every path. Any length works, including keys larger than one storage binding (2 GiB on
/// NVIDIA, 128 MiB on llvmpipe), up to 2^32 - 1 keys and four bindings' worth of keys or values
/// (8 GiB on NVIDIA, 512 MiB on llvmpipe). The context keeps scratch buffers as large as the
/// largest sort's keys and values (two copies of the keys, one of the values) for later calls.
///
/// Throws glc::Error for key and value buffers of different sizes or contexts or that are the
/// same buffer, for double keys
/// on a driver without ARB_gpu_shader_fp64, and for more keys than the limits above.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <type_traits>

#include "buffer.hpp"
#include "detail/element_type.hpp"

namespace glc {

namespace detail {

/// What a sort moves: the keys (sorted in place unless `keys_out` is null: argsort), and the
/// values (value_words 1 or 2 per key) or, with indices, the keys' original indices.
struct SortJob {
  const char* what = "glc::sort";
  BufferStorage* keys = nullptr;        ///< sorted in place (null for argsort)
  const BufferStorage* argsort_keys = nullptr;  ///< argsort: the keys, left as they are
  BufferStorage* values = nullptr;      ///< sort_by_key's values, or argsort's indices
  std::size_t count = 0;
  ElementType key_type = ElementType::f32;
  unsigned value_words = 0;             ///< 0 (sort), 1 or 2
};

void radix_sort(const SortJob& job);

/// A zero-filled buffer of n elements in the context of `like`.
std::shared_ptr<BufferStorage> new_storage_like(const BufferStorage& like, std::size_t bytes);

template <class K>
void check_sort_key() {
  static_assert(is_algorithm_element_v<K>,
                "glc::sort: the key type must be float, double, int32_t or uint32_t");
}

}  // namespace detail

/// Sorts `keys` ascending, in place.
template <class K>
void sort(Buffer<K>& keys) {
  detail::check_sort_key<K>();
  detail::SortJob job;
  job.what = "glc::sort";
  job.keys = &detail::Access::storage(keys);
  job.count = keys.size();
  job.key_type = detail::element_type<K>();
  detail::radix_sort(job);
}

/// Sorts `keys` ascending and moves each value with its key (stable). `values` must have as
/// many elements as `keys`.
template <class K, class V>
void sort_by_key(Buffer<K>& keys, Buffer<V>& values) {
  detail::check_sort_key<K>();
  static_assert(sizeof(V) == 4 || sizeof(V) == 8, "glc::sort_by_key: values must be 4 or 8 bytes");
  detail::SortJob job;
  job.what = "glc::sort_by_key";
  job.keys = &detail::Access::storage(keys);
  job.values = &detail::Access::storage(values);
  job.count = keys.size();
  job.key_type = detail::element_type<K>();
  job.value_words = sizeof(V) / 4;
  detail::radix_sort(job);
}

/// The indices that sort `keys` (stable), written to `indices`, which must have as many
/// elements as `keys`. `keys` is left as it is.
template <class K>
void argsort(const Buffer<K>& keys, Buffer<std::uint32_t>& indices) {
  detail::check_sort_key<K>();
  detail::SortJob job;
  job.what = "glc::argsort";
  job.argsort_keys = &detail::Access::storage(keys);
  job.values = &detail::Access::storage(indices);
  job.count = keys.size();
  job.key_type = detail::element_type<K>();
  job.value_words = 1;
  detail::radix_sort(job);
}

/// The indices that sort `keys` (stable), in a new buffer of the keys' context.
template <class K>
Buffer<std::uint32_t> argsort(const Buffer<K>& keys) {
  Buffer<std::uint32_t> indices = detail::Access::make<Buffer<std::uint32_t>>(
      detail::new_storage_like(detail::Access::storage(keys),
                               detail::checked_bytes("glc::argsort", keys.size(), sizeof(std::uint32_t))));
  argsort(keys, indices);
  return indices;
}

}  // namespace glc
