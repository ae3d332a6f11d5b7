// The moderngl yardstick of glcompute_bench: bench/moderngl_yardstick.py (Debian's
// python3-moderngl, through /usr/bin/python3) runs beside the bench as a server on the same
// driver, and measures each transfer row right after glcompute's, so that both sides of a
// ratio are measured within seconds of each other.

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "bench.hpp"

extern char** environ;

namespace bench {
namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  for (std::string field; std::getline(in, field, '\t');) fields.push_back(field);
  return fields;
}

/// A line from `in` without its newline; false at the end.
bool read_line(FILE* in, std::string& line) {
  line.clear();
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, in) != nullptr) {
    line += buffer;
    if (!line.empty() && line.back() == '\n') {
      line.pop_back();
      return true;
    }
  }
  return !line.empty();
}

}  // namespace

ModernglPeer::ModernglPeer(const Options& options) : repeats_(options.gpu.repeats) {
  if (options.moderngl_script.empty()) {
    run_.skipped = "left out (--no-moderngl)";
    return;
  }
  std::signal(SIGPIPE, SIG_IGN);  // a yardstick that ends early must not end the bench
  int to_child[2], from_child[2];
  if (pipe(to_child) != 0) {
    run_.skipped = "no pipe for the moderngl yardstick";
    return;
  }
  if (pipe(from_child) != 0) {
    close(to_child[0]);
    close(to_child[1]);
    run_.skipped = "no pipe for the moderngl yardstick";
    return;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], STDOUT_FILENO);
  for (const int fd : {to_child[0], to_child[1], from_child[0], from_child[1]}) {
    posix_spawn_file_actions_addclose(&actions, fd);
  }
  std::string python = options.python, script = options.moderngl_script, serve = "--serve";
  char* argv[] = {python.data(), script.data(), serve.data(), nullptr};
  std::fprintf(stderr, "moderngl yardstick: %s %s --serve\n", python.c_str(), script.c_str());
  const int spawned = posix_spawn(&pid_, python.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  close(to_child[0]);
  close(from_child[1]);
  if (spawned != 0) {
    close(to_child[1]);
    close(from_child[0]);
    pid_ = -1;
    run_.skipped = "could not start " + options.python;
    return;
  }
  requests_ = fdopen(to_child[1], "w");
  replies_ = fdopen(from_child[0], "r");
  std::string line;
  while (read_line(replies_, line)) {
    if (line == "ready") return;  // serving
    const std::vector<std::string> f = split_tabs(line);
    if (f.size() == 2 && f[0] == "note") run_.notes.push_back(f[1]);
  }
  finish();  // it ended before serving: the exit status says why
}

ModernglPeer::~ModernglPeer() { finish(); }

void ModernglPeer::measure(const std::string& op, std::size_t n) {
  if (requests_ == nullptr) return;
  std::fprintf(requests_, "%s %zu %d\n", op.c_str(), n, repeats_);
  std::fflush(requests_);
  std::string line;
  if (!read_line(replies_, line)) {
    finish();
    return;
  }
  const std::vector<std::string> f = split_tabs(line);
  if (f.size() != 5 || f[0] != "row") return;
  const PeerRow row{f[1], std::stoull(f[2]), std::strtod(f[3].c_str(), nullptr), f[4]};
  for (PeerRow& r : run_.rows) {
    if (r.op == row.op && r.n == row.n) {  // measured again: the best counts, as for glcompute
      if (row.seconds < r.seconds) r.seconds = row.seconds;
      return;
    }
  }
  run_.rows.push_back(row);
}

const PeerRun& ModernglPeer::finish() {
  if (pid_ <= 0) return run_;
  if (requests_ != nullptr) std::fclose(requests_);  // end of requests: it adds its last note
  requests_ = nullptr;
  if (replies_ != nullptr) {
    std::string line;
    while (read_line(replies_, line)) {
      const std::vector<std::string> f = split_tabs(line);
      if (f.size() == 2 && f[0] == "note") run_.notes.push_back(f[1]);
    }
    std::fclose(replies_);
    replies_ = nullptr;
  }
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code == 3) run_.skipped = "moderngl is not installed for this Python (Debian: python3-moderngl)";
  else if (code == 4) run_.skipped = "moderngl could not create a context here";
  else if (code == 2 || code == 127) run_.skipped = "could not run moderngl_yardstick.py";
  else if (code != 0) run_.skipped = "moderngl_yardstick.py failed (exit status " + std::to_string(code) + ")";
  if (!run_.skipped.empty()) run_.rows.clear();
  return run_;
}

void print_moderngl_table(const std::vector<Row>& rows, const PeerRun& moderngl) {
  std::printf("\n");
  if (!moderngl.skipped.empty()) {
    std::printf("moderngl yardstick: %s\n", moderngl.skipped.c_str());
    return;
  }
  std::printf("transfers against moderngl on the same driver, each measured right after glcompute's "
              "(ratio = moderngl time / glcompute time: > 1, glcompute is faster)\n");
  for (const std::string& note : moderngl.notes) std::printf("  %s\n", note.c_str());
  std::printf("%-19s %10s %10s %10s  %-44s %8s\n", "op", "n", "glcompute", "moderngl",
              "moderngl call", "ratio");
  std::printf("%s\n", std::string(108, '-').c_str());
  int slower = 0, compared = 0;
  for (const Row& r : rows) {
    for (const PeerRow& p : moderngl.rows) {
      if (p.op != r.op || p.n != r.n) continue;
      const double ratio = p.seconds / r.seconds;
      ++compared;
      slower += ratio < 1;
      std::printf("%-19s %10zu %10s %10s  %-44s %7.3gx%s\n", r.op.c_str(), r.n,
                  format_seconds(r.seconds).c_str(), format_seconds(p.seconds).c_str(),
                  p.call.c_str(), ratio, ratio < 1 ? "  slower" : "");
    }
  }
  std::printf("glcompute at least as fast as moderngl in %d of %d rows\n", compared - slower, compared);
}

}  // namespace bench
