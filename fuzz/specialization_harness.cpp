// Specialization constants and local_size_*_id: finding the declarations in preprocessed GLSL,
// checking CompileOptions against them, and writing the values into the GLSL path's source.
// The input is text: the lines before the first directive are the preprocessed GLSL (with
// `#line N K` markers, K indexing three file names), then
//
//     --- id N TYPE VALUE        a CompileOptions::constants entry chosen by id
//     --- name NAME TYPE VALUE   a CompileOptions::constants entry chosen by name
//     --- local_size X Y Z       CompileOptions::local_size
//     --- limits X Y Z N         WorkGroupLimits::max_size and max_invocations
//                                (0 is unknown; by default 1024 1024 64 1024)
//
// TYPE is bool, int, uint or float (the SpecValue alternative); VALUE as strtoll, strtoull or
// strtof read it (so "nan", "inf" and hexadecimal floats too).
//
// Allowed outcomes: success, or glc::ShaderError with diagnostics located in one of the files
// (a line of 0 or more). Text that never says constant_id or local_size_*_id must be read
// without error and declare nothing. On success: the values are sorted by id with no id twice,
// one per option; the work group size they give is within the limits; and the GLSL path's text
// keeps every line break (#line mapping depends on it) and no longer says constant_id or
// local_size_*_id, so reading it again finds nothing; the ranges it rewrites lie apart, so no
// ';' is lost.

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <exception>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "glcompute/error.hpp"
#include "glcompute/source.hpp"
#include "harnesses.hpp"
#include "shader/specialization.hpp"

namespace glc::fuzz {
namespace {

using detail::ShaderConstants;
using detail::SpecializationValues;

const std::vector<std::string> kFiles = {"main.comp", "a.glsl", "b.glsl"};

struct Input {
  std::string glsl;
  CompileOptions options;
  detail::WorkGroupLimits limits;
};

std::optional<SpecValue> read_value(const std::string& type, const std::string& text) {
  const char* s = text.c_str();
  if (type == "bool") return SpecValue(text != "0" && text != "false");
  if (type == "int") return SpecValue(static_cast<std::int32_t>(std::strtoll(s, nullptr, 0)));
  if (type == "uint") return SpecValue(static_cast<std::uint32_t>(std::strtoull(s, nullptr, 0)));
  if (type == "float") return SpecValue(std::strtof(s, nullptr));
  return std::nullopt;
}

std::uint32_t read_uint(std::istringstream& words) {
  std::string w;
  words >> w;
  return static_cast<std::uint32_t>(std::strtoull(w.c_str(), nullptr, 0));
}

Input parse_input(const std::string& text) {
  Input in;
  in.limits.max_size = {1024, 1024, 64};
  in.limits.max_invocations = 1024;
  bool body = true;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("--- ", 0) != 0) {
      if (body) in.glsl += line + "\n";
      continue;
    }
    body = false;
    std::istringstream words(line.substr(4));
    std::string kind;
    words >> kind;
    if (kind == "id" || kind == "name") {
      std::string target, type, value;
      words >> target >> type >> value;
      const std::optional<SpecValue> v = read_value(type, value);
      if (!v || in.options.constants.size() >= 16) continue;
      if (kind == "id") {
        const auto id = static_cast<std::uint32_t>(std::strtoull(target.c_str(), nullptr, 0));
        in.options.constants.push_back({id, "", *v});
      } else {
        in.options.constants.push_back({std::nullopt, target, *v});
      }
    } else if (kind == "local_size") {
      for (std::uint32_t& s : in.options.local_size) s = read_uint(words);
    } else if (kind == "limits") {
      for (std::uint32_t& s : in.limits.max_size) s = read_uint(words);
      in.limits.max_invocations = read_uint(words);
    }
  }
  return in;
}

void check_error(const ShaderError& e, const std::vector<std::string>& files) {
  check(!e.diagnostics().empty(), "a ShaderError without diagnostics");
  for (const Diagnostic& d : e.diagnostics()) {
    bool known = false;
    for (const std::string& f : files) known = known || d.file == f;
    check(known, "a diagnostic in an unknown file");
    check(d.line >= 0, "a diagnostic with a negative line");
    check(!d.message.empty(), "a diagnostic without a message");
  }
}

