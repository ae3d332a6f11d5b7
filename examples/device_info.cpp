// Prints what glcompute found: driver, EGL path and device, compute limits and features.
// Usage: device_info [device-index]

#include <cstdio>
#include <cstdlib>
#include <exception>

#include <glcompute/glcompute.hpp>

int main(int argc, char** argv) try {
  glc::ContextOptions options;
  if (argc > 1) options.device = std::atoi(argv[1]);
  glc::Context ctx(options);
  std::fputs(ctx.info().to_string().c_str(), stdout);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "device_info: %s\n", e.what());
  return 1;
}
