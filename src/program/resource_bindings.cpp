// Nothing a program uses runs unbound: at each dispatch every kind of resource the linked
// program uses is bound from what the program holds, or the dispatch throws naming what is
// missing (throw_unbound). Each kind lives in its own file and is one row of kResourceKinds
// below. A new kind (samplers bound to textures, textures of another dimension behind
// images) plugs in the same way: the program keeps one binding per reflected resource, bind_*
// fills it, and an apply_* member binds them all at dispatch or calls throw_unbound for the
// first one left unbound. Until then the kind's row refuses what nothing can bind yet.

#include <string>

#include "context/gl_names.hpp"
#include "glcompute/error.hpp"
#include "program/program_state.hpp"

namespace glc::detail {

void throw_unbound(const ProgramState& s, const std::string& what, const char* thing, const std::string& how) {
  throw Error("Program::dispatch (" + s.name + "): " + what + " has no " + thing + " bound; " + how);
}

namespace {

/// One kind of resource: binds every resource of the kind that the program uses, or throws.
using ApplyKind = void (ProgramState::*)() const;

constexpr ApplyKind kResourceKinds[] = {
    &ProgramState::apply_bindings,                // storage blocks (block_binding.cpp)
    &ProgramState::apply_uniform_block_bindings,  // uniform blocks (block_binding.cpp)
    &ProgramState::apply_atomic_bindings,         // atomic counter buffers (atomic_counters.cpp)
    &ProgramState::apply_image_bindings,          // images of every dimension (program_images.cpp)
    &ProgramState::check_samplers,                // samplers (below)
};

}  // namespace

void ProgramState::apply_all_bindings() const {
  for (ApplyKind apply : kResourceKinds) (this->*apply)();
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
