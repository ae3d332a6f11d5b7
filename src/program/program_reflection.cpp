#include <algorithm>
#include <string>

#include "context/gl_names.hpp"
#include "shader/image_declarations.hpp"
#include "program/program_resources.hpp"
#include "program/program_state.hpp"

namespace glc::detail {

std::string resource_name(GLuint program, GLenum interface, GLuint index, GLint length) {
  std::string name(static_cast<std::size_t>(length), '\0');
  GLsizei written = 0;
  glGetProgramResourceName(program, interface, index, length, &written, name.data());
  name.resize(static_cast<std::size_t>(written));
  return name;
}

GLint active_resources(GLuint program, GLenum interface) {
  GLint count = 0;
  glGetProgramInterfaceiv(program, interface, GL_ACTIVE_RESOURCES, &count);
  return count;
}

std::string resource_name(GLuint program, GLenum interface, GLuint index) {
  GLint length = 0;
  const GLenum prop = GL_NAME_LENGTH;
  glGetProgramResourceiv(program, interface, index, 1, &prop, 1, nullptr, &length);
  return resource_name(program, interface, index, std::max(length, 1));
}

namespace {

/// Layout of a block's trailing unsized array, if any. Members of a struct array `S data[]`
/// report a top-level array size of 0 and the struct stride; a plain `float data[]` is its own
/// top level, so drivers differ (Mesa reports top-level size 1) and its own array size 0 with
/// the element stride says it. The smallest offset of such a variable is where the array starts.
void read_block_layout(GLuint program, GLuint block, StorageBlockInfo& info) {
  const GLenum count_prop = GL_NUM_ACTIVE_VARIABLES;
  GLint variable_count = 0;
  glGetProgramResourceiv(program, GL_SHADER_STORAGE_BLOCK, block, 1, &count_prop, 1, nullptr,
                         &variable_count);
  std::vector<GLint> variables(static_cast<std::size_t>(variable_count));
  const GLenum variables_prop = GL_ACTIVE_VARIABLES;
  glGetProgramResourceiv(program, GL_SHADER_STORAGE_BLOCK, block, 1, &variables_prop,
                         variable_count, nullptr, variables.data());
  const GLenum size_prop = GL_BUFFER_DATA_SIZE;
  GLint data_size = 0;
  glGetProgramResourceiv(program, GL_SHADER_STORAGE_BLOCK, block, 1, &size_prop, 1, nullptr,
                         &data_size);
  info.fixed_bytes = static_cast<std::uint64_t>(data_size);
  for (GLint variable : variables) {
    const GLenum props[] = {GL_OFFSET, GL_TOP_LEVEL_ARRAY_SIZE, GL_TOP_LEVEL_ARRAY_STRIDE,
                            GL_ARRAY_SIZE, GL_ARRAY_STRIDE};
    GLint v[5] = {};
    glGetProgramResourceiv(program, GL_BUFFER_VARIABLE, static_cast<GLuint>(variable), 5, props,
                           5, nullptr, v);
    const auto offset = static_cast<std::uint64_t>(v[0]);
    if (v[1] == 0) {  // inside an unsized top-level array (of structs or arrays)
      info.array_stride = static_cast<std::uint64_t>(v[2]);
    } else if (v[3] == 0) {  // the variable itself is the unsized array
      info.array_stride = static_cast<std::uint64_t>(v[4]);
    } else {
      continue;
    }
    info.fixed_bytes = std::min(info.fixed_bytes, offset);
  }
}

std::vector<StorageBlockInfo> read_blocks(GLuint program) {
  std::vector<StorageBlockInfo> blocks;
  const GLint count = active_resources(program, GL_SHADER_STORAGE_BLOCK);
  for (GLint i = 0; i < count; ++i) {
    const GLuint index = static_cast<GLuint>(i);
    const GLenum props[] = {GL_NAME_LENGTH, GL_BUFFER_BINDING};
    GLint values[2] = {};
    glGetProgramResourceiv(program, GL_SHADER_STORAGE_BLOCK, index, 2, props, 2, nullptr, values);
    StorageBlockInfo info;
    info.name = resource_name(program, GL_SHADER_STORAGE_BLOCK, index, values[0]);
    info.binding = static_cast<std::uint32_t>(values[1]);
    read_block_layout(program, index, info);
    blocks.push_back(std::move(info));
  }
  return blocks;
}

std::vector<UniformInfo> read_uniforms(GLuint program, bool& aggregates) {
  std::vector<UniformInfo> uniforms;
  const GLint count = active_resources(program, GL_UNIFORM);
  for (GLint i = 0; i < count; ++i) {
    const GLuint index = static_cast<GLuint>(i);
    const GLenum props[] = {GL_NAME_LENGTH, GL_TYPE, GL_LOCATION, GL_ARRAY_SIZE, GL_BLOCK_INDEX};
    GLint values[5] = {};
    glGetProgramResourceiv(program, GL_UNIFORM, index, 5, props, 5, nullptr, values);
    if (values[4] != -1 || values[2] < 0) continue;  // in a uniform block, or not settable
    UniformInfo info;
    info.name = resource_name(program, GL_UNIFORM, index, values[0]);
    if (info.name.rfind("gl_", 0) == 0) continue;  // built-ins some drivers list
    if (info.name.find_first_of(".[") != std::string::npos) aggregates = true;  // a member or an array
    if (info.name.size() > 3 && info.name.ends_with("[0]")) info.name.resize(info.name.size() - 3);
    info.gl_type = static_cast<unsigned>(values[1]);
    info.type_name = glsl_type_name(info.gl_type);
    info.location = values[2];
    info.array_size = values[3];
    uniforms.push_back(std::move(info));
  }
  return uniforms;
}

}  // namespace

ProgramInterface reflect_program(GLuint program) {
  ProgramInterface out;
  GLint size[3] = {};
  glGetProgramiv(program, GL_COMPUTE_WORK_GROUP_SIZE, size);
  for (int i = 0; i < 3; ++i) out.local_size[i] = static_cast<std::uint32_t>(size[i]);
  out.blocks = read_blocks(program);
  out.uniforms = read_uniforms(program, out.has_aggregates);
  for (const UniformInfo& u : out.uniforms) out.active_elements.push_back(u.array_size);
  reflect_blocks(program, out);
  for (const UniformInfo& u : out.uniforms) {
    if (is_opaque_type(u.gl_type)) {
      out.barrier_bits |= GL_TEXTURE_FETCH_BARRIER_BIT | GL_SHADER_IMAGE_ACCESS_BARRIER_BIT;
    }
  }
  if (active_resources(program, GL_UNIFORM_BLOCK) > 0) out.barrier_bits |= GL_UNIFORM_BARRIER_BIT;
  if (active_resources(program, GL_ATOMIC_COUNTER_BUFFER) > 0) {
    out.barrier_bits |= GL_ATOMIC_COUNTER_BARRIER_BIT;
  }
  return out;
}

std::vector<ImageInfo> reflect_images(GLuint program, const std::vector<UniformInfo>& uniforms,
                                      std::string_view glsl) {
  std::vector<ImageInfo> images;
  // Most programs have no image: their source is not scanned.
  if (std::ranges::none_of(uniforms, [](const UniformInfo& u) { return is_image_type(u.gl_type); })) {
    return images;
  }
  const std::vector<ImageDeclaration> declarations = parse_image_declarations(glsl);
  for (const UniformInfo& u : uniforms) {
    if (!is_image_type(u.gl_type)) continue;
    ImageInfo info;
    info.name = u.name;
    info.gl_type = u.gl_type;
    info.type_name = u.type_name;
    GLint unit = 0;  // the value after linking: layout(binding = N), else 0
    glGetUniformiv(program, u.location, &unit);
    info.unit = static_cast<std::uint32_t>(unit);
    info.array_size = u.array_size;
    const auto declared = std::ranges::find(declarations, u.name, &ImageDeclaration::name);
    if (declared != declarations.end()) {
      info.format = declared->format;
      info.readonly = declared->readonly;
      info.writeonly = declared->writeonly;
    }
    images.push_back(std::move(info));
  }
  return images;
}

}  // namespace glc::detail
