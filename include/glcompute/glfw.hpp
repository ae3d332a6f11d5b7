#pragma once
/// @file
/// The GLFW backend's window, for programs that link glcompute::glfw. A context created with
/// `ContextOptions{.backend = glc::Backend::glfw}` (or by `Backend::automatic` falling back to
/// GLFW) lives in a hidden 640x480 GLFW window; showing that window and drawing into its
/// default framebuffer displays what a compute shader produced:
///
///     glc::Context ctx(glc::ContextOptions{.backend = glc::Backend::glfw});
///     GLFWwindow* win = glc::glfw::window(ctx);
///     glfwShowWindow(win);
///     while (!glfwWindowShouldClose(win)) {
///       ... dispatch into a texture, glBlitFramebuffer it to framebuffer 0 ...
///       glfwSwapBuffers(win);
///       glfwPollEvents();
///     }
///
/// GLFW's thread rule applies: create and destroy GLFW-backed contexts, and call window
/// functions such as glfwShowWindow and glfwPollEvents, on the main thread only. The context
/// itself may be used from one other thread at a time, like any glc::Context.
///
/// Only usable when the program links glcompute::glfw (which brings GLFW's headers).

#include "context.hpp"

// GL declarations come from glcompute's <glad/gl.h>, which refuses to follow the system's
// GL/gl.h: GLFW must not include it.
#ifndef GLFW_INCLUDE_NONE
#define GLFW_INCLUDE_NONE
#endif
#include <GLFW/glfw3.h>

namespace glc::glfw {

/// The hidden window holding `context`'s GL context. It belongs to the context: do not
/// destroy it; it goes away with the context. Throws glc::Error if `context` was not made by
/// the GLFW backend (ContextInfo::backend is not Backend::glfw) or was moved from.
GLFWwindow* window(const Context& context);

}  // namespace glc::glfw
