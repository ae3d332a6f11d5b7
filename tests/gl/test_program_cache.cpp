// The program binary cache through the public API: a second compile loads without compiling
// (in a fresh context too), any change to the source or defines misses, every kind of damaged
// or foreign entry is rejected and replaced with the program still right, a disabled cache
// writes nothing, an unwritable directory still compiles, the kernel library is cached, and
// processes filling one empty cache at the same time leave only valid entries.
//
// Every test uses its own temporary cache directory. Results of every dispatch are checked
// against the host, so a program loaded from a wrong entry would show as wrong data.

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "gl_test_context.hpp"
#include "util/sha256.hpp"  // the library's own, to recompute an entry's checksum (src/)
#include "temp_dir.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using glc::testing::error_of;
using glc::testing::TempDir;
using glc::testing::ScopedEnv;

// ---------------------------------------------------------------------------------------------
// Helpers

glc::ContextOptions cache_in(const fs::path& dir) {
  glc::ContextOptions options;
  options.program_cache.directory = dir;
  return options;
}

/// The cache's entry files in `dir` (temporary files excluded).
std::vector<fs::path> entries(const fs::path& dir) {
  std::vector<fs::path> found;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".glcprog") found.push_back(e.path());
  }
  return found;
}

/// Everything in `dir`, for messages and for spotting leftovers.
std::vector<std::string> all_names(const fs::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    names.push_back(e.path().filename().string());
  }
  return names;
}

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void write_bytes(const fs::path& file, std::string_view bytes) {
  std::ofstream(file, std::ios::binary | std::ios::trunc).write(bytes.data(),
                                                                static_cast<std::streamsize>(bytes.size()));
}

/// The entry layout the README documents: a 64-byte header (the format version at 8, the
/// binary format at 12, the key's length at 16, the payload's at 24, the SHA-256 of the rest of
/// the entry at 32), then the key, then the payload.
constexpr std::size_t kHeaderBytes = 64;

std::uint64_t get_u64(std::string_view bytes, std::size_t at) {
  std::uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value |= std::uint64_t{static_cast<unsigned char>(bytes[at + i])} << (8 * i);
  return value;
}

/// Where the payload starts.
std::size_t payload_at(std::string_view entry) { return kHeaderBytes + get_u64(entry, 16); }

/// `entry` with its SHA-256 recomputed, as a writer who changed it on purpose would.
std::string resealed(std::string entry) {
  std::string covered = entry.substr(0, 32) + entry.substr(kHeaderBytes);
  const glc::detail::Sha256Digest digest = glc::detail::sha256(covered);
  entry.replace(32, digest.size(), reinterpret_cast<const char*>(digest.data()), digest.size());
  return entry;
}

/// Skips the test where the driver cannot give program binaries at all (then the cache is off
/// and says why).
#define SKIP_WITHOUT_PROGRAM_BINARIES(ctx)                                                 \
  do {                                                                                     \
    const glc::ProgramCacheStats stats_ = (ctx).program_cache();                           \
    if (!stats_.enabled() && stats_.off_reason.find("no program binary formats") !=        \
                                 std::string::npos) {                                      \
      GTEST_SKIP() << "the program cache is off: " << stats_.off_reason;                   \
    }                                                                                      \
    ASSERT_TRUE(stats_.enabled()) << stats_.off_reason;                                    \
  } while (0)

/// out[i] = i * SCALE + OFFSET for i < n; SCALE and OFFSET come from defines.
constexpr const char* kAffine = R"(#version 430
layout(local_size_x = 64) in;
layout(std430, binding = 0) writeonly buffer Out { uint values[]; };
uniform uint n;
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i < n) values[i] = i * uint(SCALE) + uint(OFFSET);
}
)";

glc::Program compile_affine(glc::Context& ctx, int scale, int offset = 7) {
  glc::CompileOptions options;
  options.defines = {{"SCALE", std::to_string(scale)}, {"OFFSET", std::to_string(offset)}};
  return ctx.compile(glc::Source::text(kAffine, "affine.comp"), options);
}

