#include "context/context_state.hpp"

#include <string>

#include "context/gl_names.hpp"
#include "glcompute/detail/host_mapping.hpp"
#include "glcompute/error.hpp"

namespace glc::detail {
namespace {

void GLAPIENTRY debug_callback(GLenum /*source*/, GLenum type, GLuint /*id*/, GLenum severity,
                               GLsizei /*length*/, const GLchar* message, const void* user) {
  static_cast<ContextState*>(const_cast<void*>(user))->record_debug_message(type, severity, message);
}

std::string gl_string(GLenum name) {
  const auto* s = reinterpret_cast<const char*>(glGetString(name));
  return s ? s : "";
}

std::uint32_t get_uint(GLenum name) {
  GLint value = 0;
  glGetIntegerv(name, &value);
  return static_cast<std::uint32_t>(value);
}

std::array<std::uint32_t, 3> get_uint3(GLenum name) {
  std::array<std::uint32_t, 3> out{};
  for (GLuint i = 0; i < 3; ++i) {
    GLint value = 0;
    glGetIntegeri_v(name, i, &value);
    out[i] = static_cast<std::uint32_t>(value);
  }
  return out;
}

std::uint64_t get_uint64(GLenum name) {
  GLint64 value = 0;
  glGetInteger64v(name, &value);
  return static_cast<std::uint64_t>(value);
}

/// Whether GL_RESET_NOTIFICATION_STRATEGY and glGetGraphicsResetStatus exist: GL 4.5 core
/// (KHR_robustness), KHR_robustness or ARB_robustness.
bool has_reset_status_query() {
  return glGetGraphicsResetStatus != nullptr || glGetGraphicsResetStatusARB != nullptr;
}

GLenum graphics_reset_status() {
  return glGetGraphicsResetStatus != nullptr ? glGetGraphicsResetStatus()
                                             : glGetGraphicsResetStatusARB();
}

/// The reset status in words, for the error that reports a lost context.
std::string describe_reset(GLenum status) {
  switch (status) {
    case GL_GUILTY_CONTEXT_RESET:
      return "guilty: this context's own work caused the reset, e.g. a shader that faulted or "
             "ran too long";
    case GL_INNOCENT_CONTEXT_RESET:
      return "innocent: work of another context or process caused the reset";
    default:
      return "unknown cause";
  }
}

}  // namespace

ContextState::ContextState(std::unique_ptr<PlatformContext> platform,
                           const ContextOptions& options)
    : platform_(std::move(platform)),
      staging_bytes_(options.staging_bytes),
      gpu_timeout_ns_(static_cast<std::uint64_t>(
          std::chrono::duration_cast<std::chrono::nanoseconds>(options.gpu_timeout).count())) {
  const bool debug = options.debug;
  try {
    if (options.gpu_timeout.count() <= 0) {
      throw Error("glc::Context: ContextOptions::gpu_timeout must be positive (it is " +
                  std::to_string(options.gpu_timeout.count()) + " ms)");
    }
    info_.debug = debug;
    read_info();
    program_cache_.configure(options.program_cache, info_);
    enable_reset_notification();
    if (debug) {
      glEnable(GL_DEBUG_OUTPUT);
      // Synchronous, so the message arrives inside the call that caused it.
      glEnable(GL_DEBUG_OUTPUT_SYNCHRONOUS);
      glDebugMessageCallback(debug_callback, this);
    }
    check_errors("context creation");
  } catch (...) {
    destroy();  // the destructor does not run for a throwing constructor
    throw;
  }
}

ContextState::~ContextState() { destroy(); }

void ContextState::destroy() noexcept {
  // Kernels, staging and mappings delete their GL objects while the context still exists.
  cache_.clear();
  spare_mappings_.clear();
  if (alive()) {
    try {
      use();
      for (const std::weak_ptr<HostMapping>& weak : live_mappings_) {
        if (std::shared_ptr<HostMapping> mapping = weak.lock()) mapping->detach_from_context();
      }
    } catch (...) {  // current on another thread: views keep dangling memory, as documented
    }
  }
  live_mappings_.clear();
  if (staging_ && alive()) {
    try {
      use();
      staging_.reset();
    } catch (...) {
      staging_->abandon();  // current elsewhere: the context's destruction frees its objects
      staging_.reset();
    }
  }
  if (alive() && info_.debug && platform_->is_current()) {
    glDebugMessageCallback(nullptr, nullptr);
  }
  platform_.reset();
}

void ContextState::use() {
  if (!alive()) {
    throw Error("glcompute: used a buffer, texture or program whose glc::Context was destroyed");
  }
  if (!lost_.empty()) throw_lost(nullptr);
  platform_->make_current();
}

StagingBuffer* ContextState::staging() {
  if (!staging_enabled()) return nullptr;
  if (!staging_) staging_ = std::make_unique<StagingBuffer>(staging_bytes_, *this);
  return staging_.get();
}

void ContextState::read_info() {
  info_.vendor = gl_string(GL_VENDOR);
  info_.renderer = gl_string(GL_RENDERER);
  info_.version = gl_string(GL_VERSION);
  info_.glsl_version = gl_string(GL_SHADING_LANGUAGE_VERSION);
  info_.gl_major = static_cast<int>(get_uint(GL_MAJOR_VERSION));
  info_.gl_minor = static_cast<int>(get_uint(GL_MINOR_VERSION));
  platform_->describe(info_);

  ComputeLimits& l = info_.limits;
  l.max_work_group_count = get_uint3(GL_MAX_COMPUTE_WORK_GROUP_COUNT);
  l.max_work_group_size = get_uint3(GL_MAX_COMPUTE_WORK_GROUP_SIZE);
  l.max_work_group_invocations = get_uint(GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS);
  l.max_shared_memory_bytes = get_uint(GL_MAX_COMPUTE_SHARED_MEMORY_SIZE);
  l.max_storage_block_bytes = get_uint64(GL_MAX_SHADER_STORAGE_BLOCK_SIZE);
  l.storage_buffer_offset_alignment = get_uint(GL_SHADER_STORAGE_BUFFER_OFFSET_ALIGNMENT);
  l.max_storage_buffer_bindings = get_uint(GL_MAX_SHADER_STORAGE_BUFFER_BINDINGS);

  const int version = info_.gl_major * 10 + info_.gl_minor;
  Features& f = info_.features;
  f.gl_spirv = version >= 46 || GLAD_GL_ARB_gl_spirv;
  f.buffer_storage = version >= 44 || GLAD_GL_ARB_buffer_storage;
  f.subgroup = GLAD_GL_KHR_shader_subgroup != 0;
  GLint timer_bits = 0;
  glGetQueryiv(GL_TIME_ELAPSED, GL_QUERY_COUNTER_BITS, &timer_bits);
  f.timer_query = timer_bits > 0;
  f.debug_output = version >= 43 || GLAD_GL_KHR_debug;
}

void ContextState::record_debug_message(GLenum type, GLenum severity, const char* message) {
  if (type == GL_DEBUG_TYPE_ERROR || severity == GL_DEBUG_SEVERITY_HIGH) {
    debug_errors_.emplace_back(message ? message : "");
  }
}

void ContextState::check_errors(const char* operation) {
  std::string errors;
  // glGetError returns one flag per call; a few are possible at once. The bound keeps a
  // lost context (which may report an error forever) from looping.
  for (int i = 0; i < 8; ++i) {
    const GLenum error = glGetError();
    if (error == GL_NO_ERROR) break;
    errors += (errors.empty() ? "" : ", ") + gl_error_name(error);
  }
  for (const std::string& message : debug_errors_) {
    errors += (errors.empty() ? "" : "; ") + message;
  }
  debug_errors_.clear();
  // A lost context reports GL_CONTEXT_LOST (or nothing) for every call: say what happened.
  check_lost(operation);
  if (!errors.empty()) {
    throw Error(std::string("glcompute: GL error during ") + operation + ": " + errors);
  }
}

void ContextState::enable_reset_notification() {
  // The platform asked for LOSE_CONTEXT_ON_RESET; the context has it only if GL confirms the
  // strategy and offers the query that reports a reset.
  if (!platform_->requested_reset_notification() || !has_reset_status_query()) return;
  GLint strategy = 0;
  glGetIntegerv(GL_RESET_NOTIFICATION_STRATEGY, &strategy);
  info_.reset_notification = strategy == GL_LOSE_CONTEXT_ON_RESET;
}

void ContextState::check_lost(const char* operation) {
  if (!lost_.empty()) throw_lost(operation);
  if (!info_.reset_notification) return;
  const GLenum status = graphics_reset_status();
  if (status == GL_NO_ERROR) return;
  lost_ = describe_reset(status);
  throw_lost(operation);
}

void ContextState::throw_lost(const char* operation) const {
  throw Error(std::string("glcompute: the GL context was lost") +
              (operation ? std::string(" during ") + operation : std::string()) +
              " (GPU reset; " + lost_ +
              "). Every later use of this glc::Context throws: create a new one.");
}

}  // namespace glc::detail
