#include "shader/preprocess.hpp"

#include <fcntl.h>

#include <optional>
#include <string_view>

#include <shaderc/shaderc.hpp>

#include "shader/glsl_text.hpp"
#include "shader/include_resolver.hpp"
#include "shader/shaderc_compiler.hpp"
#include "shader/shader_log.hpp"
#include "util/regular_file.hpp"

namespace glc::detail {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const std::string& file, int line, const std::string& message) {
  throw ShaderError("glcompute: cannot compile shader " + file, {{file, line, message}});
}

std::string load_text(const Source& source) {
  if (!source.is_file()) return source.text();
  const std::string name = source.name().empty() ? "\"\" (an empty path)" : source.name();
  RegularFile file = read_regular_file(AT_FDCWD, source.path().string(), kMaxShaderFileBytes, true);
  if (file.status == RegularFile::Status::not_regular && S_ISDIR(file.info.st_mode)) {
    fail(name, 0, "is a directory, not a shader file");
  }
  if (file.status != RegularFile::Status::ok) fail(name, 0, "cannot open shader file: " + file.problem);
  return std::move(file.bytes);
}

/// True when some line is `#version` (blanks allowed around the '#').
bool has_version_directive(const std::string& text) {
  for (std::size_t start = 0; start < text.size();) {
    TextCursor line(text, start);
    line.skip_blanks();
    std::string_view word;
    if (line.literal("#")) {
      line.skip_blanks();
      if (line.word(word) && word == "version") return true;
    }
    const std::size_t newline = text.find('\n', start);
    if (newline == std::string::npos) break;
    start = newline + 1;
  }
  return false;
}

/// Names in CompileOptions::defines must be identifiers; shaderc's own message would not say
/// which entry is wrong. A value is one line without NUL bytes: shaderc writes each entry into
/// a preamble of `#define` lines and counts its lines afterwards, and a NUL byte there ends
/// its count early and fails an assertion that aborts the process (found by fuzz_preprocess); a
/// line break would end the #define and put the rest of the value into the shader as code.
void check_defines(const Source& source, const CompileOptions& options) {
  for (const auto& [name, value] : options.defines) {
    if (!is_identifier(name)) {
      fail(source.name(), 0, "CompileOptions::defines has an entry named '" + name +
                                 "', which is not a macro name (letters, digits, '_', not starting with a digit)");
    }
    if (const std::size_t bad = value.find_first_of(std::string_view("\0\n\r", 3)); bad != std::string::npos) {
      fail(source.name(), 0, "CompileOptions::defines entry '" + name + "' has a " +
                                 (value[bad] == '\0' ? "NUL byte" : "line break") + " in its value (at byte " +
                                 std::to_string(bad) + "); a #define value is one line of text");
    }
  }
}

void check_shape(const Source& source, const std::string& text) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    fail(source.name(), 0, "the shader source is empty");
  }
  if (!has_version_directive(text)) {
    fail(source.name(), 1,
         "no #version directive; a compute shader starts with '#version 430' (or later)");
  }
}

/// glslang marks include boundaries with `#line N "file"`, which drivers reject (that form needs
/// GL_GOOGLE_cpp_style_line_directive). Number the files instead and drop the include extension.
std::string rewrite_line_directives(const std::string& text, std::vector<std::string>& files,
                                    const IncludeResolver& resolver) {
  std::istringstream in(text);
  std::string out;
  out.reserve(text.size());
  for (std::string line; std::getline(in, line);) {
    if (const std::optional<LineDirective> named = parse_line_directive(line); named && named->file_name) {
      std::size_t index = 0;
      const std::string file = resolver.display_name(std::string(*named->file_name));  // a copy: display_name may return its argument
      while (index < files.size() && files[index] != file) ++index;
      if (index == files.size()) files.push_back(file);
      out += "#line " + std::string(named->digits) + " " + std::to_string(index) + "\n";
    } else if (line.rfind("#extension GL_GOOGLE_include_directive", 0) == 0) {
      out += "\n";
    } else {
      out += line + "\n";
    }
  }
  return out;
}

}  // namespace

PreprocessedSource preprocess(const Source& source, const CompileOptions& options) {
  const std::string text = load_text(source);
  check_shape(source, text);
  check_defines(source, options);

  shaderc::CompileOptions shaderc_options;
  for (const auto& [name, value] : options.defines) {
    shaderc_options.AddMacroDefinition(name, value);
  }
  std::optional<fs::path> top_dir;
  if (source.is_file()) top_dir = source.path().parent_path();
  auto includer = std::make_unique<IncludeResolver>(source.name(), top_dir, options.include_dirs);
  const IncludeResolver& resolver = *includer;  // owned by shaderc_options from here on
  shaderc_options.SetIncluder(std::move(includer));

  const shaderc::PreprocessedSourceCompilationResult result = shaderc_compiler().PreprocessGlsl(
      text, shaderc_compute_shader, resolver.top_glslang_name().c_str(), shaderc_options);
  if (result.GetCompilationStatus() != shaderc_compilation_status_success) {
    std::vector<Diagnostic> diagnostics = parse_shaderc_log(result.GetErrorMessage(), source.name());
    for (Diagnostic& d : diagnostics) d.file = resolver.display_name(d.file);
    throw ShaderError("glcompute: cannot preprocess shader " + source.name(), std::move(diagnostics));
  }
  PreprocessedSource out;
  out.files.push_back(source.name());
  out.expanded.assign(result.begin(), result.end());
  out.top_glslang_name = resolver.top_glslang_name();
  out.stand_ins = resolver.stand_ins();
  out.glsl = rewrite_line_directives(out.expanded, out.files, resolver);
  return out;
}

}  // namespace glc::detail
