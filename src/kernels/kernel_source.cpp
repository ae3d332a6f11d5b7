#include "kernels/kernel_source.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <map>

#include "context/context_state.hpp"
#include "glcompute/error.hpp"

namespace glc::detail {
namespace {

/// The programs compiled from generated text on one context, by their text (attached to it).
struct GeneratedPrograms {
  std::map<std::string, std::unique_ptr<GeneratedProgram>> programs;
};

constexpr std::array<ParamType, 11> kTypes{{
    {"float", 1, "uintBitsToFloat(b.x)", "uvec4(floatBitsToUint(x), 0u, 0u, 0u)"},
    {"double", 2, "packDouble2x32(b.xy)", "uvec4(unpackDouble2x32(x), 0u, 0u)"},
    {"int", 1, "int(b.x)", "uvec4(uint(x), 0u, 0u, 0u)"},
    {"uint", 1, "b.x", "uvec4(x, 0u, 0u, 0u)"},
    {"vec2", 2, "uintBitsToFloat(b.xy)", "uvec4(floatBitsToUint(x), 0u, 0u)"},
    {"vec4", 4, "uintBitsToFloat(b)", "floatBitsToUint(x)"},
    {"ivec2", 2, "ivec2(b.xy)", "uvec4(uvec2(x), 0u, 0u)"},
    {"ivec4", 4, "ivec4(b)", "uvec4(x)"},
    {"uvec2", 2, "b.xy", "uvec4(x, 0u, 0u)"},
    {"uvec4", 4, "b", "x"},
    {"dvec2", 4, "dvec2(packDouble2x32(b.xy), packDouble2x32(b.zw))",
     "uvec4(unpackDouble2x32(x.x), unpackDouble2x32(x.y))"},
}};

/// Names a parameter may not have: the generated code's own (i, n, glc_*, gl_*) and GLSL's
/// keywords for the types and qualifiers the declarations use.
bool reserved(const std::string& name) {
  static const char* const words[] = {
      "i", "n", "float", "double", "int", "uint", "bool", "void", "vec2", "vec3", "vec4",
      "ivec2", "ivec3", "ivec4", "uvec2", "uvec3", "uvec4", "dvec2", "dvec3", "dvec4", "bvec2",
      "bvec3", "bvec4", "mat2", "mat3", "mat4", "in", "out", "inout", "uniform", "buffer",
      "shared", "const", "struct", "layout", "return", "if", "else", "for", "while", "do",
      "true", "false", "precise", "coherent", "volatile", "readonly", "writeonly", "main"};
  if (name.rfind("gl_", 0) == 0 || name.rfind("glc_", 0) == 0) return true;
  return std::find(std::begin(words), std::end(words), name) != std::end(words);
}

bool is_identifier(const std::string& s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

/// The GLSL expression for words w .. w + words - 1 of a word source `word(i)`, as a uvec4.
std::string gather(unsigned words, const std::function<std::string(unsigned)>& word) {
  std::string s = "uvec4(";
  for (unsigned i = 0; i < 4; ++i) s += (i ? ", " : "") + (i < words ? word(i) : std::string("0u"));
  return s + ")";
}

}  // namespace

const ParamType* find_param_type(std::string_view glsl) {
  for (const ParamType& t : kTypes) {
    if (glsl == t.glsl) return &t;
  }
  return nullptr;
}

std::vector<Param> parse_params(std::string_view text, bool output, const std::vector<Param>& earlier,
                                const std::string& what) {
  std::vector<Param> params;
  if (trim(text).empty()) return params;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string item = trim(text.substr(start, comma - start));
    start = comma + 1;
    const std::size_t space = item.find_first_of(" \t\r\n");
    const std::string type = item.substr(0, space);
    const std::string name = space == std::string::npos ? "" : trim(item.substr(space));
    const std::string where = what + ": " + (output ? "output" : "input") + " parameter '" + item + "'";
    if (item.empty()) throw Error(what + ": an empty parameter in '" + std::string(text) + "'");
    if (name.empty()) throw Error(where + " needs a type and a name, as in 'float x'");
    const ParamType* t = find_param_type(type);
    if (t == nullptr) {
      throw Error(where + ": unknown type '" + type + "' (float, double, int, uint, vec2, vec4, "
                  "ivec2, ivec4, uvec2, uvec4 or dvec2)");
    }
    if (!is_identifier(name)) throw Error(where + ": '" + name + "' is not a GLSL identifier");
    if (reserved(name)) {
      throw Error(where + ": the name '" + name + "' is reserved (i and n are the element index and "
                  "count; glc_ and gl_ names and GLSL keywords are taken)");
    }
    const auto same = [&](const Param& p) { return p.name == name; };
    if (std::any_of(params.begin(), params.end(), same) || std::any_of(earlier.begin(), earlier.end(), same)) {
      throw Error(where + ": '" + name + "' is declared twice");
    }
    params.push_back({name, t, output});
  }
  return params;
}

std::string user_text(std::string_view text, unsigned part) {
  const int first = kUserLineBase * static_cast<int>(part + 1);
  const auto last = first + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  return "#line " + std::to_string(first) + "\n" + std::string(text) + "\n#line " + std::to_string(last) + "\n";
}

std::size_t check_arguments(const std::vector<Param>& params, const std::vector<KernelArgument>& args,
                            const std::string& what) {
  if (args.size() != params.size()) {
    throw Error(what + ": " + std::to_string(args.size()) + " arguments for " +
                std::to_string(params.size()) + " parameters");
  }
  std::size_t count = 0;
  bool have_count = false;
  for (std::size_t i = 0; i < params.size(); ++i) {
    const Param& p = params[i];
    const KernelArgument& a = args[i];
    const std::string where = what + ": argument " + std::to_string(i + 1) + " ('" + p.type->glsl +
                              " " + p.name + "')";
    if (p.type->glsl != std::string(a.glsl_type)) {
      throw Error(where + " is declared " + p.type->glsl + ", but a " + a.cpp_type + " was passed" +
                  (a.is_buffer ? std::string(" (a buffer of ") + a.glsl_type + ")" : ""));
    }
    if (p.output && !a.is_buffer) {
      throw Error(where + " is an output: it needs a glc::Buffer, but a " + a.cpp_type + " was passed");
    }
    if (!a.is_buffer) continue;
    if (!have_count) {
      count = a.count;
      have_count = true;
    } else if (a.count != count) {
      throw Error(where + " has " + std::to_string(a.count) + " elements, the buffers before it " +
                  std::to_string(count) + " (all buffers must be equally long)");
    }
  }
  if (!have_count) throw Error(what + ": at least one argument must be a glc::Buffer (it sets the length)");
  return count;
}

std::string declarations(const std::vector<Param>& params, const std::vector<KernelArgument>& args) {
  std::string s;
  std::vector<const ParamType*> types;
  unsigned k = 0;
  for (std::size_t i = 0; i < params.size(); ++i) {
    const Param& p = params[i];
    if (std::find(types.begin(), types.end(), p.type) == types.end()) types.push_back(p.type);
    if (args[i].is_buffer) {
      const std::string access = p.output ? "" : "readonly ";
      const std::string n = std::to_string(k);
      s += "layout(std430, binding = " + std::to_string(2 * k) + ") " + access + "buffer GlcVectors" + n +
           " { uvec4 glc_v" + n + "[]; };  // " + p.name + "\n";
      s += "layout(std430, binding = " + std::to_string(2 * k + 1) + ") " + access + "buffer GlcWords" + n +
           " { uint glc_w" + n + "[]; };\n";
      ++k;
    } else {
      s += "uniform " + std::string(p.type->glsl) + " " + p.name + ";\n";
    }
  }
  s += "uniform uint glc_count;  // elements of this piece\n"
       "uniform uint glc_first;  // the call's index of the piece's first element\n"
       "uniform uint glc_total;  // elements of the call\n";
  for (const ParamType* t : types) {
    s += std::string(t->glsl) + " glc_decode_" + t->glsl + "(uvec4 b) { return " + t->decode + "; }\n";
    s += std::string("uvec4 glc_encode_") + t->glsl + "(" + t->glsl + " x) { return " + t->encode + "; }\n";
  }
  return s;
}

std::string load_vectors(const Param& p, unsigned k) {
  const std::string n = std::to_string(k), w = std::to_string(p.type->words);
  return "uvec4 glc_q" + n + "[" + w + "];\nfor (uint m = 0u; m < " + w + "u; ++m) glc_q" + n +
         "[m] = glc_v" + n + "[v * " + w + "u + m];\n";
}

std::string vector_element(const Param& p, unsigned k, const char* j) {
  const std::string q = "glc_q" + std::to_string(k), J = j;
  std::string bits;
  switch (p.type->words) {
    case 1: bits = "uvec4(" + q + "[0][" + J + "], 0u, 0u, 0u)"; break;
    case 2: bits = "uvec4((" + J + " & 1u) == 0u ? " + q + "[" + J + " >> 1u].xy : " + q + "[" + J + " >> 1u].zw, 0u, 0u)"; break;
    default: bits = q + "[" + J + "]"; break;
  }
  return std::string("glc_decode_") + p.type->glsl + "(" + bits + ")";
}

std::string store_vector_element(const Param& p, unsigned k, const char* j, const std::string& value) {
  const std::string q = "glc_q" + std::to_string(k), J = j;
  const std::string bits = std::string("glc_encode_") + p.type->glsl + "(" + value + ")";
  switch (p.type->words) {
    case 1: return q + "[0][" + J + "] = " + bits + ".x;\n";
    case 2:
      return "{ uvec2 b = " + bits + ".xy; if ((" + J + " & 1u) == 0u) " + q + "[" + J + " >> 1u].xy = b; else " +
             q + "[" + J + " >> 1u].zw = b; }\n";
    default: return q + "[" + J + "] = " + bits + ";\n";
  }
}

std::string store_vectors(const Param& p, unsigned k) {
  const std::string n = std::to_string(k), w = std::to_string(p.type->words);
  return "for (uint m = 0u; m < " + w + "u; ++m) glc_v" + n + "[v * " + w + "u + m] = glc_q" + n + "[m];\n";
}

std::string word_element(const Param& p, unsigned k, const char* idx) {
  const std::string wv = "glc_w" + std::to_string(k), w = std::to_string(p.type->words), I = idx;
  return std::string("glc_decode_") + p.type->glsl + "(" +
         gather(p.type->words, [&](unsigned i) { return wv + "[" + I + " * " + w + "u + " + std::to_string(i) + "u]"; }) + ")";
}

std::string store_word_element(const Param& p, unsigned k, const char* idx, const std::string& value) {
  const std::string wv = "glc_w" + std::to_string(k), w = std::to_string(p.type->words), I = idx;
  std::string s = std::string("{ uvec4 b = glc_encode_") + p.type->glsl + "(" + value + ");";
  for (unsigned i = 0; i < p.type->words; ++i) {
    s += " " + wv + "[" + I + " * " + w + "u + " + std::to_string(i) + "u] = b[" + std::to_string(i) + "];";
  }
  return s + " }\n";
}

GeneratedProgram& generated_program(const std::shared_ptr<ContextState>& context,
                                    const std::string& glsl, const std::string& name,
                                    const std::vector<std::string>& part_labels) {
  std::map<std::string, std::unique_ptr<GeneratedProgram>>& programs =
      context->attachment<GeneratedPrograms>().programs;
  if (auto found = programs.find(glsl); found != programs.end()) return *found->second;
  try {
    auto program = std::make_unique<GeneratedProgram>(
        build_program(context, Source::text(glsl, name), CompileOptions{}));
    return *programs.emplace(glsl, std::move(program)).first->second;
  } catch (const ShaderError& e) {
    std::vector<Diagnostic> diagnostics = e.diagnostics();
    for (Diagnostic& d : diagnostics) {
      if (d.file != name) continue;
      const int part = d.line / kUserLineBase - 1;
      if (part >= 0 && static_cast<std::size_t>(part) < part_labels.size()) {
        d.file = part_labels[static_cast<std::size_t>(part)];
        d.line = d.line - kUserLineBase * (part + 1) + 1;
      } else {
        d.file = name + " (generated code)";
      }
    }
    const Diagnostic& first = diagnostics.empty() ? Diagnostic{name, 0, ""} : diagnostics.front();
    throw ShaderError("glcompute: cannot compile " + name + " (" + first.file + ")", std::move(diagnostics));
  }
}

void set_value_uniform(const GeneratedProgram& program, const std::string& name,
                       const KernelArgument& arg) {
  GLint location = -1;
  for (const UniformInfo& u : program.state->interface.uniforms) {
    if (u.name == name) location = u.location;
  }
  if (location < 0) return;  // unused by the operation: the compiler dropped it
  const GLuint id = program.state->id;
  const std::string type = arg.glsl_type;
  const auto* f = reinterpret_cast<const GLfloat*>(arg.value);
  const auto* d = reinterpret_cast<const GLdouble*>(arg.value);
  const auto* i = reinterpret_cast<const GLint*>(arg.value);
  const auto* u = reinterpret_cast<const GLuint*>(arg.value);
  if (type == "float") glProgramUniform1fv(id, location, 1, f);
  else if (type == "double") glProgramUniform1dv(id, location, 1, d);
  else if (type == "int") glProgramUniform1iv(id, location, 1, i);
  else if (type == "uint") glProgramUniform1uiv(id, location, 1, u);
  else if (type == "vec2") glProgramUniform2fv(id, location, 1, f);
  else if (type == "vec4") glProgramUniform4fv(id, location, 1, f);
  else if (type == "ivec2") glProgramUniform2iv(id, location, 1, i);
  else if (type == "ivec4") glProgramUniform4iv(id, location, 1, i);
  else if (type == "uvec2") glProgramUniform2uiv(id, location, 1, u);
  else if (type == "uvec4") glProgramUniform4uiv(id, location, 1, u);
  else if (type == "dvec2") glProgramUniform2dv(id, location, 1, d);
}

void bind_array(Kernel& kernel, unsigned k, const KernelArgument& arg, std::size_t first,
                std::size_t count) {
  const std::size_t offset = first * arg.element_bytes;
  const std::size_t bytes = count * arg.element_bytes;
  kernel.bind(2 * k, *arg.buffer, offset, bytes);
  kernel.bind(2 * k + 1, *arg.buffer, offset, bytes);
}

std::vector<ElementPiece> split_elements(const ContextState& context, std::size_t n,
                                         const std::vector<KernelArgument>& args) {
  const std::size_t binding = std::min<std::uint64_t>(context.info().limits.max_storage_block_bytes,
                                                      std::uint64_t{1} << 31);
  std::size_t widest = 4;
  for (const KernelArgument& a : args) {
    if (a.is_buffer) widest = std::max(widest, a.element_bytes);
  }
  const std::size_t per_piece = binding / widest / 256 * 256;
  std::vector<ElementPiece> pieces;
  for (std::size_t first = 0; first < n; first += per_piece) {
    pieces.push_back({first, std::min(per_piece, n - first)});
  }
  return pieces;
}

}  // namespace glc::detail
