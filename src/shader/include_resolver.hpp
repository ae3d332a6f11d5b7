#pragma once
// Resolves #include for shaderc: next to the including file, then the include directories,
// then the library's embedded shaders. Refuses paths outside those roots. Internal.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <shaderc/shaderc.hpp>

namespace glc::detail {

/// Deeper nesting than this is refused; the message says whether a file repeats in the chain
/// (a cycle without include guards, which would never end) or not (a long chain).
constexpr std::size_t kMaxIncludeDepth = 32;
/// Shader files (sources and included files) larger than this are refused unread: no shader
/// comes near it, while /dev/zero-like files would be read until memory runs out.
constexpr std::uint64_t kMaxShaderFileBytes = std::uint64_t{64} << 20;
/// More #include directives than this in one shader are reported instead of followed: files
/// without include guards that include each other repeatedly multiply (n levels of two includes
/// each are 2^n), which would otherwise run for hours and fill memory.
constexpr std::size_t kMaxIncludes = 10000;

/// The file `glslang_name`, a name in shaderc's output, stands for: its display name where it is
/// one of `stand_ins` (stand-in -> display name), else itself.
const std::string& display_name(const std::map<std::string, std::string>& stand_ins,
                                const std::string& glslang_name);

class IncludeResolver : public shaderc::CompileOptions::IncluderInterface {
 public:
  /// `top_name` is the top-level source's display name; `top_dir` its directory when it is a
  /// file (that directory becomes an include root).
  IncludeResolver(std::string top_name, std::optional<std::filesystem::path> top_dir,
                  std::vector<std::filesystem::path> include_dirs);

  shaderc_include_result* GetInclude(const char* requested, shaderc_include_type type,
                                     const char* requesting, std::size_t depth) override;
  void ReleaseInclude(shaderc_include_result* result) override;

  /// The name to give shaderc for the top-level source (see stand_ins_).
  const std::string& top_glslang_name() const noexcept { return top_glslang_name_; }
  /// The file a name in shaderc's output (a message, a `#line N "name"`) stands for.
  const std::string& display_name(const std::string& glslang_name) const;
  /// The stand-ins handed out so far (see stand_ins_): stand-in -> display name.
  const std::map<std::string, std::string>& stand_ins() const noexcept { return stand_ins_; }

 private:
  /// Where an included (or the top-level) file came from, to resolve its own includes.
  struct Origin {
    bool embedded = false;
    std::filesystem::path dir;  ///< directory on disk, or inside the embedded tree
  };
  struct Found {
    std::string name;
    std::string content;
    Origin origin;
  };

  std::optional<Found> find_on_disk(const std::filesystem::path& candidate, std::string& refused) const;
  std::optional<Found> find_embedded(const std::filesystem::path& candidate) const;
  bool inside_roots(const std::filesystem::path& file) const;
  shaderc_include_result* make_result(std::string name, std::string content);
  std::string glslang_name(const std::string& display);
  /// The message for `requested`, included by `requesting` at a depth beyond kMaxIncludeDepth.
  std::string too_deep(const std::string& requested) const;

  /// shaderc aborts (an assertion, kept in Debian's build) on a preprocessor error in a source
  /// whose name is empty as a C string: it reads glslang's "ERROR: :2: ..." as a location without
  /// a file. Such names (and any holding '\0', which shaderc would cut short) go to glslang as
  /// stand-ins ("<file N>"), mapped back here.
  std::map<std::string, std::string> stand_ins_;  ///< stand-in -> display name
  std::string top_glslang_name_;

  /// glslang retries a failed `#include "x"` as `#include <x>`; the first attempt's message
  /// (keyed by requested + requesting file) is the one worth reporting.
  std::map<std::string, std::string> relative_failures_;
  std::map<std::string, Origin> origins_;  ///< by glslang name, as glslang passes it back
  /// The files that are being included, outermost first (glslang names): glslang asks for
  /// includes depth first, so entry d is the file at depth d of the #include being resolved.
  /// For the message when nesting goes too deep.
  std::vector<std::string> include_stack_;
  std::size_t includes_ = 0;               ///< #include directives seen so far
  std::vector<std::filesystem::path> include_dirs_;
  std::vector<std::filesystem::path> roots_;  ///< canonical include roots on disk
};

}  // namespace glc::detail
