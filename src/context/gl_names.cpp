#include "context/gl_names.hpp"

#include <cstdio>
#include <string_view>

#include <glad/egl.h>
#include <glad/gl.h>

namespace glc::detail {
namespace {

std::string hex_name(const char* prefix, unsigned code) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s 0x%04X", prefix, code);
  return buf;
}

}  // namespace

std::string gl_error_name(unsigned code) {
  switch (code) {
    case GL_NO_ERROR: return "GL_NO_ERROR";
    case GL_INVALID_ENUM: return "GL_INVALID_ENUM";
    case GL_INVALID_VALUE: return "GL_INVALID_VALUE";
    case GL_INVALID_OPERATION: return "GL_INVALID_OPERATION";
    case GL_INVALID_FRAMEBUFFER_OPERATION: return "GL_INVALID_FRAMEBUFFER_OPERATION";
    case GL_OUT_OF_MEMORY: return "GL_OUT_OF_MEMORY";
    case GL_STACK_UNDERFLOW: return "GL_STACK_UNDERFLOW";
    case GL_STACK_OVERFLOW: return "GL_STACK_OVERFLOW";
    case GL_CONTEXT_LOST: return "GL_CONTEXT_LOST";
    default: return hex_name("GL error", code);
  }
}

std::string egl_error_name(int code) {
  switch (code) {
    case EGL_SUCCESS: return "EGL_SUCCESS";
    case EGL_NOT_INITIALIZED: return "EGL_NOT_INITIALIZED";
    case EGL_BAD_ACCESS: return "EGL_BAD_ACCESS";
    case EGL_BAD_ALLOC: return "EGL_BAD_ALLOC";
    case EGL_BAD_ATTRIBUTE: return "EGL_BAD_ATTRIBUTE";
    case EGL_BAD_CONTEXT: return "EGL_BAD_CONTEXT";
    case EGL_BAD_CONFIG: return "EGL_BAD_CONFIG";
    case EGL_BAD_CURRENT_SURFACE: return "EGL_BAD_CURRENT_SURFACE";
    case EGL_BAD_DISPLAY: return "EGL_BAD_DISPLAY";
    case EGL_BAD_SURFACE: return "EGL_BAD_SURFACE";
    case EGL_BAD_MATCH: return "EGL_BAD_MATCH";
    case EGL_BAD_PARAMETER: return "EGL_BAD_PARAMETER";
    case EGL_BAD_NATIVE_PIXMAP: return "EGL_BAD_NATIVE_PIXMAP";
    case EGL_BAD_NATIVE_WINDOW: return "EGL_BAD_NATIVE_WINDOW";
    case EGL_CONTEXT_LOST: return "EGL_CONTEXT_LOST";
    case 0x322B: return "EGL_BAD_DEVICE_EXT";
    default: return hex_name("EGL error", static_cast<unsigned>(code));
  }
}

