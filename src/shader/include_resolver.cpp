#include "shader/include_resolver.hpp"

#include <fcntl.h>

#include <algorithm>
#include <vector>

#include "shader/embedded_shaders.hpp"
#include "util/regular_file.hpp"

namespace glc::detail {
namespace fs = std::filesystem;
namespace {

struct OwnedResult {
  shaderc_include_result result{};
  std::string name;
  std::string content;
};

bool is_within(const fs::path& file, const fs::path& root) {
  const fs::path rel = file.lexically_relative(root);
  return !rel.empty() && *rel.begin() != "..";
}

/// A file's name for a chain of includes: its last component (the location of the error names
/// the whole path).
std::string short_name(const std::string& display) {
  const std::string name = fs::path(display).filename().string();
  return name.empty() ? display : name;
}

}  // namespace

IncludeResolver::IncludeResolver(std::string top_name, std::optional<fs::path> top_dir,
                                 std::vector<fs::path> include_dirs)
    : include_dirs_(std::move(include_dirs)) {
  top_glslang_name_ = glslang_name(top_name);
  if (top_dir) {
    origins_[top_glslang_name_] = Origin{false, *top_dir};
    roots_.push_back(fs::weakly_canonical(top_dir->empty() ? fs::path(".") : *top_dir));
  }
  for (const fs::path& dir : include_dirs_) roots_.push_back(fs::weakly_canonical(dir));
}

bool IncludeResolver::inside_roots(const fs::path& file) const {
  const fs::path real = fs::weakly_canonical(file);
  for (const fs::path& root : roots_) {
    if (is_within(real, root)) return true;
  }
  return false;
}

std::optional<IncludeResolver::Found> IncludeResolver::find_on_disk(const fs::path& candidate,
                                                                    std::string& refused) const {
  // fs::status opens nothing: a FIFO or device is looked at, not read.
  std::error_code ec;
  const fs::file_status status = fs::status(candidate, ec);
  if (!fs::exists(status) || fs::is_directory(status)) return std::nullopt;
  const std::string shown = candidate.lexically_normal().string();
  if (!inside_roots(candidate)) {
    refused = "'" + shown + "' exists but lies outside the include roots; add its directory to "
              "CompileOptions::include_dirs to allow it";
    return std::nullopt;
  }
  RegularFile file = read_regular_file(AT_FDCWD, candidate.string(), kMaxShaderFileBytes, true);
  switch (file.status) {
    case RegularFile::Status::ok:
      return Found{shown, std::move(file.bytes), Origin{false, candidate.parent_path()}};
    case RegularFile::Status::absent:
      return std::nullopt;
    case RegularFile::Status::not_regular:
    case RegularFile::Status::too_large:
      refused = "'" + shown + "' is " + file.problem + ", not a shader file";
      return std::nullopt;
    case RegularFile::Status::failed:
      break;
  }
  refused = "'" + shown + "' exists but cannot be read (" + file.problem + ")";
  return std::nullopt;
}

std::optional<IncludeResolver::Found> IncludeResolver::find_embedded(const fs::path& candidate) const {
  const std::string key = candidate.lexically_normal().generic_string();
  if (const EmbeddedShader* shader = find_embedded_shader(key)) {
    return Found{key, shader->text, Origin{true, fs::path(key).parent_path()}};
  }
  return std::nullopt;
}

shaderc_include_result* IncludeResolver::GetInclude(const char* requested,
                                                    shaderc_include_type type,
                                                    const char* requesting, std::size_t depth) {
  // shaderc counts depth from 1 (an #include in the top-level source).
  include_stack_.resize(std::max<std::size_t>(depth, 1));
  include_stack_.back() = requesting;
  if (depth > kMaxIncludeDepth) return make_result("", too_deep(requested));
  if (++includes_ > kMaxIncludes) {
    return make_result("", "#include \"" + std::string(requested) + "\": more than " +
                               std::to_string(kMaxIncludes) +
                               " #include directives in one shader: files without include guards "
                               "include each other repeatedly (add include guards)");
  }
  const fs::path path(requested);
  std::optional<Found> found;
  std::string refused;
  const auto origin = origins_.find(requesting);
  const bool relative_ok = type == shaderc_include_type_relative && origin != origins_.end();

  // 1. Next to the including file (on disk, or inside the embedded tree).
  if (relative_ok && !origin->second.embedded) found = find_on_disk(origin->second.dir / path, refused);
  if (!found && relative_ok && origin->second.embedded && !path.is_absolute()) {
    found = find_embedded(origin->second.dir / path);
  }
  // 2. The user's include directories.
  for (std::size_t i = 0; !found && i < include_dirs_.size(); ++i) {
    found = find_on_disk(include_dirs_[i] / path, refused);
  }
  // 3. An absolute path, which is accepted only inside the roots.
  if (!found && path.is_absolute()) found = find_on_disk(path, refused);
  // 4. The library's own shaders.
  if (!found && !path.is_absolute()) found = find_embedded(path);

  const std::string key = std::string(requested) + '\n' + requesting;
  if (!found) {
    std::string message;
    if (!refused.empty()) {
      message = "#include \"" + std::string(requested) + "\": " + refused;
    } else {
      std::string searched;
      if (relative_ok && !origin->second.embedded) searched += "'" + origin->second.dir.string() + "', ";
      for (const fs::path& dir : include_dirs_) searched += "'" + dir.string() + "', ";
      message = "cannot find include file '" + std::string(requested) + "' (searched " + searched +
                "the library shaders)";
    }
    if (type == shaderc_include_type_relative) {
      relative_failures_[key] = message;
    } else if (auto earlier = relative_failures_.find(key); earlier != relative_failures_.end()) {
      message = earlier->second;  // the relative attempt saw more (its directory, refusals)
    }
    return make_result("", message);
  }
  std::string name = glslang_name(found->name);
  origins_[name] = found->origin;
  return make_result(std::move(name), std::move(found->content));
}

std::string IncludeResolver::too_deep(const std::string& requested) const {
  const std::vector<std::string>& chain = include_stack_;
  std::vector<std::string> names;
  for (const std::string& glslang : chain) names.push_back(short_name(display_name(glslang)));
  names.push_back(short_name(requested));
  const auto join = [&](std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to; ++i) out += (i == from ? "" : " -> ") + names[i];
    return out;
  };
  const std::string start = "#include \"" + requested + "\" nests deeper than " +
                            std::to_string(kMaxIncludeDepth) + " levels: ";
  for (std::size_t i = 0; i < chain.size(); ++i) {
    for (std::size_t j = i + 1; j < chain.size(); ++j) {
      if (chain[j] == chain[i]) {
        return start + "the includes form a cycle, " + join(i, j + 1) +
               ", and nothing stops it (add an include guard: #ifndef NAME / #define NAME / "
               "... / #endif)";
      }
    }
  }
  // No file repeats: a long chain, not a loop.
  const std::string shown = names.size() <= 12 ? join(0, names.size())
                                                : join(0, 3) + " -> ... -> " + join(names.size() - 6, names.size());
  return start + shown + " (" + std::to_string(names.size()) + " files, none twice; at most " +
         std::to_string(kMaxIncludeDepth) + " levels of #include are followed: merge some files)";
}

