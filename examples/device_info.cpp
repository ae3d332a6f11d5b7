// Prints what glcompute found: driver, EGL path and device, compute limits and features.
// Usage: device_info [DEVICE]

#include <cstdio>
#include <exception>

#include <glcompute/glcompute.hpp>

#include "example_args.hpp"

int main(int argc, char** argv) try {
  glc::ContextOptions options;
  int device = -1;
  example::Args args("device_info", "What glcompute finds: driver, EGL path and device, compute limits and features.");
  args.app()
      .add_option("DEVICE", device, "the EGL device to use (default: GLCOMPUTE_DEVICE, else 0)")
      ->check(example::count(0, 1'000'000));
  args.parse(argc, argv);
  if (device >= 0) options.device = device;
  glc::Context ctx(options);
  std::fputs(ctx.info().to_string().c_str(), stdout);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "device_info: %s\n", e.what());
  return 1;
}
