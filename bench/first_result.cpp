// glcompute_first_result: how long a new process takes from `glc::Context ctx;` to the first
// result of glc::sum and of rng.uniform, cold and with the program cache.
//
// Each measurement is a fresh process (this program runs itself as a child), because what is
// measured happens once per process: loading the driver, creating the context, compiling (or
// loading) the kernel, and, on llvmpipe, generating its machine code at the first dispatch.
//   - cold:   an empty program cache and an empty driver shader cache (Mesa's
//             MESA_SHADER_CACHE_DIR, NVIDIA's __GL_SHADER_DISK_CACHE_PATH): a new machine;
//   - cached: the same caches after one run filled them: every later run of a program.
// A child times, in milliseconds: the context (`glc::Context ctx;`), a buffer of n floats,
// and the first call, up to its result on the host (sum: the double it returns; uniform: the
// call and a finish, so the numbers exist on the GPU). The table shows the median of --runs
// children for each row.
//
// Usage: glcompute_first_result [--n N] [--runs R]
//        glcompute_first_result --child sum|uniform N     (one measurement, one line)

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <glcompute/glcompute.hpp>

extern char** environ;

namespace {

using clock_type = std::chrono::steady_clock;

double ms_since(clock_type::time_point t) {
  return std::chrono::duration<double, std::milli>(clock_type::now() - t).count();
}

/// One measurement, in this process: prints "context buffer call total cache_hits".
int child(const std::string& op, std::size_t n) {
  const auto start = clock_type::now();
  glc::Context ctx;
  const double context_ms = ms_since(start);
  const auto buffer_start = clock_type::now();
  glc::Buffer<float> xs = ctx.buffer<float>(n);
  const double buffer_ms = ms_since(buffer_start);
  const auto call_start = clock_type::now();
  double keep = 0;
  if (op == "sum") {
    keep = glc::sum(xs);
  } else {
    glc::Random rng(ctx, 1);
    rng.uniform(xs);
    ctx.finish();
  }
  const double call_ms = ms_since(call_start);
  const double total_ms = ms_since(start);
  std::printf("%.3f %.3f %.3f %.3f %llu %g\n", context_ms, buffer_ms, call_ms, total_ms,
              static_cast<unsigned long long>(ctx.program_cache().hits), keep);
  return 0;
}

/// Runs this program as `--child op n` with `env` added; returns its line of figures.
std::array<double, 5> run_child(const std::string& op, std::size_t n, const std::vector<std::string>& env) {
  std::vector<std::string> vars = env;
  for (char** e = environ; *e != nullptr; ++e) vars.emplace_back(*e);
  std::vector<char*> envp;
  for (std::string& v : vars) envp.push_back(v.data());
  envp.push_back(nullptr);
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  std::string self = "/proc/self/exe", child_flag = "--child", n_text = std::to_string(n);
  std::string op_text = op;
  char* argv[] = {self.data(), child_flag.data(), op_text.data(), n_text.data(), nullptr};
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, self.c_str(), &actions, nullptr, argv, envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (spawned != 0) throw std::runtime_error("spawn failed");
  std::string out;
  char buf[256];
  for (ssize_t got; (got = read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(got));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  std::array<double, 5> f{};
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
      std::sscanf(out.c_str(), "%lf %lf %lf %lf %lf", &f[0], &f[1], &f[2], &f[3], &f[4]) != 5) {
    throw std::runtime_error("child failed: " + out);
  }
  return f;
}

/// A fresh directory under the system's temporary directory, removed at the end.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "glc-first-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

/// The variables that point glcompute's and the driver's caches at `dir`.
std::vector<std::string> caches_in(const std::filesystem::path& dir) {
  return {"GLCOMPUTE_CACHE_DIR=" + (dir / "glcompute").string(),
          "MESA_SHADER_CACHE_DIR=" + (dir / "mesa").string(),
          "__GL_SHADER_DISK_CACHE_PATH=" + (dir / "nvidia").string(),
          "__GL_SHADER_DISK_CACHE=1"};
}

std::array<double, 5> median_of(std::vector<std::array<double, 5>> runs) {
  std::array<double, 5> m{};
  for (std::size_t k = 0; k < m.size(); ++k) {
    std::vector<double> v;
    for (const auto& r : runs) v.push_back(r[k]);
    std::sort(v.begin(), v.end());
    m[k] = v[v.size() / 2];
  }
  return m;
}

int parent(std::size_t n, int runs) {
  {
    glc::Context ctx;
    const glc::ContextInfo& info = ctx.info();
    std::printf("glcompute_first_result: %s (%s), %s, EGL path %s; n = %zu, median of %d processes\n\n",
                info.renderer.c_str(), info.vendor.c_str(), info.version.c_str(),
                info.egl_path.c_str(), n, runs);
  }
  std::printf("| first result of | caches | context ms | buffer ms | call ms | total ms | cache hits |\n");
  std::printf("|---|---|--:|--:|--:|--:|--:|\n");
  for (const char* op : {"sum", "uniform"}) {
    std::vector<std::array<double, 5>> cold, cached;
    for (int r = 0; r < runs; ++r) {
      TempDir dir;  // empty: a cold start
      cold.push_back(run_child(op, n, caches_in(dir.path)));
    }
    TempDir dir;
    run_child(op, n, caches_in(dir.path));  // fills the caches
    for (int r = 0; r < runs; ++r) cached.push_back(run_child(op, n, caches_in(dir.path)));
    for (const auto& [name, rows] : {std::pair{"cold", cold}, std::pair{"cached", cached}}) {
      const std::array<double, 5> m = median_of(rows);
      std::printf("| %s | %s | %.1f | %.1f | %.1f | %.1f | %.0f |\n", op == std::string("sum") ? "glc::sum" : "rng.uniform",
                  name, m[0], m[1], m[2], m[3], m[4]);
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc == 4 && std::string(argv[1]) == "--child") {
      return child(argv[2], static_cast<std::size_t>(std::stod(argv[3])));
    }
    std::size_t n = 1'000'000;
    int runs = 5;
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      if (arg == "--n" && i + 1 < argc) n = static_cast<std::size_t>(std::stod(argv[++i]));
      else if (arg == "--runs" && i + 1 < argc) runs = std::max(1, std::stoi(argv[++i]));
      else {
        std::fprintf(stderr, "usage: glcompute_first_result [--n N] [--runs R]\n");
        return 2;
      }
    }
    return parent(n, runs);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "glcompute_first_result: %s\n", e.what());
    return 1;
  }
}
