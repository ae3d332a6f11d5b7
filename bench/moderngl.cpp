// The moderngl yardstick of glcompute_bench: runs bench/moderngl_yardstick.py (Debian's
// python3-moderngl, through /usr/bin/python3) after glcompute's own rows, on the same driver in
// the same run, and sets its transfer rows next to glcompute's.

#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "bench.hpp"

namespace bench {
namespace {

/// `text` quoted for /bin/sh.
std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  for (std::string field; std::getline(in, field, '\t');) fields.push_back(field);
  return fields;
}

}  // namespace

PeerRun run_moderngl(const Options& options) {
  PeerRun run;
  if (options.moderngl_script.empty()) {
    run.skipped = "left out (--no-moderngl)";
    return run;
  }
  std::string sizes;
  for (const std::size_t n : options.sizes) {
    if (!sizes.empty()) sizes += ',';
    sizes += std::to_string(n);
  }
  const std::string command = shell_quote(options.python) + " " +
                              shell_quote(options.moderngl_script) + " --sizes " + sizes +
                              " --repeats " + std::to_string(options.gpu.repeats);
  std::fprintf(stderr, "moderngl yardstick: %s\n", command.c_str());
  std::fflush(stderr);
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    run.skipped = "could not start " + options.python;
    return run;
  }
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
    std::string line(buffer);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    const std::vector<std::string> f = split_tabs(line);
    if (f.size() == 5 && f[0] == "row") {
      run.rows.push_back({f[1], std::stoull(f[2]), std::strtod(f[3].c_str(), nullptr), f[4]});
    } else if (f.size() == 2 && f[0] == "note") {
      run.notes.push_back(f[1]);
    }
  }
  const int status = pclose(pipe);
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code == 3) run.skipped = "moderngl is not installed for " + options.python + " (Debian: python3-moderngl)";
  else if (code == 4) run.skipped = "moderngl could not create a context here";
  else if (code == 127 || code == 2) run.skipped = "could not run " + options.moderngl_script;
  else if (code != 0) run.skipped = "moderngl_yardstick.py failed (exit status " + std::to_string(code) + ")";
  if (!run.skipped.empty()) run.rows.clear();
  return run;
}

void print_moderngl_table(const std::vector<Row>& rows, const PeerRun& moderngl) {
  std::printf("\n");
  if (!moderngl.skipped.empty()) {
    std::printf("moderngl yardstick: %s\n", moderngl.skipped.c_str());
    return;
  }
  std::printf("transfers against moderngl on the same driver, same run (ratio = moderngl time / "
              "glcompute time: > 1, glcompute is faster)\n");
  for (const std::string& note : moderngl.notes) std::printf("  %s\n", note.c_str());
  std::printf("%-19s %10s %10s %10s  %-34s %8s\n", "op", "n", "glcompute", "moderngl",
              "moderngl call", "ratio");
  std::printf("%s\n", std::string(98, '-').c_str());
  int slower = 0, compared = 0;
  for (const Row& r : rows) {
    for (const PeerRow& p : moderngl.rows) {
      if (p.op != r.op || p.n != r.n) continue;
      const double ratio = p.seconds / r.seconds;
      ++compared;
      slower += ratio < 1;
      std::printf("%-19s %10zu %10s %10s  %-34s %7.3gx%s\n", r.op.c_str(), r.n,
                  format_seconds(r.seconds).c_str(), format_seconds(p.seconds).c_str(),
                  p.call.c_str(), ratio, ratio < 1 ? "  slower" : "");
    }
  }
  std::printf("glcompute at least as fast as moderngl in %d of %d rows\n", compared - slower, compared);
}

}  // namespace bench
