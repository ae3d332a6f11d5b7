// Preprocessing and include resolution over a file tree that the input describes. The input is
// text: the lines before the first directive are the top-level shader, then
//
//     --- file NAME          the lines up to the next directive are the file NAME
//     --- link NAME TARGET   NAME is a symbolic link to TARGET (taken as written)
//     --- define NAME VALUE  a CompileOptions::defines entry (VALUE may be empty)
//     --- include_dir DIR    a CompileOptions::include_dirs entry
//     --- text NAME          compile the top-level shader as Source::text named NAME
//
// NAME and DIR are relative to the top-level shader's directory ("root") inside a scratch
// directory; "../x" is a file beside root, outside every include root. Names that would leave
// the scratch directory are ignored. Outcomes allowed: success, or glc::ShaderError. On
// success every file that was included must be a library shader or lie inside an include root,
// and have one number in the #line directives.

#include <unistd.h>

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "shader/embedded_shaders.hpp"
#include "glcompute/error.hpp"
#include "harnesses.hpp"
#include "shader/preprocess.hpp"

namespace glc::fuzz {
namespace {
namespace fs = std::filesystem;

constexpr std::size_t kMaxEntries = 16;

void remove_scratch();

/// This process's scratch directory (the harness runs in several processes at once under
/// ctest and libFuzzer's -fork).
const fs::path& scratch() {
  static const fs::path dir =
      fs::temp_directory_path() / ("glc-fuzz-preprocess-" + std::to_string(getpid()));
  // Registered after `dir` is built, so that it runs before `dir` is destroyed.
  [[maybe_unused]] static const bool cleanup = std::atexit(remove_scratch) == 0;
  return dir;
}

void remove_scratch() {
  std::error_code ec;
  fs::remove_all(scratch(), ec);
}

fs::path root() { return scratch() / "root"; }

/// `name` under root, or nothing when it would leave the scratch directory.
std::optional<fs::path> inside_scratch(const std::string& name) {
  if (name.empty() || name.find('\0') != std::string::npos) return std::nullopt;
  const fs::path p = (root() / name).lexically_normal();
  const fs::path rel = p.lexically_relative(scratch());
  if (rel.empty() || *rel.begin() == ".." || rel == ".") return std::nullopt;
  return p;
}

struct Tree {
  std::string top;
  std::optional<std::string> text_name;
  CompileOptions options;
  std::vector<std::pair<fs::path, std::string>> files;
  std::vector<std::pair<fs::path, std::string>> links;
};

/// Where the lines being read belong: the top-level shader, a file, or nowhere (an ignored
/// directive's body).
constexpr long kTop = -1, kNowhere = -2;

Tree parse_input(const std::string& input) {
  Tree tree;
  long body = kTop;
  std::istringstream lines(input);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("--- ", 0) != 0) {
      if (body == kTop) tree.top += line + "\n";
      if (body >= 0) tree.files[body].second += line + "\n";
      continue;
    }
    std::istringstream words(line.substr(4));
    std::string kind, a, b;
    words >> kind >> a;
    std::getline(words >> std::ws, b);
    body = kNowhere;
    if (tree.files.size() + tree.links.size() + tree.options.include_dirs.size() >= kMaxEntries) {
      continue;
    }
    if (kind == "file") {
      if (auto p = inside_scratch(a)) {
        tree.files.emplace_back(*p, "");
        body = static_cast<long>(tree.files.size()) - 1;
      }
    } else if (kind == "link") {
      if (auto p = inside_scratch(a)) tree.links.emplace_back(*p, b);
    } else if (kind == "define") {
      tree.options.defines.emplace_back(a, b);
    } else if (kind == "include_dir") {
      if (auto p = inside_scratch(a)) tree.options.include_dirs.push_back(*p);
    } else if (kind == "text") {
      tree.text_name = a;
    }
  }
  return tree;
}

void write_tree(const Tree& tree) {
  std::error_code ec;
  fs::remove_all(scratch(), ec);
  fs::create_directories(root(), ec);
  std::ofstream(root() / "main.comp", std::ios::binary) << tree.top;
  for (const auto& [path, content] : tree.files) {
    fs::create_directories(path.parent_path(), ec);
    std::ofstream(path, std::ios::binary) << content;
  }
  for (const auto& [path, target] : tree.links) {
    fs::create_directories(path.parent_path(), ec);
    fs::create_symlink(target, path, ec);
  }
}

bool inside(const fs::path& file, const fs::path& dir) {
  std::error_code ec;
  const fs::path rel = fs::weakly_canonical(file, ec).lexically_relative(fs::weakly_canonical(dir, ec));
  return !rel.empty() && *rel.begin() != "..";
}

void check_result(const Tree& tree, const detail::PreprocessedSource& out) {
  check(!out.files.empty(), "preprocess named no files");
  for (std::size_t i = 1; i < out.files.size(); ++i) {
    const std::string& name = out.files[i];
    if (detail::find_embedded_shader(name)) continue;
    bool allowed = !tree.text_name && inside(name, root());
    for (const fs::path& dir : tree.options.include_dirs) allowed = allowed || inside(name, dir);
    check(allowed, ("an include outside the include roots was read: " + name).c_str());
  }
  // Each file has one number in the #line directives.
  for (std::size_t i = 0; i < out.files.size(); ++i) {
    for (std::size_t j = i + 1; j < out.files.size(); ++j) {
      check(i == 0 || out.files[i] != out.files[j], "a file was numbered twice");
    }
  }
}

}  // namespace

int preprocess(const std::uint8_t* data, std::size_t size) {
  const Tree tree = parse_input(std::string(reinterpret_cast<const char*>(data), size));
  write_tree(tree);
  const Source source = tree.text_name ? Source::text(tree.top, *tree.text_name)
                                       : Source::file(root() / "main.comp");
  try {
    check_result(tree, detail::preprocess(source, tree.options));
  } catch (const ShaderError& e) {
    check(!e.diagnostics().empty(), "a ShaderError without diagnostics");
  } catch (const std::exception& e) {
    unexpected_exception("preprocess threw something other than glc::ShaderError", e);
  }
  return 0;
}

}  // namespace glc::fuzz
