// glcompute_bench: times every glcompute kernel and transfer at 10^4, 10^6 and 10^8 float32
// elements next to a plain C++ yardstick measured in the same run, plus dispatch latency and
// the talk's "context switching" demo, and prints one table (see bench/README.md).
//
// Usage: glcompute_bench [--quick] [--sizes 1e4,1e6,1e8] [--repeats N] [--ops LIST] [--json FILE]
//                        [--svg FILE]

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <glcompute/glcompute.hpp>

#include "bench.hpp"

namespace {

constexpr const char* kUsage =
    "usage: glcompute_bench [--quick] [--sizes LIST] [--repeats N] [--ops LIST]\n"
    "                       [--json FILE] [--svg FILE]\n"
    "                       [--moderngl-script FILE | --no-moderngl]\n"
    "  --quick       sizes 1e4,1e6, fewer repeats and smaller dispatch cases (a smoke run)\n"
    "  --sizes LIST  comma-separated element counts, e.g. 1e4,1e6,1e8 (the default)\n"
    "  --repeats N   timed runs after the warm-up (default 5, --quick 2)\n"
    "  --ops LIST    only these ops, e.g. inclusive_scan,sort (default: all)\n"
    "  --json FILE   also write every row as JSON\n"
    "  --svg FILE    also write a plot of time against size as SVG\n"
    "  --moderngl-script FILE  moderngl_yardstick.py (default: the source tree's)\n"
    "  --no-moderngl           leave out the moderngl yardstick\n";

[[noreturn]] void usage_error(const std::string& problem) {
  std::fprintf(stderr, "glcompute_bench: %s\n%s", problem.c_str(), kUsage);
  std::exit(2);
}

/// "1e4,1e6,100000000" -> {10000, 1000000, 100000000}.
std::vector<std::size_t> parse_sizes(const std::string& list) {
  std::vector<std::size_t> sizes;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const std::string item = list.substr(start, comma - start);
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(item.c_str(), &end);
    if (item.empty() || *end != '\0' || errno != 0 || value < 1 || value > 1e12 ||
        value != std::floor(value)) {
      usage_error("--sizes: '" + item + "' is not a whole number of elements >= 1");
    }
    sizes.push_back(static_cast<std::size_t>(value));
    start = comma + 1;
  }
  return sizes;
}

/// "a,b,c" -> {"a", "b", "c"}.
std::vector<std::string> parse_list(const std::string& list) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    if (comma > start) items.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  if (items.empty()) usage_error("--ops: no op named");
  return items;
}

int parse_repeats(const std::string& text) {
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value < 1 || value > 1000) {
    usage_error("--repeats: '" + text + "' is not a number from 1 to 1000");
  }
  return static_cast<int>(value);
}

bench::Options parse_options(int argc, char** argv) {
  bench::Options options;
  options.moderngl_script = GLC_BENCH_MODERNGL_SCRIPT;
  options.python = GLC_BENCH_PYTHON;
  std::string sizes, repeats;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage_error(std::string(arg) + " needs a value");
      return argv[++i];
    };
    if (arg == "--quick") options.quick = true;
    else if (arg == "--sizes") sizes = value();
    else if (arg == "--repeats") repeats = value();
    else if (arg == "--ops") options.ops = parse_list(value());
    else if (arg == "--json") options.json_path = value();
    else if (arg == "--svg") options.svg_path = value();
    else if (arg == "--moderngl-script") options.moderngl_script = value();
    else if (arg == "--no-moderngl") options.moderngl_script.clear();
    else if (arg == "--help" || arg == "-h") {
      std::printf("%s", kUsage);
      std::exit(0);
    } else {
      usage_error("unknown argument " + std::string(arg));
    }
  }
  if (options.quick) {
    options.sizes = {10'000, 1'000'000};
    options.gpu = {2, 1, 1.0};
    options.cpu = {2, 0, 0.2};
  }
  if (!sizes.empty()) options.sizes = parse_sizes(sizes);
  if (!repeats.empty()) options.gpu.repeats = options.cpu.repeats = parse_repeats(repeats);
  return options;
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return text;
}

bench::RunInfo run_info(glc::Context& ctx, const bench::Options& options) {
  const glc::ContextInfo& info = ctx.info();
  return {info.renderer, info.vendor, info.version, info.egl_path, utc_now(), options.quick,
          glc::algorithm_path(ctx).description};
}

void print_header(const bench::RunInfo& info, const bench::Options& options) {
  std::printf("glcompute_bench  %s%s\n", info.date.c_str(), info.quick ? "  (--quick)" : "");
  std::printf("device: %s (%s), GL %s, EGL path %s\n", info.renderer.c_str(), info.vendor.c_str(),
              info.gl_version.c_str(), info.egl_path.c_str());
  std::printf("algorithms (scan, sort, copy_if): %s\n", info.algorithms.c_str());
  std::printf(
      "times: best of up to %d runs after a warm-up (glcompute: stop after %.3g s; CPU "
      "yardsticks, one thread: after %.3g s)\n"
      "clock: gpu = GL_TIME_ELAPSED; finish = host clock around the work + glFinish (the driver's "
      "timer measures nothing); host = host clock around a call that returns to the host\n"
      "ratio = yardstick time / glcompute time (> 1: glcompute is faster)\n\n",
      options.gpu.repeats, options.gpu.budget_seconds, options.cpu.budget_seconds);
  std::fflush(stdout);
}

/// Fails at once, not after minutes of measuring, when an output file cannot be written.
void check_writable(const std::string& path) {
  if (path.empty()) return;
  if (!std::ofstream(path)) throw std::runtime_error("cannot write " + path);
}

/// Rows grouped by op (in the order the ops first ran), sizes ascending within an op.
void group_by_op(std::vector<bench::Row>& rows) {
  std::vector<std::string> order;
  for (const bench::Row& r : rows) {
    if (std::find(order.begin(), order.end(), r.op) == order.end()) order.push_back(r.op);
  }
  const auto rank = [&](const bench::Row& r) {
    return std::find(order.begin(), order.end(), r.op) - order.begin();
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const bench::Row& a, const bench::Row& b) {
    return rank(a) != rank(b) ? rank(a) < rank(b) : a.n < b.n;
  });
}

}  // namespace

int main(int argc, char** argv) try {
  const bench::Options options = parse_options(argc, argv);
  check_writable(options.json_path);
  check_writable(options.svg_path);
  glc::Context ctx;
  const bench::RunInfo info = run_info(ctx, options);
  print_header(info, options);

  bench::ModernglPeer peer(options);
  std::vector<bench::Row> rows = bench::run_size_cases(ctx, options, peer);
  const bench::PeerRun& moderngl = peer.finish();
  for (bench::Row& row : bench::run_algorithm_cases(ctx, options)) rows.push_back(row);
  for (bench::Row& row : bench::run_dispatch_cases(ctx, options)) rows.push_back(row);
  group_by_op(rows);

  std::fprintf(stderr, "\n");
  bench::print_table(rows);
  bench::print_dispatch_summary(rows);
  bench::print_moderngl_table(rows, moderngl);
  if (!options.json_path.empty()) bench::write_json(options.json_path, info, rows, moderngl);
  if (!options.svg_path.empty()) bench::write_svg(options.svg_path, info, rows);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "glcompute_bench: %s\n", e.what());
  return 1;
}
