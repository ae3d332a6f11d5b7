#pragma once
// A context's program binary cache: where it lives, the key of a program, and loading and
// storing linked programs (glGetProgramBinary / glProgramBinary). Internal; the public side is
// glcompute/program_cache.hpp, the file layout program_cache_file.hpp.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <glad/gl.h>

#include "glcompute/context_info.hpp"
#include "glcompute/program_cache.hpp"

namespace glc::detail {

class ContextState;

class ProgramCache {
 public:
  /// Identifies one program: its full key (what the entry stores and is compared with), and
  /// the entry's file name (from the key's SHA-256) in the cache directory.
  struct Key {
    std::string text;
    std::string file_name;
  };

  /// `context`'s cache, as its ContextOptions::program_cache asks: decides where entries live
  /// (the options, then GLCOMPUTE_CACHE_DIR, then the XDG cache directory) and whether the
  /// driver can give program binaries at all; a directory that exists must be trusted (see
  /// untrusted_because). Needs the context current. Throws glc::Error only
  /// for an empty ProgramCacheOptions::directory. Attached to the context
  /// (ContextState::attachment); the façade creates it with the context.
  explicit ProgramCache(ContextState& context);
  ProgramCache(const ProgramCache&) = delete;
  ProgramCache& operator=(const ProgramCache&) = delete;

  bool enabled() const noexcept { return stats_.enabled(); }

  /// The key of the program built from `glsl` (the preprocessed source) with `compile_options`
  /// (everything else that changes the binary, as one canonical string), on this driver.
  Key key(std::string_view glsl, std::string_view compile_options) const;

  /// A linked program loaded from the entry for `key`, or 0 where there is no usable entry
  /// (the caller compiles and then stores). Never throws.
  GLuint load(const Key& key);

  /// Asks the driver to keep `program`'s binary retrievable; call before linking.
  void prepare_for_link(GLuint program) const;

  /// Saves the binary of the linked `program` as the entry for `key`. Failures are counted in
  /// the statistics, never thrown.
  void store(const Key& key, GLuint program);

  const ProgramCacheStats& stats() const noexcept { return stats_; }

 private:
  void configure(const ProgramCacheOptions& options, const ContextInfo& info);
  /// load() without the counting of hits and misses.
  GLuint load_entry(const Key& key);
  /// The entry's path, for messages.
  std::string path_of(const Key& key) const;
  void reject(const Key& key, const std::string& why);
  void fail(const std::string& what);
  bool driver_offers(GLenum binary_format) const;

  /// Where missing directories may be created from (it must exist): the directory's parent for
  /// XDG_CACHE_HOME, HOME for ~/.cache/glcompute, the root for a directory given explicitly.
  std::filesystem::path create_from_;
  std::string driver_;                ///< vendor, renderer and version strings, for keys
  std::vector<GLint> binary_formats_;  ///< GL_PROGRAM_BINARY_FORMATS
  ProgramCacheStats stats_;
};

}  // namespace glc::detail