/// Dispatches an affine program over 1000 elements and checks every one.
::testing::AssertionResult computes_affine(glc::Context& ctx, glc::Program& program, int scale,
                                           int offset = 7) {
  constexpr std::uint32_t n = 1000;
  glc::Buffer<std::uint32_t> out = ctx.buffer(std::vector<std::uint32_t>(n, 0xDEADBEEFu));
  program.bind("Out", out).set("n", n);
  program.dispatch_for(n);
  const std::vector<std::uint32_t> values = out.read();
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint32_t expected = i * static_cast<std::uint32_t>(scale) + static_cast<std::uint32_t>(offset);
    if (values[i] != expected) {
      return ::testing::AssertionFailure() << "element " << i << " is " << values[i] << ", expected "
                                           << expected << " (SCALE " << scale << ")";
    }
  }
  return ::testing::AssertionSuccess();
}

// ---------------------------------------------------------------------------------------------
// Hits and misses

TEST(ProgramCache, SecondCompileLoadsWithoutCompilingInAFreshContext) {
  TempDir dir;
  std::vector<glc::StorageBlockInfo> blocks;
  std::vector<glc::UniformInfo> uniforms;
  {
    glc::Context first(cache_in(dir.path()));
    SKIP_WITHOUT_PROGRAM_BINARIES(first);
    EXPECT_EQ(first.program_cache().directory, dir.path());
    glc::Program p = compile_affine(first, 3);
    EXPECT_FALSE(p.loaded_from_cache());
    EXPECT_TRUE(computes_affine(first, p, 3));
    const glc::ProgramCacheStats stats = first.program_cache();
    EXPECT_EQ(stats.misses, 1u);
    EXPECT_EQ(stats.hits, 0u);
    EXPECT_EQ(stats.stores, 1u);
    EXPECT_EQ(entries(dir.path()).size(), 1u) << testing::PrintToString(all_names(dir.path()));
    blocks = p.storage_blocks();
    uniforms = p.uniforms();
  }
  glc::Context second(cache_in(dir.path()));
  glc::Program p = compile_affine(second, 3);
  EXPECT_TRUE(p.loaded_from_cache());
  const glc::ProgramCacheStats stats = second.program_cache();
  EXPECT_EQ(stats.hits, 1u);
  EXPECT_EQ(stats.misses, 0u);
  EXPECT_EQ(stats.stores, 0u);
  EXPECT_EQ(stats.rejected + stats.failures, 0u) << stats.last_problem;
  // Reflection comes from the loaded program exactly as from a compiled one.
  EXPECT_EQ((p.local_size()), (std::array<std::uint32_t, 3>{64, 1, 1}));
  ASSERT_EQ(p.storage_blocks().size(), blocks.size());
  EXPECT_EQ(p.storage_blocks()[0].name, blocks[0].name);
  EXPECT_EQ(p.storage_blocks()[0].binding, blocks[0].binding);
  EXPECT_EQ(p.storage_blocks()[0].array_stride, blocks[0].array_stride);
  ASSERT_EQ(p.uniforms().size(), uniforms.size());
  EXPECT_EQ(p.uniforms()[0].name, uniforms[0].name);
  EXPECT_EQ(p.uniforms()[0].type_name, uniforms[0].type_name);
  EXPECT_TRUE(computes_affine(second, p, 3));
}

TEST(ProgramCache, SecondCompileInTheSameContextHits) {
  TempDir dir;
  glc::Context ctx(cache_in(dir.path()));
  SKIP_WITHOUT_PROGRAM_BINARIES(ctx);
  glc::Program a = compile_affine(ctx, 5);
  glc::Program b = compile_affine(ctx, 5);
  EXPECT_FALSE(a.loaded_from_cache());
  EXPECT_TRUE(b.loaded_from_cache());
  EXPECT_NE(a.id(), b.id());  // two programs, each with its own bindings
  EXPECT_TRUE(computes_affine(ctx, a, 5));
  EXPECT_TRUE(computes_affine(ctx, b, 5));
}

