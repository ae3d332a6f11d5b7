#include "glcompute/context.hpp"

#include <chrono>

#include "context/backend_selection.hpp"
#include "context/context_state.hpp"
#include "glcompute/error.hpp"
#include "kernels/zero_fill.hpp"
#include "memory/transfer_path.hpp"
#include "memory/transfers.hpp"
#include "program/program_cache.hpp"
#include "program/program_link.hpp"
#include "program/program_state.hpp"

namespace glc {
namespace {

/// The GL_TIME_ELAPSED query of Context::time: GL allows one at a time per context, so calls
/// cannot nest. Attached to the context.
class ElapsedTimeQuery {
 public:
  /// Marks the query as running; throws glc::Error if it already is.
  void begin() {
    if (running_) throw Error("Context::time: calls cannot nest (one GL_TIME_ELAPSED query at a time)");
    running_ = true;
  }
  void end() noexcept { running_ = false; }

 private:
  bool running_ = false;
};

}  // namespace

Context::Context(const ContextOptions& options)
    : state_(std::make_shared<detail::ContextState>(
          detail::create_platform_context(detail::check_transfer_options(options)), options)) {
  // Created with the context, so a bad ContextOptions::program_cache or GLCOMPUTE_TRANSFER_PATH
  // is refused here (the state's destructor then destroys the GL context).
  state_->attachment<detail::ProgramCache>();
  state_->attachment<detail::TransferState>();
}

Context::~Context() {
  if (state_) state_->destroy();
}

Context::Context(Context&&) noexcept = default;

Context& Context::operator=(Context&& other) noexcept {
  if (this != &other) {
    if (state_) state_->destroy();
    state_ = std::move(other.state_);
  }
  return *this;
}

const std::shared_ptr<detail::ContextState>& Context::state() const {
  if (!state_) detail::throw_empty_handle("glc::Context");
  return state_;
}

const std::shared_ptr<detail::ContextState>& detail::Access::state(const Context& context) {
  return context.state();
}

const ContextInfo& Context::info() const { return state()->info(); }

std::vector<std::uint32_t> Context::compile_to_spirv(const Source& source, const CompileOptions& options) {
  return detail::compile_to_spirv(state(), source, options);
}

ProgramCacheStats Context::program_cache() const {
  return state()->attachment<detail::ProgramCache>().stats();
}

Program Context::compile(const Source& source, const CompileOptions& options) {
  return Program(detail::build_program(state(), source, options));
}

void Context::make_current() { state()->use(); }

void Context::release_current() { state()->release_current(); }

void Context::finish() {
  state()->use();
  glFinish();
  state_->check_errors("Context::finish");
  state_->attachment<detail::TransferState>().trim();  // large spare mappings unused for a while
}

Timing Context::time(const std::function<void()>& work) {
  detail::ContextState& s = *state();
  s.use();
  ElapsedTimeQuery& timer = s.attachment<ElapsedTimeQuery>();
  timer.begin();
  glFinish();  // earlier work is not part of the measurement
  GLuint query = 0;
  glGenQueries(1, &query);
  const auto end_query = [&] {
    s.use();  // `work` may have used another context
    glEndQuery(GL_TIME_ELAPSED);
    timer.end();
  };
  const auto start = std::chrono::steady_clock::now();
  glBeginQuery(GL_TIME_ELAPSED, query);
  try {
    work();
  } catch (...) {
    end_query();
    glDeleteQueries(1, &query);
    throw;
  }
  end_query();
  glFinish();
  const double host = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  GLuint64 nanoseconds = 0;  // 64-bit: a 32-bit result would wrap at 4.3 s
  glGetQueryObjectui64v(query, GL_QUERY_RESULT, &nanoseconds);
  glDeleteQueries(1, &query);
  s.check_errors("Context::time");
  const double gpu = static_cast<double>(nanoseconds) * 1e-9;
  // llvmpipe answers 0 or 1 ns whatever the work: a GPU time a thousand times below the host's
  // is no measurement, so the host clock stands in.
  if (nanoseconds < 1000 && gpu * 1000 < host) return {host, false};
  return {gpu, true};
}

std::shared_ptr<detail::BufferStorage> Context::make_storage(std::size_t bytes, const void* data) {
  if (data != nullptr) return std::make_shared<detail::BufferStorage>(state(), bytes, data);
  // GL leaves new storage undefined; a fresh buffer reads as zeros, like std::vector. Storage
  // (memory/) could clear it, but the kernel library fills faster where it can (zero_fill.hpp).
  auto storage = std::make_shared<detail::BufferStorage>(state(), bytes,
                                                         detail::InitialContents::undefined);
  detail::zero_fill(*storage);
  return storage;
}

}  // namespace glc
