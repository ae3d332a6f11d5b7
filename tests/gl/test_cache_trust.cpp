// What the program cache trusts, through the public API. An entry is bound to its program: one
// holding another program's binary is refused, checksums recomputed or not. Like ssh with
// ~/.ssh, a cache directory or entry that another user owns or can write is refused, saying so,
// and the cache writes entries only its user can read (0600) into directories only its user
// can enter (0700). Special files at an entry's path are refused without being opened for
// reading (a FIFO would block forever). The environment can turn the cache off in the usual
// spellings, and the cache never creates a home directory that does not exist.
//
// Every test uses its own temporary directories; every dispatch is checked against the host,
// so a program loaded from a wrong entry shows as wrong data.

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gl_test_context.hpp"
#include "temp_dir.hpp"
#include "watchdog.hpp"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using glc::testing::ScopedEnv;
using glc::testing::TempDir;
using glc::testing::Watchdog;

/// nobody/nogroup on Debian: a user other than the test's, for ownership tests (run as root).
constexpr uid_t kOtherUser = 65534;
constexpr gid_t kOtherGroup = 65534;

glc::ContextOptions cache_in(const fs::path& dir) {
  glc::ContextOptions options;
  options.program_cache.directory = dir;
  return options;
}

std::vector<fs::path> entries(const fs::path& dir) {
  std::vector<fs::path> found;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".glcprog") found.push_back(e.path());
  }
  return found;
}

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void write_bytes(const fs::path& file, std::string_view bytes) {
  std::ofstream(file, std::ios::binary | std::ios::trunc)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

unsigned mode_of(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return 0xFFFF;
  return st.st_mode & 07777;
}

/// Skips where the driver gives no program binaries (the cache is then off and says why).
#define SKIP_WITHOUT_PROGRAM_BINARIES(ctx)                                                 \
  do {                                                                                     \
    const glc::ProgramCacheStats stats_ = (ctx).program_cache();                           \
    if (!stats_.enabled() && stats_.off_reason.find("no program binary formats") !=        \
                                 std::string::npos) {                                      \
      GTEST_SKIP() << "the program cache is off: " << stats_.off_reason;                   \
    }                                                                                      \
  } while (0)

#define SKIP_UNLESS_ROOT()                                                                 \
  do {                                                                                     \
    if (::geteuid() != 0) GTEST_SKIP() << "giving a file to another user needs root";      \
  } while (0)

/// out[i] = i * SCALE + 7 for i < n.
constexpr const char* kAffine = R"(#version 430
layout(local_size_x = 64) in;
layout(std430, binding = 0) writeonly buffer Out { uint values[]; };
uniform uint n;
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i < n) values[i] = i * uint(SCALE) + 7u;
}
)";

glc::Program compile_affine(glc::Context& ctx, int scale) {
  glc::CompileOptions options;
  options.defines = {{"SCALE", std::to_string(scale)}};
  return ctx.compile(glc::Source::text(kAffine, "affine.comp"), options);
}

::testing::AssertionResult computes_affine(glc::Context& ctx, glc::Program& program, int scale) {
  constexpr std::uint32_t n = 500;
  glc::Buffer<std::uint32_t> out = ctx.buffer(std::vector<std::uint32_t>(n, 0xDEADBEEFu));
  program.bind("Out", out).set("n", n);
  program.dispatch_for(n);
  const std::vector<std::uint32_t> values = out.read();
  for (std::uint32_t i = 0; i < n; ++i) {
    if (values[i] != i * static_cast<std::uint32_t>(scale) + 7u) {
      return ::testing::AssertionFailure()
             << "element " << i << " is " << values[i] << ": SCALE " << scale
             << " was asked for (a program loaded from another program's entry?)";
    }
  }
  return ::testing::AssertionSuccess();
}