TEST(ProgramCache, ChangedSourceOrDefinesMiss) {
  TempDir dir;
  glc::Context ctx(cache_in(dir.path()));
  SKIP_WITHOUT_PROGRAM_BINARIES(ctx);
  glc::Program base = compile_affine(ctx, 2);
  glc::Program other_define = compile_affine(ctx, 4);
  glc::Program other_offset = compile_affine(ctx, 2, 9);
  std::string changed = kAffine;
  changed.replace(changed.find("uint(OFFSET)"), 12, "uint(OFFSET) + 1u");
  glc::CompileOptions options;
  options.defines = {{"SCALE", "2"}, {"OFFSET", "7"}};
  glc::Program other_source = ctx.compile(glc::Source::text(changed, "affine.comp"), options);
  for (const glc::Program* p : {&base, &other_define, &other_offset, &other_source}) {
    EXPECT_FALSE(p->loaded_from_cache());
  }
  EXPECT_EQ(ctx.program_cache().misses, 4u);
  EXPECT_EQ(ctx.program_cache().stores, 4u);
  EXPECT_EQ(entries(dir.path()).size(), 4u);
  EXPECT_TRUE(computes_affine(ctx, base, 2));
  EXPECT_TRUE(computes_affine(ctx, other_define, 4));
  EXPECT_TRUE(computes_affine(ctx, other_offset, 2, 9));
  EXPECT_TRUE(computes_affine(ctx, other_source, 2, 8));

  // Comments and the source's name do not change the preprocessed program: a hit.
  glc::Program commented = ctx.compile(
      glc::Source::text(std::string(kAffine) + "// a comment\n", "renamed.comp"), options);
  EXPECT_TRUE(commented.loaded_from_cache());
  EXPECT_TRUE(computes_affine(ctx, commented, 2));
}

TEST(ProgramCache, KernelLibraryProgramsAreCachedToo) {
  TempDir dir;
  constexpr std::size_t n = 10'000;
  std::uint64_t stored = 0;
  {
    glc::Context first(cache_in(dir.path()));
    SKIP_WITHOUT_PROGRAM_BINARIES(first);
    glc::Buffer<std::uint32_t> xs = first.buffer<std::uint32_t>(n);
    glc::iota(xs, 1u);
    EXPECT_EQ(glc::sum(xs), std::uint64_t{n} * (n + 1) / 2);
    stored = first.program_cache().stores;
    EXPECT_GE(stored, 2u);  // iota and the reduction
  }
  glc::Context second(cache_in(dir.path()));
  glc::Buffer<std::uint32_t> xs = second.buffer<std::uint32_t>(n);
  glc::iota(xs, 1u);
  EXPECT_EQ(glc::sum(xs), std::uint64_t{n} * (n + 1) / 2);
  const glc::ProgramCacheStats stats = second.program_cache();
  EXPECT_EQ(stats.hits, stored);
  EXPECT_EQ(stats.misses, 0u);
}

// ---------------------------------------------------------------------------------------------
// Damaged and foreign entries: each is rejected, the program compiled and right, the entry
// replaced (the next compile hits).

struct Damage {
  const char* name;
  const char* reason;  ///< a word the rejection's message must contain
  /// Turns a valid entry into a damaged one; `other` is a valid entry of another program.
  std::string (*apply)(std::string entry, const std::string& other);
};

const Damage kDamages[] = {
    {"zero_length", "truncated", [](std::string, const std::string&) { return std::string(); }},
    {"header_cut", "truncated",
     [](std::string e, const std::string&) { return e.substr(0, 20); }},
    {"payload_cut", "truncated",
     [](std::string e, const std::string&) { return e.substr(0, e.size() / 2); }},
    {"padded", "padded", [](std::string e, const std::string&) { return e + std::string(16, '\0'); }},
    {"flipped_payload_bit", "checksum",
     [](std::string e, const std::string&) {
       e[payload_at(e) + (e.size() - payload_at(e)) / 2] ^= 0x10;
       return e;
     }},
    {"zeroed_payload_block", "checksum",
     [](std::string e, const std::string&) {
       for (std::size_t i = payload_at(e); i < payload_at(e) + 64 && i < e.size(); ++i) e[i] = 0;
       return e;
     }},
    {"flipped_key_bit", "checksum",
     [](std::string e, const std::string&) {
       e[kHeaderBytes + 3] ^= 0x01;
       return e;
     }},
    // The whole key is compared, not only a digest of it: a key changed and resealed is
    // another program's.
    {"another_key_resealed", "another key",
     [](std::string e, const std::string&) {
       e[kHeaderBytes + 3] ^= 0x01;
       return resealed(e);
     }},
    {"not_an_entry", "magic",
     [](std::string e, const std::string&) { return std::string(e.size(), 'x'); }},
    {"future_format_version", "version",
     [](std::string e, const std::string&) {
       e[8] = 99;
       return e;
     }},
    {"another_programs_entry", "another key",
     [](std::string, const std::string& other) { return other; }},
    // The last two are where GL itself could get involved (an unknown format raises
    // GL_INVALID_ENUM, a refused binary fails the link); ReachingTheDriverInADebugContext
    // repeats them in a debug context.
    {"binary_format_changed", "checksum",
     [](std::string e, const std::string&) {
       e[12] = static_cast<char>(e[12] ^ 0x01);
       return e;
     }},
    // The last two pass the file's checks (the checksum recomputed), so GL itself gets involved
    // (an unknown format raises GL_INVALID_ENUM, a refused binary fails the link);
    // ReachingTheDriverInADebugContext repeats them in a debug context.
    {"binary_format_the_driver_lacks", "binary format",
     [](std::string e, const std::string&) {
       e[12] = 0x34, e[13] = 0x12, e[14] = 0, e[15] = 0;  // 0x1234
       return resealed(e);
     }},
    // Passes every check of the file, so the driver itself judges it, as after a driver update.
    {"well_formed_but_refused_by_driver", "refused",
     [](std::string e, const std::string&) {
       for (std::size_t i = payload_at(e); i < e.size(); i += 7) e[i] = static_cast<char>(e[i] ^ 0x5a);
       return resealed(e);
     }},
};

