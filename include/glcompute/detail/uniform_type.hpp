#pragma once
// Maps C++ types to the GL uniform type they set. Not part of the public API.
// The numbers are the GL enums (GL_FLOAT...); src/uniform_types.cpp checks them against GL.

#include <cstdint>
#include <type_traits>

#include <glm/fwd.hpp>

namespace glc::detail {

template <class T> struct UniformType;  // undefined: a type with no GLSL equivalent

#define GLC_UNIFORM_TYPE(CPP, GLENUM, NAME)                \
  template <> struct UniformType<CPP> {                    \
    static constexpr unsigned gl_type = GLENUM;            \
    static constexpr const char* cpp_name = NAME;          \
  }

GLC_UNIFORM_TYPE(float, 0x1406, "float");
GLC_UNIFORM_TYPE(double, 0x140A, "double");
GLC_UNIFORM_TYPE(std::int32_t, 0x1404, "int32_t");
GLC_UNIFORM_TYPE(std::uint32_t, 0x1405, "uint32_t");
GLC_UNIFORM_TYPE(bool, 0x8B56, "bool");
GLC_UNIFORM_TYPE(glm::vec2, 0x8B50, "glm::vec2");
GLC_UNIFORM_TYPE(glm::vec3, 0x8B51, "glm::vec3");
GLC_UNIFORM_TYPE(glm::vec4, 0x8B52, "glm::vec4");
GLC_UNIFORM_TYPE(glm::ivec2, 0x8B53, "glm::ivec2");
GLC_UNIFORM_TYPE(glm::ivec3, 0x8B54, "glm::ivec3");
GLC_UNIFORM_TYPE(glm::ivec4, 0x8B55, "glm::ivec4");
GLC_UNIFORM_TYPE(glm::uvec2, 0x8DC6, "glm::uvec2");
GLC_UNIFORM_TYPE(glm::uvec3, 0x8DC7, "glm::uvec3");
GLC_UNIFORM_TYPE(glm::uvec4, 0x8DC8, "glm::uvec4");
GLC_UNIFORM_TYPE(glm::bvec2, 0x8B57, "glm::bvec2");
GLC_UNIFORM_TYPE(glm::bvec3, 0x8B58, "glm::bvec3");
GLC_UNIFORM_TYPE(glm::bvec4, 0x8B59, "glm::bvec4");
GLC_UNIFORM_TYPE(glm::dvec2, 0x8FFC, "glm::dvec2");
GLC_UNIFORM_TYPE(glm::dvec3, 0x8FFD, "glm::dvec3");
GLC_UNIFORM_TYPE(glm::dvec4, 0x8FFE, "glm::dvec4");
GLC_UNIFORM_TYPE(glm::mat2, 0x8B5A, "glm::mat2");
GLC_UNIFORM_TYPE(glm::mat3, 0x8B5B, "glm::mat3");
GLC_UNIFORM_TYPE(glm::mat4, 0x8B5C, "glm::mat4");
GLC_UNIFORM_TYPE(glm::mat2x3, 0x8B65, "glm::mat2x3");
GLC_UNIFORM_TYPE(glm::mat2x4, 0x8B66, "glm::mat2x4");
GLC_UNIFORM_TYPE(glm::mat3x2, 0x8B67, "glm::mat3x2");
GLC_UNIFORM_TYPE(glm::mat3x4, 0x8B68, "glm::mat3x4");
GLC_UNIFORM_TYPE(glm::mat4x2, 0x8B69, "glm::mat4x2");
GLC_UNIFORM_TYPE(glm::mat4x3, 0x8B6A, "glm::mat4x3");
GLC_UNIFORM_TYPE(glm::dmat2, 0x8F46, "glm::dmat2");
GLC_UNIFORM_TYPE(glm::dmat3, 0x8F47, "glm::dmat3");
GLC_UNIFORM_TYPE(glm::dmat4, 0x8F48, "glm::dmat4");
GLC_UNIFORM_TYPE(glm::dmat2x3, 0x8F49, "glm::dmat2x3");
GLC_UNIFORM_TYPE(glm::dmat2x4, 0x8F4A, "glm::dmat2x4");
GLC_UNIFORM_TYPE(glm::dmat3x2, 0x8F4B, "glm::dmat3x2");
GLC_UNIFORM_TYPE(glm::dmat3x4, 0x8F4C, "glm::dmat3x4");
GLC_UNIFORM_TYPE(glm::dmat4x2, 0x8F4D, "glm::dmat4x2");
GLC_UNIFORM_TYPE(glm::dmat4x3, 0x8F4E, "glm::dmat4x3");

#undef GLC_UNIFORM_TYPE

template <class T, class = void> struct has_uniform_type : std::false_type {};
template <class T>
struct has_uniform_type<T, std::void_t<decltype(UniformType<T>::gl_type)>> : std::true_type {};

}  // namespace glc::detail
