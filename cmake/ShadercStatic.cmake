# shaderc and glslang are linked statically so that a glcompute binary carried to another
# machine (e.g. a GPU server with only the driver installed) needs no shaderc there.
# Debian's libshaderc_combined.a holds shaderc only; glslang and SPIRV-Tools come beside it.
find_path(SHADERC_INCLUDE_DIR shaderc/shaderc.hpp REQUIRED)
set(_shaderc_libs shaderc_combined glslang MachineIndependent OSDependent GenericCodeGen
                  OGLCompiler HLSL SPIRV SPIRV-Tools-opt SPIRV-Tools glslang-default-resource-limits)
# The installed package config (cmake/glcompute-config.cmake.in) and glcompute.pc name the same
# archives, in this order.
set(GLCOMPUTE_SHADERC_LIBRARY_NAMES ${_shaderc_libs})
set(_shaderc_paths)
foreach(lib IN LISTS _shaderc_libs)
  find_library(SHADERC_${lib}_LIBRARY NAMES lib${lib}.a REQUIRED)
  list(APPEND _shaderc_paths ${SHADERC_${lib}_LIBRARY})
endforeach()
find_package(Threads REQUIRED)

add_library(glcompute_shaderc INTERFACE)
target_include_directories(glcompute_shaderc SYSTEM INTERFACE ${SHADERC_INCLUDE_DIR})
# The static archives reference each other in cycles: link them as one group.
target_link_libraries(glcompute_shaderc INTERFACE
  "-Wl,--start-group" ${_shaderc_paths} "-Wl,--end-group" Threads::Threads)
