// glcompute_transfer_paths: every way a transfer between host memory and a buffer could go on
// this driver, timed side by side, so that the path each driver takes is chosen by measurement
// (bench/RESULTS.md, "Transfer paths"). Raw GL on buffers made for the purpose, next to the
// library's own calls:
//   reads   glGetBufferSubData; glMapBufferRange per read (memcpy on one core or several); a
//           persistent mapping of the buffer itself; a GPU copy into persistently mapped host
//           memory, with and without GL_CLIENT_STORAGE_BIT, then copied out;
//   writes  the same ways in the other direction (glBufferSubData, ...);
//   vectors a new host vector of n floats: plain, with transparent huge pages, with its pages
//           first touched on several cores, with MADV_POPULATE_WRITE;
//   memory  memcpy and memset bandwidth on one core and on several.
// Each figure is the best of --repeats runs after a warm-up; the GPU is finished before each.
//
// Usage: glcompute_transfer_paths [--sizes 1e4,1e6,1e8] [--repeats N] [--threads N]

#include <sys/mman.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <glad/gl.h>
#include <glcompute/glcompute.hpp>

namespace {

constexpr const char* kUsage =
    "usage: glcompute_transfer_paths [--sizes LIST] [--repeats N] [--threads N]\n"
    "  --sizes LIST  comma-separated float counts (default 1e4,1e6,1e8)\n"
    "  --repeats N   timed runs after the warm-up (default 4; the best is shown)\n"
    "  --threads N   most threads for the parallel copies (default: the cores, at most 16)\n";

struct Options {
  std::vector<std::size_t> sizes{10'000, 1'000'000, 100'000'000};
  int repeats = 4;
  unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 16u);
};

volatile float g_sink;

double seconds_of(const std::function<void()>& work) {
  const auto t0 = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// One warm-up, then the best of `repeats` runs, fewer once 2 s have gone by (a warm-up that
/// alone takes that long is the measurement). `before` runs untimed ahead of each run.
double best_of(int repeats, const std::function<void()>& work,
               const std::function<void()>& before = [] {}) {
  const auto start = std::chrono::steady_clock::now();
  before();
  double best = seconds_of(work);
  for (int i = 0; i < repeats; ++i) {
    if (std::chrono::steady_clock::now() - start > std::chrono::seconds(2)) break;
    before();
    best = std::min(best, seconds_of(work));
  }
  return best;
}

void row(const char* group, const std::string& path, std::size_t n, double seconds) {
  const double bytes = 4.0 * static_cast<double>(n);
  std::printf("| %s | %s | %zu | %.3f ms | %.1f |\n", group, path.c_str(), n, seconds * 1e3,
              bytes / seconds * 1e-9);
  std::fflush(stdout);
}

// ---- Host memory helpers --------------------------------------------------------------------

/// memcpy on `threads` threads, in page-aligned parts.
void copy_on(unsigned threads, void* destination, const void* source, std::size_t bytes) {
  auto* out = static_cast<std::byte*>(destination);
  const auto* in = static_cast<const std::byte*>(source);
  threads = static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads, bytes >> 20)));
  if (threads <= 1) {
    std::memcpy(out, in, bytes);
    return;
  }
  const std::size_t part = (bytes / threads + 4095) / 4096 * 4096;
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < threads; ++t) {
    const std::size_t begin = std::min(bytes, t * part), end = std::min(bytes, begin + part);
    if (begin < end) workers.emplace_back([=] { std::memcpy(out + begin, in + begin, end - begin); });
  }
  std::memcpy(out, in, std::min(part, bytes));
  for (std::thread& w : workers) w.join();
}

/// Writes one byte in every page of [data, data + bytes) on `threads` threads.
void touch_on(unsigned threads, void* data, std::size_t bytes) {
  auto* p = static_cast<volatile char*>(data);
  const auto touch = [p](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; i += 4096) p[i] = 0;
  };
  threads = static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads, bytes >> 21)));
  const std::size_t part = (bytes / threads + 4095) / 4096 * 4096;
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < threads; ++t) {
    const std::size_t begin = std::min(bytes, t * part), end = std::min(bytes, begin + part);
    if (begin < end) workers.emplace_back(touch, begin, end);
  }
  touch(0, std::min(part, bytes));
  for (std::thread& w : workers) w.join();
}

