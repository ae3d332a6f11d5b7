// Nothing a program uses runs unbound: at each dispatch every kind of resource the linked
// program uses is bound from what the program holds, or the dispatch throws naming what is
// missing (throw_unbound). Each kind lives in its own file and is one row of kResourceKinds
// below. A new kind plugs in the same way: the program keeps one binding per reflected
// resource, bind_* fills it, and an apply_* member binds them all at dispatch or calls
// throw_unbound for the first one left unbound (or of a type glcompute cannot bind).

#include <string>

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
    &ProgramState::apply_texture_bindings,        // samplers of every dimension (program_textures.cpp)
};

}  // namespace

void ProgramState::apply_all_bindings() const {
  for (ApplyKind apply : kResourceKinds) (this->*apply)();
}

}  // namespace glc::detail