/// Fills `dir` with the entry of one program (SCALE `scale`) and returns its path.
fs::path store_entry(const fs::path& dir, int scale) {
  const std::vector<fs::path> before = entries(dir);
  glc::Context ctx(cache_in(dir));
  glc::Program p = compile_affine(ctx, scale);
  for (const fs::path& e : entries(dir)) {
    if (std::find(before.begin(), before.end(), e) == before.end()) return e;
  }
  return {};
}

// ---------------------------------------------------------------------------------------------
// Entries bound to their program

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

void put_u64(std::string& bytes, std::size_t at, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) bytes[at + i] = static_cast<char>(value >> (8 * i) & 0xff);
}

// The forgery the first cache format let through: program A's 64-byte header in front of
// program B's binary, with B's length and FNV-1a 64 written where that header kept them.
// Compiling A loaded B and computed B's results.
TEST(CacheTrust, AnEntryWithAnotherProgramsBinaryIsRefused) {
  const TempDir dir;
  {
    glc::Context probe(cache_in(dir.path()));
    SKIP_WITHOUT_PROGRAM_BINARIES(probe);
  }
  const fs::path a = store_entry(dir.path(), 2);
  const fs::path b = store_entry(dir.path(), 3);
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(b.empty());
  const std::string entry_a = read_bytes(a);
  const std::string entry_b = read_bytes(b);
  ASSERT_GT(entry_a.size(), 64u);
  ASSERT_GT(entry_b.size(), 64u);
  std::string forged = entry_a.substr(0, 64) + entry_b.substr(64);
  put_u64(forged, 48, entry_b.size() - 64);
  put_u64(forged, 56, fnv1a64(std::string_view(entry_b).substr(64)));
  write_bytes(a, forged);

  glc::Context ctx(cache_in(dir.path()));
  glc::Program p = compile_affine(ctx, 2);
  EXPECT_FALSE(p.loaded_from_cache());
  EXPECT_TRUE(computes_affine(ctx, p, 2));
  EXPECT_EQ(ctx.program_cache().rejected, 1u) << ctx.program_cache().last_problem;
}

// ---------------------------------------------------------------------------------------------
// Permissions and ownership, as ssh checks ~/.ssh

TEST(CacheTrust, EntriesAreForTheUserAloneAndSoAreTheDirectoriesCreated) {
  const TempDir dir;
  const fs::path cache = dir.path() / "made" / "by" / "glcompute";
  const mode_t old_umask = ::umask(0);  // even where the umask would let others in
  const fs::path entry = store_entry(cache, 4);
  ::umask(old_umask);
  ASSERT_FALSE(entry.empty());
  EXPECT_EQ(mode_of(entry), 0600u);
  EXPECT_EQ(mode_of(cache), 0700u);
  EXPECT_EQ(mode_of(dir.path() / "made" / "by"), 0700u);
  EXPECT_EQ(mode_of(dir.path() / "made"), 0700u);
}

TEST(CacheTrust, ADirectoryOtherUsersCanWriteIsRefusedSayingSo) {
  for (const unsigned mode : {0777u, 0770u, 0757u, 01777u}) {
    SCOPED_TRACE(mode);
    const TempDir dir;
    const fs::path cache = dir.path() / "cache";
    fs::create_directory(cache);
    ::chmod(cache.c_str(), mode);
    glc::Context ctx(cache_in(cache));
    SKIP_WITHOUT_PROGRAM_BINARIES(ctx);
    const glc::ProgramCacheStats stats = ctx.program_cache();
    EXPECT_FALSE(stats.enabled());
    EXPECT_THAT(stats.off_reason, HasSubstr(cache.string()));
    EXPECT_THAT(stats.off_reason, HasSubstr("writable by other users"));
    EXPECT_THAT(stats.off_reason, HasSubstr("chmod go-w"));
    glc::Program p = compile_affine(ctx, 5);
    EXPECT_TRUE(computes_affine(ctx, p, 5));
    EXPECT_TRUE(entries(cache).empty()) << "wrote into a directory others can write";
  }
}

