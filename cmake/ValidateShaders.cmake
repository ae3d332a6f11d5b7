# glcompute_validate_shaders(TARGET <name> DIRECTORY <dir>)
# Compiles every shader under <dir> with glslc at build time, so a broken shipped shader fails
# the build rather than a user's run. Include files (.glsl) are checked through a tiny compute
# shader that includes them; an include file that brings its own main() gives the rest of that
# shader on a line
#   // glslc-wrapper: <GLSL after the include, instead of "void main() {}">
# A shader compiled with defines lists each combination on a line
#   // glslc-variant: -DNAME=VALUE ...
# and is checked once plainly and once per variant.
find_program(GLSLC_EXECUTABLE glslc REQUIRED DOC "glslc (Debian: glslc)")

function(glcompute_validate_shaders)
  cmake_parse_arguments(ARG "" "TARGET;DIRECTORY" "" ${ARGN})
  file(GLOB_RECURSE _files CONFIGURE_DEPENDS RELATIVE ${ARG_DIRECTORY}
       ${ARG_DIRECTORY}/*.glsl ${ARG_DIRECTORY}/*.comp)
  set(_outputs)
  set(_out_dir ${CMAKE_CURRENT_BINARY_DIR}/shader_check)
  foreach(f IN LISTS _files)
    # The variant and wrapper lines are read here, at configure time: re-configure on edits.
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${ARG_DIRECTORY}/${f})
    string(MAKE_C_IDENTIFIER ${f} id)
    if(f MATCHES "\\.glsl$")
      set(wrapper ${_out_dir}/${id}.comp)
      set(rest "void main() {}")
      file(STRINGS ${ARG_DIRECTORY}/${f} wrapper_line REGEX "^// glslc-wrapper: ")
      if(wrapper_line)
        string(REPLACE "// glslc-wrapper: " "" rest "${wrapper_line}")
        string(REPLACE "\\;" ";" rest "${rest}")  # file(STRINGS) escapes list separators
      endif()
      file(WRITE ${wrapper}.tmp
           "#version 430\nlayout(local_size_x = 1) in;\n#include \"${f}\"\n${rest}\n")
      file(COPY_FILE ${wrapper}.tmp ${wrapper} ONLY_IF_DIFFERENT)
      file(REMOVE ${wrapper}.tmp)
      set(input ${wrapper})
    else()
      set(input ${ARG_DIRECTORY}/${f})
    endif()
    file(STRINGS ${ARG_DIRECTORY}/${f} variant_lines REGEX "^// glslc-variant: ")
    set(index 0)
    foreach(line "// glslc-variant: " ${variant_lines})
      string(REPLACE "// glslc-variant: " "" args "${line}")
      separate_arguments(args UNIX_COMMAND "${args}")
      set(out ${_out_dir}/${id}.${index}.spv)
      add_custom_command(
        OUTPUT ${out}
        COMMAND ${GLSLC_EXECUTABLE} --target-env=opengl -fshader-stage=compute -fauto-map-locations
                -I ${ARG_DIRECTORY} ${args} -MD -MF ${out}.d -o ${out} ${input}
        DEPENDS ${ARG_DIRECTORY}/${f}
        DEPFILE ${out}.d
        COMMENT "glslc: checking shaders/${f} ${args}"
        VERBATIM)
      list(APPEND _outputs ${out})
      math(EXPR index "${index} + 1")
    endforeach()
  endforeach()
  add_custom_target(${ARG_TARGET} DEPENDS ${_outputs})
endfunction()
