// Nothing a program uses runs unbound: at each dispatch every kind of resource the linked
// program uses is bound from what the program holds, or the dispatch throws naming what is
// missing. Each kind lives in its own file; this one lists them.

#include <string>

#include "context/gl_names.hpp"
#include "glcompute/error.hpp"
#include "program/program_state.hpp"

namespace glc::detail {

void throw_unbound(const ProgramState& s, const std::string& what, const char* thing, const std::string& how) {
  throw Error("Program::dispatch (" + s.name + "): " + what + " has no " + thing + " bound; " + how);
}

void ProgramState::apply_all_bindings() const {
  apply_bindings();                // storage blocks (program/block_binding.cpp)
  apply_uniform_block_bindings();  // uniform blocks (program/block_binding.cpp)
  apply_atomic_bindings();         // atomic counter buffers (program/atomic_counters.cpp)
  apply_image_bindings();          // images of every kind (program_images.cpp)
  check_samplers();                // samplers
}

void ProgramState::check_samplers() const {
  if (!interface.has_samplers) return;  // most programs: nothing to look at per dispatch
  for (const UniformInfo& u : interface.uniforms) {
    // Arrays of samplers, like arrays of images, are left to raw GL.
    if (!is_opaque_type(u.gl_type) || is_image_type(u.gl_type) || u.array_size != 1) continue;
    GLint unit = 0;
    if (u.location >= 0) glGetUniformiv(id, u.location, &unit);
    throw_unbound(*this, "sampler '" + u.name + "' (" + u.type_name + ", texture unit " + std::to_string(unit) + ")",
                  "texture",
                  "glcompute cannot bind a texture to a sampler yet: read the texture as an image "
                  "(imageLoad) and bind it with bind_image");
  }
}

}  // namespace glc::detail