TEST(CacheTrust, ADirectoryAnotherUserOwnsIsRefusedSayingSo) {
  SKIP_UNLESS_ROOT();
  const TempDir dir;
  const fs::path cache = dir.path() / "cache";
  fs::create_directory(cache);
  ::chmod(cache.c_str(), 0755);
  ASSERT_EQ(::chown(cache.c_str(), kOtherUser, kOtherGroup), 0);
  glc::Context ctx(cache_in(cache));
  SKIP_WITHOUT_PROGRAM_BINARIES(ctx);
  const glc::ProgramCacheStats stats = ctx.program_cache();
  EXPECT_FALSE(stats.enabled());
  EXPECT_THAT(stats.off_reason, HasSubstr(cache.string()));
  EXPECT_THAT(stats.off_reason, HasSubstr("owned by user 65534"));
  glc::Program p = compile_affine(ctx, 5);
  EXPECT_TRUE(computes_affine(ctx, p, 5));
  EXPECT_TRUE(entries(cache).empty());
}

/// Compiles SCALE 6 in a context on `cache` whose entry `entry` was tampered with; checks the
/// entry was rejected for `reason`, the program right, and the entry replaced by a trusted one.
void expect_rejected_and_replaced(const fs::path& cache, const fs::path& entry,
                                  const std::string& reason) {
  glc::Context ctx(cache_in(cache));
  glc::Program p = compile_affine(ctx, 6);
  EXPECT_FALSE(p.loaded_from_cache());
  EXPECT_TRUE(computes_affine(ctx, p, 6));
  const glc::ProgramCacheStats stats = ctx.program_cache();
  EXPECT_EQ(stats.rejected, 1u) << stats.last_problem;
  EXPECT_THAT(stats.last_problem, HasSubstr(entry.filename().string()));
  EXPECT_THAT(stats.last_problem, HasSubstr(reason));
  glc::Program again = compile_affine(ctx, 6);
  EXPECT_TRUE(again.loaded_from_cache()) << "not replaced: " << ctx.program_cache().last_problem;
  EXPECT_TRUE(computes_affine(ctx, again, 6));
  EXPECT_EQ(mode_of(entry), 0600u);
}

TEST(CacheTrust, AnEntryOtherUsersCanWriteIsRefusedAndReplaced) {
  const TempDir dir;
  {
    glc::Context probe(cache_in(dir.path()));
    SKIP_WITHOUT_PROGRAM_BINARIES(probe);
  }
  const fs::path entry = store_entry(dir.path(), 6);
  ASSERT_FALSE(entry.empty());
  ::chmod(entry.c_str(), 0666);
  expect_rejected_and_replaced(dir.path(), entry, "writable by other users");
}

TEST(CacheTrust, AnEntryAnotherUserOwnsIsRefusedAndReplaced) {
  SKIP_UNLESS_ROOT();
  const TempDir dir;
  {
    glc::Context probe(cache_in(dir.path()));
    SKIP_WITHOUT_PROGRAM_BINARIES(probe);
  }
  const fs::path entry = store_entry(dir.path(), 6);
  ASSERT_FALSE(entry.empty());
  ASSERT_EQ(::chown(entry.c_str(), kOtherUser, kOtherGroup), 0);
  expect_rejected_and_replaced(dir.path(), entry, "owned by user 65534");
}

// ---------------------------------------------------------------------------------------------
// Special files at an entry's path

TEST(CacheTrust, AFifoAtAnEntrysPathIsRefusedWithoutWaitingForAWriter) {
  const TempDir dir;
  {
    glc::Context probe(cache_in(dir.path()));
    SKIP_WITHOUT_PROGRAM_BINARIES(probe);
  }
  const fs::path entry = store_entry(dir.path(), 6);
  ASSERT_FALSE(entry.empty());
  fs::remove(entry);
  ASSERT_EQ(::mkfifo(entry.c_str(), 0600), 0);
  const Watchdog watchdog(std::chrono::seconds(30), "compiling with a FIFO at the entry's path");
  expect_rejected_and_replaced(dir.path(), entry, "not a regular file");
}

