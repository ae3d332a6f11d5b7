#include <string>

#include "program/compile_path.hpp"
#include "glcompute/error.hpp"
#include "shader/preprocess.hpp"
#include "program/program_cache.hpp"
#include "program/program_state.hpp"
#include "shader/shader_log.hpp"
#include "shader/specialization.hpp"
#include "program/spirv_program.hpp"
#include "shader/spirv/spirv_compile.hpp"

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

[[noreturn]] void throw_log(const std::string& what, const std::string& log,
                            const std::vector<std::string>& files) {
  std::vector<Diagnostic> diagnostics = parse_driver_log(log, files, true);
  if (diagnostics.empty()) diagnostics = parse_driver_log(log, files, false);
  if (diagnostics.empty()) diagnostics.push_back({files.at(0), 0, "the driver gave no message"});
  throw ShaderError("glcompute: cannot " + what + " shader " + files.at(0), std::move(diagnostics));
}

/// Compiles the shader on `path` and links it. Throws glc::ShaderError with the driver's
/// messages mapped back to the source files.
GLuint compile_and_link(const PreprocessedSource& pre, ShaderPath path,
                        const std::vector<std::uint32_t>& spirv, const ShaderConstants& declared,
                        const SpecializationValues& values, const ProgramCache* cache) {
  ShaderObject shader;
  if (path == ShaderPath::spirv) {
    load_spirv(shader.id(), spirv, values);
  } else {
    const std::string glsl = specialize_glsl(pre.glsl, declared, values);
    const char* text = glsl.c_str();
    glShaderSource(shader.id(), 1, &text, nullptr);
    glCompileShader(shader.id());
  }
  GLint ok = GL_FALSE;
  glGetShaderiv(shader.id(), GL_COMPILE_STATUS, &ok);
  if (!ok) throw_log("compile", shader_log(shader.id()), pre.files);

  const GLuint program = glCreateProgram();
  if (cache) cache->prepare_for_link(program);
  glAttachShader(program, shader.id());
  glLinkProgram(program);
  glDetachShader(program, shader.id());
  glGetProgramiv(program, GL_LINK_STATUS, &ok);
  if (!ok) {
    const std::string log = program_log(program);
    glDeleteProgram(program);
    throw_log("link", log, pre.files);
  }
  return program;
}

}  // namespace

std::shared_ptr<ProgramState> build_program(const std::shared_ptr<ContextState>& context,
                                            const Source& source, const CompileOptions& options) {
  const PreprocessedSource pre = preprocess(source, options);
  const ShaderConstants declared = find_constants(pre.glsl, pre.files);
  const ComputeLimits& limits = context->info().limits;
  const SpecializationValues values = resolve_constants(
      declared, options, {limits.max_work_group_size, limits.max_work_group_invocations}, pre.files.at(0));
  const ShaderPath path = resolve_shader_path(context->info(), options.path);
  std::vector<std::uint32_t> spirv;
  if (path == ShaderPath::spirv) spirv = compile_spirv(pre);
  context->use();

  // A program linked before, in this process or an earlier one, is loaded instead of compiled.
  // Programs made from SPIR-V are not cached: Mesa 22's glGetProgramBinary crashes on them.
  ProgramCache* cache = path == ShaderPath::glsl ? &context->attachment<ProgramCache>() : nullptr;
  const ProgramCache::Key key = cache ? cache->key(pre.glsl, canonical_options(options, path)) : ProgramCache::Key{};
  GLuint program = cache ? cache->load(key) : 0;
  const bool from_cache = program != 0;
  if (!from_cache) program = compile_and_link(pre, path, spirv, declared, values, cache);
  try {
    context->check_errors("building a program");
    if (!from_cache && cache) cache->store(key, program);
    ProgramInterface interface = reflect_program(program);
    if (path == ShaderPath::spirv) name_from_spirv(interface, spirv, values);
    std::vector<ImageInfo> images = reflect_images(program, interface.uniforms, pre.glsl);
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
