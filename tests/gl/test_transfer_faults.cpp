// Transfers when something goes wrong: a map_write view abandoned by an exception, memory a
// view hands out, what the mapping pool keeps, views whose context is destroyed on another
// thread, an overlapping copy within one buffer, and context options that cannot work. Each
// case runs on every transfer path (GLCOMPUTE_TRANSFER_PATH): the path this driver takes by
// default, the staging path GPUs take, and the plain path of drivers without buffer storage.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <numeric>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <glad/gl.h>

#include "gl_test_context.hpp"

namespace {

using glc::testing::contains;
using glc::testing::error_from;
using glc::testing::ScopedEnv;

std::vector<std::uint32_t> random_words(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<std::uint32_t> v(n);
  for (auto& x : v) x = rng();
  return v;
}

/// A transfer path: the value of GLCOMPUTE_TRANSFER_PATH (nullptr: the driver's default) and
/// ContextOptions::staging_bytes.
struct Path {
  const char* name;
  const char* env;
  std::size_t staging_bytes;
};

void PrintTo(const Path& path, std::ostream* os) { *os << path.name; }

const Path kPaths[] = {{"automatic", nullptr, std::size_t{64} << 20},
                       {"staging", "staging", std::size_t{64} << 20},
                       {"plain", nullptr, 0}};

/// A new context on `path` (its own, so the pool and path are this test's alone).
std::unique_ptr<glc::Context> context_on(const Path& path) {
  ScopedEnv env("GLCOMPUTE_TRANSFER_PATH", path.env);
  return std::make_unique<glc::Context>(glc::ContextOptions{.staging_bytes = path.staging_bytes});
}

class TransferFaults : public ::testing::TestWithParam<Path> {
 protected:
  /// One context per path for the whole binary (context creation is the slow part).
  glc::Context& ctx() {
    static std::map<std::string, std::unique_ptr<glc::Context>> contexts;
    std::unique_ptr<glc::Context>& c = contexts[GetParam().name];
    if (!c) c = context_on(GetParam());
    return *c;
  }
};

INSTANTIATE_TEST_SUITE_P(Paths, TransferFaults, ::testing::ValuesIn(kPaths),
                         [](const auto& info) { return std::string(info.param.name); });

struct Thrown {};

// An exception while the view is being filled: nothing of the view reaches the buffer.
TEST_P(TransferFaults, MapWriteAbandonedByAnExceptionLeavesTheBufferAsItWas) {
  for (std::size_t n : {std::size_t{1}, std::size_t{1000}, std::size_t{(1u << 20) + 3}}) {
    const std::vector<std::uint32_t> data = random_words(n, 11);
    glc::Buffer<std::uint32_t> b = ctx().buffer(data);
    EXPECT_THROW(
        {
          glc::MappedWrite<std::uint32_t> view = b.map_write();
          std::fill(view.begin(), view.begin() + static_cast<std::ptrdiff_t>(n / 2), 7u);
          throw Thrown{};
        },
        Thrown);
    EXPECT_TRUE(b.read() == data) << "n = " << n;
  }
}

// discard() gives the memory back without writing; the view is then spent.
TEST_P(TransferFaults, DiscardedMapWriteWritesNothing) {
  const std::vector<std::uint32_t> data = random_words(5000, 14);
  glc::Buffer<std::uint32_t> b = ctx().buffer(data);
  glc::MappedWrite<std::uint32_t> view = b.map_write(100, 200);
  std::fill(view.begin(), view.end(), 9u);
  view.discard();
  EXPECT_THAT(glc::testing::error_of([&] { view[0] = 1u; }), ::testing::HasSubstr("discarded"));
  view.commit();  // nothing left to commit
  EXPECT_TRUE(b.read() == data);
}

// Only views alive when the exception was thrown are abandoned: one made during the unwinding
// (in a destructor) and destroyed normally there still commits.
TEST_P(TransferFaults, MapWriteMadeDuringUnwindingStillCommits) {
  glc::Buffer<std::uint32_t> b = ctx().buffer<std::uint32_t>(1000);
  struct WritesOnUnwind {
    glc::Buffer<std::uint32_t>& target;
    ~WritesOnUnwind() {
      glc::MappedWrite<std::uint32_t> view = target.map_write();
      std::fill(view.begin(), view.end(), 5u);
    }  // made while unwinding, destroyed normally: committed
  };
  try {
    WritesOnUnwind w{b};
    throw Thrown{};
  } catch (const Thrown&) {
  }
  EXPECT_EQ(b.read(), std::vector<std::uint32_t>(1000, 5u));
}

// The memory of a map_write view never holds what another buffer's map_read or read_async
// returned earlier (the pool must not hand one buffer's contents to another's writer).
TEST_P(TransferFaults, MapWriteNeverStartsWithAnotherBuffersReadData) {
  const std::size_t n = 300'007;
  const std::vector<std::uint32_t> secret = random_words(n, 12);
  glc::Buffer<std::uint32_t> a = ctx().buffer(secret);
  glc::Buffer<std::uint32_t> b = ctx().buffer<std::uint32_t>(n);
  for (int round = 0; round < 3; ++round) {
    { glc::MappedRead<std::uint32_t> r = a.map_read(); }  // back to the pool
    { glc::PendingRead<std::uint32_t> p = a.read_async(); (void)p.wait(); }
    glc::MappedWrite<std::uint32_t> w = b.map_write();
    std::size_t same = 0;
    for (std::size_t i = 0; i < n; ++i) same += w[i] == secret[i];
    EXPECT_LT(same, n / 1000) << "round " << round << ": the view started with a's data";
    std::fill(w.begin(), w.end(), 0u);
  }
}

/// The resident set of this process, in bytes.
std::size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

/// Live GL buffers of `ctx` (made current first): every name up to a new one, asked glIsBuffer.
std::uint32_t live_gl_buffers(glc::Context& ctx) {
  ctx.finish();
  GLuint probe = 0;
  glGenBuffers(1, &probe);
  std::uint32_t live = 0;
  for (GLuint name = 1; name < probe; ++name) live += glIsBuffer(name) == GL_TRUE;
  glDeleteBuffers(1, &probe);
  return live;
}

/// Whether views on `ctx` use host memory of glcompute's own (mmap: freed, it leaves the
/// resident set), rather than driver memory that the driver may keep cached once freed (NVIDIA
/// keeps freed pinned memory resident for its next allocation).
bool views_in_own_host_memory(const Path& path, const glc::Context& ctx) {
  if (path.staging_bytes == 0) return true;                    // plain
  if (path.env != nullptr) return std::string(path.env) != "staging";
  return ctx.info().renderer.starts_with("llvmpipe") || ctx.info().renderer.starts_with("softpipe");
}

// One large map_read must not leave its memory held for the context's lifetime: the pool
// keeps a bounded amount and frees larger spares once they have gone unused for a while. Its
// GL buffer must be gone; where the memory was glcompute's own, the resident set must show it.
TEST_P(TransferFaults, ALargeMapReadDoesNotStayResident) {
  std::unique_ptr<glc::Context> own = context_on(GetParam());
  const std::size_t n = std::size_t{32} << 20;  // 128 MiB of words, twice what the pool keeps
  glc::Buffer<std::uint32_t> b = own->buffer<std::uint32_t>(n);
  EXPECT_EQ(b.read(n - 1, 1)[0], 0u);
  const std::uint32_t buffers_before = live_gl_buffers(*own);
  const std::size_t before = resident_bytes();
  {
    glc::MappedRead<std::uint32_t> view = b.map_read();
    EXPECT_EQ(view[n / 2], 0u);
    EXPECT_EQ(std::count(view.begin(), view.end(), 0u), static_cast<std::ptrdiff_t>(n));  // all pages
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  own->finish();  // a transfer or finish() after the wait lets the pool give memory back
  const std::size_t after = resident_bytes();
  EXPECT_EQ(live_gl_buffers(*own), buffers_before) << "the pool kept the view's GL buffer";
  if (views_in_own_host_memory(GetParam(), *own)) {
    EXPECT_LT(after, before + (std::size_t{48} << 20))
        << "resident set grew from " << (before >> 20) << " MiB to " << (after >> 20) << " MiB";
  }
}

// Views outlive their context when it is destroyed on another thread: readable, with the
// data they held (AddressSanitizer saw the use after free this used to be, once the driver had
// really destroyed the context); a write view
// keeps its memory and says why it cannot commit; a read in flight gives its data or says it
// was cut off.
TEST_P(TransferFaults, ViewsSurviveTheirContextDestroyedOnAnotherThread) {
  std::unique_ptr<glc::Context> own = context_on(GetParam());
  const std::vector<std::uint32_t> data = random_words(200'003, 13);
  glc::Buffer<std::uint32_t> b = own->buffer(data);
  glc::MappedRead<std::uint32_t> view = b.map_read();
  glc::MappedWrite<std::uint32_t> writer = b.map_write(5, 1000);
  std::fill(writer.begin(), writer.end(), 3u);
  glc::PendingRead<std::uint32_t> pending = b.read_async(1, 100'000);
  std::thread([&] { own.reset(); }).join();
  // Another context made current here lets the driver finish destroying the first one (it
  // waited while that context was still current on this thread).
  glc::testing::context().finish();

  EXPECT_TRUE(std::equal(view.begin(), view.end(), data.begin()));
  EXPECT_EQ(std::count(writer.begin(), writer.end(), 3u), 1000);
  EXPECT_THAT(error_from([&] { writer.commit(); }), ::testing::HasSubstr("destroyed"));
  try {
    const std::vector<std::uint32_t> values = pending.get();
    EXPECT_TRUE(std::equal(values.begin(), values.end(), data.begin() + 1));
  } catch (const glc::Error& e) {
    EXPECT_THAT(std::string(e.what()), ::testing::HasSubstr("destroyed"));
  }
  glc::testing::context().finish();  // and it still works
}

// GL cannot copy between overlapping ranges of one buffer (glCopyBufferSubData:
// GL_INVALID_VALUE): the error names both ranges; disjoint ranges of one buffer copy.
TEST_P(TransferFaults, OverlappingCopyWithinOneBufferIsRefusedClearly) {
  std::vector<std::uint32_t> data(1000);
  std::iota(data.begin(), data.end(), 0u);
  glc::Buffer<std::uint32_t> b = ctx().buffer(data);
  const std::string message = error_from([&] { b.copy_from(b, 0, 10, 100); });
  EXPECT_TRUE(contains(message, {"Buffer::copy_from", "overlap", "[0, 100)", "[10, 110)"}));
  EXPECT_EQ(b.read(), data) << "the refused copy changed the buffer";
  b.copy_from(b, 0, 500, 100);
  std::copy(data.begin(), data.begin() + 100, data.begin() + 500);
  EXPECT_EQ(b.read(), data);
  glc::testing::context().compile(glc::Source::text(
      "#version 430\nlayout(local_size_x = 1) in;\nvoid main() {}\n", "after_refusal.comp"));
}

// Staging sizes that cannot work are refused when the context is made, naming the option,
// instead of making every later upload fail and leaving a GL error for the next call.
TEST(TransferOptions, StagingBytesOutOfRangeIsRefusedAtConstruction) {
  for (std::size_t bad : {std::size_t{1}, std::size_t{256}, std::size_t{511}, std::size_t{4095},
                          std::size_t{1} << 62, SIZE_MAX}) {
    const std::string message =
        error_from([&] { glc::Context c(glc::ContextOptions{.staging_bytes = bad}); });
    EXPECT_TRUE(contains(message, {"ContextOptions::staging_bytes", std::to_string(bad)}));
  }
  glc::Context fine(glc::ContextOptions{.staging_bytes = 4096});
  glc::Buffer<float> b = fine.buffer(std::vector<float>(100'000, 2.0f));
  EXPECT_EQ(b.read()[99'999], 2.0f);
  fine.compile(glc::Source::text("#version 430\nlayout(local_size_x = 1) in;\nvoid main() {}\n",
                                 "after_options.comp"));
}

// GLCOMPUTE_TRANSFER_PATH chooses a path for measurement and tests; anything else is refused
// by name, as GLCOMPUTE_SHADER_PATH is.
TEST(TransferOptions, UnknownTransferPathIsRefused) {
  ScopedEnv env("GLCOMPUTE_TRANSFER_PATH", "fastest");
  EXPECT_TRUE(contains(error_from([] { glc::Context c; }),
                       {"GLCOMPUTE_TRANSFER_PATH", "'fastest'", "staging", "direct", "plain"}));
  // Also where staging is off and the variable would choose nothing.
  EXPECT_TRUE(contains(error_from([] { glc::Context c(glc::ContextOptions{.staging_bytes = 0}); }),
                       {"GLCOMPUTE_TRANSFER_PATH", "'fastest'"}));
}

}  // namespace
