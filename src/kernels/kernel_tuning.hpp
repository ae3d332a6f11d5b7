#pragma once
// The shape of the kernel library's kernels on each driver: work group size, work per
// invocation and per round, how work groups share a range. Chosen by measurement (the figures
// are in bench/RESULTS.md; bench/kernel_probe.cpp times the alternatives); a driver not measured
// gets the GPU shapes. Internal.

#include <cstdint>

#include "glcompute/context_info.hpp"

namespace glc::detail {

/// Kernels built on write_words.glsl (random numbers).
struct WriteTuning {
  std::uint32_t local_size = 256;  ///< GLC_LOCAL_SIZE
  /// GLC_VEC4S: vec4s per invocation and round. Two Philox blocks in flight per invocation
  /// instead of one: on an H100, 10^8 uniform floats in 130.3 us instead of 149.2 (heated GPU,
  /// bench/RESULTS.md); on llvmpipe about 1.6x.
  std::uint32_t vec4s = 2;
};

/// reduce.comp.
struct ReduceTuning {
  std::uint32_t local_size = 256;  ///< GLC_LOCAL_SIZE
  std::uint32_t loads = 2;         ///< GLC_LOADS: vec4 loads in flight per round
  /// Work groups per piece of a range, at most; longer ranges are covered by each invocation's
  /// loop (and by the blocks, GLC_BLOCKED).
  std::uint32_t max_groups = 1024;
  /// Below max_groups, each invocation gets at least this many words.
  std::uint32_t min_words_per_invocation = 32;
  bool blocked = false;              ///< GLC_BLOCKED
  bool float_sum_in_double = false;  ///< GLC_SUM_DOUBLE
  bool texel_fetch = false;          ///< GLC_TEXEL_FETCH, where a buffer texture can view the range
};

struct KernelTuning {
  WriteTuning random;         ///< bits and uniform floats
  WriteTuning random_normal;  ///< normal floats
  WriteTuning random_double;  ///< uniform and normal doubles
  ReduceTuning reduce;         ///< 32-bit elements
  ReduceTuning reduce_double;  ///< doubles
};

/// Mesa's software rasterizers (llvmpipe, softpipe): the "GPU" is the CPU.
bool is_cpu_driver(const ContextInfo& info);

/// The shapes for the driver of `info`.
KernelTuning kernel_tuning(const ContextInfo& info);

}  // namespace glc::detail
