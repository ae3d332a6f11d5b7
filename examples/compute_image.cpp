// An image computed on the GPU with image load/store: the Mandelbrot set. One shader stores
// each pixel's escape count into an r32ui texture; a second reads the counts and a palette
// texture and stores colours into an rgba8 texture. With `--out file.png` the image is written
// as a PNG (no window, no display needed); without it, the image is shown in a window, where
// glcompute was built with its GLFW backend.
//
// Usage: compute_image [--size WxH] [--iterations N] [--center X,Y] [--span S] [--out file.png]
// (defaults: 1024x768, 500 iterations, the whole set; N + 1 is the palette texture's width, so
// N stays below the driver's maximum texture size.)
//
// The image is exactly reproducible on the CPU (tests/test_compute_image.cpp does so):
// - pixel (x, y), row 0 at the top, is c = (x0 + (x + 0.5) * step, y0 - (y + 0.5) * step) in
//   float arithmetic, with step = float(S / W), x0 = float(X - S / 2) and
//   y0 = float(Y + S * H / (2 * W)) computed in double;
// - its escape count n is the number of steps z <- z^2 + c from z = 0, at most N, taken while
//   |z|^2 <= 4, in float with every operation rounded (no fused multiply-add: `precise`);
// - its colour is palette[n]: black for n = N, else the cosine gradient below.

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <numbers>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <glcompute/glcompute.hpp>

#include "example_args.hpp"

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

#ifdef GLCOMPUTE_EXAMPLE_WINDOW
#include <glad/gl.h>  // raw GL for the blit to the window
#include <glcompute/glfw.hpp>
#endif

namespace {

constexpr const char* kEscapeShader = R"(#version 430
layout(local_size_x = 16, local_size_y = 16) in;
layout(r32ui, binding = 0) uniform writeonly uimage2D counts;
uniform float x0;
uniform float y0;
uniform float pixel_step;
uniform uint iterations;

void main() {
  ivec2 p = ivec2(gl_GlobalInvocationID.xy);
  if (any(greaterThanEqual(p, imageSize(counts)))) return;
  // `precise`: every operation rounded on its own, as on the CPU, so counts match exactly.
  precise float cx = x0 + (float(p.x) + 0.5) * pixel_step;
  precise float cy = y0 - (float(p.y) + 0.5) * pixel_step;
  precise float x = 0.0;
  precise float y = 0.0;
  uint n = 0u;
  for (; n < iterations; ++n) {
    precise float xx = x * x;
    precise float yy = y * y;
    precise float r2 = xx + yy;
    if (r2 > 4.0) break;
    precise float xy = x * y;
    y = xy + xy + cy;
    x = xx - yy + cx;
  }
  imageStore(counts, p, uvec4(n));
}
)";

constexpr const char* kColorShader = R"(#version 430
layout(local_size_x = 16, local_size_y = 16) in;
layout(r32ui, binding = 0) uniform readonly uimage2D counts;
layout(rgba8, binding = 1) uniform readonly image2D palette;  // (iterations + 1) x 1
layout(rgba8, binding = 2) uniform writeonly image2D image;

void main() {
  ivec2 p = ivec2(gl_GlobalInvocationID.xy);
  if (any(greaterThanEqual(p, imageSize(image)))) return;
  uint n = imageLoad(counts, p).x;
  imageStore(image, p, imageLoad(palette, ivec2(int(n), 0)));
}
)";

/// Far more than a float-precision view needs; keeps N + 1 from overflowing.
constexpr std::uint32_t kMaxIterations = 1'000'000;

struct Options {
  std::uint32_t width = 1024;
  std::uint32_t height = 768;
  std::uint32_t iterations = 500;
  double center_x = -0.75;
  double center_y = 0.0;
  double span = 3.5;  // width of the view on the real axis
  std::string out;    // PNG path; empty: show a window
};

