#pragma once
// GLSL generated for kernels written as expressions (ElementwiseKernel, ReductionKernel,
// copy_if): their parameter lists, the code that loads and stores array parameters, the
// user's text placed under `#line` markers that name it (so diagnostics point into the user's
// text, never at generated lines), and the programs compiled once per signature and context.
// Internal.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "glcompute/detail/kernel_arguments.hpp"
#include "kernels/kernel.hpp"
#include "program/program_state.hpp"

namespace glc::detail {

/// A GLSL type a parameter can have.
struct ParamType {
  const char* glsl;
  unsigned words;      ///< 32-bit words per element: 1, 2 or 4
  const char* decode;  ///< GLSL expression of the value from `uvec4 b` (its first `words`)
  const char* encode;  ///< GLSL expression of `uvec4` bits from the value `x`
};

/// nullptr where `glsl` is not one of them.
const ParamType* find_param_type(std::string_view glsl);

struct Param {
  std::string name;
  const ParamType* type = nullptr;
  bool output = false;
};

/// Parses "float x, float y" (an empty list is allowed). Throws glc::Error naming `what` and
/// the text for an unknown type, a bad or reserved name, or a name given twice (also across
/// `earlier`).
std::vector<Param> parse_params(std::string_view text, bool output, const std::vector<Param>& earlier,
                                const std::string& what);

/// User text number `part` (0, 1, ...) of a generated program, under a `#line` marker that
/// starts it at line kUserLineBase * (part + 1), followed by a newline and a second marker that
/// gives the next generated line the number of the text's last line: a driver that reports an
/// error at the end of the expression it is in (NVIDIA puts `x > \n y` with an undeclared y on
/// the line of the `)` after it) or at the next token (a missing ';') still names a line of
/// the user's text. compile_generated maps lines back.
constexpr int kUserLineBase = 1'000'000;
std::string user_text(std::string_view text, unsigned part);

/// Checks `args` against `params` (count, buffer or value, exact type; outputs must be
/// buffers; all buffers equally long) and returns the element count (at least one buffer is
/// needed). Throws glc::Error naming `what`, the parameter and both types.
std::size_t check_arguments(const std::vector<Param>& params, const std::vector<KernelArgument>& args,
                            const std::string& what);

/// The GLSL declarations for one call's signature (which parameters are arrays): for array
/// parameter k, views glc_v<k> (uvec4[], binding 2k) and glc_w<k> (uint[], binding 2k + 1);
/// uniforms for values; glc_decode_<T> / glc_encode_<T> for the types used; the uniforms
/// glc_count (elements of this piece), glc_first (the call's index of its first element) and
/// glc_total (all elements).
std::string declarations(const std::vector<Param>& params, const std::vector<KernelArgument>& args);

/// Statements that load array parameter `p` (the k-th array) for elements e .. e + 3 into
/// `uvec4 glc_q<k>[words]` (vector path), element j of them as an expression, storing it back;
/// and the same one element at a time through the word view (index `idx`).
std::string load_vectors(const Param& p, unsigned k);
std::string vector_element(const Param& p, unsigned k, const char* j);
std::string store_vector_element(const Param& p, unsigned k, const char* j, const std::string& value);
std::string store_vectors(const Param& p, unsigned k);
std::string word_element(const Param& p, unsigned k, const char* idx);
std::string store_word_element(const Param& p, unsigned k, const char* idx, const std::string& value);

/// A program compiled from generated text, once per context (the text is the key), through
/// the program cache.
struct GeneratedProgram {
  std::shared_ptr<ProgramState> state;
  Kernel kernel;
  explicit GeneratedProgram(std::shared_ptr<ProgramState> s) : state(s), kernel(std::move(s)) {}
};
/// `part_labels[k]` names user text k ("<ElementwiseKernel saxpy operation>"). A
/// glc::ShaderError's diagnostics are moved from generated line numbers to those labels and
/// the lines within each text: by numbers alone, since Mesa reports semantic errors in any
/// `#line`-named source as source 0.
GeneratedProgram& generated_program(const std::shared_ptr<ContextState>& context,
                                    const std::string& glsl, const std::string& name,
                                    const std::vector<std::string>& part_labels);

/// Sets the uniform `name` from a value argument (its type checked before).
void set_value_uniform(const GeneratedProgram& program, const std::string& name,
                       const KernelArgument& arg);

/// Binds both views of array argument k to elements [first, first + count) of its buffer.
void bind_array(Kernel& kernel, unsigned k, const KernelArgument& arg, std::size_t first,
                std::size_t count);

/// Pieces of at most one binding per array: [first, first + count) element ranges whose
/// starts are multiples of 256 elements (so every binding offset is aligned).
struct ElementPiece {
  std::size_t first = 0;
  std::size_t count = 0;
};
std::vector<ElementPiece> split_elements(const ContextState& context, std::size_t n,
                                         const std::vector<KernelArgument>& args);

}  // namespace glc::detail
