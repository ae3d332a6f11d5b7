#pragma once
// How glcompute_bench times one run: GPU work through Context::time, calls that return to the
// host and CPU yardsticks by the host clock. Shared by cases.cpp and algorithms.cpp.

#include <glcompute/glcompute.hpp>

#include "bench.hpp"

namespace bench {

/// GPU work timed by Context::time: GPU time where the driver's timer works, else the host
/// clock around the work and a glFinish. The host clock around the whole call comes along.
template <class Work>
Sample gpu_sample(glc::Context& ctx, Work&& work) {
  ctx.finish();
  glc::Timing t;
  const double wall = host_seconds([&] { t = ctx.time(work); });
  return {t.seconds, t.gpu_timer ? Clock::gpu : Clock::finish, wall};
}

/// A call that blocks until its result is on the host (or that finishes the GPU itself),
/// timed by the host clock. Earlier GPU work is finished first and not counted.
template <class Work>
Sample host_sample(glc::Context& ctx, Work&& work) {
  ctx.finish();
  return {host_seconds(work), Clock::host};
}

/// A CPU yardstick run, timed by the host clock.
template <class Work>
Sample cpu_sample(Work&& work) {
  return {host_seconds(work), Clock::host};
}

}  // namespace bench