/// One colour per escape count: a cosine gradient over log(1 + n), three cycles from n = 0 to
/// N, and black for the points that never escaped.
std::vector<std::uint8_t> make_palette(std::uint32_t iterations) {
  std::vector<std::uint8_t> rgba(4 * (std::size_t{iterations} + 1));
  const double phase[3] = {0.0, 0.10, 0.20};
  for (std::uint32_t n = 0; n < iterations; ++n) {
    const double t = std::log(1.0 + n) / std::log(1.0 + iterations);
    for (int c = 0; c < 3; ++c) {
      const double v = 0.5 + 0.5 * std::cos(2.0 * std::numbers::pi * (3.0 * t + phase[c]));
      rgba[4 * n + c] = static_cast<std::uint8_t>(std::lround(255.0 * v));
    }
    rgba[4 * n + 3] = 255;
  }
  rgba[4 * std::size_t{iterations} + 3] = 255;  // the set itself: opaque black
  return rgba;
}

/// Computes the image into an rgba8 texture.
glc::Texture2D render(glc::Context& ctx, const Options& o) {
  glc::Program escape = ctx.compile(glc::Source::text(kEscapeShader, "escape.comp"));
  glc::Program color = ctx.compile(glc::Source::text(kColorShader, "color.comp"));
  glc::Texture2D counts = ctx.texture2d(o.width, o.height, glc::TextureFormat::r32ui);
  glc::Texture2D palette = ctx.texture2d(o.iterations + 1, 1, glc::TextureFormat::rgba8);
  glc::Texture2D image = ctx.texture2d(o.width, o.height, glc::TextureFormat::rgba8);
  palette.write(make_palette(o.iterations));

  escape.bind_image("counts", counts)
      .set("x0", static_cast<float>(o.center_x - o.span / 2))
      .set("y0", static_cast<float>(o.center_y + o.span * o.height / (2.0 * o.width)))
      .set("pixel_step", static_cast<float>(o.span / o.width))
      .set("iterations", o.iterations);
  color.bind_image("counts", counts).bind_image("palette", palette).bind_image("image", image);
  // The second dispatch reads what the first stored: glcompute puts the barrier between them.
  const glc::Timing t = ctx.time([&] {
    escape.dispatch_for(o.width, o.height);
    color.dispatch_for(o.width, o.height);
  });
  std::printf("compute_image: %ux%u, %u iterations: %.2f ms (%s)\n", o.width, o.height,
              o.iterations, t.seconds * 1e3, t.gpu_timer ? "GPU timer" : "host clock");
  return image;
}

void write_png(const glc::Texture2D& image, const std::string& path) {
  const std::vector<std::uint8_t> rgba = image.read<std::uint8_t>();  // row 0 (the top) first
  const int w = static_cast<int>(image.width()), h = static_cast<int>(image.height());
  if (stbi_write_png(path.c_str(), w, h, 4, rgba.data(), 4 * w) == 0) {
    throw std::runtime_error("cannot write " + path);
  }
  std::printf("compute_image: wrote %s\n", path.c_str());
}

#ifdef GLCOMPUTE_EXAMPLE_WINDOW
/// A framebuffer reading from a texture, for glBlitFramebuffer.
class ReadFramebuffer {
 public:
  explicit ReadFramebuffer(const glc::Texture2D& texture) {
    glGenFramebuffers(1, &id_);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, id_);
    glFramebufferTexture2D(GL_READ_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture.id(),
                           0);
  }
  ~ReadFramebuffer() { glDeleteFramebuffers(1, &id_); }
  ReadFramebuffer(const ReadFramebuffer&) = delete;
  ReadFramebuffer& operator=(const ReadFramebuffer&) = delete;
  GLuint id() const { return id_; }

 private:
  GLuint id_ = 0;
};

