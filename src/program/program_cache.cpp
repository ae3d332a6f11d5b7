#include "program/program_cache.hpp"

#include <algorithm>
#include <optional>

#include "context/context_state.hpp"
#include "glcompute/error.hpp"
#include "program/program_cache_file.hpp"
#include "util/environment.hpp"
#include "util/regular_file.hpp"
#include "util/sha256.hpp"

namespace glc::detail {
namespace fs = std::filesystem;
namespace {

/// Where the cache lives, or why it is off (`directory` empty, `off_reason` set).
struct Location {
  fs::path directory;
  /// Missing directories are created from here down (see ProgramCache::create_from_).
  fs::path create_from;
  std::string off_reason;
};

Location off(std::string why) { return {{}, {}, std::move(why)}; }

/// The directory for `options` and the environment. The default locations are created below
/// HOME or XDG_CACHE_HOME's parent only, never those themselves: with HOME=/nonexistent a
/// process must not create /nonexistent (as root it could).
Location cache_location(const ProgramCacheOptions& options) {
  if (!options.enabled) return off("turned off (ContextOptions::program_cache.enabled is false)");
  const auto explicit_location = [](fs::path dir) {
    fs::path root = dir.is_absolute() ? dir.root_path() : fs::path(".");
    return Location{std::move(dir), std::move(root), {}};
  };
  if (options.directory) {
    if (options.directory->empty()) {
      throw Error("glc::Context: ContextOptions::program_cache.directory is an empty path; "
                  "set program_cache.enabled = false to turn the cache off");
    }
    return explicit_location(*options.directory);
  }
  if (const std::optional<std::string> word = environment_word("GLCOMPUTE_CACHE_DIR")) {
    if (is_off_word(*word)) return off("turned off (GLCOMPUTE_CACHE_DIR=" + *word + ")");
    return explicit_location(environment_text("GLCOMPUTE_CACHE_DIR"));
  }
  std::error_code ec;
  // The XDG base directory specification ignores relative paths in its variables.
  if (const fs::path xdg = environment_text("XDG_CACHE_HOME"); xdg.is_absolute()) {
    const fs::path parent = xdg.lexically_normal().parent_path();
    if (!fs::is_directory(parent, ec)) {
      return off("no cache directory: XDG_CACHE_HOME is " + xdg.string() + ", and " +
                 parent.string() + " does not exist (set GLCOMPUTE_CACHE_DIR to choose one)");
    }
    return {xdg / "glcompute", parent, {}};
  }
  if (const std::string home = environment_text("HOME"); !home.empty()) {
    if (!fs::is_directory(home, ec)) {
      return off("no cache directory: HOME is " + home + ", which does not exist or is not a "
                 "directory (set GLCOMPUTE_CACHE_DIR or XDG_CACHE_HOME to choose one)");
    }
    return {fs::path(home) / ".cache" / "glcompute", home, {}};
  }
  return off("no cache directory: GLCOMPUTE_CACHE_DIR, XDG_CACHE_HOME and HOME are all unset");
}

std::vector<GLint> program_binary_formats() {
  GLint count = 0;
  glGetIntegerv(GL_NUM_PROGRAM_BINARY_FORMATS, &count);
  std::vector<GLint> formats(static_cast<std::size_t>(std::max(count, 0)));
  if (!formats.empty()) glGetIntegerv(GL_PROGRAM_BINARY_FORMATS, formats.data());
  return formats;
}

/// "name <size>:<bytes>\n": the length first, so no value can imitate the next field.
std::string field(std::string_view name, std::string_view value) {
  return std::string(name) + " " + std::to_string(value.size()) + ":" + std::string(value) + "\n";
}

std::string hex(std::uint32_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out = "0x";
  for (int shift = 28; shift >= 0; shift -= 4) out += kDigits[value >> shift & 15];
  return out;
}

}  // namespace

ProgramCache::ProgramCache(ContextState& context) {
  configure(context.options().program_cache, context.info());
}

void ProgramCache::configure(const ProgramCacheOptions& options, const ContextInfo& info) {
  stats_ = {};
  Location location = cache_location(options);
  if (location.directory.empty()) {
    stats_.off_reason = std::move(location.off_reason);
    return;
  }
  binary_formats_ = program_binary_formats();
  if (binary_formats_.empty()) {
    stats_.off_reason = "the driver offers no program binary formats";
    if (info.version.find("Mesa") != std::string::npos) {
      stats_.off_reason += " (Mesa offers them only while its own shader cache is on: "
                           "MESA_SHADER_CACHE_DISABLE must be unset or false)";
    }
    return;
  }
  // A directory that exists must be trusted now; one that does not is created (mode 0700) with
  // the first entry, and checked each time it is used.
  CacheDirectory directory;
  std::string problem;
  if (directory.open(location.directory, problem) == CacheDirectory::Opened::failed) {
    stats_.off_reason = std::move(problem);
    return;
  }
  stats_.directory = std::move(location.directory);
  create_from_ = std::move(location.create_from);
  driver_ = field("vendor", info.vendor) + field("renderer", info.renderer) +
            field("version", info.version) + field("glsl", info.glsl_version) +
            field("core", std::to_string(info.gl_major) + "." + std::to_string(info.gl_minor));
}

ProgramCache::Key ProgramCache::key(std::string_view glsl, std::string_view compile_options) const {
  Key key;
  if (!enabled()) return key;
  key.text = "glcompute program cache " + std::to_string(kCacheFormatVersion) + "\n" + driver_ +
             field("options", compile_options) + field("source", glsl);
  // 128 bits of the key's SHA-256 name the file; the entry holds the whole key.
  key.file_name = to_hex(sha256(key.text), 16) + ".glcprog";
  return key;
}

std::string ProgramCache::path_of(const Key& key) const {
  return (stats_.directory / key.file_name).string();
}

GLuint ProgramCache::load(const Key& key) {
  if (!enabled()) return 0;
  const GLuint program = load_entry(key);
  ++(program != 0 ? stats_.hits : stats_.misses);
  return program;
}

GLuint ProgramCache::load_entry(const Key& key) {
  CacheDirectory directory;
  std::string problem;
  switch (directory.open(stats_.directory, problem)) {
    case CacheDirectory::Opened::absent: return 0;
    case CacheDirectory::Opened::failed: fail(problem); return 0;
    case CacheDirectory::Opened::ok: break;
  }
  // Looked at before it is opened, never followed if a link: a FIFO there would block the
  // read forever, a device would never end.
  const RegularFile file = read_regular_file(directory.fd(), key.file_name, kMaxCacheEntryBytes, false);
  switch (file.status) {
    case RegularFile::Status::ok: break;
    case RegularFile::Status::absent: return 0;
    case RegularFile::Status::not_regular:
    case RegularFile::Status::too_large: reject(key, file.problem); return 0;
    case RegularFile::Status::failed: fail("cannot read " + path_of(key) + ": " + file.problem); return 0;
  }
  if (const std::string why = untrusted_because(file.info); !why.empty()) {
    reject(key, why + ", so another user could have written it");
    return 0;
  }
  const std::string& bytes = file.bytes;
  const DecodedCacheEntry entry = decode_cache_entry(bytes, key.text);
  if (!entry.problem.empty()) {
    reject(key, entry.problem);
    return 0;
  }
  // glProgramBinary raises GL_INVALID_ENUM for a format the driver does not offer.
  if (!driver_offers(entry.binary_format)) {
    reject(key, "binary format " + hex(entry.binary_format) + " is not one this driver offers");
    return 0;
  }
  const GLuint program = glCreateProgram();
  glProgramBinary(program, entry.binary_format, entry.payload.data(),
                  static_cast<GLsizei>(entry.payload.size()));
  // The link status is the driver's verdict (GL raises no error for a binary it refuses).
  GLint linked = GL_FALSE;
  glGetProgramiv(program, GL_LINK_STATUS, &linked);
  if (!linked) {
    // Typically a driver update: binaries are only valid for the driver build that made them.
    glDeleteProgram(program);
    reject(key, "the driver refused the binary");
    return 0;
  }
  return program;
}

void ProgramCache::prepare_for_link(GLuint program) const {
  if (enabled()) glProgramParameteri(program, GL_PROGRAM_BINARY_RETRIEVABLE_HINT, GL_TRUE);
}

void ProgramCache::store(const Key& key, GLuint program) {
  if (!enabled()) return;
  GLint length = 0;
  glGetProgramiv(program, GL_PROGRAM_BINARY_LENGTH, &length);
  if (length <= 0) {
    fail("the driver gave no binary for " + path_of(key));
    return;
  }
  std::string payload(static_cast<std::size_t>(length), '\0');
  GLsizei written = 0;
  GLenum format = 0;
  glGetProgramBinary(program, length, &written, &format, payload.data());
  if (written <= 0) {
    fail("glGetProgramBinary gave nothing for " + path_of(key));
    return;
  }
  payload.resize(static_cast<std::size_t>(written));
  std::string error = CacheDirectory::create(create_from_, stats_.directory);
  CacheDirectory directory;
  if (error.empty() && directory.open(stats_.directory, error) == CacheDirectory::Opened::absent) {
    error = "the cache directory " + stats_.directory.string() + " disappeared";
  }
  if (error.empty()) {
    error = directory.write_atomically(key.file_name, encode_cache_entry(key.text, format, payload));
  }
  if (!error.empty()) {
    fail(error);
    return;
  }
  ++stats_.stores;
}

void ProgramCache::reject(const Key& key, const std::string& why) {
  ++stats_.rejected;
  stats_.last_problem = "rejected " + path_of(key) + ": " + why;
}

void ProgramCache::fail(const std::string& what) {
  ++stats_.failures;
  stats_.last_problem = what;
}

bool ProgramCache::driver_offers(GLenum binary_format) const {
  return std::find(binary_formats_.begin(), binary_formats_.end(),
                   static_cast<GLint>(binary_format)) != binary_formats_.end();
}

}  // namespace glc::detail
