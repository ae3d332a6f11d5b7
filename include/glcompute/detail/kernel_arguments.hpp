#pragma once
// The arguments of kernels generated from expressions (ElementwiseKernel, ReductionKernel):
// what C++ passed, as the generated GLSL needs it. Not part of the public API.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include <glm/fwd.hpp>

#include "../buffer.hpp"

namespace glc::detail {

/// The C++ types a kernel parameter can take, with their GLSL spelling.
template <class T> struct KernelValueType;  // undefined: not a kernel parameter type

#define GLC_KERNEL_VALUE_TYPE(CPP, GLSL, NAME)          \
  template <> struct KernelValueType<CPP> {             \
    static constexpr const char* glsl = GLSL;           \
    static constexpr const char* cpp_name = NAME;       \
  }
GLC_KERNEL_VALUE_TYPE(float, "float", "float");
GLC_KERNEL_VALUE_TYPE(double, "double", "double");
GLC_KERNEL_VALUE_TYPE(std::int32_t, "int", "int32_t");
GLC_KERNEL_VALUE_TYPE(std::uint32_t, "uint", "uint32_t");
GLC_KERNEL_VALUE_TYPE(glm::vec2, "vec2", "glm::vec2");
GLC_KERNEL_VALUE_TYPE(glm::vec4, "vec4", "glm::vec4");
GLC_KERNEL_VALUE_TYPE(glm::ivec2, "ivec2", "glm::ivec2");
GLC_KERNEL_VALUE_TYPE(glm::ivec4, "ivec4", "glm::ivec4");
GLC_KERNEL_VALUE_TYPE(glm::uvec2, "uvec2", "glm::uvec2");
GLC_KERNEL_VALUE_TYPE(glm::uvec4, "uvec4", "glm::uvec4");
GLC_KERNEL_VALUE_TYPE(glm::dvec2, "dvec2", "glm::dvec2");
#undef GLC_KERNEL_VALUE_TYPE

template <class T, class = void> struct is_kernel_value : std::false_type {};
template <class T>
struct is_kernel_value<T, std::void_t<decltype(KernelValueType<T>::glsl)>> : std::true_type {};

/// One argument of a call: a buffer (an array parameter) or a value (a uniform).
struct KernelArgument {
  bool is_buffer = false;
  const char* glsl_type = "";    ///< the GLSL type it matches
  std::string cpp_type;          ///< for messages: "glc::Buffer<int32_t>", "double"
  BufferStorage* buffer = nullptr;
  std::size_t count = 0;         ///< elements of the buffer
  std::size_t element_bytes = 0;
  unsigned char value[32] = {};  ///< the value's bytes
};

template <class T>
KernelArgument kernel_argument(const Buffer<T>& buffer) {
  static_assert(is_kernel_value<T>::value,
                "glc::ElementwiseKernel / ReductionKernel: a buffer's element type must be float, "
                "double, int32_t, uint32_t, glm::vec2, vec4, ivec2, ivec4, uvec2, uvec4 or dvec2");
  KernelArgument a;
  a.is_buffer = true;
  a.glsl_type = KernelValueType<T>::glsl;
  a.cpp_type = std::string("glc::Buffer<") + KernelValueType<T>::cpp_name + ">";
  a.buffer = &detail::Access::storage(buffer);
  a.count = buffer.size();
  a.element_bytes = sizeof(T);
  return a;
}

template <class T>
KernelArgument kernel_argument(const T& value) {
  static_assert(is_kernel_value<T>::value,
                "glc::ElementwiseKernel / ReductionKernel: a value argument must be float, double, "
                "int32_t, uint32_t, glm::vec2, vec4, ivec2, ivec4, uvec2, uvec4 or dvec2 (the "
                "exact C++ type of the GLSL parameter: 2.0f for float, 2.0 for double)");
  KernelArgument a;
  a.glsl_type = KernelValueType<T>::glsl;
  a.cpp_type = KernelValueType<T>::cpp_name;
  a.element_bytes = sizeof(T);
  static_assert(sizeof(T) <= sizeof(a.value));
  std::memcpy(a.value, &value, sizeof(T));
  return a;
}

}  // namespace glc::detail