/// Shows `image` in the context's window until it is closed.
void show(glc::Context& ctx, const glc::Texture2D& image) {
  GLFWwindow* window = glc::glfw::window(ctx);
  const int w = static_cast<int>(image.width()), h = static_cast<int>(image.height());
  glfwSetWindowTitle(window, "compute_image");
  glfwSetWindowSize(window, w, h);
  glfwShowWindow(window);
  ReadFramebuffer source(image);
  // glcompute orders its own reads after the shaders' stores; a blit is raw GL, so the barrier
  // for reading the texture as a framebuffer is issued here.
  glMemoryBarrier(GL_FRAMEBUFFER_BARRIER_BIT);
  while (!glfwWindowShouldClose(window)) {
    int fw = 0, fh = 0;
    glfwGetFramebufferSize(window, &fw, &fh);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, source.id());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    // Destination rows flipped: texture row 0 is the top of the image, GL's row 0 the bottom.
    glBlitFramebuffer(0, 0, w, h, 0, fh, fw, 0, GL_COLOR_BUFFER_BIT, GL_LINEAR);
    glfwSwapBuffers(window);
    glfwWaitEvents();
  }
}
#endif

// "AxB" with `separator` between two values, each read by `read_one` (which returns a reason,
// or nothing for a good value); the reason where the text is not that.
template <class T, class Read>
std::string read_pair(const std::string& text, char separator, T& a, T& b, Read read_one) {
  const std::size_t at = text.find(separator);
  if (at == std::string::npos) return "'" + text + "' is not two values separated by '" + separator + "'";
  std::string first = text.substr(0, at), second = text.substr(at + 1);
  for (std::string* part : {&first, &second}) {
    if (std::string problem = read_one(*part); !problem.empty()) return problem;
  }
  a = static_cast<T>(std::strtod(first.c_str(), nullptr));
  b = static_cast<T>(std::strtod(second.c_str(), nullptr));
  return {};
}

Options parse(int argc, char** argv) {
  Options o;
  example::Args args("compute_image",
                     "The Mandelbrot set computed by compute shaders into textures: written as a PNG "
                     "with --out, else shown in a window (GLFW backend, needs a display).");
  CLI::App& app = args.app();
  std::string size, center;
  app.add_option("--size", size, "image size in pixels (default 1024x768)")
      ->option_text("WxH")
      ->check(CLI::Validator([&](std::string& text) {
        return read_pair(text, 'x', o.width, o.height, [](std::string& s) { return example::count(1, UINT32_MAX)(s); });
      }, "WxH"));
  app.add_option("--iterations", o.iterations, "most steps per pixel (default 500)")
      ->option_text("N")
      ->check(example::count(1, kMaxIterations));
  app.add_option("--center", center, "the view's center (default -0.75,0)")
      ->option_text("X,Y")
      ->check(CLI::Validator([&](std::string& text) {
        return read_pair(text, ',', o.center_x, o.center_y, [](std::string& s) { return example::finite()(s); });
      }, "X,Y"));
  app.add_option("--span", o.span, "the view's width on the real axis (default 3.5)")
      ->option_text("S")
      ->check(example::finite(0.0));
  app.add_option("--out", o.out, "write the image to this PNG file instead of showing it")->option_text("FILE.png");
  args.parse(argc, argv);
  if (o.out.empty()) {
#ifdef GLCOMPUTE_EXAMPLE_WINDOW
    if (std::getenv("DISPLAY") == nullptr && std::getenv("WAYLAND_DISPLAY") == nullptr) {
      args.fail("no display to show the image on (DISPLAY is not set); write it to a file with --out FILE.png");
    }
#else
    args.fail("built without the GLFW backend (glcompute::glfw), so it has no window; write the image to a "
              "file with --out FILE.png");
#endif
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) try {
  const Options o = parse(argc, argv);
  if (!o.out.empty()) {
    glc::Context ctx;  // headless: no window, no display
    write_png(render(ctx, o), o.out);
    return 0;
  }
#ifdef GLCOMPUTE_EXAMPLE_WINDOW
  std::optional<glc::Context> ctx;
  try {
    ctx.emplace(glc::ContextOptions{.backend = glc::Backend::glfw});
  } catch (const glc::Error& e) {
    throw std::runtime_error(std::string(e.what()) + "\n(no window to show the image in: write it to a file "
                             "with --out FILE.png)");
  }
  const glc::Texture2D image = render(*ctx, o);
  show(*ctx, image);
#endif
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "compute_image: %s\n", e.what());
  return 1;
}