/// madvise on the whole pages inside [data, data + bytes); false where the kernel refuses.
bool advise(void* data, std::size_t bytes, int advice) {
  const auto begin = (reinterpret_cast<std::uintptr_t>(data) + 4095) / 4096 * 4096;
  const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) / 4096 * 4096;
  if (end <= begin) return false;
  return madvise(reinterpret_cast<void*>(begin), end - begin, advice) == 0;
}

std::string first_line(const char* path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line.empty() ? "(unreadable)" : line;
}

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "(unknown)";
}

// ---- GL helpers -----------------------------------------------------------------------------

void check_gl(const char* what) {
  if (const GLenum e = glGetError(); e != GL_NO_ERROR) {
    throw std::runtime_error(std::string("GL error 0x") + std::to_string(e) + " in " + what);
  }
}

void fence_wait() {
  GLsync s = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
  glClientWaitSync(s, GL_SYNC_FLUSH_COMMANDS_BIT, 60'000'000'000ull);
  glDeleteSync(s);
}

/// A buffer of `bytes` made with glBufferStorage(`flags`), persistently mapped where asked.
class RawBuffer {
 public:
  RawBuffer(std::size_t bytes, GLbitfield flags, GLbitfield map_flags = 0) : bytes_(bytes) {
    glGenBuffers(1, &id_);
    glBindBuffer(GL_COPY_WRITE_BUFFER, id_);
    glBufferStorage(GL_COPY_WRITE_BUFFER, static_cast<GLsizeiptr>(bytes), nullptr, flags);
    if (map_flags != 0) {
      map_ = static_cast<std::byte*>(
          glMapBufferRange(GL_COPY_WRITE_BUFFER, 0, static_cast<GLsizeiptr>(bytes), map_flags));
    }
    check_gl("creating a raw buffer");
  }
  ~RawBuffer() {
    glBindBuffer(GL_COPY_WRITE_BUFFER, id_);
    if (map_) glUnmapBuffer(GL_COPY_WRITE_BUFFER);
    glDeleteBuffers(1, &id_);
  }
  RawBuffer(const RawBuffer&) = delete;
  RawBuffer& operator=(const RawBuffer&) = delete;
  GLuint id() const { return id_; }
  std::byte* map() const { return map_; }

 private:
  std::size_t bytes_;
  GLuint id_ = 0;
  std::byte* map_ = nullptr;
};

void gpu_copy(GLuint from, GLuint to, std::size_t bytes) {
  glBindBuffer(GL_COPY_READ_BUFFER, from);
  glBindBuffer(GL_COPY_WRITE_BUFFER, to);
  glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, 0, 0, static_cast<GLsizeiptr>(bytes));
}

constexpr GLbitfield kPersistent = GL_MAP_READ_BIT | GL_MAP_WRITE_BIT | GL_MAP_PERSISTENT_BIT |
                                   GL_MAP_COHERENT_BIT;

// ---- The measurements -----------------------------------------------------------------------

