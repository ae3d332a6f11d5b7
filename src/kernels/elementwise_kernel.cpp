// glc::ElementwiseKernel: the user's statements in a generated function, called for four
// elements per invocation (16-byte loads and stores), one dispatch per piece that fits a
// binding.

#include "glcompute/elementwise_kernel.hpp"

#include <algorithm>
#include <map>

#include "context/context_state.hpp"
#include "glcompute/detail/access.hpp"
#include "glcompute/error.hpp"
#include "kernels/kernel_source.hpp"

namespace glc::detail {

struct ElementwiseState {
  std::shared_ptr<ContextState> context;
  std::string name;
  std::string operation;
  std::vector<Param> params;  ///< inputs, then outputs
  bool uses_index = false;    ///< the operation mentions `i`
  /// Per parameter: an output the operation always assigns and never reads, so its old value
  /// need not be loaded (saxpy's z: 12 bytes per element moved instead of 16).
  std::vector<bool> write_only;
  /// The context's program for each signature used so far (which parameters are buffers),
  /// so that a call does not generate the text again.
  std::map<std::vector<bool>, GeneratedProgram*> programs;
};

namespace {

/// Whether the straight-line `text` (no branch, loop or preprocessor directive: every
/// statement runs) mentions `name` only as the target of plain assignments `name = ...`, at
/// least once. Conservative: anything else (a read, `+=`, a comment mentioning it) says no.
bool assigned_unconditionally(const std::string& text, const std::string& name) {
  const auto is_id = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (const char* word : {"if", "for", "while", "do", "switch", "return", "discard", "break", "continue"}) {
    for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
      const std::size_t end = at + std::string(word).size();
      if ((at == 0 || !is_id(text[at - 1])) && (end == text.size() || !is_id(text[end]))) return false;
    }
  }
  if (text.find_first_of("#?") != std::string::npos) return false;
  bool assigned = false;
  for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
    const std::size_t end = at + name.size();
    if ((at > 0 && is_id(text[at - 1])) || (end < text.size() && is_id(text[end]))) continue;
    if (at > 0 && text[at - 1] == '.') continue;  // a member of something else
    std::size_t next = text.find_first_not_of(" \t\r\n", end);
    if (next == std::string::npos || text[next] != '=' || (next + 1 < text.size() && text[next + 1] == '=')) {
      return false;
    }
    assigned = true;
  }
  return assigned;
}

/// Whether `word` occurs in `text` as an identifier.
bool mentions(const std::string& text, const std::string& word) {
  const auto is_id = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    const bool starts = at == 0 || !is_id(text[at - 1]);
    const std::size_t end = at + word.size();
    if (starts && (end == text.size() || !is_id(text[end]))) return true;
  }
  return false;
}

std::string generate(const ElementwiseState& s, const std::vector<KernelArgument>& args) {
  std::string glsl = "#version 430\nlayout(local_size_x = 256) in;\n";
  glsl += declarations(s.params, args);
  // The operation: inputs by value, outputs inout, values as uniforms.
  std::string signature = "void glc_operation(uint i, uint n";
  for (std::size_t p = 0; p < s.params.size(); ++p) {
    if (!args[p].is_buffer) continue;
    signature += std::string(", ") + (s.params[p].output ? "inout " : "") + s.params[p].type->glsl + " " +
                 s.params[p].name;
  }
  glsl += signature + ") {\n" + user_text(s.operation, 0) + "}\n";
  // main: four elements per invocation while whole vectors remain, then one at a time.
  std::string vector_path, scalar_path, call_v = "glc_operation(glc_first + e + j, glc_total",
                                           call_s = "glc_operation(glc_first + idx, glc_total";
  std::string store_v, store_s, stores_v;
  unsigned k = 0;
  for (std::size_t p = 0; p < s.params.size(); ++p) {
    if (!args[p].is_buffer) continue;
    const Param& param = s.params[p];
    const std::string local = "glc_x" + std::to_string(k);
    if (!s.write_only[p]) vector_path += load_vectors(param, k);
    else vector_path += "uvec4 glc_q" + std::to_string(k) + "[" + std::to_string(param.type->words) + "];\n";
    call_v += ", " + local;
    call_s += ", " + local;
    if (param.output) {
      store_v += store_vector_element(param, k, "j", local);
      stores_v += store_vectors(param, k);
      store_s += store_word_element(param, k, "idx", local);
    }
    ++k;
  }
  std::string per_element_v, per_element_s;
  k = 0;
  for (std::size_t p = 0; p < s.params.size(); ++p) {
    if (!args[p].is_buffer) continue;
    const Param& param = s.params[p];
    const std::string none = std::string("glc_decode_") + param.type->glsl + "(uvec4(0u))";
    per_element_v += std::string("      ") + param.type->glsl + " glc_x" + std::to_string(k) + " = " +
                     (s.write_only[p] ? none : vector_element(param, k, "j")) + ";\n";
    per_element_s += std::string("      ") + param.type->glsl + " glc_x" + std::to_string(k) + " = " +
                     (s.write_only[p] ? none : word_element(param, k, "idx")) + ";\n";
    ++k;
  }
  glsl += "void main() {\n"
          "  uint glc_grid = gl_NumWorkGroups.x * 256u;\n"
          "  for (uint v = gl_GlobalInvocationID.x; v < (glc_count + 3u) / 4u; v += glc_grid) {\n"
          "    uint e = v * 4u;\n"
          "    if (e + 4u <= glc_count) {\n" + vector_path +
          "    for (uint j = 0u; j < 4u; ++j) {\n" + per_element_v +
          "      " + call_v + ");\n" + store_v +
          "    }\n" + stores_v +
          "    } else {\n"
          "    for (uint idx = e; idx < glc_count; ++idx) {\n" + per_element_s +
          "      " + call_s + ");\n" + store_s +
          "    }\n"
          "    }\n"
          "  }\n"
          "}\n";
  return glsl;
}

}  // namespace
}  // namespace glc::detail

