#pragma once
/// @file
/// `glc::ReductionKernel<T>`: a reduction written as GLSL expressions, as CuPy's
/// `cupy.ReductionKernel`: map each element, combine the mapped values, return one T.
///
///     glc::ReductionKernel<float> dot(ctx, "float x, float y", "x * y", "a + b", "0.0");
///     float d = dot(xs, ys);
///     glc::ReductionKernel<std::uint32_t> count(ctx, "float x, float t", "uint(x > t)", "a + b", "0u");
///     std::uint32_t above = count(xs, 0.5f);    // values bind as uniforms
///
/// T (the result, and the GLSL type of the map's value and of a and b): float, double,
/// std::int32_t or std::uint32_t. The parameters work as ElementwiseKernel's inputs (buffers
/// of exactly the declared element type, or values of exactly the declared C++ type; at least
/// one buffer; all buffers equally long; `i` and `n` may be used in the map). `map` is an
/// expression of the parameters; `reduce` an expression of `a` and `b` (two partial results)
/// that must be associative and commutative, as CuPy requires, since partial results are
/// combined in a tree; `identity` an expression of the value that changes nothing (0 for a
/// sum), returned for empty buffers. Each invocation reduces its elements in order, then work
/// groups and pieces are combined in a fixed order, so the same input gives the same bits on
/// every run. The call waits for the GPU and returns the result.
///
/// Errors as ElementwiseKernel's (parameter lists at construction; argument types, counts and
/// lengths at a call; at most 6 buffers); the parameter names a and b are taken. A GLSL error
/// is a glc::ShaderError whose diagnostics name "<ReductionKernel NAME map>", "... reduce>" or
/// "... identity>" and the line within that expression.

#include <bit>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "detail/kernel_arguments.hpp"

namespace glc {

class Context;

namespace detail {
struct ReductionState;

/// The untyped part of ReductionKernel<T>: `result_glsl` names T.
class ReductionKernelBase {
 public:
  ReductionKernelBase(Context& ctx, const char* result_glsl, std::string_view in_params,
                      std::string_view map, std::string_view reduce, std::string_view identity,
                      std::string_view name);
  ~ReductionKernelBase();
  ReductionKernelBase(ReductionKernelBase&&) noexcept;
  ReductionKernelBase& operator=(ReductionKernelBase&&) noexcept;
  const std::string& name() const;

 protected:
  /// The result's bits (low 32 for 4-byte results).
  std::uint64_t run(std::vector<KernelArgument> args);

 private:
  std::unique_ptr<ReductionState> state_;
};
}  // namespace detail

template <class T>
class ReductionKernel : public detail::ReductionKernelBase {
  static_assert(std::is_same_v<T, float> || std::is_same_v<T, double> ||
                    std::is_same_v<T, std::int32_t> || std::is_same_v<T, std::uint32_t>,
                "glc::ReductionKernel<T>: T must be float, double, int32_t or uint32_t");

 public:
  /// Parses the parameter list (throws glc::Error for a bad one); `name` appears in messages.
  ReductionKernel(Context& ctx, std::string_view in_params, std::string_view map,
                  std::string_view reduce, std::string_view identity,
                  std::string_view name = "reduction")
      : ReductionKernelBase(ctx, detail::KernelValueType<T>::glsl, in_params, map, reduce, identity,
                            name) {}

  /// Reduces the mapped elements of the arguments (in declaration order).
  template <class... Args>
  T operator()(const Args&... args) {
    const std::uint64_t bits = run({detail::kernel_argument(args)...});
    if constexpr (sizeof(T) == 8) return std::bit_cast<T>(bits);
    else return std::bit_cast<T>(static_cast<std::uint32_t>(bits));
  }
};

}  // namespace glc