void run_size(glc::Context& ctx, std::size_t n, const Options& o) {
  const std::size_t bytes = n * sizeof(float);
  const auto sizeb = static_cast<GLsizeiptr>(bytes);
  glc::Buffer<float> buffer = ctx.buffer(std::vector<float>(n, 0.5f));
  std::vector<float> host(n, 0.25f), other(n, 0.75f);
  const int r = o.repeats;
  const auto finish = [&] { ctx.finish(); };
  std::vector<unsigned> thread_counts;
  for (unsigned t = 2; t < o.threads; t *= 2) thread_counts.push_back(t);
  thread_counts.push_back(o.threads);

  if (n >= 10'000'000) {  // raise the GPU's clocks (see cases.cpp, heat_gpu)
    const auto t0 = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(300)) {
      for (int i = 0; i < 16; ++i) glc::fill(buffer, 0.5f);
      ctx.finish();
    }
  }

  // Host memory alone.
  row("memory", "memcpy, 1 thread", n, best_of(r, [&] { std::memcpy(other.data(), host.data(), bytes); }));
  for (unsigned t : thread_counts) {
    row("memory", "memcpy, " + std::to_string(t) + " threads", n,
        best_of(r, [&] { copy_on(t, other.data(), host.data(), bytes); }));
  }
  row("memory", "memset, 1 thread", n, best_of(r, [&] { std::memset(other.data(), 1, bytes); }));

  // New vectors of n floats (the pages are new each time: glibc maps large blocks afresh).
  const auto fresh = [&](const char* name, const std::function<void(std::vector<float>&)>& prepare) {
    row("new vector", name, n, best_of(r, [&] {
          std::vector<float> v;
          v.reserve(n);
          prepare(v);
          v.resize(n);
          g_sink = v[n / 2];
        }));
  };
  fresh("vector(n)", [](std::vector<float>&) {});
  fresh("MADV_HUGEPAGE", [&](std::vector<float>& v) { advise(v.data(), bytes, MADV_HUGEPAGE); });
  fresh("MADV_POPULATE_WRITE", [&](std::vector<float>& v) { advise(v.data(), bytes, 23); });
  fresh("MADV_HUGEPAGE + POPULATE_WRITE", [&](std::vector<float>& v) {
    advise(v.data(), bytes, MADV_HUGEPAGE);
    advise(v.data(), bytes, 23);
  });
  for (unsigned t : thread_counts) {
    fresh(("touch on " + std::to_string(t) + " threads").c_str(),
          [&](std::vector<float>& v) { touch_on(t, v.data(), bytes); });
    fresh(("MADV_HUGEPAGE + touch on " + std::to_string(t) + " threads").c_str(), [&](std::vector<float>& v) {
      advise(v.data(), bytes, MADV_HUGEPAGE);
      touch_on(t, v.data(), bytes);
    });
  }
  row("new vector", "MADV_HUGEPAGE + touch, then copy on all threads", n, best_of(r, [&] {
        std::vector<float> v;
        v.reserve(n);
        advise(v.data(), bytes, MADV_HUGEPAGE);
        touch_on(o.threads, v.data(), bytes);
        v.resize(n);
        copy_on(o.threads, v.data(), host.data(), bytes);
        g_sink = v[n / 2];
      }));

  // The library as it is.
  row("library", "read_into", n, best_of(r, [&] { buffer.read_into(host); }, finish));
  row("library", "read() (new vector)", n, best_of(r, [&] { g_sink = buffer.read().back(); }, finish));
  row("library", "read_async().get()", n, best_of(r, [&] { g_sink = buffer.read_async().get().back(); }, finish));
  row("library", "read_async().wait()", n, best_of(r, [&] { glc::MappedRead<float> v = buffer.read_async().wait(); }, finish));
  row("library", "map_read()", n, best_of(r, [&] { glc::MappedRead<float> v = buffer.map_read(); }, finish));
  row("library", "write + finish", n, best_of(r, [&] { buffer.write(host); ctx.finish(); }, finish));
  {
    double acquire = 1e9, fill = 1e9, commit = 1e9;
    for (int i = 0; i <= r; ++i) {
      ctx.finish();
      std::optional<glc::MappedWrite<float>> view;
      const double a = seconds_of([&] { view.emplace(buffer.map_write()); });
      const double f = seconds_of([&] { std::memcpy(view->data(), host.data(), bytes); });
      const double c = seconds_of([&] { view->commit(); ctx.finish(); });
      if (i > 0) acquire = std::min(acquire, a), fill = std::min(fill, f), commit = std::min(commit, c);
    }
    row("library", "map_write() alone", n, acquire);
    row("library", "memcpy into the map_write view", n, fill);
    row("library", "commit + finish", n, commit);
    row("library", "memcpy into the view on all threads", n, best_of(r, [&] {
          glc::MappedWrite<float> view = buffer.map_write();
          copy_on(o.threads, view.data(), host.data(), bytes);
          view.commit();
        }, finish));
  }

  // Raw paths. `dev` is made as glcompute makes buffers; `mappable` adds the map bits (per-call
  // glMapBufferRange); `persistent` keeps itself mapped; `persistent_client` also asks for host
  // memory. Each is filled from the glcompute buffer first.
  RawBuffer dev(bytes, GL_DYNAMIC_STORAGE_BIT);
  RawBuffer mappable(bytes, GL_DYNAMIC_STORAGE_BIT | GL_MAP_READ_BIT | GL_MAP_WRITE_BIT);
  RawBuffer persistent(bytes, GL_DYNAMIC_STORAGE_BIT | kPersistent, kPersistent);
  RawBuffer persistent_client(bytes, GL_DYNAMIC_STORAGE_BIT | kPersistent | GL_CLIENT_STORAGE_BIT,
                              kPersistent);
  RawBuffer staging_client(bytes, kPersistent | GL_CLIENT_STORAGE_BIT, kPersistent);
  RawBuffer staging_driver(bytes, kPersistent, kPersistent);
  for (const RawBuffer* b : {&dev, &mappable, &persistent, &persistent_client}) {
    gpu_copy(buffer.id(), b->id(), bytes);
  }
  ctx.finish();
  check_gl("filling the raw buffers");

  // Where each kind of buffer lives, seen from the GPU: a copy into the glcompute buffer.
  for (auto [name, b] : {std::pair{"device copy from DYNAMIC_STORAGE", &dev},
                         std::pair{"device copy from +MAP_READ|MAP_WRITE", &mappable},
                         std::pair{"device copy from +PERSISTENT|COHERENT", &persistent},
                         std::pair{"device copy from +PERSISTENT|COHERENT|CLIENT_STORAGE", &persistent_client}}) {
    row("placement", name, n, best_of(r, [&] { gpu_copy(b->id(), buffer.id(), bytes); ctx.finish(); }, finish));
  }
  row("placement", "allocate + map a CLIENT_STORAGE mapping", n, best_of(r, [&] {
        RawBuffer fresh_mapping(bytes, kPersistent | GL_CLIENT_STORAGE_BIT, kPersistent);
        g_sink = static_cast<float>(fresh_mapping.map() != nullptr);
      }));

  // Reads into resident host memory.
  row("read", "glGetBufferSubData", n, best_of(r, [&] {
        glBindBuffer(GL_COPY_READ_BUFFER, dev.id());
        glGetBufferSubData(GL_COPY_READ_BUFFER, 0, sizeb, host.data());
      }, finish));
  for (unsigned t : {1u, o.threads}) {
    row("read", "glMapBufferRange(READ) + copy on " + std::to_string(t), n, best_of(r, [&] {
          glBindBuffer(GL_COPY_READ_BUFFER, mappable.id());
          void* p = glMapBufferRange(GL_COPY_READ_BUFFER, 0, sizeb, GL_MAP_READ_BIT);
          copy_on(t, host.data(), p, bytes);
          glUnmapBuffer(GL_COPY_READ_BUFFER);
        }, finish));
    row("read", "persistent buffer: fence + copy on " + std::to_string(t), n, best_of(r, [&] {
          glMemoryBarrier(GL_CLIENT_MAPPED_BUFFER_BARRIER_BIT);
          fence_wait();
          copy_on(t, host.data(), persistent.map(), bytes);
        }, finish));
    row("read", "persistent CLIENT_STORAGE buffer: fence + copy on " + std::to_string(t), n, best_of(r, [&] {
          glMemoryBarrier(GL_CLIENT_MAPPED_BUFFER_BARRIER_BIT);
          fence_wait();
          copy_on(t, host.data(), persistent_client.map(), bytes);
        }, finish));
  }
  for (auto [name, s] : {std::pair{"CLIENT_STORAGE", &staging_client}, std::pair{"driver-placed", &staging_driver}}) {
    row("read", std::string("GPU copy into ") + name + " mapping + fence", n, best_of(r, [&] {
          gpu_copy(dev.id(), s->id(), bytes);
          fence_wait();
        }, finish));
    row("read", std::string("GPU copy into ") + name + " mapping + fence + copy out on all", n, best_of(r, [&] {
          gpu_copy(dev.id(), s->id(), bytes);
          fence_wait();
          copy_on(o.threads, host.data(), s->map(), bytes);
        }, finish));
    row("read", std::string("copy out of ") + name + " mapping, 1 thread", n,
        best_of(r, [&] { std::memcpy(host.data(), s->map(), bytes); }));
  }

  // Writes from resident host memory, each with a glFinish.
  row("write", "glBufferSubData", n, best_of(r, [&] {
        glBindBuffer(GL_COPY_WRITE_BUFFER, dev.id());
        glBufferSubData(GL_COPY_WRITE_BUFFER, 0, sizeb, host.data());
        glFinish();
      }, finish));
  for (unsigned t : {1u, o.threads}) {
    row("write", "glMapBufferRange(WRITE) + copy on " + std::to_string(t), n, best_of(r, [&] {
          glBindBuffer(GL_COPY_WRITE_BUFFER, mappable.id());
          void* p = glMapBufferRange(GL_COPY_WRITE_BUFFER, 0, sizeb, GL_MAP_WRITE_BIT);
          copy_on(t, p, host.data(), bytes);
          glUnmapBuffer(GL_COPY_WRITE_BUFFER);
          glFinish();
        }, finish));
    row("write", "glMapBufferRange(WRITE|INVALIDATE_RANGE) + copy on " + std::to_string(t), n, best_of(r, [&] {
          glBindBuffer(GL_COPY_WRITE_BUFFER, mappable.id());
          void* p = glMapBufferRange(GL_COPY_WRITE_BUFFER, 0, sizeb,
                                     GL_MAP_WRITE_BIT | GL_MAP_INVALIDATE_RANGE_BIT);
          copy_on(t, p, host.data(), bytes);
          glUnmapBuffer(GL_COPY_WRITE_BUFFER);
          glFinish();
        }, finish));
    row("write", "persistent buffer: fence + copy on " + std::to_string(t), n, best_of(r, [&] {
          fence_wait();
          copy_on(t, persistent.map(), host.data(), bytes);
          glFinish();
        }, finish));
    row("write", "persistent CLIENT_STORAGE buffer: fence + copy on " + std::to_string(t), n, best_of(r, [&] {
          fence_wait();
          copy_on(t, persistent_client.map(), host.data(), bytes);
          glFinish();
        }, finish));
  }
  for (auto [name, s] : {std::pair{"CLIENT_STORAGE", &staging_client}, std::pair{"driver-placed", &staging_driver}}) {
    row("write", std::string("copy into ") + name + " mapping, 1 thread", n,
        best_of(r, [&] { std::memcpy(s->map(), host.data(), bytes); }));
    row("write", std::string("copy into ") + name + " mapping, all threads", n,
        best_of(r, [&] { copy_on(o.threads, s->map(), host.data(), bytes); }));
    row("write", std::string("GPU copy from ") + name + " mapping + finish", n, best_of(r, [&] {
          gpu_copy(s->id(), dev.id(), bytes);
          glFinish();
        }, finish));
  }
  check_gl("the measurements");
}