class DamagedEntry : public ::testing::TestWithParam<std::tuple<Damage, bool>> {};

TEST_P(DamagedEntry, IsRejectedReplacedAndTheProgramStillRight) {
  const auto& [damage, debug] = GetParam();
  TempDir dir;
  glc::ContextOptions options = cache_in(dir.path());
  options.debug = debug;
  glc::Context ctx(options);
  SKIP_WITHOUT_PROGRAM_BINARIES(ctx);
  compile_affine(ctx, 11);  // the entry of another program
  ASSERT_EQ(entries(dir.path()).size(), 1u);
  const fs::path other = entries(dir.path())[0];
  compile_affine(ctx, 6);
  ASSERT_EQ(entries(dir.path()).size(), 2u);
  const fs::path target = entries(dir.path())[entries(dir.path())[0] == other ? 1 : 0];

  write_bytes(target, damage.apply(read_bytes(target), read_bytes(other)));
  const glc::ProgramCacheStats before = ctx.program_cache();
  glc::Program p = compile_affine(ctx, 6);
  EXPECT_FALSE(p.loaded_from_cache());
  EXPECT_TRUE(computes_affine(ctx, p, 6));
  const glc::ProgramCacheStats after = ctx.program_cache();
  EXPECT_EQ(after.rejected, before.rejected + 1) << after.last_problem;
  EXPECT_EQ(after.stores, before.stores + 1);
  EXPECT_NE(after.last_problem.find(target.filename().string()), std::string::npos) << after.last_problem;
  EXPECT_NE(after.last_problem.find(damage.reason), std::string::npos) << after.last_problem;

  glc::Program again = compile_affine(ctx, 6);
  EXPECT_TRUE(again.loaded_from_cache()) << "the damaged entry was not replaced";
  EXPECT_TRUE(computes_affine(ctx, again, 6));
}

std::string damage_name(const ::testing::TestParamInfo<DamagedEntry::ParamType>& info) {
  return std::get<0>(info.param).name;
}

INSTANTIATE_TEST_SUITE_P(EveryKind, DamagedEntry,
                         ::testing::Combine(::testing::ValuesIn(kDamages), ::testing::Values(false)),
                         damage_name);
// The last two damages again, in a debug context, where any GL error would throw.
INSTANTIATE_TEST_SUITE_P(ReachingTheDriverInADebugContext, DamagedEntry,
                         ::testing::Combine(::testing::ValuesIn(std::end(kDamages) - 2, std::end(kDamages)),
                                            ::testing::Values(true)),
                         damage_name);

// ---------------------------------------------------------------------------------------------
// Configuration

TEST(ProgramCache, DisabledReadsAndWritesNothing) {
  TempDir dir;
  glc::ContextOptions options = cache_in(dir.path() / "cache");
  options.program_cache.enabled = false;
  glc::Context ctx(options);
  glc::Program p = compile_affine(ctx, 3);
  EXPECT_FALSE(p.loaded_from_cache());
  EXPECT_TRUE(computes_affine(ctx, p, 3));
  const glc::ProgramCacheStats stats = ctx.program_cache();
  EXPECT_FALSE(stats.enabled());
  EXPECT_NE(stats.off_reason.find("enabled is false"), std::string::npos) << stats.off_reason;
  EXPECT_EQ(stats.hits + stats.misses + stats.stores, 0u);
  EXPECT_FALSE(fs::exists(dir.path() / "cache"));
}

