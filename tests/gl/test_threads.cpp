// Contexts and threads, through the public API: which thread holds a context, handing it over
// (Context::make_current / release_current), threads that end, two contexts on one thread, and
// contexts created by several threads at once (run under ThreadSanitizer by tools/tsan).
//
// Every test makes its own contexts: which thread holds a context is what is tested.

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gl_test_context.hpp"

namespace {

using ::testing::HasSubstr;
using glc::testing::error_of;

/// Runs `f` on a new thread and waits for it to end; what it throws fails the test.
void on_a_thread(const std::function<void()>& f) {
  std::thread([&] {
    try {
      f();
    } catch (const std::exception& e) {
      ADD_FAILURE() << "the thread threw: " << e.what();
    }
  }).join();
}

/// The message `f` throws on a new thread, or "(no error thrown)".
std::string error_on_a_thread(const std::function<void()>& f) {
  std::string message;
  on_a_thread([&] { message = error_of(f); });
  return message;
}

/// out[i] = i * 3 + k for i < n.
constexpr const char* kLinear = R"(#version 430
layout(local_size_x = 64) in;
layout(std430, binding = 0) writeonly buffer Out { uint values[]; };
uniform uint n;
uniform uint k;
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i < n) values[i] = i * 3u + k;
}
)";

/// Compiles, dispatches and reads back on `ctx` from the calling thread; checks every element.
::testing::AssertionResult computes_on(glc::Context& ctx, std::uint32_t k) {
  constexpr std::uint32_t n = 1000;
  glc::Program p = ctx.compile(glc::Source::text(kLinear, "linear.comp"));
  glc::Buffer<std::uint32_t> out = ctx.buffer(std::vector<std::uint32_t>(n, 0xDEADBEEFu));
  p.bind("Out", out).set("n", n).set("k", k);
  p.dispatch_for(n);
  const std::vector<std::uint32_t> values = out.read();
  for (std::uint32_t i = 0; i < n; ++i) {
    if (values[i] != i * 3 + k) {
      return ::testing::AssertionFailure() << "element " << i << " is " << values[i];
    }
  }
  return ::testing::AssertionSuccess();
}

// ---------------------------------------------------------------------------------------------
// Which thread holds a context

TEST(Threads, AContextHeldElsewhereSaysWhichCallFreesIt) {
  glc::Context ctx;  // held by this thread, which created it
  glc::Buffer<float> b = ctx.buffer<float>(4);
  const std::string message = error_on_a_thread([&] { (void)b.read(); });
  EXPECT_THAT(message, HasSubstr("current on another thread"));
  EXPECT_THAT(message, HasSubstr("release_current()"));
  EXPECT_THAT(message, HasSubstr("make_current()"));
  // Asking for it explicitly is refused the same way.
  EXPECT_THAT(error_on_a_thread([&] { ctx.make_current(); }), HasSubstr("release_current()"));
  // Only the holder can let it go.
  EXPECT_THAT(error_on_a_thread([&] { ctx.release_current(); }),
              HasSubstr("current on another thread"));
  EXPECT_EQ(b.read(), std::vector<float>(4, 0.0f));  // still fine here
}

TEST(Threads, AContextIsHandedToAWorkerAndBack) {
  glc::Context ctx;
  glc::Buffer<std::uint32_t> b = ctx.buffer<std::uint32_t>(3);
  ctx.release_current();
  ctx.release_current();  // releasing a free context does nothing
  std::string worker_error = "(not run)";
  on_a_thread([&] {
    worker_error = error_of([&] {
      ctx.make_current();
      b.write(std::vector<std::uint32_t>{7, 8, 9});
      if (!computes_on(ctx, 5)) throw glc::Error("wrong results on the worker");
      ctx.release_current();
    });
  });
  EXPECT_EQ(worker_error, "(no error thrown)");
  EXPECT_EQ(b.read(), (std::vector<std::uint32_t>{7, 8, 9}));  // taken back by using it
  EXPECT_TRUE(computes_on(ctx, 11));
}

TEST(Threads, AReleasedContextIsTakenByTheFirstThreadThatUsesIt) {
  glc::Context ctx;
  glc::Buffer<std::uint32_t> b = ctx.buffer(std::vector<std::uint32_t>{1, 2});
  ctx.release_current();
  std::vector<std::uint32_t> seen;
  on_a_thread([&] { seen = b.read(); });  // no make_current(): it was free
  EXPECT_EQ(seen, (std::vector<std::uint32_t>{1, 2}));
}

