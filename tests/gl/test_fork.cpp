// fork() and GL: a child process inherits the parent's contexts as memory only (the driver's
// threads and the GPU's state do not come along), so every GL call there may hang forever.
// glcompute refuses instead: in a child forked after the GL driver was initialised, every use
// of an inherited object and every new context throws glc::Error saying to create contexts
// after fork. A process that forks before its first context is not affected.
//
// The children report through a pipe; a child that hangs is killed after a timeout and fails
// the test.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gl_test_context.hpp"

extern char** environ;

namespace {

using ::testing::HasSubstr;
using glc::testing::error_of;

constexpr auto kChildTimeout = std::chrono::seconds(30);

/// out[i] = i + k for i < n.
constexpr const char* kPlus = R"(#version 430
layout(local_size_x = 64) in;
layout(std430, binding = 0) writeonly buffer Out { uint values[]; };
uniform uint n;
uniform uint k;
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i < n) values[i] = i + k;
}
)";

/// Compiles, dispatches and reads back on `ctx`; "" if every element is right, else why not.
std::string compute(glc::Context& ctx, std::uint32_t k) {
  constexpr std::uint32_t n = 300;
  glc::Program p = ctx.compile(glc::Source::text(kPlus, "plus.comp"));
  glc::Buffer<std::uint32_t> out = ctx.buffer(std::vector<std::uint32_t>(n, 0xDEADBEEFu));
  p.bind("Out", out).set("n", n).set("k", k);
  p.dispatch_for(n);
  const std::vector<std::uint32_t> values = out.read();
  for (std::uint32_t i = 0; i < n; ++i) {
    if (values[i] != i + k) return "element " + std::to_string(i) + " is " + std::to_string(values[i]);
  }
  return "";
}

/// What a child wrote to its pipe before it exited, or why there is nothing.
struct ChildResult {
  std::string output;
  bool exited = false;  ///< false: it hung and was killed
  int status = 0;
};

/// Forks; the child runs `child` with its output going to the parent through a pipe, then
/// _exit(0) (no destructors, no atexit handlers of the test framework). The parent reads
/// until the child ends or kChildTimeout passes (then the child is killed).
ChildResult run_in_child(const std::function<std::string()>& child) {
  int fds[2];
  if (::pipe(fds) != 0) return {"pipe failed", false, 0};
  const pid_t pid = ::fork();
  if (pid < 0) return {"fork failed", false, 0};
  if (pid == 0) {
    ::close(fds[0]);
    std::string report;
    try {
      report = child();
    } catch (const std::exception& e) {
      report = std::string("child threw: ") + e.what();
    }
    for (std::size_t at = 0; at < report.size();) {
      const ssize_t n = ::write(fds[1], report.data() + at, report.size() - at);
      if (n <= 0) break;
      at += static_cast<std::size_t>(n);
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  ChildResult result;
  const auto deadline = std::chrono::steady_clock::now() + kChildTimeout;
  ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
  for (;;) {
    char chunk[4096];
    const ssize_t n = ::read(fds[0], chunk, sizeof chunk);
    if (n > 0) {
      result.output.append(chunk, static_cast<std::size_t>(n));
      continue;
    }
    const pid_t done = ::waitpid(pid, &result.status, WNOHANG);
    if (done == pid) {
      while (::read(fds[0], chunk, sizeof chunk) > 0) {
      }
      result.exited = true;
      break;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &result.status, 0);
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    ::poll(&p, 1, 50);
  }
  ::close(fds[0]);
  return result;
}

/// The glc::Error message `f` throws, marked as such; anything else is reported as it is.
std::string outcome(const std::function<void()>& f) {
  try {
    f();
  } catch (const glc::Error& e) {
    return std::string("glc::Error: ") + e.what();
  } catch (const std::exception& e) {
    return std::string("other exception: ") + e.what();
  }
  return "(no error thrown)";
}

TEST(Fork, AChildRefusesInheritedContextsAndNewOnesInsteadOfHanging) {
  auto ctx = std::make_unique<glc::Context>();
  ASSERT_EQ(compute(*ctx, 1), "");
  glc::Program p = ctx->compile(glc::Source::text(kPlus, "plus.comp"));
  glc::Buffer<std::uint32_t> out = ctx->buffer(std::vector<std::uint32_t>(64, 5u));
  p.bind("Out", out).set("n", 64u).set("k", 2u);

  const ChildResult child = run_in_child([&] {
    std::string report;
    report += "dispatch: " + outcome([&] { p.dispatch_for(64); }) + "\n";
    report += "read: " + outcome([&] { (void)out.read(); }) + "\n";
    report += "new context: " + outcome([] {
      glc::Context fresh;
      (void)compute(fresh, 3);
    }) + "\n";
    // Dropping what was inherited must not touch the driver either (nor hang).
    report += "destroy: " + outcome([&] {
      glc::Program dropped = std::move(p);
      glc::Buffer<std::uint32_t> dropped_buffer = std::move(out);
      ctx.reset();
    }) + "\n";
    return report;
  });
  ASSERT_TRUE(child.exited) << "the child hung (killed after " << kChildTimeout.count()
                            << " s); it had written:\n" << child.output;
  EXPECT_THAT(child.output, HasSubstr("dispatch: glc::Error: "));
  EXPECT_THAT(child.output, HasSubstr("read: glc::Error: "));
  EXPECT_THAT(child.output, HasSubstr("new context: glc::Error: "));
  EXPECT_THAT(child.output, HasSubstr("destroy: (no error thrown)"));
  EXPECT_THAT(child.output, HasSubstr("fork()"));
  EXPECT_THAT(child.output, HasSubstr("create contexts after fork"));
  // The parent is unaffected.
  EXPECT_EQ(compute(*ctx, 4), "");
  p.dispatch_for(64);
  EXPECT_EQ(out.read()[63], 63u + 2u);
}

// A process that forks before its first context is fine on both sides. It must be a fresh
// process: this one has had contexts since the test above; so the binary runs itself again
// (GLC_TEST_FORK_FIRST), forks there at once, and both sides create a context and compute.
TEST(Fork, ContextsCreatedAfterForkWorkOnBothSides) {
  std::vector<std::string> env = {"GLC_TEST_FORK_FIRST=1"};
  for (char** e = environ; *e != nullptr; ++e) env.emplace_back(*e);
  std::vector<char*> child_env;
  for (std::string& e : env) child_env.push_back(e.data());
  child_env.push_back(nullptr);
  char self[] = "/proc/self/exe";
  char* argv[] = {self, nullptr};
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, self, nullptr, nullptr, argv, child_env.data()), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "see the output above";
}

/// The fresh process of the test above: fork first, then a context on each side.
int fork_first() {
  const ChildResult child = run_in_child([] {
    glc::Context ctx;
    const std::string wrong = compute(ctx, 8);
    return wrong.empty() ? std::string("ok") : wrong;
  });
  glc::Context ctx;
  const std::string parent = compute(ctx, 9);
  if (!child.exited || child.output != "ok" || !parent.empty()) {
    std::cerr << "child: " << (child.exited ? child.output : "hung") << "; parent: "
              << (parent.empty() ? "ok" : parent) << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (std::getenv("GLC_TEST_FORK_FIRST") != nullptr) return fork_first();
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
