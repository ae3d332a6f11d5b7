# glcompute_embed_shaders(OUTPUT <cpp> DIRECTORY <dir>)
# Writes a C++ source that holds every .glsl/.comp file under <dir>, keyed by its path relative
# to <dir>, so an installed library resolves #include "glcompute/..." without a source tree.
set(_GLC_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_shaders_script.cmake)

function(glcompute_embed_shaders)
  cmake_parse_arguments(ARG "" "OUTPUT;DIRECTORY" "" ${ARGN})
  file(GLOB_RECURSE _files CONFIGURE_DEPENDS ${ARG_DIRECTORY}/*.glsl ${ARG_DIRECTORY}/*.comp)
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DDIRECTORY=${ARG_DIRECTORY} -DOUTPUT=${ARG_OUTPUT}
            -P ${_GLC_EMBED_SCRIPT}
    DEPENDS ${_files} ${_GLC_EMBED_SCRIPT}
    COMMENT "Embedding shaders from ${ARG_DIRECTORY}"
    VERBATIM)
endfunction()
