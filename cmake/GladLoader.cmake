# Generates the GL and EGL function loaders with Debian's glad 2 at build time.
# --reproducible keeps glad on its bundled Khronos XML instead of the network.
# EGL is opened with dlopen("libEGL.so.1") by glad's loader, so nothing links libEGL/libGL
# and GL entry points come from eglGetProcAddress.
find_program(GLAD_EXECUTABLE glad REQUIRED DOC "glad 2 loader generator (Debian: python3-glad)")

set(GLAD_OUT ${CMAKE_BINARY_DIR}/glad)
set(GLAD_GL_EXTENSIONS
    GL_ARB_gl_spirv GL_ARB_spirv_extensions GL_KHR_debug GL_ARB_buffer_storage
    GL_KHR_shader_subgroup GL_ARB_robustness GL_KHR_robustness GL_ARB_timer_query
    GL_ARB_get_program_binary GL_ARB_gpu_shader_fp64 GL_ARB_clear_texture GL_ARB_get_texture_sub_image)
set(GLAD_EGL_EXTENSIONS
    EGL_EXT_platform_base EGL_EXT_platform_device EGL_EXT_device_base EGL_EXT_device_enumeration
    EGL_EXT_device_query EGL_EXT_device_drm EGL_EXT_device_drm_render_node
    EGL_MESA_platform_surfaceless EGL_KHR_surfaceless_context EGL_KHR_create_context
    EGL_KHR_no_config_context EGL_EXT_create_context_robustness)
list(JOIN GLAD_GL_EXTENSIONS "," _gl_ext)
list(JOIN GLAD_EGL_EXTENSIONS "," _egl_ext)

add_custom_command(
  OUTPUT ${GLAD_OUT}/gl/src/gl.c ${GLAD_OUT}/gl/include/glad/gl.h
  COMMAND ${GLAD_EXECUTABLE} --quiet --reproducible --api gl:core=4.6 --extensions ${_gl_ext}
          --out-path ${GLAD_OUT}/gl c --loader
  COMMENT "Generating GL 4.6 core loader with glad"
  VERBATIM)
add_custom_command(
  OUTPUT ${GLAD_OUT}/egl/src/egl.c ${GLAD_OUT}/egl/include/glad/egl.h
  COMMAND ${GLAD_EXECUTABLE} --quiet --reproducible --api egl=1.5 --extensions ${_egl_ext}
          --out-path ${GLAD_OUT}/egl c --loader
  COMMENT "Generating EGL 1.5 loader with glad"
  VERBATIM)

# Headers alone, for users of raw GL next to glcompute; the code is compiled into glcompute.
add_library(glcompute_glad_headers INTERFACE)
target_include_directories(glcompute_glad_headers INTERFACE
  $<BUILD_INTERFACE:${GLAD_OUT}/gl/include> $<BUILD_INTERFACE:${GLAD_OUT}/egl/include>)
add_library(glcompute_glad OBJECT ${GLAD_OUT}/gl/src/gl.c ${GLAD_OUT}/egl/src/egl.c)
set_target_properties(glcompute_glad PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_link_libraries(glcompute_glad PUBLIC glcompute_glad_headers)
add_custom_target(glcompute_glad_generate DEPENDS
  ${GLAD_OUT}/gl/src/gl.c ${GLAD_OUT}/gl/include/glad/gl.h
  ${GLAD_OUT}/egl/src/egl.c ${GLAD_OUT}/egl/include/glad/egl.h)
add_dependencies(glcompute_glad glcompute_glad_generate)
