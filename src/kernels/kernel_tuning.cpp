#include "kernels/kernel_tuning.hpp"

#include <cstdlib>
#include <string>

namespace glc::detail {

bool is_cpu_driver(const ContextInfo& info) {
  return info.renderer.find("llvmpipe") != std::string::npos ||
         info.renderer.find("softpipe") != std::string::npos;
}

namespace {

/// GLCOMPUTE_KERNEL_SHAPES=gpu gives every driver the GPU shapes, so that a CPU-only machine
/// (CI) also tests the kernels a GPU runs: the compensated float sum, storage buffer loads.
bool gpu_shapes_forced() {
  static const bool forced = [] {
    const char* value = std::getenv("GLCOMPUTE_KERNEL_SHAPES");
    return value != nullptr && std::string(value) == "gpu";
  }();
  return forced;
}

}  // namespace

KernelTuning kernel_tuning(const ContextInfo& info) {
  KernelTuning t;
  // Normal floats (Philox, then log, sin and cos per pair) have more arithmetic per vec4 than
  // uniform ones: on an H100, 10^8 in 143.6 us with four vec4s in flight, 156.2 with two,
  // 173.4 with one (uniform floats: 131.1, 130.3, 149.2).
  t.random_normal.vec4s = 4;
  // Doubles on an H100 read at 2.98 TB/s with 264 groups of 1024 invocations and 4 loads in
  // flight, against 2.30 TB/s with the 32-bit shape (1024 groups of 256, 2 loads); 32-bit
  // elements read at 2.89 TB/s either way.
  t.reduce_double.local_size = 1024;
  t.reduce_double.loads = 4;
  t.reduce_double.max_groups = 264;
  if (is_cpu_driver(info) && !gpu_shapes_forced()) {
    // llvmpipe runs a work group on one thread, a SIMD vector of 8 invocations (256 bits) at a
    // time, each vector to the end of the shader before the next. Reductions read best as one
    // stream per group: groups of one vector, each walking its own block, through texel
    // fetches (one gather per vector, where a storage buffer load goes lane by lane); the sum
    // in double costs one add per element where the compensated float sum costs six.
    t.reduce.local_size = 8;
    t.reduce.loads = 4;
    t.reduce.max_groups = 64;
    t.reduce.min_words_per_invocation = 1024;
    t.reduce.blocked = true;
    t.reduce.float_sum_in_double = true;
    t.reduce.texel_fetch = true;
    t.reduce_double = t.reduce;
    t.random_normal = t.random;
  }
  return t;
}

}  // namespace glc::detail
