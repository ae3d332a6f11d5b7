# Run with cmake -P: -DDIRECTORY=<shader root> -DOUTPUT=<generated .cpp>
file(GLOB_RECURSE files RELATIVE ${DIRECTORY} ${DIRECTORY}/*.glsl ${DIRECTORY}/*.comp)
list(SORT files)
set(body "")
foreach(f IN LISTS files)
  file(READ ${DIRECTORY}/${f} text)
  string(FIND "${text}" ")glc_shader\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${f} contains the raw-string delimiter )glc_shader\"")
  endif()
  string(APPEND body "    {\"${f}\", R\"glc_shader(${text})glc_shader\"},\n")
endforeach()
file(WRITE ${OUTPUT}.tmp
"// Generated from ${DIRECTORY} by cmake/embed_shaders_script.cmake. Do not edit.
#include \"shader/embedded_shaders.hpp\"

namespace glc::detail {
const std::vector<EmbeddedShader>& embedded_shaders() {
  static const std::vector<EmbeddedShader> files = {
${body}  };
  return files;
}
}  // namespace glc::detail
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.tmp)
