// glc::ReductionKernel: the user's map, reduce and identity in generated functions, each
// invocation's elements reduced four at a time (16-byte loads), then reduction_kernel.glsl's
// fixed tree, partials and last work group, and the result read back through a result record.

#include "glcompute/reduction_kernel.hpp"

#include <algorithm>
#include <map>

#include "context/context_state.hpp"
#include "glcompute/detail/access.hpp"
#include "glcompute/error.hpp"
#include "kernels/kernel_source.hpp"
#include "kernels/result_record.hpp"

namespace glc::detail {

struct ReductionState {
  std::shared_ptr<ContextState> context;
  std::string name;
  const ParamType* result = nullptr;
  std::string map, reduce, identity;
  std::vector<Param> params;
  std::shared_ptr<BufferStorage> partials;
  std::shared_ptr<BufferStorage> arrivals;  ///< zero between calls (the last group resets it)
  /// The context's program for each signature used so far (which parameters are buffers).
  std::map<std::vector<bool>, GeneratedProgram*> programs;
};

namespace {

/// As reduce.cpp: about one full wave of an H100, and several vectors per invocation.
constexpr std::uint32_t kMaxGroups = 1024;

std::string generate(const ReductionState& s, const std::vector<KernelArgument>& args) {
  const std::string r = s.result->glsl;
  std::string glsl = "#version 430\n#define REDUCE_T " + r + "\n"
                     "#include \"glcompute/kernels/reduction_kernel.glsl\"\n"
                     "layout(local_size_x = 256) in;\n";
  glsl += declarations(s.params, args);
  if (std::none_of(s.params.begin(), s.params.end(), [&](const Param& p) { return p.type == s.result; })) {
    glsl += r + " glc_decode_" + r + "(uvec4 b) { return " + s.result->decode + "; }\n";
    glsl += "uvec4 glc_encode_" + r + "(" + r + " x) { return " + s.result->encode + "; }\n";
  }
  glsl += "uvec2 glc_bits(" + r + " x) { return glc_encode_" + r + "(x).xy; }\n";
  glsl += r + " glc_from_bits(uvec2 bits) { return glc_decode_" + r + "(uvec4(bits, 0u, 0u)); }\n";
  std::string signature = r + " glc_map(uint i, uint n", call_v = "glc_map(glc_first + e + j, glc_total",
              call_s = "glc_map(glc_first + idx, glc_total", loads, elements_v, elements_s;
  unsigned k = 0;
  for (std::size_t p = 0; p < s.params.size(); ++p) {
    if (!args[p].is_buffer) continue;
    const Param& param = s.params[p];
    const std::string local = "glc_x" + std::to_string(k);
    signature += std::string(", ") + param.type->glsl + " " + param.name;
    loads += load_vectors(param, k);
    elements_v += std::string("      ") + param.type->glsl + " " + local + " = " + vector_element(param, k, "j") + ";\n";
    elements_s += std::string("      ") + param.type->glsl + " " + local + " = " + word_element(param, k, "idx") + ";\n";
    call_v += ", " + local;
    call_s += ", " + local;
    ++k;
  }
  glsl += signature + ") {\n  return " + r + "(\n" + user_text(s.map, 0) + ");\n}\n";
  glsl += r + " glc_reduce(" + r + " a, " + r + " b) {\n  return " + r + "(\n" + user_text(s.reduce, 1) + ");\n}\n";
  glsl += r + " glc_identity() {\n  return " + r + "(\n" + user_text(s.identity, 2) + ");\n}\n";
  glsl += r + " glc_invocation_value() {\n"
          "  " + r + " acc = glc_identity();\n"
          "  uint glc_grid = gl_NumWorkGroups.x * 256u;\n"
          "  for (uint v = gl_GlobalInvocationID.x; v < (glc_count + 3u) / 4u; v += glc_grid) {\n"
          "    uint e = v * 4u;\n"
          "    if (e + 4u <= glc_count) {\n" + loads +
          "    for (uint j = 0u; j < 4u; ++j) {\n" + elements_v +
          "      acc = glc_reduce(acc, " + call_v + "));\n"
          "    }\n"
          "    } else {\n"
          "    for (uint idx = e; idx < glc_count; ++idx) {\n" + elements_s +
          "      acc = glc_reduce(acc, " + call_s + "));\n"
          "    }\n"
          "    }\n"
          "  }\n"
          "  return acc;\n"
          "}\n";
  return glsl;
}

}  // namespace

ReductionKernelBase::ReductionKernelBase(Context& ctx, const char* result_glsl,
                                         std::string_view in_params, std::string_view map,
                                         std::string_view reduce, std::string_view identity,
                                         std::string_view name)
    : state_(std::make_unique<ReductionState>()) {
  ReductionState& s = *state_;
  s.context = detail::Access::state(ctx);
  s.name = std::string(name);
  s.result = find_param_type(result_glsl);
  s.map = std::string(map);
  s.reduce = std::string(reduce);
  s.identity = std::string(identity);
  const std::string what = "glc::ReductionKernel " + s.name;
  s.params = parse_params(in_params, false, {}, what);
  for (const Param& p : s.params) {
    if (p.name == "a" || p.name == "b") {
      throw Error(what + ": the parameter name '" + p.name + "' is taken by the reduce expression's operands a and b");
    }
  }
  if (s.params.empty()) throw Error(what + ": no input parameter");
}

ReductionKernelBase::~ReductionKernelBase() = default;
ReductionKernelBase::ReductionKernelBase(ReductionKernelBase&&) noexcept = default;
ReductionKernelBase& ReductionKernelBase::operator=(ReductionKernelBase&&) noexcept = default;

const std::string& ReductionKernelBase::name() const { return state_->name; }

std::uint64_t ReductionKernelBase::run(std::vector<KernelArgument> args) {
  if (!state_) throw Error("glc::ReductionKernel: used after a move");
  ReductionState& s = *state_;
  const std::string what = "glc::ReductionKernel " + s.name;
  const std::size_t n = check_arguments(s.params, args, what);
  unsigned arrays = 0;
  for (const KernelArgument& a : args) {
    if (!a.is_buffer) continue;
    ++arrays;
    if (a.buffer->context() != s.context) throw Error(what + ": a buffer belongs to another glc::Context than the kernel");
  }
  if (arrays > 6) {
    throw Error(what + ": " + std::to_string(arrays) + " buffers; at most 6 (each takes two of the 16 "
                "storage blocks a compute shader may have, and the reduction three)");
  }
  if (n > 0xFFFFFFFFull) {
    throw Error(what + ": " + std::to_string(n) + " elements; at most 2^32 - 1 (i and n are uint)");
  }
  s.context->use();
  const std::string label = "<ReductionKernel " + s.name;
  std::vector<bool> signature;
  for (const KernelArgument& a : args) signature.push_back(a.is_buffer);
  GeneratedProgram*& cached = s.programs[signature];
  if (cached == nullptr) {
    cached = &generated_program(s.context, generate(s, args), label + ">",
                                {label + " map>", label + " reduce>", label + " identity>"});
  }
  GeneratedProgram& program = *cached;
  Kernel& k = program.kernel;
  for (std::size_t p = 0; p < s.params.size(); ++p) {
    if (!args[p].is_buffer) set_value_uniform(program, s.params[p].name, args[p]);
  }
  std::vector<ElementPiece> pieces = split_elements(*s.context, n, args);
  if (pieces.empty()) pieces.push_back({0, 0});  // no elements: one group returns the identity
  std::vector<std::uint32_t> groups;
  std::size_t total = 0;
  for (const ElementPiece& p : pieces) {
    // At least 8 vectors of 4 elements per invocation below the cap, as reduce.cpp does.
    groups.push_back(std::clamp<std::uint32_t>(k.groups_for((p.count + 3) / 4, 8), 1, kMaxGroups));
    total += groups.back();
  }
  if (!s.partials || s.partials->bytes() < total * 8) {
    s.partials.reset();
    s.partials = std::make_shared<BufferStorage>(s.context, std::max<std::size_t>(total * 8, 8 * 1024), nullptr);
  }
  if (!s.arrivals) s.arrivals = std::make_shared<BufferStorage>(s.context, 16, InitialContents::zeros);
  ResultRecord& result = ResultRecord::of(s.context);
  result.next_call();
  result.attach(k, 18);
  k.bind(16, *s.partials, 0, s.partials->bytes());
  k.bind(17, *s.arrivals, 0, s.arrivals->bytes());
  k.set("glc_total", static_cast<std::uint32_t>(n));
  k.set("glc_total_partials", static_cast<std::uint32_t>(total));
  std::uint32_t base = 0;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    unsigned a = 0;
    for (const KernelArgument& arg : args) {
      if (arg.is_buffer && pieces[i].count > 0) bind_array(k, a, arg, pieces[i].first, pieces[i].count);
      if (arg.is_buffer) ++a;
    }
    k.set("glc_count", static_cast<std::uint32_t>(pieces[i].count));
    k.set("glc_first", static_cast<std::uint32_t>(pieces[i].first));
    k.set("glc_partial_base", base);
    k.dispatch(groups[i]);
    base += groups[i];
  }
  return result.await(what.c_str());
}

}  // namespace glc::detail
