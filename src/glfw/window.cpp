#include "glcompute/glfw.hpp"

#include "context/context_state.hpp"
#include "glcompute/error.hpp"
#include "glfw/glfw_context.hpp"

namespace glc::glfw {

GLFWwindow* window(const Context& context) {
  const auto& state = detail::Access::state(context);  // throws for a moved-from Context
  auto* glfw = dynamic_cast<detail::GlfwPlatformContext*>(state->platform());
  if (glfw == nullptr) {
    throw Error("glc::glfw::window: this context was made by the " +
                std::string(to_string(state->info().backend)) +
                " backend, not GLFW (create it with ContextOptions{.backend = glc::Backend::glfw})");
  }
  return glfw->window();
}

}  // namespace glc::glfw
