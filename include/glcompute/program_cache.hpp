#pragma once
/// @file
/// The program binary cache: `glc::ProgramCacheOptions` (where it lives, or that it is off) and
/// `glc::ProgramCacheStats` (what it did, from `Context::program_cache()`).
///
/// Every program a context links from GLSL — yours and the kernel library's — is saved with
/// glGetProgramBinary, keyed by its preprocessed source, the compile options that change it,
/// the driver (vendor, renderer and version strings) and glcompute's cache format. A later
/// compile of the same program, in this process or the next, loads it instead of compiling.
/// (Programs built on the SPIR-V path are not cached: Mesa 22's glGetProgramBinary crashes on
/// them.)
///
///     glc::Context ctx;                                   // cache in ~/.cache/glcompute
///     glc::Program p = ctx.compile(glc::Source::file("saxpy.comp"));
///     p.loaded_from_cache();                              // true from the second run on
///
/// An entry is trusted only if everything checks out (a regular file of this user's, writable
/// by nobody else; magic, format version, the whole key compared byte for byte, a SHA-256 over
/// header, key and binary, a binary format the driver offers, and the driver accepting it);
/// anything else is compiled afresh and the entry replaced. Like ssh with ~/.ssh, a directory
/// owned by another user (root excepted) or writable by others is refused (the cache is then off
/// and `off_reason` says why). Entries are written with mode 0600 to a temporary file and
/// renamed into place, so processes sharing a cache never see half a file; directories are
/// created with mode 0700. The cache never makes a compile fail: where it cannot read or write,
/// the program is compiled as usual and `ProgramCacheStats::failures` / `last_problem` say why.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace glc {

/// Where a context keeps its program binaries (`ContextOptions::program_cache`).
struct ProgramCacheOptions {
  /// false: nothing is read from or written to disk.
  bool enabled = true;
  /// The cache directory, created (mode 0700) when the first entry is written. Unset: the
  /// environment variable GLCOMPUTE_CACHE_DIR where set (`off`, `false`, `no`, `none`, `0`,
  /// `disable` or `disabled`, in any case, turn the cache off), else `$XDG_CACHE_HOME/glcompute`
  /// (an absolute XDG_CACHE_HOME), else `$HOME/.cache/glcompute` (HOME must exist: it is never
  /// created). An empty path is refused (glc::Error): use `enabled = false` to turn the cache off.
  std::optional<std::filesystem::path> directory;
};

/// What a context's program cache did so far.
struct ProgramCacheStats {
  /// The directory in use; empty where the cache is off.
  std::filesystem::path directory;
  /// Why the cache is off (e.g. the driver offers no program binary formats); empty while on.
  std::string off_reason;
  std::uint64_t hits = 0;      ///< programs loaded from the cache, not compiled
  std::uint64_t misses = 0;    ///< programs compiled because no usable entry existed
  std::uint64_t stores = 0;    ///< entries written
  /// Entries found but not trusted (corrupt, truncated, foreign, not a regular file, another
  /// user's or writable by others, written by another driver or refused by it); each was
  /// compiled afresh and replaced.
  std::uint64_t rejected = 0;
  /// Cache reads or writes that failed (a directory that cannot be created or written, a full
  /// disk); the program was compiled and works.
  std::uint64_t failures = 0;
  /// The latest rejection or failure, naming the file and the reason; empty if none.
  std::string last_problem;

  bool enabled() const noexcept { return !directory.empty(); }
};

}  // namespace glc
