// Driver and shaderc logs are text the library does not control: a driver of any vendor or
// version writes them. Parsing one must never throw (it happens while a ShaderError is being
// built) and must locate every message in a file the program was built from.

#include <exception>
#include <string>
#include <vector>

#include "harnesses.hpp"
#include "shader/shader_log.hpp"

namespace glc::fuzz {
namespace {

bool names_a_known_file(const std::vector<Diagnostic>& diagnostics, const std::vector<std::string>& files) {
  for (const Diagnostic& d : diagnostics) {
    bool known = false;
    for (const std::string& f : files) known = known || d.file == f;
    if (!known || d.line < 0) return false;
  }
  return true;
}

}  // namespace

int shader_log(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t file_count = 1 + data[0] % 4;  // preprocess always names the top-level file
  const bool errors_only = data[0] & 0x80;
  const std::string log(reinterpret_cast<const char*>(data + 1), size - 1);
  std::vector<std::string> files;
  for (std::size_t i = 0; i < file_count; ++i) files.push_back("file" + std::to_string(i) + ".glsl");

  try {
    const std::vector<Diagnostic> driver = detail::parse_driver_log(log, files, errors_only);
    check(names_a_known_file(driver, files), "parse_driver_log located a message outside `files`");
    const std::vector<Diagnostic> shaderc = detail::parse_shaderc_log(log, "fallback.comp");
    for (const Diagnostic& d : shaderc) check(d.line >= 0, "parse_shaderc_log gave a negative line");
  } catch (const std::exception& e) {
    unexpected_exception("a log parser threw", e);
  }
  return 0;
}

}  // namespace glc::fuzz
