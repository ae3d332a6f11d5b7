# Proves that an installed glcompute is usable from outside this tree. Run with cmake -P:
#   -DMODE=build  cmake --install <BUILD_DIR> into <WORK_DIR>/prefix (fresh), then build
#                 tests/consumer twice against it: with find_package(glcompute) and with
#                 `c++ -std=c++20 main.cpp $(pkg-config --cflags --libs glcompute)`.
#   -DMODE=run    runs both programs (needs GL) and checks what they print.
# Also: BUILD_DIR, CONFIG, WORK_DIR, CONSUMER_DIR, CXX_COMPILER, GENERATOR, MAKE_PROGRAM,
# PKG_CONFIG (empty: the pkg-config build is skipped), SOURCE_DIR, GLFW (1 where glcompute::glfw
# was built: the consumer's app_glfw must then be built too), XVFB_RUN (to run app_glfw) and CLI
# (1 where the glcompute command was built: bin/glcompute must be installed and run), TESTING
# (1 where glcompute::testing was built: SHADER_TEST_DIR, examples/shader_test, is then built
# with find_package(glcompute COMPONENTS testing) and its test run).
cmake_minimum_required(VERSION 3.25)

set(prefix ${WORK_DIR}/prefix)
set(cmake_build ${WORK_DIR}/find_package-build)
set(cmake_app ${cmake_build}/app)
set(pkg_app ${WORK_DIR}/pkg-config-build/app)
set(shader_test_build ${WORK_DIR}/shader_test-build)

