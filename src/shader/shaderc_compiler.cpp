#include "shader/shaderc_compiler.hpp"

namespace glc::detail {

const shaderc::Compiler& shaderc_compiler() {
  static const shaderc::Compiler instance;  // thread-safe for concurrent use
  return instance;
}

}  // namespace glc::detail
