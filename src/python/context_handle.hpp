#pragma once
// The C++ context behind a Python `glcompute.Context`, shared by every Python object made from
// it, and the lock that keeps two Python threads from using one context's objects at once.

#include <memory>
#include <mutex>
#include <utility>

#include <pybind11/pybind11.h>

#include <glcompute/context.hpp>

namespace glc::python {

namespace py = pybind11;

/// One glc::Context and its lock. Buffers, programs, textures and views hold a shared_ptr to it,
/// so the GL context lives as long as anything made from it (Python has no way to use an object
/// of a destroyed context).
///
/// Why a lock: glcompute's objects are not thread-safe, and the binding releases the GIL while
/// the GPU works. Without the lock, a second Python thread could touch a program's bindings
/// while the first dispatches it. With it, the second thread waits, then gets glcompute's own
/// error if the context belongs to another thread.
struct ContextHandle {
  explicit ContextHandle(const ContextOptions& options) : context(options) {}
  Context context;
  /// Recursive: `ctx.time(work)` holds it while `work` (Python) dispatches on the same context.
  std::recursive_mutex mutex;
};

using ContextRef = std::shared_ptr<ContextHandle>;

/// Holds a context's lock for a scope. Taken with the GIL held; where another thread has the
/// lock, waits with the GIL released (that thread may need the GIL to finish).
class ContextLock {
 public:
  explicit ContextLock(ContextHandle& handle) : mutex_(handle.mutex) {
    if (mutex_.try_lock()) return;
    if (PyGILState_Check()) {
      py::gil_scoped_release no_gil;
      mutex_.lock();
    } else {
      mutex_.lock();
    }
  }
  ~ContextLock() { mutex_.unlock(); }
  ContextLock(const ContextLock&) = delete;
  ContextLock& operator=(const ContextLock&) = delete;

 private:
  std::recursive_mutex& mutex_;
};

/// Runs `work` holding the context's lock with the GIL released: for everything that may wait
/// for the GPU or copy many bytes (dispatches on llvmpipe run inside glDispatchCompute).
template <class F>
decltype(auto) without_gil(ContextHandle& handle, F&& work) {
  ContextLock lock(handle);
  py::gil_scoped_release no_gil;
  return std::forward<F>(work)();
}

/// Runs `work` holding the context's lock, keeping the GIL: for quick calls.
template <class F>
decltype(auto) locked(ContextHandle& handle, F&& work) {
  ContextLock lock(handle);
  return std::forward<F>(work)();
}

/// A shared_ptr to `object` whose deleter destroys it under its context's lock (GL objects are
/// deleted in their destructors). The deleter also keeps the context alive until then.
template <class T>
std::shared_ptr<T> owned_by(const ContextRef& context, T* object) {
  return std::shared_ptr<T>(object, [context](T* p) {
    ContextLock lock(*context);
    delete p;
  });
}

}  // namespace glc::python
