#pragma once
// Runs a program (the glcompute command, /usr/bin/python3) as a child process and collects its
// exit status, standard output and standard error, for tests of command-line behaviour.

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "temp_dir.hpp"

extern char** environ;

namespace glc::testing {

struct ProgramResult {
  int status = -1;  ///< the exit status; -1 if the program did not start or was killed
  std::string out;  ///< standard output
  std::string err;  ///< standard error
};

/// Runs `program` with `args` in the directory `cwd` (empty: this one), standard input from
/// /dev/null, this process's environment with `env` ("NAME=value" set, "NAME" removed) applied,
/// and waits for it.
inline ProgramResult run_program(const std::string& program, const std::vector<std::string>& args,
                                 const std::filesystem::path& cwd = {}, const std::vector<std::string>& env = {}) {
  const TempDir dir;
  const std::string out = (dir.path() / "out").string(), err = (dir.path() / "err").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> argv_text{program};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_text;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string var(*e);
    bool replaced = false;
    for (const std::string& change : env) {
      const std::string name = change.substr(0, change.find('='));
      replaced = replaced || var.rfind(name + "=", 0) == 0;
    }
    if (!replaced) env_text.push_back(var);
  }
  for (const std::string& change : env) {
    if (change.find('=') != std::string::npos) env_text.push_back(change);
  }
  std::vector<char*> envp;
  for (std::string& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);
  ProgramResult result;
  pid_t pid = 0;
  // posix_spawn has no working-directory action before glibc 2.29's _np one; chdir around it.
  const std::filesystem::path here = std::filesystem::current_path();
  if (!cwd.empty()) std::filesystem::current_path(cwd);
  const int spawned = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  if (!cwd.empty()) std::filesystem::current_path(here);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return result;
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  if (WIFEXITED(wstatus)) result.status = WEXITSTATUS(wstatus);
  const auto slurp = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  result.out = slurp(out);
  result.err = slurp(err);
  return result;
}

}  // namespace glc::testing
