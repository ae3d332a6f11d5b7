// Create/destroy cycles of everything glcompute owns: contexts, programs, buffers, the kernel
// library's calls and the pooled host mappings behind map_read/map_write/read_async. After a
// few warm-up cycles (pools, driver caches and lazily compiled kernels fill up) nothing may
// grow: not the live GL objects in the context (counted name by name with glIs*), not the open
// file descriptors, not the bytes malloc hands out, not the resident set.
//
// ctest runs a few dozen cycles; `tools/leakcheck` runs 1000 in an AddressSanitizer build with
// LeakSanitizer on, which adds the check that no allocation is left unfreed at exit.
//
//     test_leak_cycles [--cycles N] [gtest flags]      (GLC_LEAK_CYCLES=N works too)

#include <gtest/gtest.h>
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <glad/gl.h>

#include "gl_test_context.hpp"

#if defined(__SANITIZE_ADDRESS__)
#define GLC_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GLC_UNDER_ASAN 1
#endif
#endif

namespace {

using glc::testing::context;

int g_cycles = 40;

/// Cycles before the first measurement: enough for the context's staging memory, mapping pool
/// and kernel programs to exist and for malloc's arenas to settle.
int warmup_cycles() { return g_cycles < 20 ? g_cycles / 2 : 10; }

/// Live GL objects of one kind: every name up to the driver's current high-water mark is asked
/// with glIs* (names that were generated but never bound are not objects, and say false).
struct NameCount {
  std::uint32_t live = 0;
  std::uint32_t highest_name = 0;  ///< drivers may or may not reuse freed names; only reported
};

struct GlCensus {
  NameCount buffers, programs_and_shaders, queries;
  bool operator==(const GlCensus& o) const {
    return buffers.live == o.buffers.live && programs_and_shaders.live == o.programs_and_shaders.live &&
           queries.live == o.queries.live;
  }
};

NameCount count_names(std::uint32_t probe, GLboolean (*is_object)(GLuint)) {
  NameCount count{0, probe};
  for (std::uint32_t name = 1; name < probe; ++name) count.live += is_object(name) == GL_TRUE;
  return count;
}

GLboolean is_program_or_shader(GLuint name) { return glIsProgram(name) || glIsShader(name); }
GLboolean is_buffer(GLuint name) { return glIsBuffer(name); }
GLboolean is_query(GLuint name) { return glIsQuery(name); }

/// Counts the live buffers, programs, shaders and queries of `ctx` (made current first).
GlCensus census(glc::Context& ctx) {
  ctx.finish();  // makes ctx current: another context may have been created since
  GlCensus out;
  GLuint probe = 0;
  glGenBuffers(1, &probe);
  out.buffers = count_names(probe, is_buffer);
  glDeleteBuffers(1, &probe);
  probe = glCreateProgram();
  out.programs_and_shaders = count_names(probe, is_program_or_shader);
  glDeleteProgram(probe);
  glGenQueries(1, &probe);
  out.queries = count_names(probe, is_query);
  glDeleteQueries(1, &probe);
  return out;
}

std::string describe(const GlCensus& c) {
  return std::to_string(c.buffers.live) + " buffers (highest name " +
         std::to_string(c.buffers.highest_name) + "), " + std::to_string(c.programs_and_shaders.live) +
         " programs+shaders (highest " + std::to_string(c.programs_and_shaders.highest_name) + "), " +
         std::to_string(c.queries.live) + " queries (highest " + std::to_string(c.queries.highest_name) + ")";
}

/// What the process holds, apart from GL objects.
struct ProcessCensus {
  long open_fds = 0;
  long long heap_bytes = 0;  ///< malloc'd and not freed (glibc's count; 0 under ASan)
  long long rss_bytes = 0;
};

ProcessCensus process_census() {
  ProcessCensus out;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    (void)entry;
    ++out.open_fds;
  }
  malloc_trim(0);  // return freed memory, so RSS shows what is in use
  out.heap_bytes = static_cast<long long>(mallinfo2().uordblks);
  std::ifstream statm("/proc/self/statm");
  long long pages = 0, resident = 0;
  statm >> pages >> resident;
  out.rss_bytes = resident * sysconf(_SC_PAGESIZE);
  return out;
}