function(step what)
  message(STATUS "install_consumer: ${what}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    list(JOIN ARGN " " cmd)
    message(FATAL_ERROR "${what} failed (${rc}):\n  ${cmd}\n${out}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

function(check_program program)
  step("running ${program}" ${program})
  if(NOT step_output MATCHES "sum = 250\nraw GL: ok\n")
    message(FATAL_ERROR "${program} printed\n${step_output}\nexpected \"sum = 250\" and \"raw GL: ok\"")
  endif()
  message(STATUS "install_consumer: ${program}:\n${step_output}")
endfunction()

if(MODE STREQUAL "run")
  if(CLI)
    step("running the installed glcompute" ${prefix}/bin/glcompute run ${SOURCE_DIR}/examples/shaders/talk.comp
         --buffer outs_1=zeros:float32:8,8 --buffer outs_2=zeros:int32:8,8 --print outs_1 --print outs_2)
    file(READ ${SOURCE_DIR}/tests/gl/expected/hello_compute.txt expected)
    if(NOT step_output STREQUAL expected)
      message(FATAL_ERROR "the installed glcompute printed\n${step_output}")
    endif()
  endif()
  check_program(${cmake_app})
  if(TESTING)
    step("running examples/shader_test built against the installed glcompute::testing"
         ${CMAKE_CTEST_COMMAND} --test-dir ${shader_test_build} --output-on-failure)
    if(NOT step_output MATCHES "100% tests passed, 0 tests failed out of 1")
      message(FATAL_ERROR "examples/shader_test:\n${step_output}")
    endif()
  endif()
  if(PKG_CONFIG)
    check_program(${pkg_app})
  endif()
  if(GLFW AND XVFB_RUN)
    step("running ${cmake_app}_glfw under Xvfb" ${XVFB_RUN} -a ${cmake_app}_glfw)
    if(NOT step_output MATCHES "backend = glfw, window: ok\nsum = 250\n")
      message(FATAL_ERROR "${cmake_app}_glfw printed\n${step_output}")
    endif()
    message(STATUS "install_consumer: ${cmake_app}_glfw:\n${step_output}")
  endif()
  return()
endif()

file(REMOVE_RECURSE ${WORK_DIR})
step("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix} --config ${CONFIG})

# What the issue promises is there, and nothing installed points back into the build machine's
# source or build tree.
file(GLOB_RECURSE config_file ${prefix}/*/glcompute-config.cmake)
file(GLOB_RECURSE pc_file ${prefix}/*/pkgconfig/glcompute.pc)
file(GLOB_RECURSE archive ${prefix}/*/libglcompute.a)
foreach(f glcompute/glcompute.hpp glcompute/third_party/glad/gl.h glcompute/third_party/glad/egl.h
          glcompute/third_party/KHR/khrplatform.h glcompute/third_party/EGL/eglplatform.h)
  if(NOT EXISTS ${prefix}/include/${f})
    message(FATAL_ERROR "not installed: include/${f}")
  endif()
endforeach()
if(CLI AND NOT EXISTS ${prefix}/bin/glcompute)
  message(FATAL_ERROR "not installed: bin/glcompute")
endif()
if(NOT EXISTS ${prefix}/share/glcompute/shaders/glcompute/grid.glsl)
  message(FATAL_ERROR "not installed: share/glcompute/shaders/glcompute/grid.glsl")
endif()
if(NOT config_file OR NOT pc_file OR NOT archive)
  message(FATAL_ERROR "not installed: config '${config_file}', .pc '${pc_file}', archive '${archive}'")
endif()
get_filename_component(config_dir ${config_file} DIRECTORY)
file(GLOB package_files ${config_dir}/*.cmake)
foreach(f IN LISTS package_files pc_file)
  file(READ ${f} text)
  foreach(tree ${BUILD_DIR} ${SOURCE_DIR})
    string(FIND "${text}" "${tree}" at)
    if(NOT at EQUAL -1)
      message(FATAL_ERROR "${f} refers to ${tree}")
    endif()
  endforeach()
endforeach()

# find_package(glcompute) + target_link_libraries(app glcompute::glcompute).
set(generator_args -G ${GENERATOR})
if(MAKE_PROGRAM)
  list(APPEND generator_args -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
endif()
step("configuring tests/consumer with find_package(glcompute)"
     ${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${cmake_build} ${generator_args}
     -DCMAKE_BUILD_TYPE=${CONFIG} -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
     -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
file(STRINGS ${cmake_build}/CMakeCache.txt found_dir REGEX "^glcompute_DIR:")
if(NOT found_dir STREQUAL "glcompute_DIR:PATH=${config_dir}")
  message(FATAL_ERROR "the consumer found another glcompute: ${found_dir}")
endif()
step("building tests/consumer with CMake" ${CMAKE_COMMAND} --build ${cmake_build} --config ${CONFIG})
if(TESTING)
  if(NOT EXISTS ${prefix}/include/glcompute/testing.hpp)
    message(FATAL_ERROR "not installed: include/glcompute/testing.hpp")
  endif()
  step("configuring examples/shader_test with find_package(glcompute COMPONENTS testing)"
       ${CMAKE_COMMAND} -S ${SHADER_TEST_DIR} -B ${shader_test_build} ${generator_args}
       -DCMAKE_BUILD_TYPE=${CONFIG} -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
       -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
  step("building examples/shader_test" ${CMAKE_COMMAND} --build ${shader_test_build} --config ${CONFIG})
endif()
if(GLFW AND NOT EXISTS ${cmake_app}_glfw)
  message(FATAL_ERROR "find_package(glcompute OPTIONAL_COMPONENTS glfw) did not give glcompute::glfw")
endif()

# pkg-config, as a Makefile or a shell would use it.
if(NOT PKG_CONFIG)
  message(STATUS "install_consumer: pkg-config not found, its consumer build is skipped")
  return()
endif()
get_filename_component(pc_dir ${pc_file} DIRECTORY)
set(ENV{PKG_CONFIG_PATH} ${pc_dir})
step("pkg-config --cflags --libs glcompute" ${PKG_CONFIG} --cflags --libs glcompute)
string(STRIP "${step_output}" flags)
message(STATUS "install_consumer: pkg-config: ${flags}")
separate_arguments(flags UNIX_COMMAND "${flags}")
get_filename_component(pkg_dir ${pkg_app} DIRECTORY)
file(MAKE_DIRECTORY ${pkg_dir})
step("building tests/consumer with pkg-config"
     ${CXX_COMPILER} -std=c++20 -O2 ${CONSUMER_DIR}/main.cpp -o ${pkg_app} ${flags})
