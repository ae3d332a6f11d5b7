#include "shader/driver_lines.hpp"

#include <limits>
#include <optional>

#include "shader/glsl_text.hpp"

namespace glc::detail {

DriverText driver_text(std::string_view glsl) {
  DriverText out;
  out.text.reserve(glsl.size());
  std::size_t file = 0;
  std::uint64_t line = 1;
  for (std::size_t start = 0; start < glsl.size();) {
    std::size_t end = glsl.find('\n', start);
    const bool last = end == std::string_view::npos;
    if (last) end = glsl.size();
    const std::string_view text = glsl.substr(start, end - start);
    const std::optional<LineDirective> d = parse_line_directive(text);
    out.lines.emplace_back(file, line);
    if (d) {
      line = d->line;  // the line after the directive is line N
      if (d->file_index) file = static_cast<std::size_t>(*d->file_index);
    } else {
      out.text += text;
      if (line < std::numeric_limits<std::uint64_t>::max()) ++line;
    }
    if (!last) out.text += '\n';
    start = end + 1;
  }
  return out;
}

void relocate(std::vector<Diagnostic>& diagnostics, const DriverText& text, const std::vector<std::string>& files) {
  for (Diagnostic& d : diagnostics) {
    if (d.line <= 0 || files.empty() || d.file != files.front()) continue;
    const auto k = static_cast<std::size_t>(d.line - 1);
    if (k >= text.lines.size()) continue;
    const auto [file, line] = text.lines[k];
    if (file >= files.size() || line > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) continue;
    d.file = files[file];
    d.line = static_cast<int>(line);
  }
}

}  // namespace glc::detail
