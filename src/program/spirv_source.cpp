// Source::spirv: modules compiled elsewhere (glslc --target-env=opengl, glslangValidator -G,
// Context::compile_to_spirv), read, checked and built on the SPIR-V path with the same
// reflection, binding and specialization as GLSL; and Context::compile_to_spirv.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "shader/preprocess.hpp"
#include "shader/spirv/spirv_compile.hpp"
#include "program/program_link.hpp"
#include "program/shader_limits_query.hpp"
#include "program/spirv_interface.hpp"
#include "shader/spirv/spirv_validate.hpp"
#include "program/spirv_program.hpp"
#include "shader/spirv/spirv_reflect.hpp"

namespace glc::detail {
namespace {

// A compute module of this size would be millions of instructions: a file this large is not one.
constexpr std::uintmax_t kMaxModuleBytes = std::uintmax_t{64} << 20;
constexpr std::uint32_t kMagic = 0x07230203;

constexpr std::uint32_t byteswap(std::uint32_t w) {
  return (w >> 24) | ((w >> 8) & 0xFF00) | ((w << 8) & 0xFF0000) | (w << 24);
}

[[noreturn]] void fail(const std::string& name, const std::string& message) {
  throw ShaderError("glcompute: cannot load SPIR-V module " + name, {{name, 0, message}});
}

std::vector<std::uint32_t> read_words(const Source& source) {
  const std::string& name = source.name();
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(source.path(), ec);
  if (ec || !std::filesystem::exists(status)) fail(name, "cannot open the file: it does not exist");
  if (!std::filesystem::is_regular_file(status)) fail(name, "is not a regular file");
  const std::uintmax_t bytes = std::filesystem::file_size(source.path(), ec);
  if (ec) fail(name, "cannot read its size: " + ec.message());
  if (bytes > kMaxModuleBytes) {
    fail(name, std::to_string(bytes) + " bytes is no compute shader module (at most " +
                   std::to_string(kMaxModuleBytes) + " are read)");
  }
  if (bytes % 4 != 0) fail(name, std::to_string(bytes) + " bytes is not a whole number of 32-bit words");
  std::vector<std::uint32_t> words(static_cast<std::size_t>(bytes / 4));
  std::ifstream in(source.path(), std::ios::binary);
  if (!in || !in.read(reinterpret_cast<char*>(words.data()), static_cast<std::streamsize>(bytes))) {
    fail(name, "cannot read the file");
  }
  return words;
}

ShaderConstants constants_of(const SpirvEntry& entry) {
  ShaderConstants declared;
  for (const SpirvConstant& c : entry.constants) {
    DeclaredConstant d;
    d.id = c.spec_id;
    d.type = c.type;
    d.name = c.name;
    declared.constants.push_back(std::move(d));
  }
  declared.local_size_ids = entry.local_size_ids;
  declared.declared_local_size = entry.local_size;
  // A local size constant is reported once, as local_size_*_id, not also as a constant.
  std::erase_if(declared.constants, [&](const DeclaredConstant& c) {
    return std::ranges::find(entry.local_size_ids, std::optional<std::uint32_t>(c.id)) != entry.local_size_ids.end();
  });
  return declared;
}

}  // namespace

std::vector<std::uint32_t> load_module(const Source& source) {
  std::vector<std::uint32_t> words = source.is_file() ? read_words(source) : source.words();
  const std::string& name = source.name();
  if (words.empty()) fail(name, "the module is empty");
  if (words[0] == byteswap(kMagic)) {
    for (std::uint32_t& w : words) w = byteswap(w);
  }
  if (words[0] != kMagic) {
    fail(name, "not a SPIR-V module (its first word is not the magic number 0x07230203); GLSL "
               "source is loaded with Source::file or Source::text");
  }
  if (const std::string problem = validate_spirv(words); !problem.empty()) {
    fail(name, "invalid SPIR-V for OpenGL: " + problem + " (modules for Vulkan, e.g. glslc's default "
               "--target-env=vulkan, do not load in OpenGL: compile with --target-env=opengl)");
  }
  try {
    const SpirvEntry entry = inspect_spirv(words);
    if (entry.entry_point.empty()) fail(name, "the module has no GLCompute entry point: it is not a compute shader");
    if (!entry.vulkan_only.empty()) {
      std::string what;
      for (const std::string& w : entry.vulkan_only) what += (what.empty() ? "" : ", ") + w;
      fail(name, "the module is for Vulkan: it uses " + what + ", which OpenGL does not have (push constants "
                 "would read as zeros); compile it with --target-env=opengl, push constants as a uniform block");
    }
  } catch (const ShaderError&) {
    throw;
  } catch (const Error& e) {
    fail(name, e.what());
  }
  return words;
}

void check_specialized_arrays(std::span<const std::uint32_t> module, const SpecializationValues& values,
                              const ShaderConstants& declared, const std::string& glsl,
                              const std::vector<std::string>& files) {
  const std::vector<SpirvArrayProblem> problems = check_spirv_arrays(module, values);
  if (problems.empty()) return;
  std::vector<Diagnostic> diagnostics;
  for (const SpirvArrayProblem& p : problems) {
    const auto constant = std::ranges::find_if(declared.constants, [&](const DeclaredConstant& c) {
      return !p.spec_ids.empty() && c.id == p.spec_ids.front();
    });
    if (!glsl.empty() && constant != declared.constants.end()) {
      diagnostics.push_back(locate_in_preprocessed(glsl, constant->layout_begin, files, p.message));
    } else {
      diagnostics.push_back({files.at(0), 0, p.message});
    }
  }
  throw ShaderError("glcompute: cannot compile shader " + files.at(0) + " (SPIR-V path)", std::move(diagnostics));
}

std::shared_ptr<ProgramState> build_from_module(const std::shared_ptr<ContextState>& context,
                                                const Source& source, const CompileOptions& options) {
  const std::string& name = source.name();
  if (options.path == ShaderPath::glsl) {
    fail(name, "a SPIR-V module loads on ShaderPath::spirv only, but CompileOptions::path is ShaderPath::glsl");
  }
  if (!options.defines.empty() || !options.include_dirs.empty()) {
    fail(name, "CompileOptions::defines and include_dirs apply to GLSL source; a SPIR-V module is compiled "
               "already (compile it again from GLSL with them)");
  }
  const ContextInfo& info = context->info();
  if (!info.features.gl_spirv) {
    throw Error("glcompute: cannot load SPIR-V module " + name + ": the driver (" + info.renderer +
                ") lacks ARB_gl_spirv, which loading SPIR-V needs; compile the GLSL source instead");
  }
  const std::vector<std::uint32_t> words = load_module(source);
  // A module that passes the validator can still be one reflection cannot read (types nested
  // past its limits): a ShaderError naming the module, as for every other problem with it.
  const auto named = [&](auto&& read) {
    try {
      return read();
    } catch (const ShaderError&) {
      throw;
    } catch (const Error& e) {
      fail(name, e.what());
    }
  };
  const SpirvEntry entry = named([&] { return inspect_spirv(words); });
  const ShaderConstants declared = constants_of(entry);
  const SpecializationValues values = resolve_constants(declared, options, work_group_limits(info.limits), name);
  named([&] {
    check_specialized_arrays(words, values, declared, "", {name});
    return 0;
  });
  const SpirvInterface module = named([&] { return reflect_spirv(words, values); });
  refuse_known_driver_faults(module, info.vendor, name);
  context->use();
  ProgramText text;
  text.spirv = words;
  text.entry = entry.entry_point;
  const GLuint program = link_program(text, {name}, values, nullptr);
  try {
    context->check_errors("building a program");
    ProgramInterface interface = reflect_program(program);
    complete_from_spirv(interface, module, true);
    std::vector<ImageInfo> images = reflect_images(program, interface.uniforms, "");
    complete_images(images, module);
    return std::make_shared<ProgramState>(context, program, name, std::move(interface), std::move(images));
  } catch (...) {
    glDeleteProgram(program);
    throw;
  }
}

std::vector<std::uint32_t> compile_to_spirv(const std::shared_ptr<ContextState>& context, const Source& source,
                                            const CompileOptions& options) {
  if (source.is_spirv()) {
    std::vector<std::uint32_t> words = load_module(source);
    resolve_constants(constants_of(inspect_spirv(words)), options, work_group_limits(context->info().limits), source.name());
    return words;
  }
  const PreprocessedSource pre = preprocess(source, options);
  const ShaderConstants declared = find_constants(pre.glsl, pre.files);
  const SpecializationValues values = resolve_constants(declared, options, work_group_limits(context->info().limits), pre.files.at(0));
  context->use();
  std::vector<std::uint32_t> spirv = compile_spirv(pre, query_shader_limits(context->info().limits));
  check_specialized_arrays(spirv, values, declared, pre.glsl, pre.files);
  return spirv;
}

}  // namespace glc::detail
