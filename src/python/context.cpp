// glcompute.Context: creation options, info, finish, time, program cache statistics.

#include <chrono>
#include <cmath>
#include <filesystem>
#include <string>

#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include <glcompute/context.hpp>
#include <glcompute/error.hpp>

#include "bindings.hpp"
#include "scalars.hpp"

namespace glc::python {
namespace {

Backend to_backend(const std::string& name) {
  if (name == "auto" || name == "automatic") return Backend::automatic;
  if (name == "egl") return Backend::egl;
  if (name == "glfw") return Backend::glfw;
  throw Error("glcompute.Context: backend must be 'auto', 'egl' or 'glfw', not '" + name + "'");
}

std::chrono::milliseconds to_timeout(py::handle timeout) {
  if (timeout.is_none()) return no_gpu_timeout;  // glcompute.no_gpu_timeout is None
  const double seconds = to_scalar<double>(timeout, "glcompute.Context: gpu_timeout", "seconds or None");
  // Bounded so that adding it to a clock cannot overflow (about 31 years).
  if (!std::isfinite(seconds) || seconds < 0.001 || seconds > 1e9) {
    throw Error("glcompute.Context: gpu_timeout must be between 0.001 and 1e9 seconds, not " +
                std::to_string(seconds) + " (None: no limit)");
  }
  return std::chrono::milliseconds(std::llround(seconds * 1000.0));
}

ProgramCacheOptions to_cache_options(py::handle cache) {
  ProgramCacheOptions options;
  if (cache.is_none() || (PyBool_Check(cache.ptr()) && cache.cast<bool>())) return options;
  if (PyBool_Check(cache.ptr())) {
    options.enabled = false;
    return options;
  }
  const py::object fspath = py::module_::import("os").attr("fspath");
  options.directory = std::filesystem::path(fspath(cache).cast<std::string>());
  return options;
}

ContextOptions to_options(const std::string& backend, py::object device,
                          std::pair<int, int> min_version, bool debug, py::object staging_bytes,
                          py::handle gpu_timeout, py::object program_cache) {
  ContextOptions o;
  o.backend = to_backend(backend);
  if (!device.is_none()) o.device = to_scalar<std::int32_t>(device, "glcompute.Context: device", "an index");
  o.min_version = {min_version.first, min_version.second};
  o.debug = debug;
  o.staging_bytes = to_scalar<std::uint64_t>(staging_bytes, "glcompute.Context: staging_bytes", "a size");
  o.gpu_timeout = to_timeout(gpu_timeout);
  o.program_cache = to_cache_options(program_cache);
  return o;
}

void bind_info(py::module_& m) {
  py::class_<ComputeLimits>(m, "ComputeLimits", "Compute limits of the driver (GL_MAX_COMPUTE_*...).")
      .def_readonly("max_work_group_count", &ComputeLimits::max_work_group_count)
      .def_readonly("max_work_group_size", &ComputeLimits::max_work_group_size)
      .def_readonly("max_work_group_invocations", &ComputeLimits::max_work_group_invocations)
      .def_readonly("max_shared_memory_bytes", &ComputeLimits::max_shared_memory_bytes)
      .def_readonly("max_storage_block_bytes", &ComputeLimits::max_storage_block_bytes)
      .def_readonly("storage_buffer_offset_alignment", &ComputeLimits::storage_buffer_offset_alignment)
      .def_readonly("max_storage_buffer_bindings", &ComputeLimits::max_storage_buffer_bindings)
      .def_readonly("max_uniform_block_bytes", &ComputeLimits::max_uniform_block_bytes)
      .def_readonly("uniform_buffer_offset_alignment", &ComputeLimits::uniform_buffer_offset_alignment)
      .def_readonly("max_uniform_buffer_bindings", &ComputeLimits::max_uniform_buffer_bindings)
      .def_readonly("max_atomic_counter_buffer_bindings", &ComputeLimits::max_atomic_counter_buffer_bindings)
      .def_readonly("max_atomic_counter_buffer_bytes", &ComputeLimits::max_atomic_counter_buffer_bytes)
      .def_readonly("max_texture_size", &ComputeLimits::max_texture_size)
      .def_readonly("max_3d_texture_size", &ComputeLimits::max_3d_texture_size)
      .def_readonly("max_array_texture_layers", &ComputeLimits::max_array_texture_layers)
      .def_readonly("max_texture_units", &ComputeLimits::max_texture_units)
      .def_readonly("max_image_units", &ComputeLimits::max_image_units)
      .def_readonly("max_loop_iterations", &ComputeLimits::max_loop_iterations,
                    "The most iterations the driver runs of one shader loop (0: no limit known).");
  py::class_<Features>(m, "Features", "Optional driver features; each is False where it is missing.")
      .def_readonly("gl_spirv", &Features::gl_spirv)
      .def_readonly("buffer_storage", &Features::buffer_storage)
      .def_readonly("subgroup", &Features::subgroup)
      .def_readonly("timer_query", &Features::timer_query)
      .def_readonly("debug_output", &Features::debug_output)
      .def_readonly("fp64", &Features::fp64, "ARB_gpu_shader_fp64: float64 random numbers and reductions.");
  py::class_<ContextInfo>(m, "ContextInfo", "What Context.info reports; str() gives the full report.")
      .def_readonly("vendor", &ContextInfo::vendor)
      .def_readonly("renderer", &ContextInfo::renderer)
      .def_readonly("version", &ContextInfo::version)
      .def_readonly("glsl_version", &ContextInfo::glsl_version)
      .def_property_readonly("gl_version", [](const ContextInfo& i) { return py::make_tuple(i.gl_major, i.gl_minor); })
      .def_property_readonly("backend", [](const ContextInfo& i) { return std::string(to_string(i.backend)); })
      .def_readonly("egl_path", &ContextInfo::egl_path)
      .def_readonly("egl_device", &ContextInfo::egl_device)
      .def_readonly("egl_version", &ContextInfo::egl_version)
      .def_readonly("glfw_version", &ContextInfo::glfw_version)
      .def_readonly("debug", &ContextInfo::debug)
      .def_readonly("reset_notification", &ContextInfo::reset_notification)
      .def_readonly("limits", &ContextInfo::limits)
      .def_readonly("features", &ContextInfo::features)
      .def("__str__", &ContextInfo::to_string)
      .def("__repr__", [](const ContextInfo& i) {
        return "<glcompute.ContextInfo " + i.renderer + ", GL " + std::to_string(i.gl_major) + "." +
               std::to_string(i.gl_minor) + ", " + std::string(to_string(i.backend)) + ">";
      });
  py::class_<Timing>(m, "Timing",
                     "How long GPU work took (Context.time): .seconds, and .gpu_timer (True: "
                     "GL_TIME_ELAPSED; False: a host clock around glFinish, where the driver's "
                     "timer measures nothing). float(t) is t.seconds.")
      .def_readonly("seconds", &Timing::seconds)
      .def_readonly("gpu_timer", &Timing::gpu_timer)
      .def("__float__", [](const Timing& t) { return t.seconds; })
      .def("__repr__", [](const Timing& t) {
        return "<glcompute.Timing " + std::to_string(t.seconds) + " s, " +
               (t.gpu_timer ? "gpu timer>" : "host clock>");
      });
  py::class_<ProgramCacheStats>(m, "ProgramCacheStats", "What the program binary cache did so far.")
      .def_property_readonly("directory", [](const ProgramCacheStats& s) { return s.directory.string(); })
      .def_readonly("off_reason", &ProgramCacheStats::off_reason)
      .def_readonly("hits", &ProgramCacheStats::hits)
      .def_readonly("misses", &ProgramCacheStats::misses)
      .def_readonly("stores", &ProgramCacheStats::stores)
      .def_readonly("rejected", &ProgramCacheStats::rejected)
      .def_readonly("failures", &ProgramCacheStats::failures)
      .def_readonly("last_problem", &ProgramCacheStats::last_problem)
      .def_property_readonly("enabled", &ProgramCacheStats::enabled)
      .def("__repr__", [](const ProgramCacheStats& s) {
        return "<glcompute.ProgramCacheStats " + (s.enabled() ? s.directory.string() : "off: " + s.off_reason) +
               ", hits " + std::to_string(s.hits) + ", misses " + std::to_string(s.misses) + ">";
      });
}

}  // namespace

void bind_context(py::module_& m) {
  bind_info(m);
  m.attr("no_gpu_timeout") = py::none();  // Context(gpu_timeout=glcompute.no_gpu_timeout)
  py::class_<ContextObject>(m, "Context", R"(A headless OpenGL 4.3+ context for compute.

Context(backend="auto", device=None, min_version=(4, 3), debug=False,
        staging_bytes=64 MiB, gpu_timeout=60.0, program_cache=True)

backend: "auto" (EGL: the device platform, Mesa's surfaceless platform, the default display;
then GLFW), "egl" or "glfw" (a hidden window; needs a display). GLCOMPUTE_BACKEND=egl|glfw
replaces "auto". device: an EGL device index (GLCOMPUTE_DEVICE=N where unset); a chosen device is
the only one tried. staging_bytes=0 forces the plain glBufferSubData/glGetBufferSubData path.
gpu_timeout: seconds a wait for the GPU may take before it raises glcompute.Error; None
(glcompute.no_gpu_timeout) waits as long as the GPU takes.
program_cache: True (GLCOMPUTE_CACHE_DIR or ~/.cache/glcompute), False (off) or a directory.
Raises glcompute.Error listing every path tried, and why it failed, if no context can be made.

Everything made from a context (buffers, programs, textures, views) keeps it alive. One thread
holds a context at a time: the one that created it, until it calls release_current() or ends;
then whichever thread uses it next (or calls make_current()) takes it. Another thread's call
raises glcompute.Error.)")
      .def(py::init([](const std::string& backend, py::object device, std::pair<int, int> min_version,
                       bool debug, py::object staging_bytes, py::object gpu_timeout, py::object program_cache) {
             const ContextOptions options =
                 to_options(backend, device, min_version, debug, staging_bytes, gpu_timeout, program_cache);
             py::gil_scoped_release no_gil;  // EGL and driver initialisation take a while
             return ContextObject{std::make_shared<ContextHandle>(options)};
           }),
           py::arg("backend") = "auto", py::arg("device") = py::none(),
           py::arg("min_version") = std::pair<int, int>{4, 3}, py::arg("debug") = false,
           py::arg("staging_bytes") = std::size_t{64} << 20, py::arg("gpu_timeout") = 60.0,
           py::arg("program_cache") = true)
      .def_property_readonly("info", [](const ContextObject& c) {
        return locked(*c.handle, [&] { return c.handle->context.info(); });
      }, "Driver, versions, backend and EGL path, compute limits and optional features.")
      .def_property_readonly("program_cache", [](const ContextObject& c) {
        return locked(*c.handle, [&] { return c.handle->context.program_cache(); });
      }, "The program cache's directory (or why it is off) and its counts.")
      .def("make_current", [](const ContextObject& c) {
        locked(*c.handle, [&] { c.handle->context.make_current(); });
      }, "Takes the context to the calling thread (using it does so implicitly where no thread "
         "holds it). Raises glcompute.Error if another thread holds it.")
      .def("release_current", [](const ContextObject& c) {
        locked(*c.handle, [&] { c.handle->context.release_current(); });
      }, "Lets the context go from the calling thread so that another thread can take it. "
         "Raises glcompute.Error if another thread holds it.")
      .def("finish", [](const ContextObject& c) {
        without_gil(*c.handle, [&] { c.handle->context.finish(); });
      }, "Waits until the GPU has finished all submitted work (glFinish), without the GIL.")
      .def("time", [](const ContextObject& c, const std::function<void()>& work) {
        // The GIL is released while the GPU is waited for, and taken again to run `work`.
        return without_gil(*c.handle, [&] {
          return c.handle->context.time([&] {
            py::gil_scoped_acquire gil;
            work();
          });
        });
      }, py::arg("work"),
      "Runs work() (a callable that issues GPU work on this context) and returns a Timing: GPU "
      "time where the driver's timer works, else a host clock around glFinish. Earlier work is "
      "finished first and not counted. Calls cannot nest.")
      .def("__eq__", [](const ContextObject& a, py::handle b) {
        return py::isinstance<ContextObject>(b) && b.cast<const ContextObject&>().handle == a.handle;
      })
      .def("__hash__", [](const ContextObject& c) { return std::hash<const void*>()(c.handle.get()); })
      .def("__repr__", [](const ContextObject& c) {
        const ContextInfo& i = c.handle->context.info();
        return "<glcompute.Context " + i.renderer + ", GL " + std::to_string(i.gl_major) + "." +
               std::to_string(i.gl_minor) + ", " + std::string(to_string(i.backend)) +
               (i.egl_path != "-" ? " (" + i.egl_path + ")" : std::string()) + ">";
      });
}

}  // namespace glc::python
