#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "program/compile_path.hpp"
#include "glcompute/error.hpp"
#include "program/program_cache.hpp"
#include "program/program_link.hpp"
#include "program/program_state.hpp"
#include "program/shader_limits_query.hpp"
#include "program/spirv_interface.hpp"
#include "program/spirv_program.hpp"
#include "shader/driver_lines.hpp"
#include "shader/preprocess.hpp"
#include "shader/shader_log.hpp"
#include "shader/specialization.hpp"
#include "shader/spirv/spirv_compile.hpp"
#include "shader/spirv/spirv_reflect.hpp"

namespace glc::detail {
namespace {

/// Owns a shader object for the duration of a build.
class ShaderObject {
 public:
  ShaderObject() : id_(glCreateShader(GL_COMPUTE_SHADER)) {}
  ~ShaderObject() { glDeleteShader(id_); }
  ShaderObject(const ShaderObject&) = delete;
  ShaderObject& operator=(const ShaderObject&) = delete;
  GLuint id() const { return id_; }

 private:
  GLuint id_;
};

std::string shader_log(GLuint shader) {
  GLint length = 0;
  glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
  std::string log(static_cast<std::size_t>(length), '\0');
  GLsizei written = 0;  // the length counts the terminating NUL; `written` does not
  if (length > 0) glGetShaderInfoLog(shader, length, &written, log.data());
  log.resize(static_cast<std::size_t>(written));
  return log;
}

std::string program_log(GLuint program) {
  GLint length = 0;
  glGetProgramiv(program, GL_INFO_LOG_LENGTH, &length);
  std::string log(static_cast<std::size_t>(length), '\0');
  GLsizei written = 0;
  if (length > 0) glGetProgramInfoLog(program, length, &written, log.data());
  log.resize(static_cast<std::size_t>(written));
  return log;
}

[[noreturn]] void throw_log(const std::string& what, const std::string& log, const std::vector<std::string>& files,
                            const DriverText* text, std::optional<Diagnostic> note = {}) {
  std::vector<Diagnostic> diagnostics = parse_driver_log(log, files, true);
  if (diagnostics.empty()) diagnostics = parse_driver_log(log, files, false);
  if (text) relocate(diagnostics, *text, files);
  if (diagnostics.empty()) diagnostics.push_back({files.at(0), 0, "the driver gave no message"});
  if (note) diagnostics.push_back(std::move(*note));
  throw ShaderError("glcompute: cannot " + what + " shader " + files.at(0), std::move(diagnostics));
}

/// A number from the start of `text` ("4.50 NVIDIA" -> 450 for `scale` 100 after the dot).
int version_number(const std::string& text) {
  int major = 0, minor = 0;
  if (std::sscanf(text.c_str(), "%d.%d", &major, &minor) != 2) return 0;
  return major * 100 + minor;
}

/// Where the GLSL path fails on a #version the driver's GLSL compiler does not take (460 on a
/// GL 4.5 driver), a note saying ShaderPath::spirv takes it: shaderc compiles GLSL 4.60.
std::optional<Diagnostic> version_note(const PreprocessedSource& pre, const ContextInfo& info) {
  const std::size_t at = pre.glsl.find("#version");
  if (at == std::string::npos) return std::nullopt;
  const int wanted = std::atoi(pre.glsl.c_str() + at + 8);
  const int supported = version_number(info.glsl_version);
  if (supported == 0 || wanted <= supported) return std::nullopt;
  const std::string version = "#version " + std::to_string(wanted);
  Diagnostic note = locate_in_preprocessed(pre.glsl, at, pre.files, "");
  note.message = info.features.gl_spirv
      ? version + " is above the GLSL " + info.glsl_version.substr(0, 4) + " this driver compiles, but "
            "ShaderPath::spirv accepts it (CompileOptions::path = glc::ShaderPath::spirv, or "
            "GLCOMPUTE_SHADER_PATH=spirv): shaderc compiles it to SPIR-V, which this driver loads"
      : version + " is above the GLSL " + info.glsl_version.substr(0, 4) + " this driver compiles, and "
            "the driver lacks ARB_gl_spirv, which ShaderPath::spirv (where shaderc compiles GLSL 4.60) needs";
  return note;
}

}  // namespace

GLuint link_program(const ProgramText& text, const std::vector<std::string>& files,
                    const SpecializationValues& values, const ProgramCache* cache) {
  ShaderObject shader;
  std::optional<DriverText> driver_glsl;  // the GLSL path: the text without #line directives
  if (text.spirv) {
    load_spirv(shader.id(), *text.spirv, values, text.entry);
  } else {
    driver_glsl = driver_text(*text.glsl);
    const char* glsl = driver_glsl->text.c_str();
    glShaderSource(shader.id(), 1, &glsl, nullptr);
    glCompileShader(shader.id());
  }
  const DriverText* lines = driver_glsl ? &*driver_glsl : nullptr;
  GLint ok = GL_FALSE;
  glGetShaderiv(shader.id(), GL_COMPILE_STATUS, &ok);
  if (!ok) throw_log("compile", shader_log(shader.id()), files, lines, text.note);

  const GLuint program = glCreateProgram();
  if (cache) cache->prepare_for_link(program);
  glAttachShader(program, shader.id());
  glLinkProgram(program);
  glDetachShader(program, shader.id());
  glGetProgramiv(program, GL_LINK_STATUS, &ok);
  if (!ok) {
    const std::string log = program_log(program);
    glDeleteProgram(program);
    throw_log("link", log, files, lines);
  }
  return program;
}

namespace {

/// A program loaded from the cache entry named by `identity` (see build_program), or nullptr.
std::shared_ptr<ProgramState> load_by_identity(const std::shared_ptr<ContextState>& context,
                                               const Source& source, ProgramCache& cache,
                                               const ProgramCache::Key& key) {
  const GLuint program = cache.load(key);
  if (program == 0) return nullptr;
  try {
    context->check_errors("loading a program");
    ProgramInterface interface = reflect_program(program);
    // The library's kernels declare no images; a program with any is left to the full path.
    if (!reflect_images(program, interface.uniforms, "").empty()) {
      glDeleteProgram(program);
      return nullptr;
    }
    auto state = std::make_shared<ProgramState>(context, program, source.name(), std::move(interface),
                                                std::vector<ImageInfo>{});
    state->loaded_from_cache = true;
    return state;
  } catch (...) {
    glDeleteProgram(program);
    throw;
  }
}

}  // namespace

std::shared_ptr<ProgramState> build_program(const std::shared_ptr<ContextState>& context,
                                            const Source& source, const CompileOptions& options,
                                            std::string_view identity) {
  if (source.is_spirv()) return build_from_module(context, source, options);
  ProgramCache::Key identity_key;
  if (!identity.empty()) {
    const ShaderPath path = resolve_shader_path(context->info(), options.path);
    ProgramCache& cache = context->attachment<ProgramCache>();
    if (path == ShaderPath::glsl && cache.enabled()) {
      context->use();
      identity_key = cache.key(identity, canonical_options(options, path));
      if (auto state = load_by_identity(context, source, cache, identity_key)) return state;
    }
  }
  const PreprocessedSource pre = preprocess(source, options);
  const ShaderConstants declared = find_constants(pre.glsl, pre.files);
  const ComputeLimits& limits = context->info().limits;
  const SpecializationValues values = resolve_constants(declared, options, work_group_limits(limits), pre.files.at(0));
  const ShaderPath path = resolve_shader_path(context->info(), options.path);
  context->use();
  const ShaderLimits shader_limits = query_shader_limits(limits);
  std::vector<std::uint32_t> spirv;
  if (path == ShaderPath::spirv) {
    spirv = compile_spirv(pre, shader_limits);
    check_specialized_arrays(spirv, values, declared, pre.glsl, pre.files);
    if (!values.empty()) {
      // Once more with the values as the defaults: glslang gives the default block's uniforms
      // locations by the sizes it sees, and an array a value lengthens would overlap the next
      // uniform (NVIDIA refuses to link that; Mesa lets it pass).
      PreprocessedSource specialized = pre;
      specialized.expanded = with_specialized_defaults(pre.expanded, pre.glsl, declared, values);
      spirv = compile_spirv(specialized, shader_limits);
    }
  }

  // A program linked before, in this process or an earlier one, is loaded instead of compiled.
  // Programs made from SPIR-V are not cached: Mesa 22's glGetProgramBinary crashes on them.
  ProgramCache* cache = path == ShaderPath::glsl ? &context->attachment<ProgramCache>() : nullptr;
  const bool by_identity = cache && !identity_key.file_name.empty();
  const ProgramCache::Key key = by_identity ? identity_key
                                : cache     ? cache->key(pre.glsl, canonical_options(options, path))
                                            : ProgramCache::Key{};
  GLuint program = cache && !by_identity ? cache->load(key) : 0;
  const bool from_cache = program != 0;
  if (!from_cache) {
    ProgramText text;
    std::string glsl;
    if (path == ShaderPath::spirv) {
      text.spirv = spirv;
    } else {
      glsl = specialize_glsl(pre.glsl, declared, values);
      text.glsl = &glsl;
      text.note = version_note(pre, context->info());
    }
    program = link_program(text, pre.files, values, cache);
  }
  try {
    context->check_errors("building a program");
    if (!from_cache && cache) cache->store(key, program);
    ProgramInterface interface = reflect_program(program);
    // The GLSL path needs the module only where GL may show less than the shader declares;
    // shaderc's first compile in a process costs a few hundred milliseconds.
    std::optional<SpirvInterface> module;
    if (path == ShaderPath::spirv) {
      module = reflect_spirv(spirv, values);
      refuse_known_driver_faults(*module, context->info().vendor, source.name());
    } else if (interface.has_aggregates) {
      try {
        module = reflect_spirv(compile_spirv(pre, shader_limits), values);
      } catch (const Error&) {
        // shaderc refuses what the driver took (an extension it lacks): GL's view stands.
      }
    }
    if (module) complete_from_spirv(interface, *module, path == ShaderPath::spirv);
    std::vector<ImageInfo> images = reflect_images(program, interface.uniforms, pre.glsl);
    if (module) complete_images(images, *module);
    auto state = std::make_shared<ProgramState>(context, program, source.name(), std::move(interface),
                                                std::move(images));
    state->loaded_from_cache = from_cache;
    return state;
  } catch (...) {
    glDeleteProgram(program);
    throw;
  }
}

}  // namespace glc::detail
