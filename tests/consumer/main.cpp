// Consumer of an installed glcompute (see tests/install_consumer.cmake): a context, a buffer,
// glc::fill and glc::sum, plus one raw GL call through the installed glad header.
#include <glad/gl.h>
#include <glcompute/glcompute.hpp>

#include <cstdio>

int main() {
  glc::Context ctx;
  glc::Buffer<float> values = ctx.buffer<float>(1000);
  glc::fill(values, 0.25f);
  std::printf("sum = %g\n", glc::sum(values));
  GLint invocations = 0;
  glGetIntegerv(GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS, &invocations);
  std::printf("raw GL: %s\n", invocations >= 128 ? "ok" : "failed");
  return 0;
}