std::string IncludeResolver::glslang_name(const std::string& display) {
  if (!display.empty() && display.find('\0') == std::string::npos) return display;
  for (const auto& [stand_in, name] : stand_ins_) {
    if (name == display) return stand_in;
  }
  std::string stand_in = "<file " + std::to_string(stand_ins_.size() + 1) + ">";
  stand_ins_[stand_in] = display;
  return stand_in;
}

const std::string& IncludeResolver::display_name(const std::string& glslang_name) const {
  return detail::display_name(stand_ins_, glslang_name);
}

const std::string& display_name(const std::map<std::string, std::string>& stand_ins,
                                const std::string& glslang_name) {
  const auto it = stand_ins.find(glslang_name);
  return it == stand_ins.end() ? glslang_name : it->second;
}

shaderc_include_result* IncludeResolver::make_result(std::string name, std::string content) {
  auto* owned = new OwnedResult{{}, std::move(name), std::move(content)};
  owned->result.source_name = owned->name.c_str();
  owned->result.source_name_length = owned->name.size();
  owned->result.content = owned->content.c_str();
  owned->result.content_length = owned->content.size();
  owned->result.user_data = owned;
  return &owned->result;
}

void IncludeResolver::ReleaseInclude(shaderc_include_result* result) {
  delete static_cast<OwnedResult*>(result->user_data);
}

}  // namespace glc::detail
