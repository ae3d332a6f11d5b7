// glcompute_kernel_probe: the measurements behind the kernel library's shapes per driver
// (src/kernels/kernel_tuning.cpp). It compiles the shipped kernels with each candidate shape
// (work group size, vec4s or loads per round, work groups, blocked or strided access, float
// sums in double) and times one pass of each, checking every result against the library's own;
// then what a reduction's result costs on its way to the host, and what a tiny dispatch with its
// barrier costs, piece by piece, with raw GL beside glcompute's path.
//
// Usage: glcompute_kernel_probe [--shader-dir DIR] [--n N] [--reps R] [--only SECTION,...]
//   sections: reduce, random, latency, dispatch (default: all)
// Prints one line per measurement: section, name, min and median time, and what was checked.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <glad/gl.h>
#include <glm/vec4.hpp>
#include <glcompute/glcompute.hpp>

namespace {

using Defines = std::vector<std::pair<std::string, std::string>>;
using clock_type = std::chrono::steady_clock;

struct Options {
  std::filesystem::path shader_dir = GLC_SHADER_DIR;
  std::size_t n = 100'000'000;
  int reps = 15;
  std::string only;
};

bool wanted(const Options& o, const char* section) {
  return o.only.empty() || ("," + o.only + ",").find(std::string(",") + section + ",") != std::string::npos;
}

double seconds_since(clock_type::time_point t) {
  return std::chrono::duration<double>(clock_type::now() - t).count();
}

struct Stats {
  double min = 0, median = 0;
};

Stats stats_of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return {v.front(), v[v.size() / 2]};
}

/// Runs `work` back to back for about 150 ms. An NVIDIA GPU lowers its clocks after a few
/// hundred milliseconds of short calls with waits between them, and compute-bound kernels
/// (random numbers) need the shader clock up again: measured cold, a uniform of 10^8 floats
/// took 252 us instead of 150.
void heat(glc::Context& ctx, const std::function<void()>& work) {
  const auto start = clock_type::now();
  while (seconds_since(start) < 0.15) {
    for (int i = 0; i < 8; ++i) work();
    ctx.finish();
  }
}

/// GPU time of `work` (Context::time: GL_TIME_ELAPSED, or the host clock around glFinish),
/// after heat().
Stats gpu_times(glc::Context& ctx, int reps, const std::function<void()>& work) {
  heat(ctx, work);
  std::vector<double> t;
  for (int i = 0; i < reps; ++i) t.push_back(ctx.time(work).seconds);
  return stats_of(t);
}

void report(const char* section, const std::string& name, Stats s, const std::string& note = "") {
  std::printf("%-9s %-58s min %9.2f us  median %9.2f us  %s\n", section, name.c_str(), s.min * 1e6,
              s.median * 1e6, note.c_str());
  std::fflush(stdout);
}

glc::Program compile(glc::Context& ctx, const Options& o, const char* kernel, const Defines& defines) {
  glc::CompileOptions options;
  options.defines = defines;
  return ctx.compile(glc::Source::file(o.shader_dir / "glcompute/kernels" / kernel), options);
}

bool has_uniform(const glc::Program& p, const char* name) {
  for (const glc::UniformInfo& u : p.uniforms()) {
    if (u.name == name) return true;
  }
  return false;
}

template <class T>
void set_if_used(glc::Program& p, const char* name, T value) {
  if (has_uniform(p, name)) p.set(name, value);
}

std::string describe(const Defines& defines) {
  std::string s;
  for (const auto& [name, value] : defines) s += (s.empty() ? "" : " ") + name + (value.empty() ? "" : "=" + value);
  return s;
}

// ---- reduce ----------------------------------------------------------------------------------

struct ReduceShape {
  Defines defines;       // tuning defines beyond op and type
  std::uint32_t groups;  // work groups of the pass
};

