#include "help_text.hpp"

namespace glc::cli {
namespace {

constexpr const char* kTopHelp = R"(usage: glcompute COMMAND [options]
GPU compute shaders from the command line, with NumPy's .npy files in and out.

commands:
  run SHADER [options]      run a compute shader on buffers; print or save them
  compile SHADER [options]  compile only: its interface, or file:line errors
  info [options]            the GL device, driver, limits and features found

  -h, --help                this text (glcompute COMMAND --help: its options)
  --version                 glcompute's version

exit status: 0 done, 1 shader, GL or file error, 2 bad command line
)";

constexpr const char* kRunHelp = R"(usage: glcompute run SHADER [options]    (SHADER: GLSL, or SPIR-V if .spv)
  --buffer NAME=SPEC    a storage block's buffer (NAME: block name or binding)
      SPEC: FILE.npy | zeros:DTYPE:SHAPE | iota:DTYPE:SHAPE
          | random:DTYPE:SHAPE[:SEED] | [v,v,...]:DTYPE   (SHAPE: N or N,M,...)
      DTYPE: bool int8 int16 int32 int64 uint8 uint16 uint32 uint64
             float16 float32 float64
  --uniform-block NAME=FILE.npy|[v,...]:DTYPE   a uniform block (std140 bytes)
  --set NAME=VALUE      a uniform, in its GLSL type: 2.5  -3  7u  true  1,2,3
  --define NAME[=VALUE] a #define       -I DIR   an #include directory
  --specialize NAME|ID=VALUE   a specialization constant: 5  5u  1.5  true
  --local-size X[,Y,Z]  the work group size, where local_size_*_id declares it
  --groups X[,Y[,Z]]    work groups to dispatch, or
  --for N[,NY[,NZ]]     enough groups for N (x NY x NZ) invocations
                        (default: --for the first --buffer's array length)
  --repeat K            dispatch K times (ping-pong is the shader's business)
  --print NAME[:SHAPE]  print a buffer after the run as NumPy prints it
  --out NAME=FILE.npy[:SHAPE]   write a buffer as .npy (dtype kept)
                        SHAPE: default the --buffer's (the .npy's, or the SHAPE)
  --time                the dispatches' GPU time, on stderr
  --device N  --backend egl|glfw  --path glsl|spirv
exit status: 0 done, 1 shader (file:line), GL or file error, 2 bad command line
)";

constexpr const char* kCompileHelp = R"(usage: glcompute compile SHADER [options]
Compiles and links a compute shader (GLSL, or SPIR-V if .spv) and prints its
interface: work group size, blocks, atomic counters, uniforms and images.
Errors are printed as file:line: message.

  --define NAME[=VALUE]        a #define
  -I DIR                       an #include directory
  --specialize NAME|ID=VALUE   a specialization constant: 5  5u  1.5  true
  --local-size X[,Y,Z]         the work group size (local_size_*_id)
  --path glsl|spirv            how the shader reaches the driver
  --spirv OUT.spv              also write the SPIR-V module, for OpenGL
                               (what --path spirv loads; glcompute run OUT.spv)
  --device N  --backend egl|glfw

exit status: 0 compiled, 1 shader error, 2 bad command line
)";

constexpr const char* kInfoHelp = R"(usage: glcompute info [options]
Prints the GL driver, how the context was made (backend, EGL path and device),
compute limits and optional features.

  --device N          the EGL device to use (default: GLCOMPUTE_DEVICE, else 0)
  --backend egl|glfw  the window-system layer (default: EGL, then GLFW)

exit status: 0 done, 1 no GL context could be made, 2 bad command line
)";

}  // namespace

std::string help_text(std::string_view command) {
  if (command == "run") return kRunHelp;
  if (command == "compile") return kCompileHelp;
  if (command == "info") return kInfoHelp;
  return kTopHelp;
}

std::string usage_line(std::string_view command) {
  if (command == "run") return "usage: glcompute run SHADER [--buffer NAME=SPEC]... [options] (--help: all)";
  if (command == "compile") return "usage: glcompute compile SHADER [options] (--help: all)";
  if (command == "info") return "usage: glcompute info [--device N] [--backend egl|glfw]";
  return "usage: glcompute run|compile|info ... (glcompute --help)";
}

}  // namespace glc::cli
