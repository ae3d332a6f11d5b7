#include "kernels/kernel_cache.hpp"

#include "context/context_state.hpp"
#include "glcompute/error.hpp"
#include "shader/embedded_shaders.hpp"

namespace glc::detail {

Kernel& KernelCache::get(const std::shared_ptr<ContextState>& context, const std::string& shader,
                         const Defines& defines) {
  std::string key = shader;
  for (const auto& [name, value] : defines) key += "|" + name + "=" + value;
  std::unique_ptr<Kernel>& kernel = context->attachment<KernelCache>().kernels_[key];
  if (!kernel) {
    const EmbeddedShader* embedded = find_embedded_shader(shader);
    if (embedded == nullptr) throw Error("glcompute: library shader '" + shader + "' is missing");
    CompileOptions options;
    options.defines = defines;
    kernel = std::make_unique<Kernel>(build_program(context, Source::text(embedded->text, shader), options));
  }
  return *kernel;
}

}  // namespace glc::detail