namespace {

struct GlslType {
  unsigned gl_type;
  const char* name;
  bool opaque;  ///< a sampler or image: set with an int (the unit)
};

// Every uniform type a compute shader can declare, in one table so names and opacity agree.
constexpr GlslType kGlslTypes[] = {
    {GL_FLOAT, "float", false}, {GL_FLOAT_VEC2, "vec2", false}, {GL_FLOAT_VEC3, "vec3", false},
    {GL_FLOAT_VEC4, "vec4", false}, {GL_DOUBLE, "double", false}, {GL_DOUBLE_VEC2, "dvec2", false},
    {GL_DOUBLE_VEC3, "dvec3", false}, {GL_DOUBLE_VEC4, "dvec4", false}, {GL_INT, "int", false},
    {GL_INT_VEC2, "ivec2", false}, {GL_INT_VEC3, "ivec3", false}, {GL_INT_VEC4, "ivec4", false},
    {GL_UNSIGNED_INT, "uint", false}, {GL_UNSIGNED_INT_VEC2, "uvec2", false},
    {GL_UNSIGNED_INT_VEC3, "uvec3", false}, {GL_UNSIGNED_INT_VEC4, "uvec4", false},
    {GL_BOOL, "bool", false}, {GL_BOOL_VEC2, "bvec2", false}, {GL_BOOL_VEC3, "bvec3", false},
    {GL_BOOL_VEC4, "bvec4", false}, {GL_FLOAT_MAT2, "mat2", false}, {GL_FLOAT_MAT3, "mat3", false},
    {GL_FLOAT_MAT4, "mat4", false}, {GL_FLOAT_MAT2x3, "mat2x3", false},
    {GL_FLOAT_MAT2x4, "mat2x4", false}, {GL_FLOAT_MAT3x2, "mat3x2", false},
    {GL_FLOAT_MAT3x4, "mat3x4", false}, {GL_FLOAT_MAT4x2, "mat4x2", false},
    {GL_FLOAT_MAT4x3, "mat4x3", false}, {GL_DOUBLE_MAT2, "dmat2", false},
    {GL_DOUBLE_MAT3, "dmat3", false}, {GL_DOUBLE_MAT4, "dmat4", false},
    {GL_DOUBLE_MAT2x3, "dmat2x3", false}, {GL_DOUBLE_MAT2x4, "dmat2x4", false},
    {GL_DOUBLE_MAT3x2, "dmat3x2", false}, {GL_DOUBLE_MAT3x4, "dmat3x4", false},
    {GL_DOUBLE_MAT4x2, "dmat4x2", false}, {GL_DOUBLE_MAT4x3, "dmat4x3", false},
    {GL_UNSIGNED_INT_ATOMIC_COUNTER, "atomic_uint", false},
    {GL_SAMPLER_1D, "sampler1D", true},
    {GL_IMAGE_1D, "image1D", true},
    {GL_SAMPLER_2D, "sampler2D", true},
    {GL_IMAGE_2D, "image2D", true},
    {GL_SAMPLER_3D, "sampler3D", true},
    {GL_IMAGE_3D, "image3D", true},
    {GL_SAMPLER_CUBE, "samplerCube", true},
    {GL_IMAGE_CUBE, "imageCube", true},
    {GL_SAMPLER_1D_ARRAY, "sampler1DArray", true},
    {GL_IMAGE_1D_ARRAY, "image1DArray", true},
    {GL_SAMPLER_2D_ARRAY, "sampler2DArray", true},
    {GL_IMAGE_2D_ARRAY, "image2DArray", true},
    {GL_SAMPLER_CUBE_MAP_ARRAY, "samplerCubeArray", true},
    {GL_IMAGE_CUBE_MAP_ARRAY, "imageCubeArray", true},
    {GL_SAMPLER_BUFFER, "samplerBuffer", true},
    {GL_IMAGE_BUFFER, "imageBuffer", true},
    {GL_SAMPLER_2D_RECT, "sampler2DRect", true},
    {GL_IMAGE_2D_RECT, "image2DRect", true},
    {GL_SAMPLER_2D_MULTISAMPLE, "sampler2DMS", true},
    {GL_IMAGE_2D_MULTISAMPLE, "image2DMS", true},
    {GL_SAMPLER_2D_MULTISAMPLE_ARRAY, "sampler2DMSArray", true},
    {GL_IMAGE_2D_MULTISAMPLE_ARRAY, "image2DMSArray", true},
    {GL_INT_SAMPLER_1D, "isampler1D", true},
    {GL_INT_IMAGE_1D, "iimage1D", true},
    {GL_INT_SAMPLER_2D, "isampler2D", true},
    {GL_INT_IMAGE_2D, "iimage2D", true},
    {GL_INT_SAMPLER_3D, "isampler3D", true},
    {GL_INT_IMAGE_3D, "iimage3D", true},
    {GL_INT_SAMPLER_CUBE, "isamplerCube", true},
    {GL_INT_IMAGE_CUBE, "iimageCube", true},
    {GL_INT_SAMPLER_1D_ARRAY, "isampler1DArray", true},
    {GL_INT_IMAGE_1D_ARRAY, "iimage1DArray", true},
    {GL_INT_SAMPLER_2D_ARRAY, "isampler2DArray", true},
    {GL_INT_IMAGE_2D_ARRAY, "iimage2DArray", true},
    {GL_INT_SAMPLER_CUBE_MAP_ARRAY, "isamplerCubeArray", true},
    {GL_INT_IMAGE_CUBE_MAP_ARRAY, "iimageCubeArray", true},
    {GL_INT_SAMPLER_BUFFER, "isamplerBuffer", true},
    {GL_INT_IMAGE_BUFFER, "iimageBuffer", true},
    {GL_INT_SAMPLER_2D_RECT, "isampler2DRect", true},
    {GL_INT_IMAGE_2D_RECT, "iimage2DRect", true},
    {GL_INT_SAMPLER_2D_MULTISAMPLE, "isampler2DMS", true},
    {GL_INT_IMAGE_2D_MULTISAMPLE, "iimage2DMS", true},
    {GL_INT_SAMPLER_2D_MULTISAMPLE_ARRAY, "isampler2DMSArray", true},
    {GL_INT_IMAGE_2D_MULTISAMPLE_ARRAY, "iimage2DMSArray", true},
    {GL_UNSIGNED_INT_SAMPLER_1D, "usampler1D", true},
    {GL_UNSIGNED_INT_IMAGE_1D, "uimage1D", true},
    {GL_UNSIGNED_INT_SAMPLER_2D, "usampler2D", true},
    {GL_UNSIGNED_INT_IMAGE_2D, "uimage2D", true},
    {GL_UNSIGNED_INT_SAMPLER_3D, "usampler3D", true},
    {GL_UNSIGNED_INT_IMAGE_3D, "uimage3D", true},
    {GL_UNSIGNED_INT_SAMPLER_CUBE, "usamplerCube", true},
    {GL_UNSIGNED_INT_IMAGE_CUBE, "uimageCube", true},
    {GL_UNSIGNED_INT_SAMPLER_1D_ARRAY, "usampler1DArray", true},
    {GL_UNSIGNED_INT_IMAGE_1D_ARRAY, "uimage1DArray", true},
    {GL_UNSIGNED_INT_SAMPLER_2D_ARRAY, "usampler2DArray", true},
    {GL_UNSIGNED_INT_IMAGE_2D_ARRAY, "uimage2DArray", true},
    {GL_UNSIGNED_INT_SAMPLER_CUBE_MAP_ARRAY, "usamplerCubeArray", true},
    {GL_UNSIGNED_INT_IMAGE_CUBE_MAP_ARRAY, "uimageCubeArray", true},
    {GL_UNSIGNED_INT_SAMPLER_BUFFER, "usamplerBuffer", true},
    {GL_UNSIGNED_INT_IMAGE_BUFFER, "uimageBuffer", true},
    {GL_UNSIGNED_INT_SAMPLER_2D_RECT, "usampler2DRect", true},
    {GL_UNSIGNED_INT_IMAGE_2D_RECT, "uimage2DRect", true},
    {GL_UNSIGNED_INT_SAMPLER_2D_MULTISAMPLE, "usampler2DMS", true},
    {GL_UNSIGNED_INT_IMAGE_2D_MULTISAMPLE, "uimage2DMS", true},
    {GL_UNSIGNED_INT_SAMPLER_2D_MULTISAMPLE_ARRAY, "usampler2DMSArray", true},
    {GL_UNSIGNED_INT_IMAGE_2D_MULTISAMPLE_ARRAY, "uimage2DMSArray", true},
    {GL_SAMPLER_1D_SHADOW, "sampler1DShadow", true},
    {GL_SAMPLER_2D_SHADOW, "sampler2DShadow", true},
    {GL_SAMPLER_CUBE_SHADOW, "samplerCubeShadow", true},
    {GL_SAMPLER_1D_ARRAY_SHADOW, "sampler1DArrayShadow", true},
    {GL_SAMPLER_2D_ARRAY_SHADOW, "sampler2DArrayShadow", true},
    {GL_SAMPLER_2D_RECT_SHADOW, "sampler2DRectShadow", true},
    {GL_SAMPLER_CUBE_MAP_ARRAY_SHADOW, "samplerCubeArrayShadow", true},
};

const GlslType* find_type(unsigned gl_type) {
  for (const GlslType& t : kGlslTypes) {
    if (t.gl_type == gl_type) return &t;
  }
  return nullptr;
}

}  // namespace

std::string glsl_type_name(unsigned gl_type) {
  const GlslType* t = find_type(gl_type);
  return t ? t->name : hex_name("GL type", gl_type);
}

bool is_opaque_type(unsigned gl_type) {
  const GlslType* t = find_type(gl_type);
  return t && t->opaque;
}

bool is_image_type(unsigned gl_type) {
  const GlslType* t = find_type(gl_type);
  return t && std::string_view(t->name).find("image") != std::string_view::npos;
}

}  // namespace glc::detail
