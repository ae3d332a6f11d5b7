#pragma once
// memcpy on several cores, for moving staging memory to and from pageable host memory: one
// core copies about 10 GB/s, well below PCIe's 50+ GB/s. Internal.

#include <cstddef>

namespace glc::detail {

/// Copies `bytes` from `source` to `destination` (not overlapping), splitting copies of several
/// megabytes across up to 8 threads; where no thread can be created, the calling thread copies
/// their parts (never an exception).
void parallel_copy(void* destination, const void* source, std::size_t bytes);

}  // namespace glc::detail