namespace glc {

ElementwiseKernel::ElementwiseKernel(Context& ctx, std::string_view in_params,
                                     std::string_view out_params, std::string_view operation,
                                     std::string_view name)
    : state_(std::make_unique<detail::ElementwiseState>()) {
  detail::ElementwiseState& s = *state_;
  s.context = detail::Access::state(ctx);
  s.name = std::string(name);
  s.operation = std::string(operation);
  const std::string what = "glc::ElementwiseKernel " + s.name;
  s.params = detail::parse_params(in_params, false, {}, what);
  const std::vector<detail::Param> outputs = detail::parse_params(out_params, true, s.params, what);
  if (outputs.empty()) throw Error(what + ": no output parameter");
  s.params.insert(s.params.end(), outputs.begin(), outputs.end());
  s.uses_index = detail::mentions(s.operation, "i");
  for (const detail::Param& p : s.params) {
    s.write_only.push_back(p.output && detail::assigned_unconditionally(s.operation, p.name));
  }
}

ElementwiseKernel::~ElementwiseKernel() = default;
ElementwiseKernel::ElementwiseKernel(ElementwiseKernel&&) noexcept = default;
ElementwiseKernel& ElementwiseKernel::operator=(ElementwiseKernel&&) noexcept = default;

const std::string& ElementwiseKernel::name() const { return state_->name; }

void ElementwiseKernel::run(std::vector<detail::KernelArgument> args) {
  if (!state_) throw Error("glc::ElementwiseKernel: used after a move");
  detail::ElementwiseState& s = *state_;
  const std::string what = "glc::ElementwiseKernel " + s.name;
  const std::size_t n = detail::check_arguments(s.params, args, what);
  unsigned arrays = 0;
  for (const detail::KernelArgument& a : args) {
    if (!a.is_buffer) continue;
    ++arrays;
    if (a.buffer->context() != s.context) {
      throw Error(what + ": a buffer belongs to another glc::Context than the kernel");
    }
  }
  if (arrays > 8) {
    throw Error(what + ": " + std::to_string(arrays) + " buffers; at most 8 (each takes two of the "
                "16 storage blocks a compute shader may have)");
  }
  if (s.uses_index && n > 0xFFFFFFFFull) {
    throw Error(what + ": the operation uses i, which counts only to 2^32 - 1, but the buffers hold " +
                std::to_string(n) + " elements");
  }
  s.context->use();
  if (n == 0) return;
  std::vector<bool> signature;
  for (const detail::KernelArgument& a : args) signature.push_back(a.is_buffer);
  detail::GeneratedProgram*& cached = s.programs[signature];
  if (cached == nullptr) {
    cached = &detail::generated_program(s.context, detail::generate(s, args), "<ElementwiseKernel " + s.name + ">",
                                        {"<ElementwiseKernel " + s.name + " operation>"});
  }
  detail::GeneratedProgram& program = *cached;
  detail::Kernel& k = program.kernel;
  for (std::size_t p = 0; p < s.params.size(); ++p) {
    if (!args[p].is_buffer) detail::set_value_uniform(program, s.params[p].name, args[p]);
  }
  k.set("glc_total", static_cast<std::uint32_t>(n));
  for (const detail::ElementPiece& piece : detail::split_elements(*s.context, n, args)) {
    unsigned a = 0;
    for (const detail::KernelArgument& arg : args) {
      if (arg.is_buffer) detail::bind_array(k, a++, arg, piece.first, piece.count);
    }
    k.set("glc_count", static_cast<std::uint32_t>(piece.count));
    k.set("glc_first", static_cast<std::uint32_t>(piece.first));
    k.dispatch(k.groups_for((piece.count + 3) / 4));
  }
}

}  // namespace glc
