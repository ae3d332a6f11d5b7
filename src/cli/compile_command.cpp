#include "compile_command.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <glcompute/context.hpp>

#include "shader_options.hpp"
#include "usage_error.hpp"

namespace glc::cli {
namespace {

std::string array_suffix(int size) { return size > 1 ? "[" + std::to_string(size) + "]" : ""; }

// One line per block, uniform and image, names aligned.
std::string interface_text(const std::string& shader, const Program& program) {
  const auto [x, y, z] = program.local_size();
  std::string text = shader + ": compiled; work group " + std::to_string(x) + " x " + std::to_string(y) + " x " +
                     std::to_string(z) + "\n";
  std::size_t width = 0;
  for (const StorageBlockInfo& b : program.storage_blocks()) width = std::max(width, b.name.size());
  for (const UniformInfo& u : program.uniforms()) width = std::max(width, u.name.size());
  const auto pad = [&](const std::string& name) { return name + std::string(width - name.size(), ' '); };
  std::vector<StorageBlockInfo> blocks = program.storage_blocks();
  std::sort(blocks.begin(), blocks.end(), [](const auto& a, const auto& b) { return a.binding < b.binding; });
  for (const StorageBlockInfo& b : blocks) {
    text += "  buffer  " + pad(b.name) + "  binding " + std::to_string(b.binding) + ": ";
    if (b.fixed_bytes != 0) text += std::to_string(b.fixed_bytes) + " bytes" + (b.array_stride != 0 ? ", then " : "");
    if (b.array_stride != 0) text += "an array of " + std::to_string(b.array_stride) + "-byte elements";
    text += "\n";
  }
  for (const UniformInfo& u : program.uniforms()) {
    const bool image = std::any_of(program.images().begin(), program.images().end(),
                                   [&](const ImageInfo& i) { return i.name == u.name; });
    if (image) continue;
    text += "  uniform " + pad(u.name) + "  " + u.type_name + array_suffix(u.array_size) + "\n";
  }
  for (const ImageInfo& i : program.images()) {
    text += "  image   " + pad(i.name) + "  " + i.type_name + array_suffix(i.array_size) +
            (i.format.empty() ? "" : " " + i.format) + ", unit " + std::to_string(i.unit) +
            (i.readonly ? ", readonly" : "") + (i.writeonly ? ", writeonly" : "") + "\n";
  }
  return text;
}

}  // namespace

void compile_shader(const CompileArgs& args) {
  const ContextOptions context = context_options(args.context);
  const CompileOptions options = compile_options(args.shader);
  if (!args.spirv.empty()) {
    throw UsageError("--spirv: this build of glcompute cannot write SPIR-V modules yet");
  }
  Context ctx(context);
  const Program program = ctx.compile(shader_source(args.shader), options);
  std::fputs(interface_text(args.shader.shader, program).c_str(), stdout);
}

void print_info(const InfoArgs& args) {
  Context ctx(context_options(args.context));
  std::fputs(ctx.info().to_string().c_str(), stdout);
}

}  // namespace glc::cli
