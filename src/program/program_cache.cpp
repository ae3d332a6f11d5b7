#include "program/program_cache.hpp"

#include <algorithm>
#include <cstdlib>

#include "context/context_state.hpp"
#include "glcompute/error.hpp"
#include "program/program_cache_file.hpp"

namespace glc::detail {
namespace fs = std::filesystem;
namespace {

/// An environment variable's value; "" where unset.
std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

/// The cache directory (empty where the cache is off, with `off_reason` saying why).
fs::path cache_directory(const ProgramCacheOptions& options, std::string& off_reason) {
  if (!options.enabled) {
    off_reason = "turned off (ContextOptions::program_cache.enabled is false)";
    return {};
  }
  if (options.directory) {
    if (options.directory->empty()) {
      throw Error("glc::Context: ContextOptions::program_cache.directory is an empty path; "
                  "set program_cache.enabled = false to turn the cache off");
    }
    return *options.directory;
  }
  if (const std::string dir = environment("GLCOMPUTE_CACHE_DIR"); !dir.empty()) {
    if (dir == "off") off_reason = "turned off (GLCOMPUTE_CACHE_DIR=off)";
    return dir == "off" ? fs::path() : fs::path(dir);
  }
  // The XDG base directory specification ignores relative paths in its variables.
  if (const fs::path xdg = environment("XDG_CACHE_HOME"); xdg.is_absolute()) {
    return xdg / "glcompute";
  }
  if (const std::string home = environment("HOME"); !home.empty()) {
    return fs::path(home) / ".cache" / "glcompute";
  }
  off_reason = "no cache directory: GLCOMPUTE_CACHE_DIR, XDG_CACHE_HOME and HOME are all unset";
  return {};
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
  fs::path directory = cache_directory(options, stats_.off_reason);
  if (directory.empty()) return;
  binary_formats_ = program_binary_formats();
  if (binary_formats_.empty()) {
    stats_.off_reason = "the driver offers no program binary formats";
    if (info.version.find("Mesa") != std::string::npos) {
      stats_.off_reason += " (Mesa offers them only while its own shader cache is on: "
                           "MESA_SHADER_CACHE_DISABLE must be unset or false)";
    }
    return;
  }
  stats_.directory = std::move(directory);
  driver_ = field("vendor", info.vendor) + field("renderer", info.renderer) +
            field("version", info.version) + field("glsl", info.glsl_version) +
            field("core", std::to_string(info.gl_major) + "." + std::to_string(info.gl_minor));
}

ProgramCache::Key ProgramCache::key(std::string_view glsl, std::string_view compile_options) const {
  Key key;
  if (!enabled()) return key;
  const std::string text = "glcompute program cache " + std::to_string(kCacheFormatVersion) +
                           "\n" + driver_ + field("options", compile_options) +
                           field("source", glsl);
  key.digest = sha256(text);
  // 128 bits of the digest name the file; the header holds all 256 and is checked on load.
  key.file = stats_.directory / (to_hex(key.digest, 16) + ".glcprog");
  return key;
}

GLuint ProgramCache::load(const Key& key) {
  if (!enabled()) return 0;
  const GLuint program = load_entry(key);
  ++(program != 0 ? stats_.hits : stats_.misses);
  return program;
}

GLuint ProgramCache::load_entry(const Key& key) {
  std::string bytes;
  std::string error;
  switch (read_whole_file(key.file, bytes, error)) {
    case FileRead::absent: return 0;
    case FileRead::failed: fail("cannot read " + key.file.string() + ": " + error); return 0;
    case FileRead::ok: break;
  }
  const DecodedCacheEntry entry = decode_cache_entry(bytes, key.digest);
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
    fail("the driver gave no binary for " + key.file.string());
    return;
  }
  std::string payload(static_cast<std::size_t>(length), '\0');
  GLsizei written = 0;
  GLenum format = 0;
  glGetProgramBinary(program, length, &written, &format, payload.data());
  if (written <= 0) {
    fail("glGetProgramBinary gave nothing for " + key.file.string());
    return;
  }
  payload.resize(static_cast<std::size_t>(written));
  const std::string error = write_file_atomically(key.file, encode_cache_entry(key.digest, format, payload));
  if (!error.empty()) {
    fail(error);
    return;
  }
  ++stats_.stores;
}

void ProgramCache::reject(const Key& key, const std::string& why) {
  ++stats_.rejected;
  stats_.last_problem = "rejected " + key.file.string() + ": " + why;
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
