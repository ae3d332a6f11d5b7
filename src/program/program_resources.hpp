#pragma once
// GL's program interface queries (ARB_program_interface_query) that reflection reads names and
// counts with. Internal; needs the program's context current.

#include <string>

#include <glad/gl.h>

namespace glc::detail {

/// The name of resource `index` of `interface`, whose GL_NAME_LENGTH (with the terminator) is
/// `length`.
std::string resource_name(GLuint program, GLenum interface, GLuint index, GLint length);
/// The same, asking GL for the length first.
std::string resource_name(GLuint program, GLenum interface, GLuint index);
/// GL_ACTIVE_RESOURCES of `interface`.
GLint active_resources(GLuint program, GLenum interface);

}  // namespace glc::detail
