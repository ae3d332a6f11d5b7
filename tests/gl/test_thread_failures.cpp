// Transfers when no thread can be created (a container's pids limit, no memory for a stack):
// large copies between host memory and buffers run on several threads, and must fall back to
// fewer (or the calling one) with the data intact, never let std::system_error out or end the
// process in std::terminate. ctest runs this binary with the fail_pthread_create shim preloaded
// (LD_PRELOAD); run alone, it skips, saying how to run it.

#include <dlfcn.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "gl_test_context.hpp"

namespace {

using glc::testing::ScopedEnv;

/// The shim's switch and counter, found in the process (nullptr where it is not preloaded).
struct Shim {
  void (*arm)(int) = reinterpret_cast<void (*)(int)>(dlsym(RTLD_DEFAULT, "glc_fail_pthread_create"));
  int (*refusals)() = reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "glc_pthread_create_refusals"));
  bool loaded() const { return arm != nullptr && refusals != nullptr; }
};

/// Arms the shim for one scope; disarms it even when the scope ends by an exception.
class NoNewThreads {
 public:
  explicit NoNewThreads(const Shim& shim) : shim_(shim) { shim_.arm(1); }
  ~NoNewThreads() { shim_.arm(0); }
  NoNewThreads(const NoNewThreads&) = delete;
  NoNewThreads& operator=(const NoNewThreads&) = delete;

 private:
  const Shim& shim_;
};

std::vector<std::uint32_t> random_words(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<std::uint32_t> v(n);
  for (auto& x : v) x = rng();
  return v;
}

class ThreadFailures : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    if (!shim_.loaded()) {
      if (std::getenv("GLC_EXPECT_THREAD_SHIM")) FAIL() << "the fail_pthread_create shim is not preloaded";
      GTEST_SKIP() << "run with the fail_pthread_create shim preloaded: LD_PRELOAD=<build>/tests/gl/libfail_pthread_create.so (ctest does)";
    }
  }
  Shim shim_;
};

INSTANTIATE_TEST_SUITE_P(Paths, ThreadFailures, ::testing::Values("automatic", "staging"),
                         [](const auto& info) { return std::string(info.param); });

// Every transfer that copies on several threads, with none to be had: reads into a vector
// (new and existing), writes, views, a read in flight. 40 MiB is well above the size where
// copies are split between threads.
TEST_P(ThreadFailures, LargeTransfersFallBackToTheCallingThread) {
  ScopedEnv path("GLCOMPUTE_TRANSFER_PATH", std::string(GetParam()) == "staging" ? "staging" : nullptr);
  glc::Context ctx;
  const std::size_t n = std::size_t{10} << 20;
  const std::vector<std::uint32_t> data = random_words(n, 21), other = random_words(n, 22);
  glc::Buffer<std::uint32_t> b = ctx.buffer<std::uint32_t>(n);
  ctx.finish();
  const int refusals_before = shim_.refusals();
  {
    NoNewThreads no_threads(shim_);
    try {
      b.write(data);
      EXPECT_TRUE(b.read() == data);
      std::vector<std::uint32_t> out(n, 0u);
      b.read_into(out);
      EXPECT_TRUE(out == data);
      EXPECT_TRUE(b.read_async().get() == data);
      {
        glc::MappedWrite<std::uint32_t> w = b.map_write();
        std::copy(other.begin(), other.end(), w.begin());
      }
      glc::MappedRead<std::uint32_t> view = b.map_read();
      EXPECT_TRUE(std::equal(view.begin(), view.end(), other.begin()));
    } catch (const std::exception& e) {
      ADD_FAILURE() << "a transfer threw when no thread could be created: " << e.what();
    }
  }
  EXPECT_GT(shim_.refusals(), refusals_before) << "no thread was asked for: the test tests nothing";
  EXPECT_TRUE(b.read() == other);  // and with threads again
}

}  // namespace
