# glcompute_validate_shaders(TARGET <name> DIRECTORY <dir>)
# Compiles every shader under <dir> with glslc at build time, so a broken shipped shader fails
# the build rather than a user's run. Include files (.glsl) are checked through a tiny compute
# shader that includes them.
find_program(GLSLC_EXECUTABLE glslc REQUIRED DOC "glslc (Debian: glslc)")

function(glcompute_validate_shaders)
  cmake_parse_arguments(ARG "" "TARGET;DIRECTORY" "" ${ARGN})
  file(GLOB_RECURSE _files CONFIGURE_DEPENDS RELATIVE ${ARG_DIRECTORY}
       ${ARG_DIRECTORY}/*.glsl ${ARG_DIRECTORY}/*.comp)
  set(_outputs)
  set(_out_dir ${CMAKE_CURRENT_BINARY_DIR}/shader_check)
  foreach(f IN LISTS _files)
    string(MAKE_C_IDENTIFIER ${f} id)
    set(spv ${_out_dir}/${id}.spv)
    if(f MATCHES "\\.glsl$")
      set(wrapper ${_out_dir}/${id}.comp)
      file(WRITE ${wrapper}.tmp
           "#version 430\n#include \"${f}\"\nlayout(local_size_x = 1) in;\nvoid main() {}\n")
      file(COPY_FILE ${wrapper}.tmp ${wrapper} ONLY_IF_DIFFERENT)
      file(REMOVE ${wrapper}.tmp)
      set(input ${wrapper})
    else()
      set(input ${ARG_DIRECTORY}/${f})
    endif()
    add_custom_command(
      OUTPUT ${spv}
      COMMAND ${GLSLC_EXECUTABLE} --target-env=opengl -fshader-stage=compute -fauto-map-locations
              -I ${ARG_DIRECTORY} -MD -MF ${spv}.d -o ${spv} ${input}
      DEPENDS ${ARG_DIRECTORY}/${f}
      DEPFILE ${spv}.d
      COMMENT "glslc: checking shaders/${f}"
      VERBATIM)
    list(APPEND _outputs ${spv})
  endforeach()
  add_custom_target(${ARG_TARGET} DEPENDS ${_outputs})
endfunction()
