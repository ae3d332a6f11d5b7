#pragma once
// Names for GL and EGL enums, so errors read "EGL_BAD_MATCH", never "0x3009".

#include <string>

namespace glc::detail {

/// "GL_INVALID_ENUM" etc.; unknown codes as "GL error 0x...".
std::string gl_error_name(unsigned code);
/// "EGL_BAD_ACCESS" etc.; unknown codes as "EGL error 0x...".
std::string egl_error_name(int code);
/// GLSL spelling of a uniform type enum: "vec4", "mat3x2", "sampler2D"... or "GL type 0x...".
std::string glsl_type_name(unsigned gl_type);
/// True for samplers and images, which are set with an int (the texture or image unit).
bool is_opaque_type(unsigned gl_type);
/// True for images (image2D, uimage3D...): the opaque types bound with glBindImageTexture.
bool is_image_type(unsigned gl_type);

}  // namespace glc::detail