TEST(ProgramCache, EnvironmentChoosesTheDirectoryOrTurnsItOff) {
  TempDir dir;
  {
    ScopedEnv env("GLCOMPUTE_CACHE_DIR", (dir.path() / "from_env").c_str());
    glc::Context ctx;
    SKIP_WITHOUT_PROGRAM_BINARIES(ctx);
    EXPECT_EQ(ctx.program_cache().directory, dir.path() / "from_env");
    glc::Program p = compile_affine(ctx, 3);
    EXPECT_EQ(entries(dir.path() / "from_env").size(), 1u);
  }
  {
    ScopedEnv env("GLCOMPUTE_CACHE_DIR", "off");
    glc::Context ctx;
    EXPECT_FALSE(ctx.program_cache().enabled());
    EXPECT_NE(ctx.program_cache().off_reason.find("GLCOMPUTE_CACHE_DIR=off"), std::string::npos);
    // ContextOptions come first.
    glc::Context explicit_dir(cache_in(dir.path() / "explicit"));
    EXPECT_EQ(explicit_dir.program_cache().directory, dir.path() / "explicit");
  }
  {
    ScopedEnv no_env("GLCOMPUTE_CACHE_DIR", nullptr);
    ScopedEnv xdg("XDG_CACHE_HOME", (dir.path() / "xdg").c_str());
    glc::Context ctx;
    EXPECT_EQ(ctx.program_cache().directory, dir.path() / "xdg" / "glcompute");
  }
  {
    // A relative XDG_CACHE_HOME is invalid by the XDG specification: HOME's default instead.
    ScopedEnv no_env("GLCOMPUTE_CACHE_DIR", nullptr);
    ScopedEnv xdg("XDG_CACHE_HOME", "relative/cache");
    ScopedEnv home("HOME", (dir.path() / "home").c_str());
    fs::create_directory(dir.path() / "home");  // a HOME that does not exist is not created
    glc::Context ctx;
    EXPECT_EQ(ctx.program_cache().directory, dir.path() / "home" / ".cache" / "glcompute");
  }
  {
    ScopedEnv no_env("GLCOMPUTE_CACHE_DIR", nullptr);
    ScopedEnv xdg("XDG_CACHE_HOME", nullptr);
    ScopedEnv home("HOME", nullptr);
    glc::Context ctx;
    EXPECT_FALSE(ctx.program_cache().enabled());
    EXPECT_NE(ctx.program_cache().off_reason.find("HOME"), std::string::npos);
    glc::Program p = compile_affine(ctx, 3);
    EXPECT_TRUE(computes_affine(ctx, p, 3));
  }
}

TEST(ProgramCache, EmptyDirectoryIsRefused) {
  glc::ContextOptions options;
  options.program_cache.directory = fs::path();
  const std::string message = error_of([&] { glc::Context ctx(options); });
  EXPECT_NE(message.find("program_cache.directory is an empty path"), std::string::npos) << message;
  EXPECT_NE(message.find("enabled = false"), std::string::npos) << message;
}

TEST(ProgramCache, UnwritableDirectoryStillCompilesAndSaysWhy) {
  TempDir dir;
  // A directory below a regular file cannot be created, whoever runs the test (root included).
  write_bytes(dir.path() / "file", "not a directory");
  glc::Context ctx(cache_in(dir.path() / "file" / "cache"));
  SKIP_WITHOUT_PROGRAM_BINARIES(ctx);
  glc::Program p = compile_affine(ctx, 3);
  EXPECT_FALSE(p.loaded_from_cache());
  EXPECT_TRUE(computes_affine(ctx, p, 3));
  glc::Program q = compile_affine(ctx, 3);
  EXPECT_TRUE(computes_affine(ctx, q, 3));
  const glc::ProgramCacheStats stats = ctx.program_cache();
  EXPECT_EQ(stats.stores, 0u);
  EXPECT_EQ(stats.failures, 2u);
  EXPECT_EQ(stats.misses, 2u);
  EXPECT_NE(stats.last_problem.find("cannot create directory"), std::string::npos) << stats.last_problem;
  EXPECT_NE(stats.last_problem.find((dir.path() / "file").string()), std::string::npos) << stats.last_problem;
}

// ---------------------------------------------------------------------------------------------
// Processes sharing one cache. Each child (this binary with --compile-into DIR) creates its
// context, says it is ready, waits until every child is, then compiles the same programs into
// the same empty cache and checks its results and that it never saw a damaged entry.

