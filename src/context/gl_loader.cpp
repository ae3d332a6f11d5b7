#include "context/gl_loader.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <glad/egl.h>

namespace glc::detail {
namespace {

std::mutex g_load_mutex;
std::atomic<bool> g_egl_loaded{false};

// glad decides which pointers to load from the current context's GL_VERSION and extension
// list. Loading all of them, once, means answering those questions for the newest version and
// every extension glad was generated with (GLC_GLAD_GL_EXTENSIONS, from cmake/GladLoader.cmake)
// while it loads; the real functions are put back afterwards.
constexpr std::string_view kAllExtensions = GLC_GLAD_GL_EXTENSIONS;

std::vector<std::string> all_extensions() {
  std::vector<std::string> names;
  for (std::size_t at = 0; at < kAllExtensions.size();) {
    const std::size_t comma = std::min(kAllExtensions.find(',', at), kAllExtensions.size());
    if (comma > at) names.emplace_back(kAllExtensions.substr(at, comma - at));
    at = comma + 1;
  }
  return names;
}

GLADloadfunc g_get_proc_address = nullptr;  // guarded by g_load_mutex while loading
PFNGLGETSTRINGPROC g_real_get_string = nullptr;
PFNGLGETINTEGERVPROC g_real_get_integerv = nullptr;
PFNGLGETSTRINGIPROC g_real_get_stringi = nullptr;

const std::vector<std::string>& extensions_to_load() {
  static const std::vector<std::string> names = all_extensions();
  return names;
}

const GLubyte* GLAD_API_PTR newest_get_string(GLenum name) {
  if (name == GL_VERSION) return reinterpret_cast<const GLubyte*>("4.6.0 (all entry points)");
  return g_real_get_string ? g_real_get_string(name) : nullptr;
}

void GLAD_API_PTR newest_get_integerv(GLenum name, GLint* value) {
  if (name == GL_NUM_EXTENSIONS) {
    *value = static_cast<GLint>(extensions_to_load().size());
  } else if (g_real_get_integerv) {
    g_real_get_integerv(name, value);
  }
}

const GLubyte* GLAD_API_PTR newest_get_stringi(GLenum name, GLuint index) {
  if (name == GL_EXTENSIONS && index < extensions_to_load().size()) {
    return reinterpret_cast<const GLubyte*>(extensions_to_load()[index].c_str());
  }
  return g_real_get_stringi ? g_real_get_stringi(name, index) : nullptr;
}

GLADapiproc load_with_newest_answers(const char* name) {
  if (std::strcmp(name, "glGetString") == 0) return reinterpret_cast<GLADapiproc>(newest_get_string);
  if (std::strcmp(name, "glGetIntegerv") == 0) return reinterpret_cast<GLADapiproc>(newest_get_integerv);
  if (std::strcmp(name, "glGetStringi") == 0) return reinterpret_cast<GLADapiproc>(newest_get_stringi);
  return g_get_proc_address(name);
}

// The same for EGL: glad asks the EGL_VERSION and extensions of the current display, else of the
// default display (which it would open: with DISPLAY set, a connection to X11). It is told EGL
// 1.5 and every extension glad was generated with (GLC_GLAD_EGL_EXTENSIONS) instead.
constexpr const char* kAllEglExtensions = GLC_GLAD_EGL_EXTENSIONS;

void* g_egl_library = nullptr;  // libEGL, opened for good
PFNEGLGETPROCADDRESSPROC g_egl_get_proc_address = nullptr;
PFNEGLQUERYSTRINGPROC g_real_egl_query_string = nullptr;
PFNEGLGETDISPLAYPROC g_real_egl_get_display = nullptr;

const char* GLAD_API_PTR newest_egl_query_string(EGLDisplay display, EGLint name) {
  if (name == EGL_VERSION) return "1.5 (all entry points)";
  if (name == EGL_EXTENSIONS) return kAllEglExtensions;
  return g_real_egl_query_string(display, name);
}

EGLDisplay GLAD_API_PTR no_default_display(EGLNativeDisplayType) { return EGL_NO_DISPLAY; }

GLADapiproc load_egl_with_newest_answers(const char* name) {
  if (std::strcmp(name, "eglQueryString") == 0) return reinterpret_cast<GLADapiproc>(newest_egl_query_string);
  if (std::strcmp(name, "eglGetDisplay") == 0) return reinterpret_cast<GLADapiproc>(no_default_display);
  if (void* symbol = ::dlsym(g_egl_library, name)) return reinterpret_cast<GLADapiproc>(symbol);
  return reinterpret_cast<GLADapiproc>(g_egl_get_proc_address(name));
}

}  // namespace

bool load_egl() {
  if (g_egl_loaded.load(std::memory_order_acquire)) return true;
  std::lock_guard lock(g_load_mutex);
  if (g_egl_loaded.load(std::memory_order_relaxed)) return true;
  void* library = ::dlopen("libEGL.so.1", RTLD_LAZY | RTLD_LOCAL);
  if (library == nullptr) return false;  // dlerror() says why
  g_egl_library = library;
  g_egl_get_proc_address =
      reinterpret_cast<PFNEGLGETPROCADDRESSPROC>(::dlsym(library, "eglGetProcAddress"));
  g_real_egl_query_string = reinterpret_cast<PFNEGLQUERYSTRINGPROC>(::dlsym(library, "eglQueryString"));
  g_real_egl_get_display = reinterpret_cast<PFNEGLGETDISPLAYPROC>(::dlsym(library, "eglGetDisplay"));
  if (g_egl_get_proc_address == nullptr || g_real_egl_query_string == nullptr ||
      g_real_egl_get_display == nullptr) {
    return false;
  }
  const int version = gladLoadEGL(EGL_NO_DISPLAY, load_egl_with_newest_answers);
  eglQueryString = g_real_egl_query_string;
  eglGetDisplay = g_real_egl_get_display;
  if (version == 0) return false;
  g_egl_loaded.store(true, std::memory_order_release);
  return true;
}

namespace {

// What the GL pointers were loaded through: nothing yet, libEGL (for good), or another loader
// (GLFW's, where there is no libEGL), identified by what it answered for glGetString.
enum class GlSource { none, egl, other };
std::atomic<GlSource> g_gl_source{GlSource::none};
GLADapiproc g_other_fingerprint = nullptr;  // guarded by g_load_mutex

/// Loads every GL pointer through `get_proc_address`. Called with g_load_mutex held.
bool load_all_gl(GLADloadfunc get_proc_address) {
  g_get_proc_address = get_proc_address;
  g_real_get_string = reinterpret_cast<PFNGLGETSTRINGPROC>(get_proc_address("glGetString"));
  g_real_get_integerv = reinterpret_cast<PFNGLGETINTEGERVPROC>(get_proc_address("glGetIntegerv"));
  g_real_get_stringi = reinterpret_cast<PFNGLGETSTRINGIPROC>(get_proc_address("glGetStringi"));
  if (g_real_get_string == nullptr || g_real_get_integerv == nullptr || g_real_get_stringi == nullptr) {
    return false;
  }
  const int version = gladLoadGL(load_with_newest_answers);
  glad_glGetString = g_real_get_string;
  glad_glGetIntegerv = g_real_get_integerv;
  glad_glGetStringi = g_real_get_stringi;
  return version != 0;
}

GLADapiproc egl_get_proc_address(const char* name) {
  return reinterpret_cast<GLADapiproc>(g_egl_get_proc_address(name));
}

}  // namespace

bool load_gl() {
  if (g_gl_source.load(std::memory_order_acquire) == GlSource::egl) return true;
  std::lock_guard lock(g_load_mutex);
  if (g_gl_source.load(std::memory_order_relaxed) == GlSource::egl) return true;
  if (!g_egl_loaded.load(std::memory_order_relaxed) || !load_all_gl(egl_get_proc_address)) return false;
  g_gl_source.store(GlSource::egl, std::memory_order_release);
  return true;
}

bool load_gl_without_egl(GLADloadfunc get_proc_address) {
  std::lock_guard lock(g_load_mutex);
  const GlSource source = g_gl_source.load(std::memory_order_relaxed);
  if (source == GlSource::egl) return true;
  const GLADapiproc fingerprint = get_proc_address("glGetString");
  if (source == GlSource::other && fingerprint == g_other_fingerprint) return true;
  if (!load_all_gl(get_proc_address)) return false;
  g_other_fingerprint = fingerprint;
  g_gl_source.store(GlSource::other, std::memory_order_release);
  return true;
}

std::vector<std::string> current_context_extensions() {
  GLint count = 0;
  glGetIntegerv(GL_NUM_EXTENSIONS, &count);
  std::vector<std::string> names;
  for (GLint i = 0; i < count; ++i) {
    if (const GLubyte* name = glGetStringi(GL_EXTENSIONS, static_cast<GLuint>(i))) {
      names.emplace_back(reinterpret_cast<const char*>(name));
    }
  }
  return names;
}

int current_context_version() {
  GLint major = 0, minor = 0;
  glGetIntegerv(GL_MAJOR_VERSION, &major);
  glGetIntegerv(GL_MINOR_VERSION, &minor);
  return major * 10 + minor;
}

}  // namespace glc::detail
