# The core library never links GLFW or X11 (only glcompute::glfw does). Run with cmake -P:
#   -DNM=<nm> -DREADELF=<readelf> -DARCHIVE=<libglcompute.a> -DPROGRAM=<a program linking only
#   the core>
# Fails if the archive needs a GLFW, Xlib or xcb symbol, or the program needs a GLFW or X
# library. The core's one reference to the GLFW backend is weak and stays unresolved.
cmake_minimum_required(VERSION 3.25)

execute_process(COMMAND ${NM} --undefined-only ${ARCHIVE} OUTPUT_VARIABLE undefined
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} failed on ${ARCHIVE}")
endif()
string(REGEX MATCHALL "[ \t]U (glfw[A-Za-z]*|X[A-Z][A-Za-z]*|xcb_[a-z_]*)" strong "${undefined}")
if(strong)
  message(FATAL_ERROR "${ARCHIVE} needs window-system symbols: ${strong}")
endif()
if(NOT undefined MATCHES "[ \t]w glcompute_glfw_backend")
  message(FATAL_ERROR "${ARCHIVE} should refer weakly to glcompute_glfw_backend")
endif()

execute_process(COMMAND ${READELF} --dynamic ${PROGRAM} OUTPUT_VARIABLE dynamic RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${READELF} failed on ${PROGRAM}")
endif()
string(REGEX MATCHALL "NEEDED[^\n]*\\[(libglfw|libX11|libxcb|libGLX|libGL\\.)[^]]*\\]" needed "${dynamic}")
if(needed)
  message(FATAL_ERROR "${PROGRAM} links window-system libraries: ${needed}")
endif()
message(STATUS "core links no window system: ${ARCHIVE}, ${PROGRAM}")
