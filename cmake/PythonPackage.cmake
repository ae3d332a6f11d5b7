# The Python package `glcompute` (src/python): a pybind11 extension module plus the package's
# pure-Python files, laid out in ${GLCOMPUTE_PYTHON_DIR}/glcompute so that
# PYTHONPATH=${GLCOMPUTE_PYTHON_DIR} imports it from the build tree; tests in tests/python (pytest,
# through ctest), examples in examples/python.
#
# On by default where Python 3's development files, pybind11 (2.10+) and NumPy are found for
# the interpreter CMake picks: pass -DPython3_EXECUTABLE=/usr/bin/python3 where another python3
# comes first on PATH (Debian's python3-numpy belongs to /usr/bin/python3). Debian 12:
# python3-dev pybind11-dev python3-numpy python3-pytest.
find_package(Python3 3.8 QUIET COMPONENTS Interpreter Development.Module)
find_package(pybind11 2.10 QUIET CONFIG)
set(_glc_python_default OFF)
if(Python3_FOUND AND pybind11_FOUND)
  execute_process(COMMAND ${Python3_EXECUTABLE} -c "import numpy"
                  RESULT_VARIABLE _glc_numpy OUTPUT_QUIET ERROR_QUIET)
  if(_glc_numpy EQUAL 0)
    set(_glc_python_default ON)
  else()
    message(STATUS "glcompute Python package not built: ${Python3_EXECUTABLE} cannot import numpy "
                   "(Debian: python3-numpy, for /usr/bin/python3: -DPython3_EXECUTABLE=/usr/bin/python3)")
  endif()
else()
  message(STATUS "glcompute Python package not built: needs Python 3 development files and pybind11 "
                 "(Debian: python3-dev pybind11-dev)")
endif()
option(GLCOMPUTE_PYTHON "Build the Python package glcompute (pybind11 + NumPy)" ${_glc_python_default})
# With the GLFW backend, the module needs libglfw.so.3 (and X11's libraries) to load at all;
# OFF keeps it to libEGL, for machines without them (Context(backend="glfw") then says so).
option(GLCOMPUTE_PYTHON_GLFW "Link the GLFW backend into the Python package" ${GLCOMPUTE_GLFW})

if(GLCOMPUTE_PYTHON)
  find_package(Python3 3.8 REQUIRED COMPONENTS Interpreter Development.Module)
  find_package(pybind11 2.10 REQUIRED CONFIG)
  set(GLCOMPUTE_PYTHON_DIR ${PROJECT_BINARY_DIR}/python)
  # Where `cmake --install <build> --component python` puts the package: the interpreter's own
  # site directory for this prefix (Debian's python3 with prefix /usr/local:
  # /usr/local/lib/python3.11/dist-packages, on its sys.path). Relative to the prefix, so
  # `--prefix DIR` moves it along.
  execute_process(
    COMMAND ${Python3_EXECUTABLE} -c
      "import sys, sysconfig; p = sysconfig.get_paths()['platlib']; b = sys.argv[1].rstrip('/') + '/'; print(p[len(b):] if p.startswith(b) else 'lib/python%d.%d/site-packages' % sys.version_info[:2])"
      ${CMAKE_INSTALL_PREFIX}
    OUTPUT_VARIABLE _glc_site OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(GLCOMPUTE_PYTHON_INSTALL_DIR ${_glc_site} CACHE STRING
      "Where the Python package is installed (component python), relative to the install prefix")
  add_subdirectory(src/python)
endif()
