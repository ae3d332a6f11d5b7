#pragma once
/// @file
/// `glc::ElementwiseKernel`: a kernel written as a GLSL statement over each element, as
/// CuPy's `cupy.ElementwiseKernel`.
///
///     glc::ElementwiseKernel saxpy(ctx, "float x, float y, float a", "float z", "z = a * x + y;");
///     saxpy(xs, ys, 2.0f, zs);     // arguments in order: inputs, then outputs
///
/// Parameters are "type name" pairs, comma-separated; types are float, double, int, uint,
/// vec2, vec4, ivec2, ivec4, uvec2, uvec4 and dvec2. At each call every argument is either a
/// glc::Buffer of exactly that element type (an array: the operation sees one element at a
/// time) or a value of exactly that C++ type (float for float, double for double, std::int32_t
/// for int, glm::vec2 for vec2, ...: one value for every element, set as a uniform). Outputs
/// must be buffers; all buffers must have the same length n, and at least one argument must be
/// a buffer. The operation is GLSL statements (any number of lines) that may read the inputs,
/// `i` (this element's index, uint) and `n` (uint), and assign the outputs; an output that is
/// not assigned keeps its value (an output is read before the operation and written after,
/// like CuPy's references). An output that straight-line code (no if, loop, ?: or #
/// directive) only ever assigns with `name = ...` is not read: saxpy moves 12 bytes per
/// element, not 16. An input and an output may be the same buffer.
///
/// The program is generated and compiled at the first call with each signature (which
/// parameters are buffers), once per context: two ElementwiseKernels with the same text share
/// it, and it goes through the program cache like any other. Each invocation handles four
/// consecutive elements with 16-byte loads and stores; buffers larger than one storage binding
/// are processed in pieces. Calls queue on the GPU and return at once.
///
/// Errors (glc::Error, glc::ShaderError for GLSL): a bad parameter list at construction; at a
/// call, the wrong number of arguments, an argument of another type (naming the parameter,
/// its GLSL type and the C++ type passed, e.g. a glc::Buffer<int32_t> for `float x`), a value
/// for an output, buffers of different lengths or contexts, and more than 8 buffers (each needs
/// two of the driver's 16 storage blocks). A GLSL error in the operation is a glc::ShaderError
/// whose diagnostics name "<ElementwiseKernel NAME operation>" and the line within the
/// operation's text. `i` counts only to 2^32 - 1: longer buffers are refused where the
/// operation uses it.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "detail/kernel_arguments.hpp"

namespace glc {

class Context;
namespace detail {
struct ElementwiseState;
}

class ElementwiseKernel {
 public:
  /// Parses the parameter lists (throws glc::Error for a bad one); `name` appears in messages.
  ElementwiseKernel(Context& ctx, std::string_view in_params, std::string_view out_params,
                    std::string_view operation, std::string_view name = "kernel");
  ~ElementwiseKernel();
  ElementwiseKernel(ElementwiseKernel&&) noexcept;
  ElementwiseKernel& operator=(ElementwiseKernel&&) noexcept;

  /// Runs the operation over every element: inputs, then outputs, in declaration order.
  template <class... Args>
  void operator()(const Args&... args) {
    run({detail::kernel_argument(args)...});
  }

  const std::string& name() const;

 private:
  void run(std::vector<detail::KernelArgument> args);
  std::unique_ptr<detail::ElementwiseState> state_;
};

}  // namespace glc
