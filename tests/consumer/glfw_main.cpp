// Consumer of an installed glcompute::glfw (see tests/install_consumer.cmake): a context made by
// the GLFW backend, its window, and a computation on it. Runs under xvfb-run.
#include <glcompute/glcompute.hpp>
#include <glcompute/glfw.hpp>

#include <cstdio>
#include <string>

int main() {
  glc::Context ctx(glc::ContextOptions{.backend = glc::Backend::glfw});
  glc::Buffer<float> values = ctx.buffer<float>(1000);
  glc::fill(values, 0.25f);
  std::printf("backend = %s, window: %s\n", std::string(glc::to_string(ctx.info().backend)).c_str(),
              glc::glfw::window(ctx) != nullptr ? "ok" : "missing");
  std::printf("sum = %g\n", glc::sum(values));
  return 0;
}
