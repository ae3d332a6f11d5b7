// Program::set: checks a C++ value against the GLSL uniform and uploads it.

#include <algorithm>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "context/gl_names.hpp"
#include "glcompute/error.hpp"
#include "program/program_state.hpp"

namespace glc {
namespace {

using detail::UniformType;

// The numbers in detail/uniform_type.hpp keep GL headers out of public headers; check them.
static_assert(UniformType<float>::gl_type == GL_FLOAT);
static_assert(UniformType<double>::gl_type == GL_DOUBLE);
static_assert(UniformType<std::int32_t>::gl_type == GL_INT);
static_assert(UniformType<std::uint32_t>::gl_type == GL_UNSIGNED_INT);
static_assert(UniformType<bool>::gl_type == GL_BOOL);
static_assert(UniformType<glm::vec2>::gl_type == GL_FLOAT_VEC2);
static_assert(UniformType<glm::vec3>::gl_type == GL_FLOAT_VEC3);
static_assert(UniformType<glm::vec4>::gl_type == GL_FLOAT_VEC4);
static_assert(UniformType<glm::ivec2>::gl_type == GL_INT_VEC2);
static_assert(UniformType<glm::ivec3>::gl_type == GL_INT_VEC3);
static_assert(UniformType<glm::ivec4>::gl_type == GL_INT_VEC4);
static_assert(UniformType<glm::uvec2>::gl_type == GL_UNSIGNED_INT_VEC2);
static_assert(UniformType<glm::uvec3>::gl_type == GL_UNSIGNED_INT_VEC3);
static_assert(UniformType<glm::uvec4>::gl_type == GL_UNSIGNED_INT_VEC4);
static_assert(UniformType<glm::bvec2>::gl_type == GL_BOOL_VEC2);
static_assert(UniformType<glm::bvec3>::gl_type == GL_BOOL_VEC3);
static_assert(UniformType<glm::bvec4>::gl_type == GL_BOOL_VEC4);
static_assert(UniformType<glm::dvec2>::gl_type == GL_DOUBLE_VEC2);
static_assert(UniformType<glm::dvec3>::gl_type == GL_DOUBLE_VEC3);
static_assert(UniformType<glm::dvec4>::gl_type == GL_DOUBLE_VEC4);
static_assert(UniformType<glm::mat2>::gl_type == GL_FLOAT_MAT2);
static_assert(UniformType<glm::mat3>::gl_type == GL_FLOAT_MAT3);
static_assert(UniformType<glm::mat4>::gl_type == GL_FLOAT_MAT4);
static_assert(UniformType<glm::mat2x3>::gl_type == GL_FLOAT_MAT2x3);
static_assert(UniformType<glm::mat2x4>::gl_type == GL_FLOAT_MAT2x4);
static_assert(UniformType<glm::mat3x2>::gl_type == GL_FLOAT_MAT3x2);
static_assert(UniformType<glm::mat3x4>::gl_type == GL_FLOAT_MAT3x4);
static_assert(UniformType<glm::mat4x2>::gl_type == GL_FLOAT_MAT4x2);
static_assert(UniformType<glm::mat4x3>::gl_type == GL_FLOAT_MAT4x3);
static_assert(UniformType<glm::dmat2>::gl_type == GL_DOUBLE_MAT2);
static_assert(UniformType<glm::dmat3>::gl_type == GL_DOUBLE_MAT3);
static_assert(UniformType<glm::dmat4>::gl_type == GL_DOUBLE_MAT4);
static_assert(UniformType<glm::dmat2x3>::gl_type == GL_DOUBLE_MAT2x3);
static_assert(UniformType<glm::dmat2x4>::gl_type == GL_DOUBLE_MAT2x4);
static_assert(UniformType<glm::dmat3x2>::gl_type == GL_DOUBLE_MAT3x2);
static_assert(UniformType<glm::dmat3x4>::gl_type == GL_DOUBLE_MAT3x4);
static_assert(UniformType<glm::dmat4x2>::gl_type == GL_DOUBLE_MAT4x2);
static_assert(UniformType<glm::dmat4x3>::gl_type == GL_DOUBLE_MAT4x3);

/// GLSL bools are uploaded as ints; C++ bools are bytes.
std::vector<GLint> bools_to_ints(const void* data, std::size_t n) {
  const bool* b = static_cast<const bool*>(data);
  return std::vector<GLint>(b, b + n);
}

void upload(GLuint p, GLint loc, unsigned type, const void* data, GLsizei n) {
  const auto* f = static_cast<const GLfloat*>(data);
  const auto* d = static_cast<const GLdouble*>(data);
  const auto* i = static_cast<const GLint*>(data);
  const auto* u = static_cast<const GLuint*>(data);
  switch (type) {
    case GL_FLOAT: glProgramUniform1fv(p, loc, n, f); break;
    case GL_FLOAT_VEC2: glProgramUniform2fv(p, loc, n, f); break;
    case GL_FLOAT_VEC3: glProgramUniform3fv(p, loc, n, f); break;
    case GL_FLOAT_VEC4: glProgramUniform4fv(p, loc, n, f); break;
    case GL_DOUBLE: glProgramUniform1dv(p, loc, n, d); break;
    case GL_DOUBLE_VEC2: glProgramUniform2dv(p, loc, n, d); break;
    case GL_DOUBLE_VEC3: glProgramUniform3dv(p, loc, n, d); break;
    case GL_DOUBLE_VEC4: glProgramUniform4dv(p, loc, n, d); break;
    case GL_INT: glProgramUniform1iv(p, loc, n, i); break;
    case GL_INT_VEC2: glProgramUniform2iv(p, loc, n, i); break;
    case GL_INT_VEC3: glProgramUniform3iv(p, loc, n, i); break;
    case GL_INT_VEC4: glProgramUniform4iv(p, loc, n, i); break;
    case GL_UNSIGNED_INT: glProgramUniform1uiv(p, loc, n, u); break;
    case GL_UNSIGNED_INT_VEC2: glProgramUniform2uiv(p, loc, n, u); break;
    case GL_UNSIGNED_INT_VEC3: glProgramUniform3uiv(p, loc, n, u); break;
    case GL_UNSIGNED_INT_VEC4: glProgramUniform4uiv(p, loc, n, u); break;
    case GL_BOOL: glProgramUniform1iv(p, loc, n, bools_to_ints(data, n * 1).data()); break;
    case GL_BOOL_VEC2: glProgramUniform2iv(p, loc, n, bools_to_ints(data, n * 2).data()); break;
    case GL_BOOL_VEC3: glProgramUniform3iv(p, loc, n, bools_to_ints(data, n * 3).data()); break;
    case GL_BOOL_VEC4: glProgramUniform4iv(p, loc, n, bools_to_ints(data, n * 4).data()); break;
    case GL_FLOAT_MAT2: glProgramUniformMatrix2fv(p, loc, n, GL_FALSE, f); break;
    case GL_FLOAT_MAT3: glProgramUniformMatrix3fv(p, loc, n, GL_FALSE, f); break;
    case GL_FLOAT_MAT4: glProgramUniformMatrix4fv(p, loc, n, GL_FALSE, f); break;
    case GL_FLOAT_MAT2x3: glProgramUniformMatrix2x3fv(p, loc, n, GL_FALSE, f); break;
    case GL_FLOAT_MAT2x4: glProgramUniformMatrix2x4fv(p, loc, n, GL_FALSE, f); break;
    case GL_FLOAT_MAT3x2: glProgramUniformMatrix3x2fv(p, loc, n, GL_FALSE, f); break;
    case GL_FLOAT_MAT3x4: glProgramUniformMatrix3x4fv(p, loc, n, GL_FALSE, f); break;
    case GL_FLOAT_MAT4x2: glProgramUniformMatrix4x2fv(p, loc, n, GL_FALSE, f); break;
    case GL_FLOAT_MAT4x3: glProgramUniformMatrix4x3fv(p, loc, n, GL_FALSE, f); break;
    case GL_DOUBLE_MAT2: glProgramUniformMatrix2dv(p, loc, n, GL_FALSE, d); break;
    case GL_DOUBLE_MAT3: glProgramUniformMatrix3dv(p, loc, n, GL_FALSE, d); break;
    case GL_DOUBLE_MAT4: glProgramUniformMatrix4dv(p, loc, n, GL_FALSE, d); break;
    case GL_DOUBLE_MAT2x3: glProgramUniformMatrix2x3dv(p, loc, n, GL_FALSE, d); break;
    case GL_DOUBLE_MAT2x4: glProgramUniformMatrix2x4dv(p, loc, n, GL_FALSE, d); break;
    case GL_DOUBLE_MAT3x2: glProgramUniformMatrix3x2dv(p, loc, n, GL_FALSE, d); break;
    case GL_DOUBLE_MAT3x4: glProgramUniformMatrix3x4dv(p, loc, n, GL_FALSE, d); break;
    case GL_DOUBLE_MAT4x2: glProgramUniformMatrix4x2dv(p, loc, n, GL_FALSE, d); break;
    case GL_DOUBLE_MAT4x3: glProgramUniformMatrix4x3dv(p, loc, n, GL_FALSE, d); break;
    default: throw Error("Program::set: unsupported uniform type " + detail::glsl_type_name(type));
  }
}

}  // namespace

void Program::set_uniform(std::string_view name, unsigned gl_type, const char* cpp_name,
                          const void* data, std::size_t count) {
  detail::ProgramState& s = state();
  const std::string where = "Program::set (" + s.name + "): ";
  const UniformInfo* uniform = nullptr;
  int kept = 0;  // elements GL keeps: values past them are not uploaded (program_state.hpp)
  std::string known;
  for (std::size_t i = 0; i < s.interface.uniforms.size(); ++i) {
    const UniformInfo& u = s.interface.uniforms[i];
    if (u.name == name) {
      uniform = &u;
      kept = s.interface.active_elements[i];
    }
    known += (known.empty() ? "" : ", ") + u.type_name + " " + u.name;
  }
  // "w[2]": from element 2 of the array uniform w, as glGetUniformLocation takes it.
  std::size_t first = 0;
  const std::size_t open = name.rfind('[');
  if (uniform == nullptr && open != std::string_view::npos && name.ends_with(']') && open + 2 < name.size() &&
      name.find_first_not_of("0123456789", open + 1) == name.size() - 1 && name.size() - open <= 11) {
    const std::string_view base = name.substr(0, open);
    for (std::size_t i = 0; i < s.interface.uniforms.size(); ++i) {
      const UniformInfo& u = s.interface.uniforms[i];
      if (u.name != base || u.array_size <= 1) continue;
      first = std::stoull(std::string(name.substr(open + 1, name.size() - open - 2)));
      if (first >= static_cast<std::size_t>(u.array_size)) {
        throw Error(where + "uniform '" + u.name + "' has " + std::to_string(u.array_size) + " element(s); '" +
                    std::string(name) + "' is past them");
      }
      uniform = &u;
      kept = s.interface.active_elements[i];
    }
  }
  if (uniform == nullptr) {
    throw Error(where + "no active uniform named '" + std::string(name) + "' (uniforms: " +
                (known.empty() ? "none" : known) +
                "; uniforms the shader never uses are removed by the compiler)");
  }
  const bool matches = uniform->gl_type == gl_type || (gl_type == GL_INT && detail::is_opaque_type(uniform->gl_type));
  if (!matches) {
    throw Error(where + "uniform '" + uniform->name + "' is " + uniform->type_name +
                " in the shader but was set with " + cpp_name + " (GLSL " +
                detail::glsl_type_name(gl_type) + ")");
  }
  const std::size_t elements = static_cast<std::size_t>(uniform->array_size) - first;
  if (count == 0 || count > elements) {
    throw Error(where + "uniform '" + uniform->name + "' has " + std::to_string(uniform->array_size) +
                " element(s)" + (first ? " (" + std::to_string(elements) + " from element " + std::to_string(first) + ")" : "") +
                " but " + std::to_string(count) + " value(s) were given");
  }
  const std::size_t uploaded = std::min(count, static_cast<std::size_t>(std::max(kept, 0)) - std::min<std::size_t>(first, std::max(kept, 0)));
  if (uniform->location < 0 || uploaded == 0) return;  // the shader never reads it
  s.context->use();
  GLint location = uniform->location;
  if (first != 0) {
    // Kept elements have their own location on the GLSL path; the SPIR-V path has no names,
    // and ARB_gl_spirv gives an array's elements consecutive locations.
    location = glGetUniformLocation(s.id, std::string(name).c_str());
    if (location < 0) location = uniform->location + static_cast<GLint>(first);
  }
  upload(s.id, location, gl_type, data, static_cast<GLsizei>(uploaded));
  s.context->check_errors("Program::set");
  if (first == 0 && detail::is_opaque_type(uniform->gl_type)) s.note_uniform_set(*uniform, data, count);
}

}  // namespace glc
