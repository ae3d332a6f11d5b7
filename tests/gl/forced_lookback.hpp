#pragma once
// Running the look-back path where the driver does not take it by default. Scan, copy_if and
// sort take it only where the driver keeps waiting work groups running (NVIDIA); forced with
// GLCOMPUTE_LOOKBACK=1 elsewhere, their waits are bounded, and on llvmpipe the bound is small:
// its loop limit counts every loop round of an invocation together (test_loop_limit), a few
// milliseconds of waiting. On a loaded machine the thread running the tile waited for can be
// descheduled for longer; the wait gives up, and the library says so (glc::Error, "gave up")
// instead of returning the incomplete output. These helpers run such an attempt again.

#include <functional>
#include <iostream>
#include <string>

#include "gl_test_context.hpp"

namespace glc::testing {

/// Runs `attempt` until it completes, at most `tries` times, running it again only when it
/// throws the error of a bounded wait that gave up; any other error propagates, and if every
/// try gave up the test fails (a look-back path that never completes is a fault, not load).
/// `attempt` must set up its own inputs: a run that gave up leaves its output incomplete.
inline void retry_bounded_waits(const std::function<void()>& attempt, int tries = 8) {
  const bool bounded = !algorithm_path(context()).unbounded_wait;
  std::string last;
  for (int i = 0; i < tries; ++i) {
    try {
      attempt();
      if (i > 0) std::cout << "completed at try " << (i + 1) << " after: " << last << "\n";
      return;
    } catch (const Error& e) {
      last = e.what();
      if (!bounded || last.find("gave up") == std::string::npos) throw;
    }
  }
  ADD_FAILURE() << "every one of " << tries << " tries gave up; the last: " << last;
}

}  // namespace glc::testing
