#pragma once
// Resolves #include for shaderc: next to the including file, then the include directories,
// then the library's embedded shaders. Refuses paths outside those roots. Internal.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <shaderc/shaderc.hpp>

namespace glc::detail {

/// Deeper nesting than this is reported as a probable include cycle (guarded cycles stop
/// long before).
constexpr std::size_t kMaxIncludeDepth = 32;

class IncludeResolver : public shaderc::CompileOptions::IncluderInterface {
 public:
  /// `top_name` is the top-level source's display name; `top_dir` its directory when it is a
  /// file (that directory becomes an include root).
  IncludeResolver(std::string top_name, std::optional<std::filesystem::path> top_dir,
                  std::vector<std::filesystem::path> include_dirs);

  shaderc_include_result* GetInclude(const char* requested, shaderc_include_type type,
                                     const char* requesting, std::size_t depth) override;
  void ReleaseInclude(shaderc_include_result* result) override;

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

  /// glslang retries a failed `#include "x"` as `#include <x>`; the first attempt's message
  /// (keyed by requested + requesting file) is the one worth reporting.
  std::map<std::string, std::string> relative_failures_;
  std::map<std::string, Origin> origins_;  ///< by display name, as glslang passes it back
  std::vector<std::filesystem::path> include_dirs_;
  std::vector<std::filesystem::path> roots_;  ///< canonical include roots on disk
};

}  // namespace glc::detail
