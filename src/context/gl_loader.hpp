#pragma once
// The GL and EGL entry points glcompute calls through glad's process-wide function pointers,
// loaded once per process under a lock. Reloading them for every context (as gladLoadGL does)
// rewrites pointers other threads are calling through: a data race whenever a context is
// created while another thread works with its own. Internal.
//
// Every entry point glad knows (GL 4.6 core and the extensions glcompute was generated with) is
// loaded, whatever the first context supports: with glvnd (and EGL 1.5 generally) the pointers
// eglGetProcAddress returns do not depend on a context, nor on the window system. So glad's GLAD_GL_* flags say nothing
// about a context, and a loaded pointer does not mean a context has the function: ask the
// context (its version and extensions; see ContextState).

#include <string>
#include <vector>

#include <glad/gl.h>

namespace glc::detail {

/// Opens libEGL and loads every EGL entry point glad knows (EGL 1.5 and the extensions it was
/// generated with) once per process; true once loaded, false with dlerror() saying why where
/// libEGL cannot be opened. Thread-safe; a failure may be retried later.
bool load_egl();

/// Loads every GL entry point once per process through libEGL's eglGetProcAddress (load_egl()
/// must have succeeded); true once loaded. With glvnd these pointers are libGLdispatch's stubs,
/// valid for every context whichever window system made it (EGL or GLX), for as long as the
/// process lives (libEGL stays open). Thread-safe; after the first success it only reads a flag.
/// Needs no current context.
bool load_gl();

/// For a process without libEGL (the GLFW backend on a system without EGL): loads every GL
/// entry point through `get_proc_address`, again whenever it answers differently for
/// glGetString (GLFW unloads its GL library when it terminates, and what its pointers pointed
/// to with it; then no context exists that could be using them). True once loaded.
bool load_gl_without_egl(GLADloadfunc get_proc_address);

/// The extensions of the context current on the calling thread (GL_NUM_EXTENSIONS names).
std::vector<std::string> current_context_extensions();

/// The version of the context current on the calling thread, as major * 10 + minor (45, 46).
int current_context_version();

}  // namespace glc::detail
