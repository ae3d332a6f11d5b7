#include "kernels/kernel_cache.hpp"

#include "context/context_state.hpp"
#include "glcompute/error.hpp"
#include "shader/embedded_shaders.hpp"
#include "util/sha256.hpp"

namespace glc::detail {
namespace {

/// The digest of every shader compiled into the library: with a kernel's name and defines it
/// determines the kernel's preprocessed source, so it identifies the program in the cache.
const std::string& embedded_digest() {
  static const std::string digest = [] {
    std::string all;
    for (const EmbeddedShader& s : embedded_shaders()) {
      all += s.path;
      all += '\0';
      all += s.text;
      all += '\0';
    }
    return to_hex(sha256(all));
  }();
  return digest;
}

}  // namespace

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
    const std::string identity = "glcompute library kernel " + key + " " + embedded_digest();
    kernel = std::make_unique<Kernel>(
        build_program(context, Source::text(embedded->text, shader), options, identity));
  }
  return *kernel;
}

}  // namespace glc::detail