/// One pass of reduce.comp over the whole of `data` (one binding), result checked against
/// `expected` (relative 1e-6 for sums, exact otherwise).
template <class T>
void probe_reduce(glc::Context& ctx, const Options& o, const glc::Buffer<T>& data, const char* op,
                  double expected, const std::vector<ReduceShape>& shapes) {
  const bool is_double = sizeof(T) == 8;
  const std::uint32_t words = static_cast<std::uint32_t>(data.size() * sizeof(T) / 4);
  glc::Buffer<std::uint32_t> record = ctx.buffer<std::uint32_t>(4);
  glc::Buffer<std::uint32_t> arrivals = ctx.buffer<std::uint32_t>(4);
  for (const ReduceShape& shape : shapes) {
    Defines defines{{op, ""}, {is_double ? "GLC_DOUBLE" : "GLC_FLOAT", ""}};
    defines.insert(defines.end(), shape.defines.begin(), shape.defines.end());
    glc::Program p = compile(ctx, o, "reduce.comp", defines);
    const std::uint32_t local = p.local_size()[0];
    GLuint texture = 0;  // GLC_TEXEL_FETCH: the data as RGBA32UI texels, on unit 0
    if (has_uniform(p, "words4_texels")) {
      glCreateTextures(GL_TEXTURE_BUFFER, 1, &texture);
      glTextureBuffer(texture, GL_RGBA32UI, data.id());
      p.set("words4_texels", 0);
    }
    glc::Buffer<std::uint32_t> partials = ctx.buffer<std::uint32_t>(shape.groups * 4 + 4);
    p.bind(0, data).bind(3, data).bind(1, partials).bind(2, record).bind(4, arrivals);
    p.set("first", 0u).set("count", words).set("partial_base", 0u);
    p.set("total_partials", shape.groups);
    const std::uint32_t vec4s = words / 4 + 1;
    set_if_used(p, "block", (vec4s + shape.groups - 1) / shape.groups);
    std::uint32_t sequence = 0;
    const Stats s = gpu_times(ctx, o.reps, [&] {
      p.set("sequence", ++sequence);
      if (texture != 0) glBindTextureUnit(0, texture);
      p.dispatch(shape.groups);
    });
    if (texture != 0) glDeleteTextures(1, &texture);
    const std::vector<std::uint32_t> r = record.read();
    const std::uint64_t bits = r[0] | std::uint64_t{r[1]} << 32;
    double got = 0;
    if (std::string(op) == "GLC_SUM" || is_double) {
      std::memcpy(&got, &bits, 8);
    } else {
      float f;
      std::memcpy(&f, &r[0], 4);
      got = f;
    }
    const bool sum = std::string(op) == "GLC_SUM";
    const bool ok = r[2] == sequence && (sum ? std::abs(got - expected) <= 1e-6 * std::abs(expected)
                                             : got == expected);
    char note[160];
    std::snprintf(note, sizeof note, "%.1f GB/s, L %u, %s (%.9g)", data.size_bytes() / s.min * 1e-9,
                  local, ok ? "ok" : "WRONG", got);
    report("reduce", std::string(is_double ? "f64 " : "f32 ") + op + " G" +
                         std::to_string(shape.groups) + " " + describe(shape.defines),
           s, note);
  }
}

