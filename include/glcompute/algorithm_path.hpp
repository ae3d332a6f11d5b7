#pragma once
/// @file
/// Which kernels the algorithms (scan, sort, copy_if, histogram, ...) run on a context.
///
///     std::cout << glc::algorithm_path(ctx).description << "\n";
///     // "one pass with look-back, subgroup operations" (NVIDIA)
///     // "multi-pass, shared memory" (Mesa's llvmpipe)
///
/// Scan, copy_if and sort run in one pass with look-back between tiles where the driver keeps
/// waiting work groups running (NVIDIA), else in several passes; their 32-lane steps use
/// subgroup operations where the driver has subgroups of 32 with ballot and shuffle (and the
/// shader path is GLSL: GL's SPIR-V path takes SPIR-V 1.0, without subgroup operations), else
/// shared memory. Every path gives the same results. Two environment variables force a path
/// (for testing; read at each call): GLCOMPUTE_LOOKBACK=0|1 and GLCOMPUTE_SUBGROUPS=0|1. With
/// GLCOMPUTE_LOOKBACK=1 on a driver without that guarantee, a wait that gives up (Mesa cuts
/// loops at 65535 rounds) is detected and reported as a glc::Error, never taken as data.

#include <string>

namespace glc {

class Context;

struct AlgorithmPathInfo {
  bool lookback = false;       ///< one pass with look-back between tiles
  bool unbounded_wait = false; ///< its waits have no bound (the driver guarantees progress)
  bool subgroup = false;       ///< subgroup operations instead of shared memory
  bool partitioned = false;    ///< NV_shader_subgroup_partitioned ranks radix digits
  std::string description;     ///< e.g. "one pass with look-back, subgroup operations"
};

/// The path the algorithms take on `ctx` now (environment variables included). Throws
/// glc::Error for an unknown GLCOMPUTE_LOOKBACK / GLCOMPUTE_SUBGROUPS value or for
/// GLCOMPUTE_SUBGROUPS=1 where subgroups are missing.
AlgorithmPathInfo algorithm_path(Context& ctx);

}  // namespace glc
