// What GL reports about a linked program's uniform blocks and atomic counter buffers, and where
// the members of each block end (GL reports a block's size with the driver's padding).

#include <algorithm>
#include <string>
#include <vector>

#include "program/gl_type_shape.hpp"
#include "program/program_resources.hpp"
#include "program/program_state.hpp"

namespace glc::detail {
namespace {

/// The indices of the variables of resource `index` (GL_ACTIVE_VARIABLES).
std::vector<GLint> variables_of(GLuint program, GLenum interface, GLuint index) {
  const GLenum count_prop = GL_NUM_ACTIVE_VARIABLES, list_prop = GL_ACTIVE_VARIABLES;
  GLint count = 0;
  glGetProgramResourceiv(program, interface, index, 1, &count_prop, 1, nullptr, &count);
  std::vector<GLint> variables(static_cast<std::size_t>(std::max(count, 0)));
  if (count > 0) {
    glGetProgramResourceiv(program, interface, index, 1, &list_prop, count, nullptr, variables.data());
  }
  return variables;
}

/// Where variable `v` of `interface` (GL_UNIFORM or GL_BUFFER_VARIABLE) ends; 0 for a variable
/// in a trailing unsized array (its top-level or own array size is 0).
std::uint64_t variable_end(GLuint program, GLenum interface, GLint v) {
  const bool buffer = interface == GL_BUFFER_VARIABLE;
  const GLenum props[] = {GL_TYPE, GL_OFFSET, GL_ARRAY_SIZE, GL_ARRAY_STRIDE, GL_MATRIX_STRIDE,
                          GL_IS_ROW_MAJOR, GL_TOP_LEVEL_ARRAY_SIZE, GL_TOP_LEVEL_ARRAY_STRIDE};
  GLint p[8] = {0, 0, 1, 0, 0, 0, 1, 0};
  glGetProgramResourceiv(program, interface, static_cast<GLuint>(v), buffer ? 8 : 6, props, 8, nullptr, p);
  if (p[2] == 0 || (buffer && p[6] == 0) || p[1] < 0) return 0;
  std::uint64_t end = static_cast<std::uint64_t>(p[1]) + member_extent(static_cast<unsigned>(p[0]), p[2], p[3], p[4], p[5] != 0);
  if (buffer && p[6] > 1 && p[7] > 0) end += static_cast<std::uint64_t>(p[6] - 1) * static_cast<std::uint64_t>(p[7]);
  return end;
}

std::uint64_t members_end(GLuint program, GLenum block_interface, GLenum variable_interface, GLuint block) {
  std::uint64_t end = 0;
  for (GLint v : variables_of(program, block_interface, block)) {
    end = std::max(end, variable_end(program, variable_interface, v));
  }
  return end;
}

}  // namespace

void reflect_blocks(GLuint program, ProgramInterface& interface) {
  for (std::size_t i = 0; i < interface.blocks.size(); ++i) {
    StorageBlockInfo& block = interface.blocks[i];
    const std::uint64_t end = members_end(program, GL_SHADER_STORAGE_BLOCK, GL_BUFFER_VARIABLE, static_cast<GLuint>(i));
    block.members_end = end == 0 || end > block.fixed_bytes ? block.fixed_bytes : end;
  }
  const GLint uniform_blocks = active_resources(program, GL_UNIFORM_BLOCK);
  for (GLint i = 0; i < uniform_blocks; ++i) {
    const GLuint index = static_cast<GLuint>(i);
    const GLenum props[] = {GL_BUFFER_BINDING, GL_BUFFER_DATA_SIZE};
    GLint values[2] = {};
    glGetProgramResourceiv(program, GL_UNIFORM_BLOCK, index, 2, props, 2, nullptr, values);
    UniformBlockInfo info;
    info.name = resource_name(program, GL_UNIFORM_BLOCK, index);
    info.binding = static_cast<std::uint32_t>(values[0]);
    info.data_bytes = static_cast<std::uint64_t>(values[1]);
    const std::uint64_t end = members_end(program, GL_UNIFORM_BLOCK, GL_UNIFORM, index);
    info.members_end = end == 0 || end > info.data_bytes ? info.data_bytes : end;
    interface.uniform_blocks.push_back(std::move(info));
  }
  const GLint counter_buffers = active_resources(program, GL_ATOMIC_COUNTER_BUFFER);
  for (GLint i = 0; i < counter_buffers; ++i) {
    const GLuint index = static_cast<GLuint>(i);
    const GLenum props[] = {GL_BUFFER_BINDING, GL_BUFFER_DATA_SIZE};
    GLint values[2] = {};
    glGetProgramResourceiv(program, GL_ATOMIC_COUNTER_BUFFER, index, 2, props, 2, nullptr, values);
    AtomicCounterBufferInfo info;
    info.binding = static_cast<std::uint32_t>(values[0]);
    info.data_bytes = static_cast<std::uint64_t>(values[1]);
    for (GLint v : variables_of(program, GL_ATOMIC_COUNTER_BUFFER, index)) {
      std::string name = resource_name(program, GL_UNIFORM, static_cast<GLuint>(v));
      if (name.size() > 3 && name.ends_with("[0]")) name.resize(name.size() - 3);
      info.counters.push_back(std::move(name));
    }
    interface.atomic_buffers.push_back(std::move(info));
  }
  std::sort(interface.atomic_buffers.begin(), interface.atomic_buffers.end(),
            [](const auto& a, const auto& b) { return a.binding < b.binding; });
}

}  // namespace glc::detail
