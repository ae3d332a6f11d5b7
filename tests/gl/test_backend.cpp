// Backends: the GLFW backend (run under xvfb-run, which provides DISPLAY), choosing a backend
// with ContextOptions::backend and GLCOMPUTE_BACKEND, the automatic fallback from EGL to GLFW,
// the errors when backends fail, EGL and GLFW contexts side by side, and reset notification.
// This binary links glcompute::glfw.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <glad/gl.h>

#include <glcompute/glcompute.hpp>
#include <glcompute/glfw.hpp>

#include "child_without_egl.hpp"
#include "gl_test_context.hpp"

namespace {

using glc::testing::error_of;
using glc::testing::ScopedEnv;
using ::testing::HasSubstr;
using ::testing::Not;

const glc::ContextOptions kGlfw{.backend = glc::Backend::glfw};
const glc::ContextOptions kEgl{.backend = glc::Backend::egl};

bool have_display() {
  const char* display = std::getenv("DISPLAY");
  return display != nullptr && *display != '\0';
}

#define REQUIRE_DISPLAY() \
  if (!have_display()) GTEST_SKIP() << "needs an X server: ctest runs this binary under xvfb-run"

/// Doubles 1000 floats on `ctx` and checks the result: proof that compute works there.
void expect_compute_works(glc::Context& ctx) {
  glc::Program doubler = ctx.compile(glc::Source::text(R"(
    #version 430
    layout(local_size_x = 64) in;
    layout(std430, binding = 0) buffer Data { float v[]; };
    uniform uint n;
    void main() { uint i = gl_GlobalInvocationID.x; if (i < n) v[i] *= 2.0; }
  )", "double.comp"));
  std::vector<float> host(1000);
  for (std::size_t i = 0; i < host.size(); ++i) host[i] = float(i);
  glc::Buffer<float> data = ctx.buffer(host);
  doubler.bind("Data", data).set("n", std::uint32_t(host.size()));
  doubler.dispatch_for(host.size());
  const std::vector<float> result = data.read();
  for (std::size_t i = 0; i < host.size(); ++i) ASSERT_EQ(result[i], 2.0f * float(i)) << i;
  EXPECT_EQ(glc::sum(data), 999.0f * 1000.0f);
}

TEST(GlfwBackend, CreatesAHiddenWindowWithACoreContextThatComputes) {
  REQUIRE_DISPLAY();
  glc::Context ctx(kGlfw);
  const glc::ContextInfo& info = ctx.info();
  EXPECT_EQ(info.backend, glc::Backend::glfw);
  EXPECT_THAT(info.glfw_version, HasSubstr("GLFW 3."));
  EXPECT_THAT(info.glfw_version, HasSubstr("DISPLAY="));
  EXPECT_EQ(info.egl_path, "-");
  EXPECT_TRUE(info.gl_major > 4 || (info.gl_major == 4 && info.gl_minor >= 3)) << info.version;
  EXPECT_THAT(info.to_string(), HasSubstr("backend:                  glfw"));
  EXPECT_THAT(info.to_string(), HasSubstr("GLFW:"));
  GLFWwindow* window = glc::glfw::window(ctx);
  ASSERT_NE(window, nullptr);
  EXPECT_EQ(glfwGetWindowAttrib(window, GLFW_VISIBLE), GLFW_FALSE);
  EXPECT_EQ(glfwGetWindowAttrib(window, GLFW_OPENGL_PROFILE), GLFW_OPENGL_CORE_PROFILE);
  expect_compute_works(ctx);
}

TEST(GlfwBackend, DebugModeReportsGlErrors) {
  REQUIRE_DISPLAY();
  glc::Context debug(glc::ContextOptions{.backend = glc::Backend::glfw, .debug = true});
  EXPECT_TRUE(debug.info().debug);
  EXPECT_EQ(glfwGetWindowAttrib(glc::glfw::window(debug), GLFW_OPENGL_DEBUG_CONTEXT), GLFW_TRUE);
  glc::Buffer<float> b = debug.buffer<float>(4);
  glBindBuffer(0xDEAD, 0);  // GL_INVALID_ENUM
  const std::string message = error_of([&] { b.write(std::vector<float>{1, 2, 3, 4}); });
  EXPECT_THAT(message, HasSubstr("GL_INVALID_ENUM"));
  EXPECT_THAT(message, HasSubstr("Buffer::write"));
}

TEST(GlfwBackend, RequiredVersionAboveTheDriversNamesBoth) {
  REQUIRE_DISPLAY();
  const std::string message = error_of([] {
    glc::Context c(glc::ContextOptions{.backend = glc::Backend::glfw, .min_version = {9, 9}});
  });
  EXPECT_THAT(message, HasSubstr("9.9"));
  EXPECT_THAT(message, HasSubstr("GLFW backend"));
}

TEST(GlfwBackend, AnEglDeviceIndexIsRefused) {
  EXPECT_THAT(error_of([] {
                glc::Context c(glc::ContextOptions{.backend = glc::Backend::glfw, .device = 0});
              }),
              HasSubstr("ContextOptions::device chooses an EGL device"));
}

TEST(GlfwBackend, WindowOfAnEglContextIsAnError) {
  glc::Context egl(kEgl);
  EXPECT_THAT(error_of([&] { (void)glc::glfw::window(egl); }),
              HasSubstr("made by the egl backend, not GLFW"));
  glc::Context moved = std::move(egl);
  EXPECT_THAT(error_of([&] { (void)glc::glfw::window(egl); }), HasSubstr("empty handle"));
}

// glvnd refuses to make an EGL context current on a thread where a GLX context is current
// (and the other way round): glcompute releases one before making the other current.
TEST(GlfwBackend, EglAndGlfwContextsAlternateOnOneThread) {
  REQUIRE_DISPLAY();
  glc::Context glfw(kGlfw);
  glc::Context egl(kEgl);
  glc::Buffer<int> a = glfw.buffer(std::vector<int>{1, 2, 3});
  glc::Buffer<int> b = egl.buffer(std::vector<int>{4, 5, 6});
  for (int round = 0; round < 3; ++round) {
    a.write(std::vector<int>{round, round, round});
    b.write(std::vector<int>{-round, -round, -round});
    EXPECT_EQ(a.read(), (std::vector<int>{round, round, round}));
    EXPECT_EQ(b.read(), (std::vector<int>{-round, -round, -round}));
  }
  glc::Context another_glfw(kGlfw);  // created while `egl` is current here
  expect_compute_works(another_glfw);
  expect_compute_works(egl);
}

TEST(GlfwBackend, UseFromAnotherThreadWhileCurrentHereIsAnError) {
  REQUIRE_DISPLAY();
  glc::Context ctx(kGlfw);
  glc::Buffer<float> b = ctx.buffer<float>(4);
  std::string message;
  std::thread([&] { message = error_of([&] { b.read(); }); }).join();
  EXPECT_THAT(message, HasSubstr("current on another thread"));
  EXPECT_EQ(b.read(), std::vector<float>(4));
}

TEST(GlfwBackend, CreationOffTheMainThreadIsRefused) {
  std::string message;
  std::thread([&] { message = error_of([] { glc::Context c(kGlfw); }); }).join();
  EXPECT_THAT(message, HasSubstr("not on the main thread"));
}

TEST(BackendChoice, EnvironmentVariableSelectsTheBackend) {
  REQUIRE_DISPLAY();
  std::string glfw_backend, egl_backend;
  {
    const ScopedEnv env("GLCOMPUTE_BACKEND", "glfw");
    glc::Context c;
    glfw_backend = std::string(glc::to_string(c.info().backend));
  }
  {
    const ScopedEnv env("GLCOMPUTE_BACKEND", "egl");
    glc::Context c;
    egl_backend = std::string(glc::to_string(c.info().backend));
  }
  EXPECT_EQ(glfw_backend, "glfw");
  EXPECT_EQ(egl_backend, "egl");
}

TEST(BackendChoice, AnExplicitBackendWinsOverTheEnvironment) {
  const ScopedEnv env("GLCOMPUTE_BACKEND", "glfw");
  std::string backend;
  const std::string message = error_of([&] {
    glc::Context c(kEgl);
    backend = std::string(glc::to_string(c.info().backend));
  });
  EXPECT_EQ(backend, "egl") << message;
}

TEST(BackendChoice, MalformedEnvironmentVariableIsRefused) {
  const ScopedEnv env("GLCOMPUTE_BACKEND", "vulkan");
  const std::string message = error_of([] { glc::Context c; });
  EXPECT_THAT(message, HasSubstr("GLCOMPUTE_BACKEND='vulkan' is not a backend"));
}

// Where the driver has robustness, both backends create the context with reset notification;
// ContextInfo says so exactly when GL reports the LOSE_CONTEXT_ON_RESET strategy.
void expect_reset_notification_reported_truthfully(glc::Context& ctx) {
  (void)ctx.buffer<float>(1);  // makes `ctx` current
  GLint strategy = 0;
  if (GLAD_GL_VERSION_4_5 || GLAD_GL_ARB_robustness || GLAD_GL_KHR_robustness) {
    glGetIntegerv(GL_RESET_NOTIFICATION_STRATEGY, &strategy);
  }
  EXPECT_EQ(ctx.info().reset_notification, strategy == GL_LOSE_CONTEXT_ON_RESET);
  EXPECT_THAT(ctx.info().to_string(),
              HasSubstr(std::string("reset notification:       ") +
                        (ctx.info().reset_notification ? "yes" : "no")));
  if (!ctx.info().reset_notification) {
    GTEST_SKIP() << "no reset notification with the " << glc::to_string(ctx.info().backend)
                 << " backend on this driver (" << ctx.info().renderer << ")";
  }
  expect_compute_works(ctx);  // a robust context runs everything as before
}

TEST(ResetNotification, EglReportsItTruthfully) {
  glc::Context ctx(kEgl);
  expect_reset_notification_reported_truthfully(ctx);
}

TEST(ResetNotification, GlfwReportsItTruthfully) {
  REQUIRE_DISPLAY();
  glc::Context ctx(kGlfw);
  expect_reset_notification_reported_truthfully(ctx);
}

/// Runs this binary again as a child that creates a context with `backend` ("automatic" or
/// "glfw"), with no EGL driver (glvnd pointed at an empty vendor directory) and DISPLAY set to
/// `display` (nullptr: unset). Returns what the child wrote: "backend=<name> sum=<sum>" or the
/// error message.
std::string run_child(const char* backend, const char* display) {
  std::vector<std::string> set = {"GLC_TEST_CHILD_BACKEND=" + std::string(backend)};
  if (display != nullptr) set.push_back(std::string("DISPLAY=") + display);
  return glc::testing::run_child_without_egl(set, {"DISPLAY=", "GLCOMPUTE_BACKEND="});
}

TEST(BackendChoice, AutomaticFallsBackToGlfwWithoutAnEglDriver) {
  REQUIRE_DISPLAY();
  EXPECT_EQ(run_child("automatic", std::getenv("DISPLAY")), "backend=glfw sum=6");
}

TEST(BackendChoice, WhenEveryBackendFailsTheErrorListsEveryPath) {
  const std::string message = run_child("automatic", nullptr);
  EXPECT_THAT(message, HasSubstr("no OpenGL 4.3 core context could be created"));
  EXPECT_THAT(message, HasSubstr("EGL device platform"));
  EXPECT_THAT(message, HasSubstr("surfaceless"));
  EXPECT_THAT(message, HasSubstr("default EGL display"));
  EXPECT_THAT(message, HasSubstr("GLFW backend"));
  EXPECT_THAT(message, HasSubstr("DISPLAY"));
  EXPECT_THAT(message, HasSubstr("libegl1"));     // what to install for EGL
  EXPECT_THAT(message, HasSubstr("xvfb-run"));    // and how to get a display for GLFW
  EXPECT_THAT(message, Not(HasSubstr("backend=")));
}

TEST(BackendChoice, GlfwWithoutADisplayNamesTheProblem) {
  const std::string message = run_child("glfw", nullptr);
  EXPECT_THAT(message, HasSubstr("GLFW backend"));
  EXPECT_THAT(message, HasSubstr("glfwInit failed"));
  EXPECT_THAT(message, HasSubstr("DISPLAY environment variable is missing"));
  EXPECT_THAT(message, Not(HasSubstr("EGL device platform")));  // only GLFW was asked for
}

}  // namespace

// The child half of the BackendChoice tests that need a fresh process runs instead of the tests.
int main(int argc, char** argv) {
  if (const char* backend = std::getenv("GLC_TEST_CHILD_BACKEND")) {
    const glc::Backend chosen =
        std::string(backend) == "glfw" ? glc::Backend::glfw : glc::Backend::automatic;
    std::string result;
    const std::string error = error_of([&] {
      glc::Context c(glc::ContextOptions{.backend = chosen});
      result = "backend=" + std::string(glc::to_string(c.info().backend)) +
               " sum=" + std::to_string(glc::sum(c.buffer(std::vector<int>{1, 2, 3})));
    });
    std::ofstream(std::getenv("GLC_TEST_CHILD_OUT")) << (result.empty() ? error : result);
    return 0;
  }
  ::testing::InitGoogleMock(&argc, argv);
  return RUN_ALL_TESTS();
}