void reduce_section(glc::Context& ctx, const Options& o) {
  const bool cpu = ctx.info().renderer.find("llvmpipe") != std::string::npos;
  const std::size_t limit = ctx.info().limits.max_storage_block_bytes;
  glc::Random rng(ctx, 7);
  std::vector<ReduceShape> gpu_shapes = {
      {{}, 1024},
      {{{"GLC_LOADS", "4"}}, 1024},
      {{{"GLC_LOADS", "8"}}, 1024},
      {{{"GLC_LOADS", "4"}}, 528},
      {{{"GLC_LOADS", "2"}}, 2112},
      {{{"GLC_LOADS", "4"}}, 2112},
      {{{"GLC_LOADS", "2"}}, 4224},
      {{{"GLC_LOCAL_SIZE", "512"}, {"GLC_LOADS", "4"}}, 528},
      {{{"GLC_LOCAL_SIZE", "512"}, {"GLC_LOADS", "2"}}, 1056},
      {{{"GLC_LOCAL_SIZE", "1024"}, {"GLC_LOADS", "4"}}, 264},
      {{{"GLC_BLOCKED", ""}, {"GLC_LOADS", "4"}}, 1024},
      {{{"GLC_BLOCKED", ""}, {"GLC_LOADS", "4"}}, 2112},
      {{{"GLC_TEXEL_FETCH", ""}, {"GLC_LOADS", "4"}}, 1024},
      {{{"GLC_TEXEL_FETCH", ""}, {"GLC_LOADS", "4"}}, 2112},
  };
  const Defines texel_l8 = {{"GLC_TEXEL_FETCH", ""}, {"GLC_BLOCKED", ""}, {"GLC_LOCAL_SIZE", "8"}};
  const auto with = [](Defines d, const char* name, const char* value) {
    d.emplace_back(name, value);
    return d;
  };
  std::vector<ReduceShape> cpu_shapes = {
      {{}, 1024},
      {{{"GLC_BLOCKED", ""}, {"GLC_LOCAL_SIZE", "8"}, {"GLC_LOADS", "2"}}, 64},
      {with(texel_l8, "GLC_LOADS", "1"), 64},
      {with(texel_l8, "GLC_LOADS", "2"), 16},
      {with(texel_l8, "GLC_LOADS", "2"), 32},
      {with(texel_l8, "GLC_LOADS", "2"), 64},
      {with(texel_l8, "GLC_LOADS", "2"), 256},
      {with(texel_l8, "GLC_LOADS", "4"), 64},
      {{{"GLC_TEXEL_FETCH", ""}, {"GLC_BLOCKED", ""}, {"GLC_LOCAL_SIZE", "16"}}, 64},
      {{{"GLC_TEXEL_FETCH", ""}}, 1024},
  };
  const std::vector<ReduceShape>& shapes = cpu ? cpu_shapes : gpu_shapes;

  const std::size_t n = std::min(o.n, limit / 4);
  glc::Buffer<float> f = ctx.buffer<float>(n);
  rng.uniform(f, -1.0f, 2.0f);
  const double f_sum = glc::sum(f);
  const float f_max = glc::max(f);
  std::vector<ReduceShape> sum_shapes = shapes;
  for (const ReduceShape& s : shapes) {
    ReduceShape d = s;
    d.defines.emplace_back("GLC_SUM_DOUBLE", "");
    sum_shapes.push_back(d);
  }
  probe_reduce(ctx, o, f, "GLC_SUM", f_sum, sum_shapes);
  probe_reduce(ctx, o, f, "GLC_MAX", f_max, shapes);
  if (cpu) {  // the CPU yardsticks on the same data
    const std::vector<float> host = f.read();
    std::vector<double> t;
    double keep = 0;
    for (int i = 0; i < 3; ++i) {
      const auto start = clock_type::now();
      double s = 0;
      for (float x : host) s += x;
      keep += s;
      t.push_back(seconds_since(start));
    }
    report("reduce", "f32 std::accumulate (double), one thread", stats_of(t), std::to_string(keep));
    t.clear();
    for (int i = 0; i < 3; ++i) {
      const auto start = clock_type::now();
      keep += *std::max_element(host.begin(), host.end());
      t.push_back(seconds_since(start));
    }
    report("reduce", "f32 std::max_element, one thread", stats_of(t), std::to_string(keep));
  }
  if (ctx.info().features.fp64) {
    glc::Buffer<double> d = ctx.buffer<double>(std::min(o.n, limit / 8));
    rng.uniform(d, -1.0, 2.0);
    probe_reduce(ctx, o, d, "GLC_SUM", glc::sum(d), shapes);
    probe_reduce(ctx, o, d, "GLC_MAX", glc::max(d), shapes);
  }
}

// ---- random ----------------------------------------------------------------------------------

struct WriteShape {
  std::uint32_t local_size;
  std::uint32_t vec4s;
  std::uint32_t groups = 0;  // 0: enough for one round
};

