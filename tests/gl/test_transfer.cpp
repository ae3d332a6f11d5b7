// Transfers: reads and writes through persistently mapped staging memory (in chunks), the
// plain fallback path, zero-copy views (map_read, map_write) and reads in flight (read_async).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <numeric>
#include <random>
#include <vector>

#include "gl_test_context.hpp"

namespace {

using glc::testing::error_of;
using ::testing::HasSubstr;

std::vector<std::uint32_t> random_words(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<std::uint32_t> v(n);
  for (auto& x : v) x = rng();
  return v;
}

// Each path gets its own context: the driver's default path (64 MiB staging), the staging
// path GPUs take (GLCOMPUTE_TRANSFER_PATH=staging; on llvmpipe the default is the direct path),
// the same with a tiny staging buffer that forces many alternating chunks, and staging turned
// off (the fallback drivers without ARB_buffer_storage use).
struct Path {
  const char* name;
  std::size_t staging_bytes;
  const char* transfer_path;  ///< GLCOMPUTE_TRANSFER_PATH, nullptr: the driver's default
};

class Transfer : public ::testing::TestWithParam<Path> {
 protected:
  static glc::Context& context_for(const Path& path) {
    static std::map<std::string, std::unique_ptr<glc::Context>> contexts;
    auto& ctx = contexts[path.name];
    if (!ctx) {
      glc::testing::ScopedEnv env("GLCOMPUTE_TRANSFER_PATH", path.transfer_path);
      ctx = std::make_unique<glc::Context>(glc::ContextOptions{.staging_bytes = path.staging_bytes});
    }
    return *ctx;
  }
  glc::Context& ctx() { return context_for(GetParam()); }
};

INSTANTIATE_TEST_SUITE_P(Paths, Transfer,
                         ::testing::Values(Path{"default", std::size_t{64} << 20, nullptr},
                                           Path{"staging", std::size_t{64} << 20, "staging"},
                                           Path{"tiny_staging", 4096, "staging"},
                                           Path{"plain", 0, nullptr}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST_P(Transfer, WriteAndReadRoundTripAtEverySize) {
  for (std::size_t n : {0u, 1u, 255u, 257u, 16383u, 16385u, (1u << 20) + 3, 30'000'001u}) {
    const std::vector<std::uint32_t> data = random_words(n, static_cast<unsigned>(n));
    glc::Buffer<std::uint32_t> b = ctx().buffer(data);  // staged initial upload
    EXPECT_TRUE(b.read() == data) << "size " << n;
    const std::vector<std::uint32_t> again = random_words(n, 7);
    b.write(again);
    std::vector<std::uint32_t> out(n, 0xDEADBEEF);
    b.read_into(out);
    EXPECT_TRUE(out == again) << "size " << n;
  }
}

TEST_P(Transfer, PartialTransfersAtUnalignedOffsets) {
  const std::vector<std::uint32_t> data = random_words(200'003, 3);
  glc::Buffer<std::uint32_t> b = ctx().buffer<std::uint32_t>(data.size());
  b.write(std::span<const std::uint32_t>(data).subspan(1, 100'001), 7);
  const std::vector<std::uint32_t> part = b.read(7, 100'001);
  EXPECT_TRUE(std::equal(part.begin(), part.end(), data.begin() + 1));
  EXPECT_EQ(b.read(0, 7), std::vector<std::uint32_t>(7, 0u));
}

TEST_P(Transfer, MapReadViewsTheContents) {
  const std::vector<std::uint32_t> data = random_words(1'000'003, 4);
  glc::Buffer<std::uint32_t> b = ctx().buffer(data);
  {
    glc::MappedRead<std::uint32_t> view = b.map_read();
    ASSERT_EQ(view.size(), data.size());
    EXPECT_TRUE(std::equal(view.begin(), view.end(), data.begin()));
  }
  glc::MappedRead<std::uint32_t> range = b.map_read(999'000, 3);
  EXPECT_EQ(std::vector<std::uint32_t>(range.begin(), range.end()),
            std::vector<std::uint32_t>(data.begin() + 999'000, data.begin() + 999'003));
  EXPECT_EQ(b.map_read(5, 0).size(), 0u);
  EXPECT_THAT(error_of([&] { b.map_read(1'000'000, 4); }), HasSubstr("out of range"));
}

// A read started right after a dispatch sees the dispatch's result (barrier + fence).
TEST_P(Transfer, ReadAsyncAfterADispatch) {
  glc::Program inc = ctx().compile(glc::Source::text(
      "#version 430\nlayout(local_size_x = 64) in;\n"
      "layout(std430, binding = 0) buffer X { uint x[]; };\n"
      "void main() { uint i = gl_GlobalInvocationID.x; if (i < uint(x.length())) x[i] += 1u; }\n"));
  glc::Buffer<std::uint32_t> x = ctx().buffer(std::vector<std::uint32_t>(100'000, 41u));
  inc.bind("X", x).dispatch_for(x.size());
  glc::PendingRead<std::uint32_t> pending = x.read_async();
  const std::vector<std::uint32_t> values = pending.get();
  EXPECT_EQ(values, std::vector<std::uint32_t>(100'000, 42u));
  glc::MappedRead<std::uint32_t> view = pending.wait();  // get() keeps the data; wait() hands it over
  EXPECT_EQ(view[99'999], 42u);
  EXPECT_THAT(error_of([&] { (void)pending.get(); }), HasSubstr("already waited"));
  EXPECT_THAT(error_of([&] { (void)pending.ready(); }), HasSubstr("already waited"));
}

TEST_P(Transfer, ReadAsyncBecomesReadyAndGivesAView) {
  const std::vector<std::uint32_t> data = random_words(65'537, 5);
  glc::Buffer<std::uint32_t> b = ctx().buffer(data);
  glc::PendingRead<std::uint32_t> pending = b.read_async(1, 65'536);
  for (int spin = 0; spin < 1'000'000 && !pending.ready(); ++spin) {
  }
  glc::MappedRead<std::uint32_t> view = pending.wait();
  EXPECT_TRUE(std::equal(view.begin(), view.end(), data.begin() + 1));
}

TEST_P(Transfer, MapWriteCommitsOnDestructionAndOnCommit) {
  glc::Buffer<float> b = ctx().buffer<float>(300'001);
  {
    glc::MappedWrite<float> w = b.map_write();
    std::iota(w.begin(), w.end(), 0.0f);
  }
  const std::vector<float> v = b.read();
  for (std::size_t i = 0; i < v.size(); i += 997) ASSERT_EQ(v[i], static_cast<float>(i));
  ASSERT_EQ(v.back(), 300'000.0f);

  glc::MappedWrite<float> part = b.map_write(10, 3);
  part[0] = -1.0f;
  part[1] = -2.0f;
  part[2] = -3.0f;
  part.commit();
  EXPECT_THAT(error_of([&] { part[0] = 5.0f; }), HasSubstr("already committed"));
  EXPECT_EQ(b.read(9, 5), (std::vector<float>{9.0f, -1.0f, -2.0f, -3.0f, 13.0f}));
  EXPECT_THAT(error_of([&] { b.map_write(300'000, 2); }), HasSubstr("out of range"));
}

// Mappings are pooled: a write in flight and reads of other sizes reuse memory safely.
TEST_P(Transfer, PooledMappingsNeverMixUpData) {
  glc::Buffer<std::uint32_t> a = ctx().buffer<std::uint32_t>(50'000);
  glc::Buffer<std::uint32_t> b = ctx().buffer<std::uint32_t>(70'000);
  for (std::uint32_t round = 1; round <= 20; ++round) {
    {
      glc::MappedWrite<std::uint32_t> w = (round % 2 ? a : b).map_write();
      std::fill(w.begin(), w.end(), round);
    }
    glc::MappedRead<std::uint32_t> ra = a.map_read();
    glc::MappedRead<std::uint32_t> rb = b.map_read();
    const std::uint32_t expect_a = round % 2 ? round : round - 1;
    const std::uint32_t expect_b = round % 2 ? (round > 1 ? round - 1 : 0) : round;
    ASSERT_EQ(std::count(ra.begin(), ra.end(), expect_a), 50'000) << "round " << round;
    ASSERT_EQ(std::count(rb.begin(), rb.end(), expect_b), 70'000) << "round " << round;
  }
}

// A view outliving its context keeps its contents (and committing a write view then throws).
TEST(TransferViews, ViewsOutliveTheirContext) {
  glc::MappedRead<std::uint32_t> view = [] {
    glc::Context temporary;
    glc::Buffer<std::uint32_t> b = temporary.buffer(std::vector<std::uint32_t>(100'000, 7u));
    return b.map_read();
  }();
  EXPECT_EQ(std::count(view.begin(), view.end(), 7u), 100'000);
  glc::testing::context().finish();  // the shared context is still fine
}

TEST(TransferViews, EmptyViewsThrow) {
  glc::MappedRead<float> moved_from = glc::testing::context().buffer<float>(4).map_read();
  glc::MappedRead<float> target = std::move(moved_from);
  EXPECT_THAT(error_of([&] { (void)moved_from.data(); }), HasSubstr("empty handle"));
  EXPECT_EQ(target.size(), 4u);
}

}  // namespace