bool names_a_constant(const std::string& text) {
  return has_word(text, "constant_id") || has_word(text, "local_size_x_id") || has_word(text, "local_size_y_id") ||
         has_word(text, "local_size_z_id");
}

std::size_t count(const std::string& s, char c) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), c)); }

/// The ranges specialize_glsl rewrites lie inside the text and apart (it edits each on its own).
void check_ranges(const ShaderConstants& declared, const std::string& glsl) {
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  for (const detail::DeclaredConstant& c : declared.constants) {
    ranges.emplace_back(c.layout_begin, c.layout_end);
    ranges.emplace_back(c.default_begin, c.default_end);
  }
  for (const detail::LocalSizeLayout& l : declared.local_size_layouts) ranges.emplace_back(l.begin, l.end);
  std::sort(ranges.begin(), ranges.end());
  std::size_t end = 0;
  for (const auto& [b, e] : ranges) {
    check(b <= e && e <= glsl.size(), "a declaration's range lies outside the text");
    check(b >= end, "the ranges of two declarations overlap");
    end = e;
  }
}

/// The work group size the values give, checked against the limits.
void check_work_group(const ShaderConstants& declared, const SpecializationValues& values,
                      const detail::WorkGroupLimits& limits) {
  unsigned __int128 invocations = 1;
  for (int axis = 0; axis < 3; ++axis) {
    if (!declared.local_size_ids[axis]) continue;
    std::uint32_t size = declared.declared_local_size[axis];
    for (const auto& [id, bits] : values) {
      if (id == *declared.local_size_ids[axis]) size = bits;
    }
    check(size != 0, "a work group size of 0 was accepted");
    check(limits.max_size[axis] == 0 || size <= limits.max_size[axis],
          "a work group size above the limit was accepted");
    invocations *= size;
  }
  check(limits.max_invocations == 0 || invocations <= limits.max_invocations,
        "a work group above the invocation limit was accepted");
}

}  // namespace

int specialization(const std::uint8_t* data, std::size_t size) {
  const Input in = parse_input(std::string(reinterpret_cast<const char*>(data), size));
  ShaderConstants declared;
  try {
    declared = detail::find_constants(in.glsl, kFiles);
  } catch (const ShaderError& e) {
    check(names_a_constant(in.glsl), "find_constants refused text that declares no constant");
    check_error(e, kFiles);
    return 0;
  } catch (const std::exception& e) {
    unexpected_exception("find_constants threw something other than glc::ShaderError", e);
  }
  check_ranges(declared, in.glsl);
  if (!names_a_constant(in.glsl)) {
    check(declared.constants.empty() && declared.local_size_layouts.empty(),
          "find_constants found declarations in text that names none");
  }

  SpecializationValues values;
  try {
    values = detail::resolve_constants(declared, in.options, in.limits, kFiles[0]);
  } catch (const ShaderError& e) {
    check_error(e, {kFiles[0]});
    return 0;
  } catch (const std::exception& e) {
    unexpected_exception("resolve_constants threw something other than glc::ShaderError", e);
  }
  std::size_t set = 0;
  for (int axis = 0; axis < 3; ++axis) set += in.options.local_size[axis] != 0;
  check(values.size() == in.options.constants.size() + set, "not one value per option");
  for (std::size_t i = 1; i < values.size(); ++i) {
    check(values[i - 1].first < values[i].first, "values not sorted by id, or an id twice");
  }
  check_work_group(declared, values, in.limits);

  try {
    for (const SpecializationValues& v : {values, SpecializationValues{}}) {
      const std::string glsl = detail::specialize_glsl(in.glsl, declared, v);
      check(count(glsl, '\n') == count(in.glsl, '\n'), "specialize_glsl changed the number of lines");
      // What it drops holds no ';' (an initializer ends at one; a size beside an id is a
      // literal), and no value it writes has one.
      check(count(glsl, ';') == count(in.glsl, ';'), "specialize_glsl lost or added a ';'");
      check(!names_a_constant(glsl), "specialize_glsl left a constant_id or local_size_*_id");
      const ShaderConstants again = detail::find_constants(glsl, kFiles);
      check(again.constants.empty() && again.local_size_layouts.empty(), "specialized text still declares constants");
    }
  } catch (const std::exception& e) {
    unexpected_exception("specializing the GLSL threw", e);
  }
  return 0;
}

}  // namespace glc::fuzz