/// Words [0, k), [w/2, w/2 + k) and [w - k, w) of a buffer of w words (k = 4096, or w/3), where
/// probe_write compares them.
template <class T>
std::vector<std::uint32_t> sample_words(const glc::Buffer<T>& b) {
  const std::size_t words = b.size_bytes() / 4;
  const std::size_t k = std::min<std::size_t>(4096, words / 3) / 4 * 4;
  std::vector<std::uint32_t> r;
  for (std::size_t at : {std::size_t{0}, words / 2 / 4 * 4, words - k}) {
    const std::vector<T> part = b.read(at * 4 / sizeof(T), k * 4 / sizeof(T));
    const std::size_t old = r.size();
    r.resize(old + k);
    std::memcpy(r.data() + old, part.data(), k * 4);
  }
  return r;
}

/// One pass of random.comp (or fill.comp) with `variant` over all of `out`, checked word for
/// word against `reference` (the library's output for the same call) at both ends and the middle.
void probe_write(glc::Context& ctx, const Options& o, const char* kernel, const char* variant,
                 glc::Buffer<std::uint32_t>& out, const std::vector<std::uint32_t>& reference,
                 const std::vector<WriteShape>& shapes,
                 const std::function<void(glc::Program&)>& set_params) {
  const std::uint32_t words = static_cast<std::uint32_t>(out.size());
  for (const WriteShape& shape : shapes) {
    Defines defines;
    if (variant[0] != '\0') defines.emplace_back(variant, "");
    if (std::string(kernel) == "random.comp") defines.emplace_back("GLC_ALIGNED", "");
    defines.emplace_back("GLC_LOCAL_SIZE", std::to_string(shape.local_size));
    defines.emplace_back("GLC_VEC4S", std::to_string(shape.vec4s));
    glc::Program p = compile(ctx, o, kernel, defines);
    p.bind(0, out).bind(3, out);
    p.set("first", 0u).set("count", words);
    set_if_used(p, "key_lo", 42u);
    set_if_used(p, "key_hi", 0u);
    set_if_used(p, "block_lo", 0u);
    set_if_used(p, "block_hi", 0u);
    set_params(p);
    const std::uint64_t per_group = std::uint64_t{shape.local_size} * shape.vec4s * 4;
    const std::uint32_t groups = shape.groups != 0 ? shape.groups
                                 : static_cast<std::uint32_t>(std::min<std::uint64_t>(
                                       (words + per_group - 1) / per_group,
                                       ctx.info().limits.max_work_group_count[0]));
    glc::fill(out, 0xDEADBEEFu);
    const Stats s = gpu_times(ctx, o.reps, [&] { p.dispatch(groups); });
    const bool ok = reference.empty() || sample_words(out) == reference;
    char note[120];
    std::snprintf(note, sizeof note, "%.1f GB/s, %s", words * 4.0 / s.min * 1e-9, ok ? "ok" : "WRONG");
    report("random", std::string(kernel) + " " + variant + " L" + std::to_string(shape.local_size) +
                         " K" + std::to_string(shape.vec4s) + " G" + std::to_string(groups),
           s, note);
  }
}

/// The library's own output for a call over a whole buffer of n elements (seed 42, offset 0).
template <class T, class Call>
std::vector<std::uint32_t> library_words(glc::Context& ctx, std::size_t n, Call&& call) {
  glc::Random rng(ctx, 42);
  glc::Buffer<T> b = ctx.buffer<T>(n);
  call(rng, b);
  return sample_words(b);
}

