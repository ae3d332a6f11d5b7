#pragma once
// The window-system side of a context (EGL, GLFW): what the core needs from a backend once the
// GL context exists. Backends implement it; ContextState owns one. Internal.

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "glcompute/context_options.hpp"
#include "glcompute/context_info.hpp"

namespace glc::detail {

/// A created GL context, current on the creating thread with GL functions loaded (glad).
/// Backends implement bind/release; the core keeps track of which thread holds each context.
///
/// A context is held by one thread at a time: the thread that created it, until that thread
/// calls release_current() or ends; then the first thread that uses it (or calls
/// make_current()) takes it. The holder may have another context bound for a while (two
/// contexts alternate freely on one thread); it still holds this one, and no other thread can
/// take it. A thread that ends lets go of every context it holds.
class PlatformContext {
 public:
  /// Records the creating thread as the holder (backends make the context current to load GL
  /// functions before the PlatformContext exists).
  PlatformContext();
  PlatformContext(const PlatformContext&) = delete;
  PlatformContext& operator=(const PlatformContext&) = delete;
  /// Backends release and destroy their context in their destructor, after forget().
  virtual ~PlatformContext();

  /// Makes the context current on the calling thread, taking it if no thread holds it, and
  /// first unbinding the glcompute context bound there (glvnd refuses an EGL context on a thread
  /// with a current GLX context, and the other way round). Throws glc::Error if another thread
  /// holds it, naming the calls that free it.
  void make_current();
  /// Lets the context go from the calling thread (unbinding it there). Nothing happens if no
  /// thread holds it; throws glc::Error if another thread does.
  void release_current();
  /// Whether the calling thread holds the context (bound now or not). Lock-free.
  bool held_here() const noexcept;
  /// Whether the context is current on the calling thread.
  virtual bool is_current() const noexcept = 0;
  /// Fills in the backend's part of ContextInfo: backend, egl_* or glfw_version.
  virtual void describe(ContextInfo& info) const = 0;
  /// Whether the context was requested with LOSE_CONTEXT_ON_RESET notification (the GL side
  /// is checked separately: the driver must also expose glGetGraphicsResetStatus).
  virtual bool requested_reset_notification() const noexcept = 0;

  /// Unbinds the glcompute context bound on the calling thread, if any, which stays held: called
  /// before a backend creates a context (and makes it current), for the same glvnd rule.
  static void unbind_here() noexcept;

 protected:
  /// The backend's make-current call; throws glc::Error if it fails.
  virtual void bind() = 0;
  /// Releases the context from the calling thread, where it is current. Never throws.
  virtual void release() noexcept = 0;
  /// Removes the context from the record of holders: the first thing a backend's destructor
  /// does, so that no thread that ends releases it while it is being destroyed.
  void forget() noexcept;

 private:
  friend void let_go_of_ending_thread() noexcept;
  /// The holding thread; a default id when none. Written under the registry's mutex.
  std::atomic<std::thread::id> holder_;
};

/// Lets go of every context the calling thread holds (unbinding the one bound there): run when
/// a thread ends. Internal to platform_context.cpp.
void let_go_of_ending_thread() noexcept;

/// One way of creating a context that was tried, and why it did not give one.
struct Attempt {
  std::string path;
  std::string outcome;
};

/// Thrown by a backend when none of its paths gave a context: the caller collects the attempts
/// of every backend it tried into one glc::Error. Usage errors (a bad option) are glc::Error.
struct BackendUnavailable {
  std::vector<Attempt> attempts;
  /// What to install or set up so that this backend works.
  std::string hint;
  /// The user chose an EGL device (ContextOptions::device, GLCOMPUTE_DEVICE): another backend
  /// would not honour that choice, so Backend::automatic stops here.
  bool device_requested = false;
};

/// The core profile versions a backend asks for, newest first (drivers refuse versions they
/// lack): `min` where it is above 4.6, then 4.6 down to 4.3.
std::vector<GlVersion> core_versions_to_try(GlVersion min);
/// Why a context of version `created` cannot serve `min` ("GL 4.6 core was required but this
/// driver offers at most 4.5"), or "" where it can.
std::string below_minimum(GlVersion created, GlVersion min);

/// Why a backend has no context when the driver refused every version it asked for:
/// "no GL core context of version 4.5 or later (eglCreateContext refused 4.6: ...; 4.5: ...;)",
/// naming the lowest version `min` accepted, the call that refused (`call`) and `refusals`
/// (" 4.6: reason;" for each version tried).
std::string no_core_context(GlVersion min, const char* call, const std::string& refusals);

/// A backend's constructor: creates a context as `options` ask, or throws BackendUnavailable
/// (no path worked) or glc::Error (bad options).
using PlatformFactory = std::unique_ptr<PlatformContext> (*)(const ContextOptions& options);

}  // namespace glc::detail
