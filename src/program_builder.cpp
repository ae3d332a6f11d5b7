#include <string>

#include "glcompute/error.hpp"
#include "preprocess.hpp"
#include "program_state.hpp"
#include "shader_log.hpp"

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

}  // namespace

std::shared_ptr<ProgramState> build_program(const std::shared_ptr<ContextState>& context,
                                            const Source& source, const CompileOptions& options) {
  const PreprocessedSource pre = preprocess(source, options);
  context->use();

  ShaderObject shader;
  const char* text = pre.glsl.c_str();
  glShaderSource(shader.id(), 1, &text, nullptr);
  glCompileShader(shader.id());
  GLint ok = GL_FALSE;
  glGetShaderiv(shader.id(), GL_COMPILE_STATUS, &ok);
  if (!ok) throw_log("compile", shader_log(shader.id()), pre.files);

  const GLuint program = glCreateProgram();
  glAttachShader(program, shader.id());
  glLinkProgram(program);
  glDetachShader(program, shader.id());
  glGetProgramiv(program, GL_LINK_STATUS, &ok);
  if (!ok) {
    const std::string log = program_log(program);
    glDeleteProgram(program);
    throw_log("link", log, pre.files);
  }
  try {
    context->check_errors("building a program");
    return std::make_shared<ProgramState>(context, program, source.name(), reflect_program(program));
  } catch (...) {
    glDeleteProgram(program);
    throw;
  }
}

}  // namespace glc::detail