// A thread that ends never keeps a context: not the one that created it, not one that took it.
TEST(Threads, AContextCreatedOnAThreadThatEndedIsUsableElsewhere) {
  std::unique_ptr<glc::Context> ctx;
  on_a_thread([&] {
    ctx = std::make_unique<glc::Context>();
    ASSERT_TRUE(computes_on(*ctx, 1));
  });
  ASSERT_TRUE(ctx);
  EXPECT_TRUE(computes_on(*ctx, 2));
  // Handed to a worker that ends while holding it, it is free again: for another worker, then
  // for this thread.
  ctx->release_current();
  on_a_thread([&] { ASSERT_TRUE(computes_on(*ctx, 3)); });
  on_a_thread([&] { ASSERT_TRUE(computes_on(*ctx, 4)); });
  EXPECT_TRUE(computes_on(*ctx, 5));
}

// The bug this test keeps away: after a second context was created and destroyed on the main
// thread, a worker silently took the first one, and from then on the main thread was told the
// context was current on another thread, though that thread had ended.
TEST(Threads, AWorkerNeverSilentlyTakesAContextItsCreatorStillHolds) {
  glc::Context first;
  glc::Buffer<std::uint32_t> b = first.buffer(std::vector<std::uint32_t>{4, 5, 6});
  { glc::Context second; }
  EXPECT_THAT(error_on_a_thread([&] { (void)b.read(); }), HasSubstr("release_current()"));
  EXPECT_EQ(b.read(), (std::vector<std::uint32_t>{4, 5, 6}));
  EXPECT_TRUE(computes_on(first, 9));
}

TEST(Threads, TwoContextsAlternateFreelyOnOneThread) {
  glc::Context a;
  glc::Context b;
  glc::Buffer<int> in_a = a.buffer(std::vector<int>{1, 1});
  glc::Buffer<int> in_b = b.buffer(std::vector<int>{2, 2});
  const auto alternate = [&] {
    for (int round = 0; round < 3; ++round) {
      in_a.write(std::vector<int>{round, -round});
      in_b.write(std::vector<int>{-round, round});
      if (in_a.read() != std::vector<int>{round, -round}) throw glc::Error("a is wrong");
      if (in_b.read() != std::vector<int>{-round, round}) throw glc::Error("b is wrong");
    }
    if (!computes_on(a, 1) || !computes_on(b, 2)) throw glc::Error("wrong results");
  };
  EXPECT_NO_THROW(alternate());
  // Both are held by this thread, including the one not bound at the moment.
  EXPECT_THAT(error_on_a_thread([&] { (void)in_a.read(); }), HasSubstr("release_current()"));
  EXPECT_THAT(error_on_a_thread([&] { (void)in_b.read(); }), HasSubstr("release_current()"));
  // Handed over together, they alternate on a worker, and come back when it ends.
  a.release_current();
  b.release_current();
  EXPECT_EQ(error_on_a_thread(alternate), "(no error thrown)");
  EXPECT_NO_THROW(alternate());
}

TEST(Threads, ContextsOnSeparateThreadsWorkAtTheSameTime) {
  std::vector<std::string> errors(3, "(not run)");
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < errors.size(); ++t) {
    threads.emplace_back([&errors, t] {
      errors[t] = error_of([t] {
        glc::Context ctx;
        for (std::uint32_t round = 0; round < 3; ++round) {
          if (!computes_on(ctx, static_cast<std::uint32_t>(t * 10 + round))) {
            throw glc::Error("wrong results");
          }
        }
      });
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& e : errors) EXPECT_EQ(e, "(no error thrown)");
}

// Context creation loads GL and EGL entry points into process-wide pointers: two threads
// creating contexts, while a third uses one, must not race (ThreadSanitizer checks it in
// tools/tsan; here it must at least work).
TEST(Threads, ContextsCreatedByTwoThreadsAtOnceWhileAThirdComputes) {
  std::atomic<bool> stop{false};
  std::atomic<bool> busy_ready{false};
  std::string busy_error = "(not run)";
  std::thread user([&] {
    busy_error = error_of([&] {
      glc::Context busy;
      busy_ready = true;
      do {
        if (!computes_on(busy, 7)) throw glc::Error("wrong results while contexts were created");
      } while (!stop.load());
    });
    busy_ready = true;
  });
  while (!busy_ready.load()) std::this_thread::yield();
  std::vector<std::string> errors(2, "(not run)");
  std::vector<std::thread> creators;
  for (std::size_t t = 0; t < errors.size(); ++t) {
    creators.emplace_back([&errors, t] {
      errors[t] = error_of([t] {
        for (int round = 0; round < 2; ++round) {
          glc::Context ctx;
          if (!computes_on(ctx, static_cast<std::uint32_t>(t))) throw glc::Error("wrong results");
        }
      });
    });
  }
  for (std::thread& t : creators) t.join();
  stop = true;
  user.join();
  for (const std::string& e : errors) EXPECT_EQ(e, "(no error thrown)");
  EXPECT_EQ(busy_error, "(no error thrown)");
}

}  // namespace
