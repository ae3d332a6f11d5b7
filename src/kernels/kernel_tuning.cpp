#include "kernels/kernel_tuning.hpp"

#include <string>

namespace glc::detail {

bool is_cpu_driver(const ContextInfo& info) {
  return info.renderer.find("llvmpipe") != std::string::npos ||
         info.renderer.find("softpipe") != std::string::npos;
}

KernelTuning kernel_tuning(const ContextInfo& info) {
  KernelTuning t;
  if (is_cpu_driver(info)) {
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
  }
  return t;
}

}  // namespace glc::detail
