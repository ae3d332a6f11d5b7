#pragma once
// Shared pieces of glcompute_bench: the result rows, the run options, the timing rules, and the
// report writers (table, JSON, SVG).

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

namespace glc {
class Context;
}

namespace bench {

/// Which clock measured a glcompute time.
enum class Clock {
  gpu,     ///< GL_TIME_ELAPSED around the work (Context::time on a driver with a real timer)
  finish,  ///< host clock around the work and a glFinish (Context::time's fallback, llvmpipe)
  host,    ///< host clock around a call that returns its result to the host (or waits itself)
};
const char* clock_name(Clock clock);

inline constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

/// One timed run.
struct Sample {
  double seconds = 0;
  Clock clock = Clock::host;
  /// For work timed by Context::time: the host clock around the whole call (submission and the
  /// final glFinish included). NaN otherwise.
  double wall_seconds = kNone;
};

/// One line of the report: a glcompute operation and the CPU yardstick timed next to it.
struct Row {
  std::string op;
  std::size_t n = 0;                  ///< elements (float32) the operation covers
  double seconds = 0;                 ///< best glcompute time
  Clock clock = Clock::host;
  double wall_seconds = kNone;        ///< host clock around the same run, for gpu/finish rows
  double bytes = 0;                   ///< bytes moved by one run; 0 where GB/s means nothing
  std::string yardstick;              ///< empty: none
  double yardstick_seconds = kNone;   ///< best yardstick time; NaN: none

  double gbps() const { return bytes > 0 ? bytes / seconds * 1e-9 : kNone; }
  /// Yardstick time / glcompute time: above 1, glcompute is faster.
  double ratio() const { return yardstick_seconds / seconds; }
};

/// How many times to run a measurement: one warm-up run (kernel compilation, first touch of
/// memory), then up to `repeats` timed runs, stopping early once the runs so far (warm-up
/// included) took `budget_seconds` of wall time, but not before `min_repeats` timed runs. With
/// min_repeats = 0 a warm-up that alone exceeds the budget is itself the measurement (used for
/// CPU yardsticks over 10^8 elements, which take seconds and vary little).
struct Plan {
  int repeats = 5;
  int min_repeats = 1;
  double budget_seconds = 3;
};

/// Runs `run` (which returns a Sample) as `plan` says and returns the fastest sample.
template <class Run>
Sample best_of(const Plan& plan, Run&& run) {
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  const auto spent = [&] { return std::chrono::duration<double>(clock::now() - start).count(); };
  Sample best = run();  // warm-up
  bool have_timed_run = false;
  for (int i = 0; i < plan.repeats; ++i) {
    if (i >= plan.min_repeats && spent() >= plan.budget_seconds) break;
    const Sample s = run();
    if (!have_timed_run || s.seconds < best.seconds) best = s;
    have_timed_run = true;
  }
  return best;
}

/// Host wall time of `work`.
template <class Work>
double host_seconds(Work&& work) {
  const auto t0 = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// Keeps the compiler from dropping a result that is only timed.
void keep(double value);

/// A row of the moderngl yardstick (moderngl_yardstick.py), measured in the same run.
struct PeerRow {
  std::string op;
  std::size_t n = 0;
  double seconds = kNone;
  std::string call;  ///< the moderngl call timed
};

/// What the moderngl yardstick gave: its rows and notes, or why it did not run.
struct PeerRun {
  std::vector<PeerRow> rows;
  std::vector<std::string> notes;
  std::string skipped;  ///< empty: it ran
};

/// The command line.
struct Options {
  std::vector<std::size_t> sizes{10'000, 1'000'000, 100'000'000};
  bool quick = false;
  Plan gpu{5, 1, 3.0};  ///< glcompute rows
  Plan cpu{5, 0, 1.0};  ///< CPU yardsticks
  std::string json_path;
  std::string svg_path;
  /// moderngl_yardstick.py and the Python that runs it; an empty script: no moderngl rows.
  std::string moderngl_script;
  std::string python;
  /// Only these ops (--ops); empty: every op.
  std::vector<std::string> ops;
  bool wants(const std::string& op) const {
    if (ops.empty()) return true;
    for (const std::string& o : ops) {
      if (o == op) return true;
    }
    return false;
  }
};

/// What the report says about the run itself.
struct RunInfo {
  std::string renderer;
  std::string vendor;
  std::string gl_version;
  std::string egl_path;
  std::string date;  ///< UTC, ISO 8601
  bool quick = false;
  std::string algorithms;  ///< glc::algorithm_path's description
};

// cases.cpp: the measurements.
class ModernglPeer;
/// Every per-size row (kernels, reductions, readbacks, uploads) at each of `sizes`; each
/// transfer row also by `moderngl`, right after glcompute's.
std::vector<Row> run_size_cases(glc::Context& ctx, const Options& options, ModernglPeer& moderngl);
/// The dispatch rows: tiny dispatch latency and the "context switching" demo.
std::vector<Row> run_dispatch_cases(glc::Context& ctx, const Options& options);
// algorithms.cpp: scan, sort, histogram, argmax, copy_if, ElementwiseKernel, ReductionKernel.
/// The algorithm rows at each of `sizes` (sort at most 10^7 keys: see algorithms.cpp).
std::vector<Row> run_algorithm_cases(glc::Context& ctx, const Options& options);

// moderngl.cpp: the same transfers with moderngl, where /usr/bin/python3 has it.
/// moderngl_yardstick.py running beside the bench (--serve), measuring rows when asked.
class ModernglPeer {
 public:
  /// Starts it (unless `options` leave it out); where it cannot start, run().skipped says why.
  explicit ModernglPeer(const Options& options);
  ~ModernglPeer();
  ModernglPeer(const ModernglPeer&) = delete;
  ModernglPeer& operator=(const ModernglPeer&) = delete;
  /// Whether it is serving.
  bool running() const { return requests_ != nullptr; }
  /// Has moderngl measure transfer row `op` at n elements now (rows it lacks are left out); a
  /// row measured again keeps its best time.
  void measure(const std::string& op, std::size_t n);
  /// Ends it and returns what it gave.
  const PeerRun& finish();

 private:
  int pid_ = -1;
  FILE* requests_ = nullptr;
  FILE* replies_ = nullptr;
  int repeats_;
  PeerRun run_;
};
/// The transfer rows next to moderngl's, with ratios.
void print_moderngl_table(const std::vector<Row>& rows, const PeerRun& moderngl);

// report.cpp: the outputs.
void print_table(const std::vector<Row>& rows);
/// The demo's two times and their ratio, in words, if both rows are present.
void print_dispatch_summary(const std::vector<Row>& rows);
void write_json(const std::string& path, const RunInfo& info, const std::vector<Row>& rows,
                const PeerRun& moderngl);
void write_svg(const std::string& path, const RunInfo& info, const std::vector<Row>& rows);
/// "12.3 us", "4.56 ms", ... (3 significant digits).
std::string format_seconds(double seconds);

}  // namespace bench
