#pragma once
/// @file
/// `glc::Source` (where a shader comes from: GLSL, or a SPIR-V module) and `glc::CompileOptions`
/// (how it is preprocessed, which compiler path turns it into a program, and the values of its
/// specialization constants).

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace glc {

/// A compute shader: GLSL source (a file, or text with a name used in error messages), or a
/// SPIR-V module compiled for OpenGL.
class Source {
 public:
  /// GLSL read from `path` when compiled. Its directory becomes an include root.
  static Source file(std::filesystem::path path);
  /// Uses `glsl` as is; `name` stands in for a file name in diagnostics.
  static Source text(std::string glsl, std::string name = "<text>");
  /// A SPIR-V module read from `path` when compiled: a compute shader compiled for OpenGL
  /// (`glslc --target-env=opengl`, `glslangValidator -G`, or Context::compile_to_spirv), in
  /// either byte order. It is loaded on ShaderPath::spirv (the default path for it; asking for
  /// ShaderPath::glsl throws), so it needs ARB_gl_spirv. Reflection, bind, set and
  /// specialization work as for GLSL, by the names the module carries (a module stripped of
  /// them binds by binding only). The module is checked (SPIR-V validator, OpenGL rules, a
  /// GLCompute entry point) before the driver sees it; a bad one is a glc::ShaderError naming
  /// the file. CompileOptions::defines and include_dirs do not apply to it.
  static Source spirv(std::filesystem::path path);
  /// A SPIR-V module held in memory (copied), e.g. from Context::compile_to_spirv; `name`
  /// stands in for a file name in messages.
  static Source spirv(std::span<const std::uint32_t> words, std::string name = "<spirv>");

  /// True for file() and spirv(path): the source is read from path() when compiled.
  bool is_file() const noexcept { return is_file_; }
  /// True for either spirv().
  bool is_spirv() const noexcept { return is_spirv_; }
  const std::filesystem::path& path() const noexcept { return path_; }
  const std::string& text() const noexcept { return text_; }
  /// The module of spirv(words); empty for the other kinds (spirv(path) is read when compiled).
  const std::vector<std::uint32_t>& words() const noexcept { return words_; }
  /// The name used in diagnostics: the path as given, or the text's name.
  const std::string& name() const noexcept { return name_; }

 private:
  Source() = default;
  bool is_file_ = false;
  bool is_spirv_ = false;
  std::filesystem::path path_;
  std::string text_;
  std::vector<std::uint32_t> words_;
  std::string name_;
};

/// How the preprocessed GLSL reaches the driver. Both paths give the same results.
enum class ShaderPath {
  /// `GLCOMPUTE_SHADER_PATH=glsl|spirv` where set (so a whole program can be switched);
  /// otherwise the path measured faster to build programs on this driver (see README.md).
  automatic,
  /// GLSL source through glShaderSource: every GL 4.3 driver.
  glsl,
  /// SPIR-V compiled by shaderc, loaded with glShaderBinary + glSpecializeShader. Needs
  /// ARB_gl_spirv (`ctx.info().features.gl_spirv`); throws where the driver lacks it.
  spirv,
};

/// A specialization constant's value. Its type must be the declared one: bool, int
/// (`std::int32_t`), uint (`std::uint32_t`) or float; floats must be finite.
using SpecValue = std::variant<bool, std::int32_t, std::uint32_t, float>;

/// A value for the constant declared `layout(constant_id = N) const T name = default;`,
/// chosen by its id or, where `id` is empty, by its name.
struct SpecConstant {
  std::optional<std::uint32_t> id;
  std::string name;
  SpecValue value;
};

/// How a source is preprocessed and compiled.
///
///     glc::CompileOptions o;
///     o.local_size = {128, 0, 0};          // needs layout(local_size_x_id = N) in;
///     o.specialize("unroll", 4u).specialize(3, true);
struct CompileOptions {
  /// `#define NAME VALUE` for each pair (an empty VALUE defines NAME as empty). NAME is an
  /// identifier and VALUE one line without NUL bytes; compile() throws glc::ShaderError otherwise.
  std::vector<std::pair<std::string, std::string>> defines;
  /// Directories searched by `#include "..."` after the including file's own directory.
  /// The library's shaders ("glcompute/...") are always available after these.
  std::vector<std::filesystem::path> include_dirs;
  /// GLSL or SPIR-V; see ShaderPath.
  ShaderPath path = ShaderPath::automatic;
  /// Values for specialization constants, applied at compile time on both paths (on the GLSL
  /// path by rewriting the declarations). Unset constants keep their declared defaults. An
  /// unknown id or name, a type other than the declared one, or a constant given twice throws.
  std::vector<SpecConstant> constants;
  /// The work group size, for dimensions declared with `layout(local_size_x_id = N) in;`
  /// (`_y_id`, `_z_id`): non-zero entries set those constants. 0 keeps the declared size
  /// (`local_size_x = M` beside the id, else 1). A non-zero entry for a dimension without an
  /// id throws, as does a size above the driver's limits.
  std::array<std::uint32_t, 3> local_size{};

  /// Sets the constant with `layout(constant_id = id)`.
  CompileOptions& specialize(std::uint32_t id, SpecValue value) {
    constants.push_back({id, {}, value});
    return *this;
  }
  /// Sets the constant named `name`.
  CompileOptions& specialize(std::string name, SpecValue value) {
    constants.push_back({std::nullopt, std::move(name), value});
    return *this;
  }
};

}  // namespace glc
