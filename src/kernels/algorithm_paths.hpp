#pragma once
// Which kernels the algorithms (scan, sort, copy_if, ...) run on a context: subgroup operations
// or shared memory, one pass with look-back or several passes. Internal.

#include <string>

#include "kernels/kernel.hpp"

namespace glc::detail {

/// What the driver offers the algorithms, read once per context.
struct DeviceAlgorithmFacts {
  /// KHR_shader_subgroup in compute shaders with subgroups of exactly 32 invocations and the
  /// basic, vote, ballot, shuffle and relative shuffle operations.
  bool subgroup32 = false;
  std::uint32_t subgroup_size = 0;  ///< GL_SUBGROUP_SIZE_KHR; 0 without the extension
  /// NV_shader_subgroup_partitioned (subgroupPartitionNV): one instruction instead of eight
  /// ballots to find the lanes holding the same radix digit.
  bool partitioned = false;
  /// Work groups that have started keep making progress while others wait on them, so a tile
  /// may wait for an earlier tile's record (tile_records.glsl): NVIDIA's driver. Mesa's
  /// llvmpipe runs a few work groups at a time and ends any loop after 65535 rounds.
  bool forward_progress = false;
  bool fp64 = false;  ///< ARB_gpu_shader_fp64 (core in GL 4.0)
};

const DeviceAlgorithmFacts& device_algorithm_facts(ContextState& context,
                                                   const std::shared_ptr<ContextState>& owner);

/// The choice for one call, from the facts, the shader path and the environment:
///  - GLCOMPUTE_SUBGROUPS=0 uses the shared-memory kernels even where subgroups would do; =1
///    requires subgroups (glc::Error where they are missing). Subgroup kernels need SPIR-V
///    1.3, which GL's SPIR-V path does not take: on ShaderPath::spirv the shared-memory
///    kernels run.
///  - GLCOMPUTE_LOOKBACK=0 forces the multi-pass path; =1 the one-pass path with look-back,
///    also on drivers without the forward-progress guarantee, where a wait that gives up is
///    detected after the call and reported as a glc::Error (for testing both paths anywhere).
struct AlgorithmPath {
  bool subgroup = false;
  bool lookback = false;
  bool unbounded_wait = false;  ///< look-back waits without a bound (forward_progress)
  bool partitioned = false;     ///< subgroup && facts.partitioned

  /// The define that selects the kernels' lane operations: GLC_SUBGROUP (lanes.glsl).
  void add_lane_defines(Defines& defines) const;
  /// GLC_LOOKBACK and, where waits need no bound, GLC_SPIN_UNBOUNDED (nothing without
  /// look-back).
  void add_lookback_defines(Defines& defines) const;
  /// "one pass (look-back), subgroups" and the like, for messages and the bench.
  std::string describe() const;
};

AlgorithmPath algorithm_path(ContextState& context, const std::shared_ptr<ContextState>& owner);

/// Throws glc::Error naming `what` unless the driver has double-precision shaders.
void require_fp64(ContextState& context, const std::shared_ptr<ContextState>& owner,
                  const char* what);

}  // namespace glc::detail