/// glibc's arenas and Mesa's allocators round and cache; growth below this over a whole run is
/// allocator noise, not a leak. A leak of 1 KiB per cycle exceeds it within 1000 cycles, and
/// LeakSanitizer (tools/leakcheck) sees leaks of any size.
constexpr long long kHeapNoiseBytes = 512 << 10;
constexpr long long kRssNoiseBytes = 4 << 20;

/// Runs `cycle` g_cycles times and checks that nothing grew between the end of the warm-up and
/// the end. `census_ctx` is the context whose GL objects are counted (nullptr: none).
void expect_no_growth(const char* what, glc::Context* census_ctx, const std::function<void(int)>& cycle) {
  const int warmup = warmup_cycles();
  for (int i = 0; i < warmup; ++i) cycle(i);
  GlCensus gl_before;
  if (census_ctx) gl_before = census(*census_ctx);
  const ProcessCensus before = process_census();

  for (int i = warmup; i < g_cycles; ++i) cycle(i);

  GlCensus gl_after;
  if (census_ctx) gl_after = census(*census_ctx);
  const ProcessCensus after = process_census();
  const int measured = g_cycles - warmup;
  const long long heap = after.heap_bytes - before.heap_bytes;
  const long long rss = after.rss_bytes - before.rss_bytes;
  std::printf("[ %s ] %d cycles (%d measured): heap %+lld B (%+.1f B/cycle), RSS %+lld KiB, "
              "fds %ld -> %ld\n",
              what, g_cycles, measured, heap, measured ? double(heap) / measured : 0.0, rss / 1024,
              before.open_fds, after.open_fds);
  if (census_ctx) {
    std::printf("[ %s ] GL objects after warm-up: %s\n[ %s ] GL objects at the end:   %s\n", what,
                describe(gl_before).c_str(), what, describe(gl_after).c_str());
    EXPECT_TRUE(gl_before == gl_after) << "live GL objects grew: " << describe(gl_before) << " -> "
                                       << describe(gl_after);
  }
  std::fflush(stdout);
  EXPECT_EQ(after.open_fds, before.open_fds) << "file descriptors leaked";
#ifndef GLC_UNDER_ASAN
  EXPECT_LT(heap, kHeapNoiseBytes) << "malloc'd bytes grew by " << heap << " over " << measured << " cycles";
  EXPECT_LT(rss, kRssNoiseBytes) << "resident set grew by " << rss << " bytes over " << measured << " cycles";
#endif
}

const char* kDoubleIt = R"(
  #version 430
  #include "glcompute/grid.glsl"
  layout(local_size_x = 64) in;
  layout(std430, binding = 0) buffer Data { float data[]; };
  uniform uint n;
  uniform float factor;
  void main() { uint i = GLC_GLOBAL_INDEX; if (i < n) data[i] *= factor; }
)";

/// One program's whole life: compile, bind, set, dispatch, read, destroy.
void run_double_it(glc::Context& ctx, int cycle) {
  glc::Program program = ctx.compile(glc::Source::text(kDoubleIt, "double_it.comp"));
  std::vector<float> values(100, float(cycle));
  glc::Buffer<float> data = ctx.buffer(values);
  program.bind("Data", data).set("n", std::uint32_t(values.size())).set("factor", 2.0f);
  program.dispatch_for(values.size());
  const std::vector<float> doubled = data.read();
  ASSERT_EQ(doubled.back(), 2.0f * float(cycle));
}

TEST(LeakCycles, Contexts) {
  // Each cycle is a context's whole life, with a program and a buffer in it. Its GL objects go
  // with it; what must not grow is the process: descriptors, heap, resident set.
  expect_no_growth("contexts", nullptr, [](int cycle) {
    glc::Context ctx;
    run_double_it(ctx, cycle);
    glc::Buffer<float> staged = ctx.buffer<float>(1000);
    { glc::MappedWrite<float> w = staged.map_write(); std::fill(w.begin(), w.end(), 1.0f); }
    ASSERT_EQ(glc::sum(staged), 1000.0);
  });
}