void random_section(glc::Context& ctx, const Options& o) {
  const std::size_t words = std::min(o.n, ctx.info().limits.max_storage_block_bytes / 4) / 4 * 4;
  glc::Buffer<std::uint32_t> out = ctx.buffer<std::uint32_t>(words);
  const bool cpu = ctx.info().renderer.find("llvmpipe") != std::string::npos;
  const std::uint32_t resident = 132 * 8;  // an H100's resident groups of 256 invocations
  std::vector<WriteShape> shapes = {{256, 1}, {256, 2}, {256, 4}, {128, 1}, {128, 2},
                                    {512, 1}, {512, 2}, {1024, 1}, {64, 1},
                                    {256, 1, resident * 4}, {256, 2, resident * 2}, {256, 1, resident}};
  std::vector<WriteShape> few = {{256, 1}, {256, 2}, {128, 2}, {512, 1}, {256, 1, resident * 4}};
  if (cpu) {
    shapes = {{256, 1}, {256, 2}, {64, 1}, {8, 1}, {8, 4}};
    few = {{256, 1}, {64, 2}};
  }
  const std::vector<std::uint32_t> ref_uniform =
      library_words<float>(ctx, words, [](glc::Random& r, glc::Buffer<float>& b) { r.uniform(b); });
  probe_write(ctx, o, "random.comp", "GLC_UNIFORM", out, ref_uniform, shapes, [](glc::Program& p) {
    p.set("lo", 0.0f).set("scale", 1.0f).set("top", std::nextafter(1.0f, 0.0f));
  });
  const std::vector<std::uint32_t> ref_normal =
      library_words<float>(ctx, words, [](glc::Random& r, glc::Buffer<float>& b) { r.normal(b); });
  probe_write(ctx, o, "random.comp", "GLC_NORMAL", out, ref_normal, shapes, [](glc::Program& p) {
    p.set("mean", 0.0f).set("stddev", 1.0f);
  });
  const std::vector<std::uint32_t> ref_bits = library_words<std::uint32_t>(
      ctx, words, [](glc::Random& r, glc::Buffer<std::uint32_t>& b) { r.bits(b); });
  probe_write(ctx, o, "random.comp", "", out, ref_bits, few, [](glc::Program&) {});
  probe_write(ctx, o, "fill.comp", "", out, {}, {{256, 1}, {256, 2}}, [](glc::Program& p) {
    p.set("pattern", glm::uvec4(1, 2, 3, 4));
  });
  if (!ctx.info().features.fp64) return;
  const std::vector<std::uint32_t> ref_uniform_d = library_words<double>(
      ctx, words / 2, [](glc::Random& r, glc::Buffer<double>& b) { r.uniform(b); });
  probe_write(ctx, o, "random.comp", "GLC_UNIFORM_DOUBLE", out, ref_uniform_d, shapes,
              [](glc::Program& p) {
                p.set("lo", 0.0).set("scale", 1.0).set("top", std::nextafter(1.0, 0.0));
              });
  const std::vector<std::uint32_t> ref_normal_d = library_words<double>(
      ctx, words / 2, [](glc::Random& r, glc::Buffer<double>& b) { r.normal(b); });
  probe_write(ctx, o, "random.comp", "GLC_NORMAL_DOUBLE", out, ref_normal_d, few,
              [](glc::Program& p) { p.set("mean", 0.0).set("stddev", 1.0); });
}

}  // namespace

namespace {

// ---- latency: a reduction's result on its way to the host ------------------------------------

/// Host time of `call` (which returns its result to the host), each after a finish, as the
/// bench's host rows take it.
Stats host_times(glc::Context& ctx, int reps, const std::function<void()>& call) {
  heat(ctx, call);
  std::vector<double> t;
  for (int i = 0; i < reps; ++i) {
    ctx.finish();
    const auto start = clock_type::now();
    call();
    t.push_back(seconds_since(start));
  }
  return stats_of(t);
}

constexpr const char* kRecordShader = R"(#version 430
layout(local_size_x = 1) in;
layout(std430, binding = 0) writeonly buffer Record { uint value; };
uniform uint sequence;
void main() { value = sequence; }
)";

