#pragma once
// fork() and GL: a child inherits the parent's GL contexts as memory only. The driver's threads
// (llvmpipe's rasterizer threads, a GPU driver's submission threads) do not come along, so the
// first dispatch in the child waits for them forever — and so does a context created there,
// since the driver's per-process state is still the parent's. A process forked while it had no
// context is fine: nothing was inherited. Internal.

namespace glc::detail {

/// Marks a GL context as created (a backend's context exists) or destroyed. The first call
/// installs the fork handler that remembers, in the child, whether any context existed.
void note_context_created() noexcept;
void note_context_destroyed() noexcept;

/// True in a process forked while a GL context existed: GL must not be touched here at all
/// (not even to destroy what was inherited). A relaxed atomic load: cheap enough for every use.
bool forked_with_gl() noexcept;

/// Throws the glc::Error that says why GL cannot be used after fork() and what to do instead.
[[noreturn]] void throw_forked_with_gl(const char* operation);

}  // namespace glc::detail