TEST(LeakCycles, Programs) {
  expect_no_growth("programs", &context(), [](int cycle) {
    run_double_it(context(), cycle);
    try {  // a failed compile must release its shader and program objects too
      context().compile(glc::Source::text("#version 430\nlayout(local_size_x = 1) in;\nvoid main() { x; }\n",
                                          "broken.comp"));
      ADD_FAILURE() << "a broken shader compiled";
    } catch (const glc::ShaderError&) {
    }
  });
}

TEST(LeakCycles, Buffers) {
  expect_no_growth("buffers", &context(), [](int cycle) {
    glc::Context& ctx = context();
    const std::size_t n = 1000 + 37 * std::size_t(cycle % 50);
    glc::Buffer<std::uint32_t> zeroed = ctx.buffer<std::uint32_t>(n);
    glc::Buffer<std::uint32_t> filled = ctx.buffer(std::vector<std::uint32_t>(n, std::uint32_t(cycle)));
    zeroed.write(std::vector<std::uint32_t>(10, 7u), 5);
    zeroed.copy_from(filled);
    std::vector<std::uint32_t> out(n);
    zeroed.read_into(out);
    ASSERT_EQ(out[n - 1], std::uint32_t(cycle));
    ASSERT_EQ(filled.read(3, 1).at(0), std::uint32_t(cycle));
  });
}

TEST(LeakCycles, KernelLibrary) {
  expect_no_growth("kernels", &context(), [](int cycle) {
    glc::Context& ctx = context();
    glc::Buffer<float> xs = ctx.buffer<float>(4096);
    glc::Buffer<std::uint32_t> words = ctx.buffer<std::uint32_t>(4096);
    glc::Buffer<std::int32_t> ints = ctx.buffer<std::int32_t>(4096);
    glc::Random rng(ctx, std::uint64_t(cycle));
    rng.bits(words);
    rng.uniform(xs, -1.0f, 1.0f);
    ASSERT_GE(glc::min(xs), -1.0f);
    rng.normal(xs, 0.0f, 1.0f);
    (void)glc::mean(xs);
    (void)glc::max(words);
    glc::fill(xs, 0.5f);
    ASSERT_EQ(glc::sum(xs), 2048.0);
    glc::iota(ints, std::int32_t(cycle));
    ASSERT_EQ(glc::min(ints), cycle);
    glc::linspace(xs, 0.0f, 1.0f);
    ASSERT_EQ(glc::max(xs), 1.0f);
  });
}

TEST(LeakCycles, MappedViews) {
  expect_no_growth("views", &context(), [](int cycle) {
    glc::Context& ctx = context();
    glc::Buffer<float> data = ctx.buffer<float>(10000);
    {
      glc::MappedWrite<float> w = data.map_write();
      std::fill(w.begin(), w.end(), float(cycle));
    }
    {
      glc::MappedRead<float> r = data.map_read(100, 5000);
      ASSERT_EQ(r[4999], float(cycle));
    }
    glc::PendingRead<float> pending = data.read_async();
    ASSERT_EQ(pending.get().front(), float(cycle));
    glc::PendingRead<float> dropped = data.read_async(0, 10);  // destroyed without a wait
    glc::MappedWrite<float> committed = data.map_write(0, 10);
    std::fill(committed.begin(), committed.end(), 0.0f);
    committed.commit();
  });
}

int cycles_from(int& argc, char** argv) {
  int cycles = 40;
  if (const char* env = std::getenv("GLC_LEAK_CYCLES")) cycles = std::atoi(env);
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--cycles") == 0 && i + 1 < argc) {
      cycles = std::atoi(argv[i + 1]);
      for (int j = i; j + 2 <= argc; ++j) argv[j] = argv[j + 2];
      argc -= 2;
      break;
    }
  }
  return cycles;
}

}  // namespace

int main(int argc, char** argv) {
  g_cycles = cycles_from(argc, argv);
  if (g_cycles < 2) {
    std::fprintf(stderr, "test_leak_cycles: --cycles must be at least 2 (got %d)\n", g_cycles);
    return 2;
  }
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