void latency_section(glc::Context& ctx, const Options& o) {
  const std::size_t limit = ctx.info().limits.max_storage_block_bytes / 4;
  for (std::size_t n : {std::size_t{1}, std::size_t{1'000'000}, std::min(o.n, limit)}) {
    glc::Buffer<float> b = ctx.buffer<float>(n);
    glc::fill(b, 0.5f);
    double keep = 0;
    report("latency", "glc::sum n=" + std::to_string(n) + ", host", host_times(ctx, 4 * o.reps, [&] { keep += glc::sum(b); }));
    report("latency", "glc::max n=" + std::to_string(n) + ", host", host_times(ctx, 4 * o.reps, [&] { keep += glc::max(b); }));
    report("latency", "glc::sum n=" + std::to_string(n) + ", GPU", gpu_times(ctx, o.reps, [&] { keep += glc::sum(b); }));
    if (keep < 0) std::printf("%g\n", keep);
  }
  // Raw GL: a one-invocation kernel stores a number into persistently mapped, coherent host
  // memory, and the host polls for it. issue = the host's time to submit; visible = until the
  // number is seen.
  glc::Program p = ctx.compile(glc::Source::text(kRecordShader, "record.comp"));
  GLuint buffer = 0;
  glCreateBuffers(1, &buffer);
  const GLbitfield flags = GL_MAP_READ_BIT | GL_MAP_PERSISTENT_BIT | GL_MAP_COHERENT_BIT;
  glNamedBufferStorage(buffer, 16, nullptr, flags | GL_CLIENT_STORAGE_BIT);
  auto* mapped = static_cast<std::uint32_t*>(glMapNamedBufferRange(buffer, 0, 16, flags));
  glUseProgram(p.id());
  const GLint location = glGetUniformLocation(p.id(), "sequence");
  struct Variant {
    const char* name;
    bool barrier_and_fence;
    bool wait_on_fence;
  };
  std::uint32_t sequence = 1;
  for (const Variant v : {Variant{"dispatch, flush, poll memory", false, false},
                          Variant{"dispatch, barrier, fence, flush, poll memory", true, false},
                          Variant{"dispatch, barrier, fence, flush, wait on fence", true, true}}) {
    std::vector<double> issue, visible;
    for (int i = 0; i < 20 + 8 * o.reps; ++i) {
      glFinish();
      glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 0, buffer);
      ++sequence;
      const auto start = clock_type::now();
      glUniform1ui(location, sequence);
      glDispatchCompute(1, 1, 1);
      GLsync fence = nullptr;
      if (v.barrier_and_fence) {
        glMemoryBarrier(GL_CLIENT_MAPPED_BUFFER_BARRIER_BIT);
        fence = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
      }
      glFlush();
      const double issued = seconds_since(start);
      if (v.wait_on_fence) {
        glClientWaitSync(fence, 0, 1'000'000'000);
      } else {
        while (std::atomic_ref<std::uint32_t>(*mapped).load(std::memory_order_acquire) != sequence) {
        }
      }
      const double seen = seconds_since(start);
      if (fence) glDeleteSync(fence);
      if (i >= 20) {
        issue.push_back(issued);
        visible.push_back(seen);
      }
    }
    report("latency", std::string("raw: ") + v.name + ", issue", stats_of(issue));
    report("latency", std::string("raw: ") + v.name + ", visible", stats_of(visible),
           std::atomic_ref<std::uint32_t>(*mapped).load() == sequence ? "ok" : "WRONG");
  }
  glUnmapNamedBuffer(buffer);
  glDeleteBuffers(1, &buffer);
  glUseProgram(0);
}

// ---- dispatch: a tiny dispatch and its barrier -----------------------------------------------

constexpr const char* kAxpbShader = R"(#version 430
layout(local_size_x = 256) in;
layout(std430, binding = 0) buffer Data { float x[]; };
uniform float a;
uniform float b;
void main() { uint i = gl_GlobalInvocationID.x; x[i] = x[i] * a + b; }
)";

