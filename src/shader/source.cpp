#include "glcompute/source.hpp"

namespace glc {

Source Source::file(std::filesystem::path path) {
  Source s;
  s.is_file_ = true;
  s.name_ = path.string();
  s.path_ = std::move(path);
  return s;
}

Source Source::text(std::string glsl, std::string name) {
  Source s;
  s.text_ = std::move(glsl);
  s.name_ = std::move(name);
  return s;
}

Source Source::spirv(std::filesystem::path path) {
  Source s = file(std::move(path));
  s.is_spirv_ = true;
  return s;
}

Source Source::spirv(std::span<const std::uint32_t> words, std::string name) {
  Source s;
  s.is_spirv_ = true;
  s.words_.assign(words.begin(), words.end());
  s.name_ = std::move(name);
  return s;
}

}  // namespace glc
