#include "shader_options.hpp"

#include <cctype>
#include <cmath>
#include <limits>

#include "text_values.hpp"
#include "usage_error.hpp"

namespace glc::cli {
namespace {

bool is_identifier(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0]))) return false;
  for (const char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

// A GLSL literal, typed as GLSL types it.
SpecValue spec_value(std::string_view text) {
  const std::string_view t = trim(text);
  if (t == "true" || t == "false") return t == "true";
  const std::string problem = "'" + std::string(text) + "' is not a GLSL literal (5, 5u, 1.5 or true)";
  if (!t.empty() && (t.back() == 'u' || t.back() == 'U')) {
    const std::optional<std::uint64_t> u = t[0] == '-' ? std::nullopt : to_uint64(t.substr(0, t.size() - 1));
    if (!u || *u > std::numeric_limits<std::uint32_t>::max()) throw UsageError(problem + " or too large a uint");
    return static_cast<std::uint32_t>(*u);
  }
  if (const std::optional<std::int64_t> i = to_int64(t)) {
    if (*i < std::numeric_limits<std::int32_t>::min() || *i > std::numeric_limits<std::int32_t>::max()) {
      throw UsageError("'" + std::string(text) + "' does not fit in an int (add u for a uint)");
    }
    return static_cast<std::int32_t>(*i);
  }
  std::string_view number = t;
  if (number.size() > 1 && (number.back() == 'f' || number.back() == 'F')) number.remove_suffix(1);
  const std::optional<double> f = to_double(number);
  if (!f || !std::isfinite(*f)) throw UsageError(problem);
  if (std::isinf(static_cast<float>(*f))) throw UsageError("'" + std::string(text) + "' does not fit in a float");
  return static_cast<float>(*f);
}

}  // namespace

ContextOptions context_options(const ContextArgs& args) {
  ContextOptions options;
  if (!args.device.empty()) {
    const std::uint64_t device = with_context("--device", [&] { return parse_count(args.device); });
    if (device > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) {
      throw UsageError("--device: '" + args.device + "' is too large");
    }
    options.device = static_cast<int>(device);
  }
  if (args.backend == "egl") {
    options.backend = Backend::egl;
  } else if (args.backend == "glfw") {
    options.backend = Backend::glfw;
  } else if (!args.backend.empty()) {
    throw UsageError("--backend: '" + args.backend + "' is not egl or glfw");
  }
  return options;
}

CompileOptions compile_options(const ShaderArgs& args) {
  CompileOptions options;
  for (const std::string& dir : args.include_dirs) options.include_dirs.emplace_back(dir);
  for (const std::string& define : args.defines) {
    const std::size_t eq = define.find('=');
    const std::string name(trim(std::string_view(define).substr(0, eq)));
    if (!is_identifier(name)) {
      throw UsageError("--define " + define + ": '" + name + "' is not a macro name");
    }
    options.defines.emplace_back(name, eq == std::string::npos ? "" : define.substr(eq + 1));
  }
  for (const std::string& text : args.specializations) {
    with_context("--specialize " + text, [&] {
      const auto [target, value] = split_assignment(text, "NAME=VALUE or ID=VALUE");
      const SpecValue parsed = spec_value(value);
      if (const std::optional<std::uint64_t> id = to_uint64(target)) {
        if (*id > std::numeric_limits<std::uint32_t>::max()) throw UsageError("the id is too large");
        options.specialize(static_cast<std::uint32_t>(*id), parsed);
      } else if (is_identifier(target)) {
        options.specialize(target, parsed);
      } else {
        throw UsageError("'" + target + "' is neither a constant's name nor its id");
      }
    });
  }
  if (!args.local_size.empty()) {
    const auto size = with_context("--local-size", [&] { return parse_sizes(args.local_size, 1, 0); });
    for (std::size_t axis = 0; axis < 3; ++axis) {
      if (size[axis] > std::numeric_limits<std::uint32_t>::max()) throw UsageError("--local-size: a size is too large");
      options.local_size[axis] = static_cast<std::uint32_t>(size[axis]);
    }
  }
  if (args.path == "glsl") {
    options.path = ShaderPath::glsl;
  } else if (args.path == "spirv") {
    options.path = ShaderPath::spirv;
  } else if (!args.path.empty()) {
    throw UsageError("--path: '" + args.path + "' is not glsl or spirv");
  }
  return options;
}

Source shader_source(const std::string& shader) {
  if (std::filesystem::path(shader).extension() == ".spv") return Source::spirv(shader);
  return Source::file(shader);
}

}  // namespace glc::cli
