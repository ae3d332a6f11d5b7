// The headless context: info, EGL path selection, options, debug mode, several contexts,
// threads, and the error when no driver exists at all.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <glad/gl.h>

#include "child_without_egl.hpp"
#include "gl_test_context.hpp"

namespace {

using glc::testing::context;
using glc::testing::error_of;
using glc::testing::ScopedEnv;
using ::testing::HasSubstr;

TEST(Context, InfoDescribesACoreContextOfAtLeast43) {
  const glc::ContextInfo& info = context().info();
  EXPECT_FALSE(info.vendor.empty());
  EXPECT_FALSE(info.renderer.empty());
  EXPECT_FALSE(info.glsl_version.empty());
  EXPECT_TRUE(info.gl_major > 4 || (info.gl_major == 4 && info.gl_minor >= 3)) << info.version;
  EXPECT_NE(info.version.find(std::to_string(info.gl_major) + "." + std::to_string(info.gl_minor)),
            std::string::npos) << info.version;
  EXPECT_FALSE(info.debug);
  EXPECT_NE(info.egl_version.find("EGL 1."), std::string::npos) << info.egl_version;
}

TEST(Context, LimitsMeetTheGl43Minimums) {
  const glc::ComputeLimits& l = context().info().limits;
  for (int i = 0; i < 3; ++i) EXPECT_GE(l.max_work_group_count[i], 65535u);
  EXPECT_GE(l.max_work_group_size[0], 1024u);
  EXPECT_GE(l.max_work_group_size[1], 1024u);
  EXPECT_GE(l.max_work_group_size[2], 64u);
  EXPECT_GE(l.max_work_group_invocations, 1024u);
  EXPECT_GE(l.max_shared_memory_bytes, 32768u);
  EXPECT_GE(l.max_storage_block_bytes, 1u << 24);
  EXPECT_GE(l.max_storage_buffer_bindings, 8u);
  EXPECT_GE(l.storage_buffer_offset_alignment, 1u);
  EXPECT_LE(l.storage_buffer_offset_alignment, 256u);  // the spec's maximum
}

TEST(Context, InfoReportsFeaturesConsistentWithTheVersion) {
  const glc::ContextInfo& info = context().info();
  const int version = info.gl_major * 10 + info.gl_minor;
  if (version >= 44) EXPECT_TRUE(info.features.buffer_storage);
  if (version >= 46) EXPECT_TRUE(info.features.gl_spirv);
  EXPECT_TRUE(info.features.debug_output);  // core in 4.3
}

TEST(Context, ToStringListsEveryField) {
  const glc::ContextInfo& info = context().info();
  const std::string text = info.to_string();
  for (const std::string& part :
       {info.vendor, info.renderer, info.version, info.egl_path, info.egl_device,
        std::to_string(info.limits.max_storage_block_bytes), std::string("ARB_gl_spirv"),
        std::string("subgroup"), std::string("timer queries"), std::string("buffer storage")}) {
    EXPECT_THAT(text, HasSubstr(part));
  }
}

// ctest runs GL tests with DISPLAY set to a display that does not exist: EGL must not go to X11.
TEST(Context, AStrayDisplayDoesNotSendEglToX11) {
  const char* display = std::getenv("DISPLAY");
  if (display == nullptr) GTEST_SKIP() << "run through ctest, which sets DISPLAY=:97";
  const std::string path = context().info().egl_path;
  EXPECT_TRUE(path == "device" || path == "surfaceless") << path;
}

TEST(Context, ExplicitDeviceIndexIsUsed) {
  if (context().info().egl_path != "device") GTEST_SKIP() << "no EGL device platform here";
  glc::Context second(glc::ContextOptions{.device = 0});
  EXPECT_EQ(second.info().egl_path, "device");
  EXPECT_THAT(second.info().egl_device, HasSubstr("0 of "));
}

TEST(Context, DeviceIndexOutOfRangeListsTheDevices) {
  if (context().info().egl_path != "device") GTEST_SKIP() << "no EGL device platform here";
  const std::string message = error_of([] { glc::Context c(glc::ContextOptions{.device = 999}); });
  EXPECT_THAT(message, HasSubstr("EGL device 999 was requested"));
  EXPECT_THAT(message, HasSubstr("0: "));
}

TEST(Context, NegativeDeviceIndexIsRefused) {
  EXPECT_THAT(error_of([] { glc::Context c(glc::ContextOptions{.device = -1}); }),
              HasSubstr("device indices start at 0"));
}

TEST(Context, MalformedDeviceEnvironmentVariableIsRefused) {
  setenv("GLCOMPUTE_DEVICE", "gpu0", 1);
  const std::string message = error_of([] { glc::Context c; });
  unsetenv("GLCOMPUTE_DEVICE");
  EXPECT_THAT(message, HasSubstr("GLCOMPUTE_DEVICE='gpu0'"));
}

TEST(Context, RequiredVersionAboveTheDriversIsAnErrorNamingBoth) {
  const std::string message =
      error_of([] { glc::Context c(glc::ContextOptions{.min_version = {9, 9}}); });
  EXPECT_THAT(message, HasSubstr("9.9"));
  EXPECT_THAT(message, HasSubstr("offers at most"));
}

// Debug mode turns GL errors, even from raw GL calls a program makes itself, into glc::Error
// with the driver's message.
TEST(Context, DebugModeReportsGlErrorsWithTheDriversMessage) {
  glc::Context debug(glc::ContextOptions{.debug = true});
  EXPECT_TRUE(debug.info().debug);
  glc::Buffer<float> b = debug.buffer<float>(4);  // makes `debug` current
  glBindBuffer(0xDEAD, 0);                        // GL_INVALID_ENUM
  const std::string message = error_of([&] { b.write(std::vector<float>{1, 2, 3, 4}); });
  EXPECT_THAT(message, HasSubstr("GL_INVALID_ENUM"));
  EXPECT_THAT(message, HasSubstr("Buffer::write"));
  EXPECT_GT(message.size(), std::string("glcompute: GL error during Buffer::write: GL_INVALID_ENUM").size())
      << "the KHR_debug message should follow: " << message;
  // The error was reported at the next glcompute call; that call itself still did its work and
  // the context stays usable.
  EXPECT_EQ(b.read(), (std::vector<float>{1, 2, 3, 4}));
}

TEST(Context, GlErrorsAreReportedWithoutDebugModeToo) {
  glc::Buffer<float> b = context().buffer<float>(1);
  glBindBuffer(0xDEAD, 0);
  EXPECT_THAT(error_of([&] { b.read(); }), HasSubstr("GL_INVALID_ENUM"));
}

// Contexts used alternately on one thread each see their own objects.
TEST(Context, TwoContextsUsedAlternately) {
  glc::Context other;
  glc::Buffer<int> a = context().buffer(std::vector<int>{1, 2, 3});
  glc::Buffer<int> b = other.buffer(std::vector<int>{4, 5, 6});
  for (int round = 0; round < 3; ++round) {
    a.write(std::vector<int>{round, round, round});
    b.write(std::vector<int>{-round, -round, -round}, 0);
    EXPECT_EQ(a.read(), (std::vector<int>{round, round, round}));
    EXPECT_EQ(b.read(), (std::vector<int>{-round, -round, -round}));
  }
  glc::Buffer<int> c = context().buffer<int>(3);
  EXPECT_THAT(error_of([&] { c.copy_from(b); }), HasSubstr("different glc::Context"));
}

TEST(Context, ObjectsOutlivingTheirContextThrow) {
  glc::Buffer<float> orphan;
  glc::Program orphan_program;
  {
    glc::Context temporary;
    orphan = temporary.buffer<float>(8);
    orphan_program = temporary.compile(glc::Source::text(
        "#version 430\nlayout(local_size_x=1) in;\n"
        "layout(std430, binding=0) buffer B { float v[]; };\nvoid main() { v[0] = 1.0; }\n"));
    orphan_program.bind("B", orphan);
  }
  EXPECT_THAT(error_of([&] { orphan.read(); }), HasSubstr("was destroyed"));
  EXPECT_THAT(error_of([&] { orphan.write(std::vector<float>(8)); }), HasSubstr("was destroyed"));
  EXPECT_THAT(error_of([&] { orphan_program.dispatch(1); }), HasSubstr("was destroyed"));
  EXPECT_THAT(error_of([&] { (void)orphan.id(); }), HasSubstr("was destroyed"));
  // The shared context is unaffected.
  EXPECT_EQ(context().buffer(std::vector<float>{7}).read(), std::vector<float>{7});
}

TEST(Context, UseFromAnotherThreadWhileCurrentHereIsAnError) {
  glc::Buffer<float> b = context().buffer<float>(4);
  std::string message;
  std::thread([&] { message = error_of([&] { b.read(); }); }).join();
  EXPECT_THAT(message, HasSubstr("current on another thread"));
}

TEST(Context, EmptyHandlesThrow) {
  glc::Context moved = glc::Context();
  glc::Context target = std::move(moved);
  EXPECT_THAT(error_of([&] { (void)moved.info(); }), HasSubstr("empty handle"));
  EXPECT_FALSE(target.info().renderer.empty());
}

TEST(Context, FinishWaitsWithoutError) { EXPECT_NO_THROW(context().finish()); }

TEST(Context, GpuTimeoutMustBePositive) {
  EXPECT_THAT(error_of([] {
                glc::Context c(glc::ContextOptions{.gpu_timeout = std::chrono::milliseconds(0)});
              }),
              HasSubstr("gpu_timeout must be positive (it is 0 ms)"));
  glc::Context short_timeout(glc::ContextOptions{.gpu_timeout = std::chrono::milliseconds(5000)});
  EXPECT_EQ(short_timeout.buffer(std::vector<int>(100'000, 3)).map_read()[99'999], 3);
}

// With no EGL vendor library at all (glvnd pointed at an empty directory), the error lists
// every path tried and what to install. Run in a child process: glvnd reads its vendor
// directories once per process.
TEST(Context, NoDriverErrorListsEveryPathAndWhatToInstall) {
  const std::string message = glc::testing::run_child_without_egl({});
  EXPECT_THAT(message, HasSubstr("no headless OpenGL 4.3 core context could be created"));
  EXPECT_THAT(message, HasSubstr("EGL device platform"));
  EXPECT_THAT(message, HasSubstr("surfaceless"));
  EXPECT_THAT(message, HasSubstr("default EGL display"));
  EXPECT_THAT(message, HasSubstr("libegl1"));
  // This binary does not link glcompute::glfw: the fallback says how to get it.
  EXPECT_THAT(message, HasSubstr("GLFW backend: not linked into this program (link glcompute::glfw"));
  EXPECT_EQ(message.find("0x"), std::string::npos) << "EGL errors must be named, not hex: " << message;
}

// A driver that refuses every core version asked for (Mesa limited to GL 3.3): the message names
// the minimum asked for, not 4.3 whatever it was. A child process: Mesa reads the override once
// per display.
TEST(Context, NoCoreContextNamesTheMinimumVersionAskedFor) {
  const std::string message = glc::testing::run_child(
      {"MESA_GL_VERSION_OVERRIDE=3.3", "GLC_TEST_CHILD_MIN_VERSION=4.5", "GLCOMPUTE_BACKEND=egl"},
      {"GLCOMPUTE_BACKEND="});
  if (message == "(no error thrown)") {
    GTEST_SKIP() << "the driver ignores MESA_GL_VERSION_OVERRIDE (not Mesa): a context was created";
  }
  EXPECT_THAT(message, HasSubstr("no GL core context of version 4.5 or later (eglCreateContext refused"));
  EXPECT_THAT(message, HasSubstr("4.5: EGL_BAD_MATCH;"));
  EXPECT_EQ(message.find("4.3 or later"), std::string::npos) << message;
}

TEST(Context, GlfwBackendWithoutGlcomputeGlfwSaysWhatToLink) {
  EXPECT_THAT(error_of([] { glc::Context c(glc::ContextOptions{.backend = glc::Backend::glfw}); }),
              HasSubstr("requested (by ContextOptions::backend) but it is not linked into this "
                        "program (link glcompute::glfw"));
  const ScopedEnv env("GLCOMPUTE_BACKEND", "glfw");
  const std::string message = error_of([] { glc::Context c; });
  EXPECT_THAT(message, HasSubstr("requested (by GLCOMPUTE_BACKEND)"));
  EXPECT_THAT(message, HasSubstr("link glcompute::glfw"));
}

TEST(Context, InfoNamesTheEglBackend) {
  const glc::ContextInfo& info = context().info();
  EXPECT_EQ(info.backend, glc::Backend::egl);
  EXPECT_EQ(info.glfw_version, "-");
  EXPECT_THAT(info.to_string(), HasSubstr("backend:                  egl"));
  EXPECT_THAT(info.to_string(), HasSubstr("reset notification:"));
}

}  // namespace

// The child half of NoDriverErrorListsEveryPathAndWhatToInstall runs instead of the tests.
int main(int argc, char** argv) {
  if (const char* out = std::getenv("GLC_TEST_CHILD_OUT")) {
    glc::ContextOptions options;
    if (const char* min = std::getenv("GLC_TEST_CHILD_MIN_VERSION")) {  // "M.N"
      options.min_version = {min[0] - '0', min[2] - '0'};
    }
    std::ofstream(out) << error_of([&] { glc::Context c(options); });
    return 0;
  }
  ::testing::InitGoogleMock(&argc, argv);
  return RUN_ALL_TESTS();
}
