#include "compile_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include <glcompute/context.hpp>
#include <glcompute/error.hpp>

#include "shader_options.hpp"

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
  for (const UniformBlockInfo& b : program.uniform_blocks()) width = std::max(width, b.name.size());
  const auto pad = [&](const std::string& name) { return name + std::string(width - name.size(), ' '); };
  std::vector<StorageBlockInfo> blocks = program.storage_blocks();
  std::sort(blocks.begin(), blocks.end(), [](const auto& a, const auto& b) { return a.binding < b.binding; });
  for (const StorageBlockInfo& b : blocks) {
    text += "  buffer  " + pad(b.name) + "  binding " + std::to_string(b.binding) + ": ";
    if (b.fixed_bytes != 0) text += std::to_string(b.fixed_bytes) + " bytes" + (b.array_stride != 0 ? ", then " : "");
    if (b.array_stride != 0) text += "an array of " + std::to_string(b.array_stride) + "-byte elements";
    text += "\n";
  }
  std::vector<UniformBlockInfo> uniform_blocks = program.uniform_blocks();
  std::sort(uniform_blocks.begin(), uniform_blocks.end(), [](const auto& a, const auto& b) { return a.binding < b.binding; });
  for (const UniformBlockInfo& b : uniform_blocks) {
    text += "  block   " + pad(b.name) + "  binding " + std::to_string(b.binding) + ": a uniform block of " +
            std::to_string(b.data_bytes) + " bytes (std140)\n";
  }
  for (const AtomicCounterBufferInfo& a : program.atomic_counter_buffers()) {
    std::string names;
    for (const std::string& c : a.counters) names += (names.empty() ? "" : ", ") + c;
    text += "  counter binding " + std::to_string(a.binding) + ": " + names + " (" + std::to_string(a.data_bytes) +
            " bytes of atomic counters)\n";
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

// Writes the module's words in this machine's byte order, as glslc does (SPIR-V readers take
// either order, by the magic number). Through a temporary file renamed into place: a failed
// write leaves no partial module behind. Throws glc::Error naming the path.
void write_spirv(const std::filesystem::path& path, const std::vector<std::uint32_t>& words) {
  const std::filesystem::path temp = path.string() + ".tmp" + std::to_string(::getpid());
  const auto fail = [&](const char* what) {
    const std::string reason = std::strerror(errno);
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    throw Error(path.string() + ": " + what + ": " + reason);
  };
  std::FILE* file = std::fopen(temp.c_str(), "wb");
  if (file == nullptr) fail("cannot write the SPIR-V module");
  const std::size_t written = std::fwrite(words.data(), sizeof(std::uint32_t), words.size(), file);
  if (std::fclose(file) != 0 || written != words.size()) fail("cannot write the SPIR-V module");
  if (std::rename(temp.c_str(), path.c_str()) != 0) fail("cannot write the SPIR-V module");
}

}  // namespace

void compile_shader(const CompileArgs& args) {
  const ContextOptions context = context_options(args.context);
  const CompileOptions options = compile_options(args.shader);
  Context ctx(context);
  const Source source = shader_source(args.shader.shader);
  const Program program = ctx.compile(source, options);
  // The module before the listing: a module that cannot be written leaves no "compiled" line.
  if (!args.spirv.empty()) write_spirv(args.spirv, ctx.compile_to_spirv(source, options));
  std::fputs(interface_text(args.shader.shader, program).c_str(), stdout);
}

void print_info(const InfoArgs& args) {
  Context ctx(context_options(args.context));
  std::fputs(ctx.info().to_string().c_str(), stdout);
}

}  // namespace glc::cli