std::vector<std::size_t> parse_sizes(const std::string& list) {
  std::vector<std::size_t> sizes;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const double v = std::strtod(list.substr(start, comma - start).c_str(), nullptr);
    if (v < 1 || v > 1e10) throw std::runtime_error("--sizes: bad size in " + list);
    sizes.push_back(static_cast<std::size_t>(v));
    start = comma + 1;
  }
  return sizes;
}

}  // namespace

int main(int argc, char** argv) try {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) {
      std::fprintf(stderr, "%s", kUsage);
      return 2;
    }
    if (arg == "--sizes") o.sizes = parse_sizes(argv[++i]);
    else if (arg == "--repeats") o.repeats = std::max(1, std::atoi(argv[++i]));
    else if (arg == "--threads") o.threads = static_cast<unsigned>(std::max(1, std::atoi(argv[++i])));
    else {
      std::fprintf(stderr, "%s", kUsage);
      return 2;
    }
  }
  glc::Context ctx;
  utsname u{};
  uname(&u);
  std::printf("glcompute_transfer_paths: %s, GL %s, EGL path %s\n", ctx.info().renderer.c_str(),
              ctx.info().version.c_str(), ctx.info().egl_path.c_str());
  std::printf("host: %s, %u hardware threads, %.1f GiB, kernel %s; THP enabled %s, defrag %s\n",
              cpu_model().c_str(), std::thread::hardware_concurrency(),
              static_cast<double>(sysconf(_SC_PHYS_PAGES)) * static_cast<double>(sysconf(_SC_PAGE_SIZE)) / (1u << 30),
              u.release, first_line("/sys/kernel/mm/transparent_hugepage/enabled").c_str(),
              first_line("/sys/kernel/mm/transparent_hugepage/defrag").c_str());
  std::printf("best of %d runs after a warm-up; parallel copies on up to %u threads\n\n", o.repeats, o.threads);
  std::printf("| group | path | n (floats) | time | GB/s |\n|---|---|--:|--:|--:|\n");
  for (std::size_t n : o.sizes) run_size(ctx, n, o);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "glcompute_transfer_paths: %s\n", e.what());
  return 1;
}
