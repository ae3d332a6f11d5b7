# cmake -DREADME=<README.md> -DNAME=<name> -DCLI=<glcompute> -DSOURCE_DIR=<dir> -DEXPECTED=<file>
#       -P readme_command.cmake
# Runs the command README.md shows after the line `<!-- readme-command: NAME -->` (a ```sh block;
# build/bin/glcompute replaced by CLI, run in SOURCE_DIR) and fails unless it exits 0 and prints
# both the block after `<!-- readme-output: NAME -->` and the file EXPECTED, byte for byte.

# The fenced block that follows `marker` in `text`.
function(block_after text marker out)
  string(FIND "${text}" "${marker}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "README.md has no ${marker}")
  endif()
  string(SUBSTRING "${text}" ${at} -1 rest)
  string(FIND "${rest}" "```" open)
  string(SUBSTRING "${rest}" ${open} -1 rest)
  string(FIND "${rest}" "\n" line_end)
  math(EXPR body_begin "${line_end} + 1")
  string(SUBSTRING "${rest}" ${body_begin} -1 rest)
  string(FIND "${rest}" "```" close)
  string(SUBSTRING "${rest}" 0 ${close} body)
  set(${out} "${body}" PARENT_SCOPE)
endfunction()

file(READ ${README} readme)
block_after("${readme}" "<!-- readme-command: ${NAME} -->" command)
block_after("${readme}" "<!-- readme-output: ${NAME} -->" shown)
string(REPLACE "\\\n" " " command "${command}")
string(STRIP "${command}" command)
if(NOT command MATCHES "^build/bin/glcompute ")
  message(FATAL_ERROR "the README's command does not start with build/bin/glcompute: ${command}")
endif()
string(REGEX REPLACE "^build/bin/glcompute" "${CLI}" command "${command}")
separate_arguments(command UNIX_COMMAND "${command}")
execute_process(COMMAND ${command} WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE actual ERROR_VARIABLE errors RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the README's command exited with ${rc}:\n${errors}")
endif()
file(READ ${EXPECTED} expected)
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "the README's command prints other text than ${EXPECTED}\n--- expected\n${expected}--- actual\n${actual}")
endif()
if(NOT shown STREQUAL expected)
  message(FATAL_ERROR "README.md shows other output than ${EXPECTED}\n--- expected\n${expected}--- README\n${shown}")
endif()
message(STATUS "${actual}")
