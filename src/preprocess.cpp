#include "preprocess.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>

#include <shaderc/shaderc.hpp>

#include "include_resolver.hpp"
#include "shader_log.hpp"

namespace glc::detail {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const std::string& file, int line, const std::string& message) {
  throw ShaderError("glcompute: cannot compile shader " + file, {{file, line, message}});
}

std::string load_text(const Source& source) {
  if (!source.is_file()) return source.text();
  const std::string name = source.name().empty() ? "\"\" (an empty path)" : source.name();
  std::error_code ec;
  if (fs::is_directory(source.path(), ec)) {
    fail(name, 0, "is a directory, not a shader file");
  }
  std::ifstream in(source.path(), std::ios::binary);
  if (!in) fail(name, 0, std::string("cannot open shader file: ") + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) fail(name, 0, "cannot read shader file");
  return text.str();
}

/// Names in CompileOptions::defines must be identifiers; shaderc's own message would not say
/// which entry is wrong.
void check_defines(const Source& source, const CompileOptions& options) {
  static const std::regex identifier(R"([A-Za-z_][A-Za-z0-9_]*)");
  for (const auto& [name, value] : options.defines) {
    if (!std::regex_match(name, identifier)) {
      fail(source.name(), 0, "CompileOptions::defines has an entry named '" + name +
                                 "', which is not a macro name (letters, digits, '_', not starting with a digit)");
    }
  }
}

void check_shape(const Source& source, const std::string& text) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    fail(source.name(), 0, "the shader source is empty");
  }
  static const std::regex version(R"((^|\n)[ \t]*#[ \t]*version\b)");
  if (!std::regex_search(text, version)) {
    fail(source.name(), 1,
         "no #version directive; a compute shader starts with '#version 430' (or later)");
  }
}

/// glslang marks include boundaries with `#line N "file"`, which drivers reject (that form needs
/// GL_GOOGLE_cpp_style_line_directive). Number the files instead and drop the include extension.
std::string rewrite_line_directives(const std::string& text, std::vector<std::string>& files) {
  static const std::regex named_line(R"re(^#line (\d+) "(.*)"$)re");
  std::istringstream in(text);
  std::string out;
  out.reserve(text.size());
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_match(line, m, named_line)) {
      const std::string file = m[2];
      std::size_t index = 0;
      while (index < files.size() && files[index] != file) ++index;
      if (index == files.size()) files.push_back(file);
      out += "#line " + m[1].str() + " " + std::to_string(index) + "\n";
    } else if (line.rfind("#extension GL_GOOGLE_include_directive", 0) == 0) {
      out += "\n";
    } else {
      out += line + "\n";
    }
  }
  return out;
}

const shaderc::Compiler& compiler() {
  static const shaderc::Compiler instance;  // thread-safe for concurrent use
  return instance;
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
  shaderc_options.SetIncluder(
      std::make_unique<IncludeResolver>(source.name(), top_dir, options.include_dirs));

  const shaderc::PreprocessedSourceCompilationResult result = compiler().PreprocessGlsl(
      text, shaderc_compute_shader, source.name().c_str(), shaderc_options);
  if (result.GetCompilationStatus() != shaderc_compilation_status_success) {
    throw ShaderError("glcompute: cannot preprocess shader " + source.name(),
                      parse_shaderc_log(result.GetErrorMessage(), source.name()));
  }
  PreprocessedSource out;
  out.files.push_back(source.name());
  out.glsl = rewrite_line_directives(std::string(result.begin(), result.end()), out.files);
  return out;
}

}  // namespace glc::detail
