#pragma once
// The glcompute command's arguments as given (CLI11 fills these in main.cpp); the commands
// read and check them.

#include <string>
#include <vector>

namespace glc::cli {

/// --device N, --backend egl|glfw
struct ContextArgs {
  std::string device;
  std::string backend;
};

/// SHADER, -I DIR, --define NAME[=VALUE], --specialize NAME|ID=VALUE, --local-size X[,Y,Z],
/// --path glsl|spirv
struct ShaderArgs {
  std::string shader;
  std::vector<std::string> include_dirs;
  std::vector<std::string> defines;
  std::vector<std::string> specializations;
  std::string local_size;
  std::string path;
};

/// glcompute run
struct RunArgs {
  ShaderArgs shader;
  ContextArgs context;
  std::vector<std::string> buffers;         ///< NAME=SPEC
  std::vector<std::string> uniform_blocks;  ///< NAME=FILE.npy|[v,...]:DTYPE
  std::vector<std::string> sets;            ///< NAME=VALUE
  std::string groups;                       ///< X[,Y[,Z]]
  std::string for_size;                     ///< N[,NY[,NZ]]
  std::string repeat;                       ///< K
  std::vector<std::string> prints;          ///< NAME[:SHAPE]
  std::vector<std::string> outs;            ///< NAME=FILE.npy[:SHAPE]
  bool time = false;
};

/// glcompute compile
struct CompileArgs {
  ShaderArgs shader;
  ContextArgs context;
  std::string spirv;  ///< OUT.spv
};

/// glcompute info
struct InfoArgs {
  ContextArgs context;
};

}  // namespace glc::cli
