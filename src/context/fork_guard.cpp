#include "context/fork_guard.hpp"

#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <string>

#include "glcompute/error.hpp"

namespace glc::detail {
namespace {

std::atomic<long> g_live_contexts{0};
std::atomic<bool> g_forked_with_gl{false};
/// The process that created the contexts the child inherited, for the message.
std::atomic<long> g_parent{0};

// Runs in the child right after fork(), on its only thread: async-signal-safe work only.
void after_fork_in_child() {
  if (g_live_contexts.load(std::memory_order_relaxed) > 0) {
    g_forked_with_gl.store(true, std::memory_order_relaxed);
  }
}

void before_fork() { g_parent.store(static_cast<long>(::getpid()), std::memory_order_relaxed); }

}  // namespace

void note_context_created() noexcept {
  static std::once_flag installed;
  std::call_once(installed, [] { ::pthread_atfork(before_fork, nullptr, after_fork_in_child); });
  g_live_contexts.fetch_add(1, std::memory_order_relaxed);
}

void note_context_destroyed() noexcept { g_live_contexts.fetch_sub(1, std::memory_order_relaxed); }

bool forked_with_gl() noexcept { return g_forked_with_gl.load(std::memory_order_relaxed); }

void throw_forked_with_gl(const char* operation) {
  throw Error(std::string("glcompute: ") + operation + ": this process was made by fork() in " +
              "process " + std::to_string(g_parent.load(std::memory_order_relaxed)) +
              " while that process had a GL context. The GL driver's threads and GPU state do "
              "not survive fork(), so GL work here would hang: neither those contexts nor new "
              "ones can be used in this process; create contexts after fork (fork first, then "
              "create each process's glc::Context), or exec a new program in the child.");
}

}  // namespace glc::detail
