#include "shader/include_resolver.hpp"

#include <fstream>
#include <sstream>

#include "shader/embedded_shaders.hpp"

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

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
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
  std::error_code ec;
  if (!fs::is_regular_file(candidate, ec)) return std::nullopt;
  if (!inside_roots(candidate)) {
    refused = "'" + candidate.lexically_normal().string() +
              "' exists but lies outside the include roots; add its directory to "
              "CompileOptions::include_dirs to allow it";
    return std::nullopt;
  }
  std::ifstream probe(candidate);
  if (!probe) {
    refused = "'" + candidate.string() + "' exists but cannot be read";
    return std::nullopt;
  }
  return Found{candidate.lexically_normal().string(), read_file(candidate),
               Origin{false, candidate.parent_path()}};
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
  if (depth > kMaxIncludeDepth) {
    return make_result("", "#include \"" + std::string(requested) + "\" nests deeper than " +
                               std::to_string(kMaxIncludeDepth) +
                               " levels: the includes form a cycle (add an include guard)");
  }
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
