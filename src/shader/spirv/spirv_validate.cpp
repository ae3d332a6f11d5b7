#include "shader/spirv/spirv_validate.hpp"

#include <spirv-tools/libspirv.hpp>

namespace glc::detail {

std::string validate_spirv(std::span<const std::uint32_t> words) {
  spvtools::SpirvTools tools(SPV_ENV_OPENGL_4_5);
  std::string first;
  tools.SetMessageConsumer([&](spv_message_level_t level, const char*, const spv_position_t& position,
                               const char* message) {
    if (level > SPV_MSG_ERROR || !first.empty()) return;
    first = std::string(message ? message : "invalid module");
    if (position.index != 0) first += " (at word " + std::to_string(position.index) + ")";
  });
  if (tools.Validate(words.data(), words.size())) return {};
  return first.empty() ? std::string("the SPIR-V validator refused it") : first;
}

}  // namespace glc::detail