constexpr int kChildPrograms = 4;
constexpr int kChildren = 6;

int child_compile_into(const char* dir) {
  try {
    glc::Context ctx(cache_in(dir));
    const char ready = 'r';
    if (::write(3, &ready, 1) != 1) return 10;
    ::close(3);
    char go = 0;
    while (::read(0, &go, 1) > 0) {  // returns 0 once the parent closes the pipe: go
    }
    for (int round = 0; round < 2; ++round) {
      for (int scale = 1; scale <= kChildPrograms; ++scale) {
        glc::Program p = compile_affine(ctx, scale);
        if (!computes_affine(ctx, p, scale)) return 11;
      }
      glc::Buffer<std::uint32_t> xs = ctx.buffer<std::uint32_t>(1000);
      glc::iota(xs, 1u);
      if (glc::sum(xs) != 500'500u) return 12;
    }
    const glc::ProgramCacheStats stats = ctx.program_cache();
    if (stats.rejected != 0 || stats.failures != 0) {
      std::cerr << "child " << ::getpid() << ": " << stats.last_problem << "\n";
      return 13;
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "child " << ::getpid() << ": " << e.what() << "\n";
    return 14;
  }
}

TEST(ProgramCache, ConcurrentProcessesLeaveOnlyValidEntries) {
  TempDir dir;
  {
    glc::Context probe(cache_in(dir.path()));
    SKIP_WITHOUT_PROGRAM_BINARIES(probe);
  }
  const fs::path cache = dir.path() / "shared";
  int go[2], ready[2];
  ASSERT_EQ(::pipe2(go, O_CLOEXEC), 0);
  ASSERT_EQ(::pipe2(ready, O_CLOEXEC), 0);
  const std::string self = fs::read_symlink("/proc/self/exe").string();
  std::vector<pid_t> children;
  for (int i = 0; i < kChildren; ++i) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, go[0], 0);
    posix_spawn_file_actions_adddup2(&actions, ready[1], 3);
    std::vector<std::string> args = {self, "--compile-into", cache.string()};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, self.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ASSERT_EQ(spawned, 0) << "posix_spawn failed";
    children.push_back(pid);
  }
  ::close(go[0]);
  ::close(ready[1]);
  int ready_count = 0;
  for (char c = 0; ready_count < kChildren && ::read(ready[0], &c, 1) == 1;) ++ready_count;
  ::close(ready[0]);
  ::close(go[1]);  // every child that is ready starts now
  EXPECT_EQ(ready_count, kChildren) << "a child died before it was ready";

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(240);
  for (const pid_t pid : children) {
    int status = 0;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        ADD_FAILURE() << "child " << pid << " hung";
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << "child " << pid << " status " << status << " (exit codes: 11, 12 wrong results, 13 "
        << "saw a damaged entry or failed to write, 14 threw)";
  }

  // Nothing half written is left behind, and every entry loads: a fresh context compiles the
  // same programs with hits only.
  for (const std::string& name : all_names(cache)) {
    EXPECT_EQ(fs::path(name).extension(), ".glcprog") << "left behind: " << name;
  }
  glc::Context check(cache_in(cache));
  for (int scale = 1; scale <= kChildPrograms; ++scale) {
    glc::Program p = compile_affine(check, scale);
    EXPECT_TRUE(p.loaded_from_cache());
    EXPECT_TRUE(computes_affine(check, p, scale));
  }
  glc::Buffer<std::uint32_t> xs = check.buffer<std::uint32_t>(1000);
  glc::iota(xs, 1u);
  EXPECT_EQ(glc::sum(xs), 500'500u);
  const glc::ProgramCacheStats stats = check.program_cache();
  EXPECT_EQ(stats.misses, 0u);
  EXPECT_EQ(stats.rejected, 0u) << stats.last_problem;
  EXPECT_EQ(entries(cache).size(), stats.hits) << "entries nobody asked for";
}

}  // namespace

int main(int argc, char** argv) {
  // Programs from the SPIR-V path are not cached; these tests (and the kernel library's
  // programs they count) are about the GLSL path, whatever the environment asks for.
  ::unsetenv("GLCOMPUTE_SHADER_PATH");
  if (argc == 3 && std::string_view(argv[1]) == "--compile-into") return child_compile_into(argv[2]);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