TEST(CacheTrust, ASymbolicLinkAtAnEntrysPathIsNotFollowed) {
  const TempDir dir;
  {
    glc::Context probe(cache_in(dir.path()));
    SKIP_WITHOUT_PROGRAM_BINARIES(probe);
  }
  const fs::path entry = store_entry(dir.path(), 6);
  ASSERT_FALSE(entry.empty());
  const fs::path elsewhere = dir.path() / "elsewhere.bin";
  fs::rename(entry, elsewhere);  // a valid entry, reached through a link
  fs::create_symlink(elsewhere, entry);
  expect_rejected_and_replaced(dir.path(), entry, "not a regular file");
}

// ---------------------------------------------------------------------------------------------
// Where the cache lives: environment

/// Runs in a fresh working directory (relative cache paths land there), restored at the end.
class InTemporaryWorkingDirectory {
 public:
  InTemporaryWorkingDirectory() : old_(fs::current_path()) { fs::current_path(dir_.path()); }
  ~InTemporaryWorkingDirectory() { fs::current_path(old_); }
  const fs::path& path() const { return dir_.path(); }

 private:
  TempDir dir_;
  fs::path old_;
};

TEST(CacheTrust, EveryUsualWayOfSayingOffTurnsTheCacheOff) {
  const InTemporaryWorkingDirectory cwd;
  for (const char* value : {"off", "OFF", "False", "0", "no", "none", "disabled", " off\n"}) {
    SCOPED_TRACE(std::string("GLCOMPUTE_CACHE_DIR='") + value + "'");
    const ScopedEnv env("GLCOMPUTE_CACHE_DIR", value);
    glc::Context ctx;
    glc::Program p = compile_affine(ctx, 3);
    EXPECT_TRUE(computes_affine(ctx, p, 3));
    const glc::ProgramCacheStats stats = ctx.program_cache();
    EXPECT_FALSE(stats.enabled()) << "cache directory " << stats.directory;
    EXPECT_THAT(stats.off_reason, HasSubstr("GLCOMPUTE_CACHE_DIR"));
    EXPECT_TRUE(fs::is_empty(cwd.path())) << "created a directory named after the value";
  }
}

TEST(CacheTrust, AHomeThatDoesNotExistIsNotCreated) {
  const TempDir dir;
  const fs::path home = dir.path() / "nonexistent";
  const ScopedEnv no_env("GLCOMPUTE_CACHE_DIR", nullptr);
  const ScopedEnv no_xdg("XDG_CACHE_HOME", nullptr);
  const ScopedEnv env("HOME", home.c_str());
  glc::Context ctx;
  glc::Program p = compile_affine(ctx, 3);
  EXPECT_TRUE(computes_affine(ctx, p, 3));
  EXPECT_FALSE(fs::exists(home)) << "the cache created HOME";
  const glc::ProgramCacheStats stats = ctx.program_cache();
  EXPECT_FALSE(stats.enabled());
  EXPECT_THAT(stats.off_reason, HasSubstr(home.string()));
  EXPECT_THAT(stats.off_reason, HasSubstr("does not exist"));
}

TEST(CacheTrust, AnExistingHomeGetsItsCacheDirectory) {
  const TempDir dir;
  const ScopedEnv no_env("GLCOMPUTE_CACHE_DIR", nullptr);
  const ScopedEnv no_xdg("XDG_CACHE_HOME", nullptr);
  const ScopedEnv env("HOME", dir.path().c_str());
  glc::Context ctx;
  SKIP_WITHOUT_PROGRAM_BINARIES(ctx);
  glc::Program p = compile_affine(ctx, 3);
  EXPECT_TRUE(computes_affine(ctx, p, 3));
  EXPECT_EQ(entries(dir.path() / ".cache" / "glcompute").size(), 1u);
  EXPECT_EQ(mode_of(dir.path() / ".cache"), 0700u);
}

}  // namespace

int main(int argc, char** argv) {
  // Programs from the SPIR-V path are not cached: these tests are about the GLSL path.
  ::unsetenv("GLCOMPUTE_SHADER_PATH");
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