void dispatch_section(glc::Context& ctx, const Options& o) {
  constexpr int kDispatches = 10000;
  glc::Program p = ctx.compile(glc::Source::text(kAxpbShader, "axpb.comp"));
  glc::Buffer<float> data = ctx.buffer(std::vector<float>(256, 1.0f));
  p.bind("Data", data).set("a", 0.999f).set("b", 0.001f);
  const GLint a_location = glGetUniformLocation(p.id(), "a");
  struct Variant {
    const char* name;
    std::function<void()> one;
  };
  const auto raw_setup = [&] {
    glUseProgram(p.id());
    glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 0, data.id());
  };
  const std::vector<Variant> variants = {
      {"Program::dispatch(1)", [&] { p.dispatch(1); }},
      {"raw: dispatch + barrier(storage)",
       [] {
         glDispatchCompute(1, 1, 1);
         glMemoryBarrier(GL_SHADER_STORAGE_BARRIER_BIT);
       }},
      {"raw: dispatch, no barrier", [] { glDispatchCompute(1, 1, 1); }},
      {"raw: dispatch + barrier(uniform bit, unrelated)",
       [] {
         glDispatchCompute(1, 1, 1);
         glMemoryBarrier(GL_UNIFORM_BARRIER_BIT);
       }},
      {"raw: barrier every 2nd dispatch",
       [] {
         static int i = 0;
         glDispatchCompute(1, 1, 1);
         if (++i % 2 == 0) glMemoryBarrier(GL_SHADER_STORAGE_BARRIER_BIT);
       }},
      {"raw: dispatch + barrier(all bits)",
       [] {
         glDispatchCompute(1, 1, 1);
         glMemoryBarrier(GL_ALL_BARRIER_BITS);
       }},
      {"raw: + glBindBufferBase each time",
       [&] {
         glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 0, data.id());
         glDispatchCompute(1, 1, 1);
         glMemoryBarrier(GL_SHADER_STORAGE_BARRIER_BIT);
       }},
      {"raw: + glUniform1f each time",
       [&] {
         glUniform1f(a_location, 0.999f);
         glDispatchCompute(1, 1, 1);
         glMemoryBarrier(GL_SHADER_STORAGE_BARRIER_BIT);
       }},
      {"raw: + glGetIntegerv(GL_CURRENT_PROGRAM) each time",
       [] {
         GLint current = 0;
         glGetIntegerv(GL_CURRENT_PROGRAM, &current);
         glDispatchCompute(1, 1, 1);
         glMemoryBarrier(GL_SHADER_STORAGE_BARRIER_BIT);
       }},
  };
  for (const Variant& v : variants) {
    std::vector<double> gpu, issue, wall;
    for (int r = 0; r < std::max(3, o.reps / 3); ++r) {
      raw_setup();
      double issued = 0;
      const auto start = clock_type::now();
      const glc::Timing t = ctx.time([&] {
        const auto begin = clock_type::now();
        for (int i = 0; i < kDispatches; ++i) v.one();
        issued = seconds_since(begin);
      });
      wall.push_back(seconds_since(start) / kDispatches);
      gpu.push_back(t.seconds / kDispatches);
      issue.push_back(issued / kDispatches);
    }
    const Stats g = stats_of(gpu), i = stats_of(issue), w = stats_of(wall);
    char note[120];
    std::snprintf(note, sizeof note, "issue %.2f us, wall %.2f us per dispatch", i.min * 1e6, w.min * 1e6);
    report("dispatch", v.name, g, note);
  }
  glUseProgram(0);
}

int parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw glc::Error(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--shader-dir") o.shader_dir = value();
    else if (arg == "--n") o.n = static_cast<std::size_t>(std::stod(value()));
    else if (arg == "--reps") o.reps = std::stoi(value());
    else if (arg == "--only") o.only = value();
    else throw glc::Error("unknown option " + arg +
                          " (usage: glcompute_kernel_probe [--shader-dir DIR] [--n N] [--reps R] "
                          "[--only reduce,random,latency,dispatch])");
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    Options o;
    parse(argc, argv, o);
    glc::Context ctx;
    const glc::ContextInfo& info = ctx.info();
    std::printf("glcompute_kernel_probe: %s (%s), %s, n = %zu, %d repeats\n", info.renderer.c_str(),
                info.vendor.c_str(), info.version.c_str(), o.n, o.reps);
    if (wanted(o, "dispatch")) dispatch_section(ctx, o);
    if (wanted(o, "latency")) latency_section(ctx, o);
    if (wanted(o, "reduce")) reduce_section(ctx, o);
    if (wanted(o, "random")) random_section(ctx, o);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "glcompute_kernel_probe: %s\n", e.what());
    return 1;
  }
}
