#include "transfer_path.hpp"

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "glcompute/error.hpp"

namespace glc::detail {
namespace {

/// Drivers whose buffer memory is host memory, by the start of GL_RENDERER. Measured on
/// llvmpipe (Mesa 22.3.6, 2 cores; bench/RESULTS.md, "Transfer paths"): every direct way of
/// reading 400 MB (glGetBufferSubData, glMapBufferRange and a memcpy, a persistent mapping)
/// costs one memcpy, staging two.
constexpr std::string_view kHostMemoryDrivers[] = {"llvmpipe", "softpipe"};

TransferPath measured_default(const ContextInfo& info) {
  for (const std::string_view renderer : kHostMemoryDrivers) {
    if (info.renderer.starts_with(renderer)) return TransferPath::direct;
  }
  return TransferPath::staging;
}

}  // namespace

const char* transfer_path_name(TransferPath path) {
  switch (path) {
    case TransferPath::staging: return "staging";
    case TransferPath::direct: return "direct";
    case TransferPath::plain: return "plain";
  }
  return "?";
}

TransferPath choose_transfer_path(const ContextInfo& info, std::size_t staging_bytes) {
  // The variable is checked first, so that a misspelt value is refused on every context.
  const char* value = std::getenv("GLCOMPUTE_TRANSFER_PATH");
  const std::string_view v(value == nullptr ? "" : value);
  if (!v.empty() && v != "staging" && v != "direct" && v != "plain") {
    throw Error("glcompute: GLCOMPUTE_TRANSFER_PATH is '" + std::string(v) +
                "'; it must be 'staging', 'direct' or 'plain' (or unset for the driver's default)");
  }
  if (staging_bytes == 0 || !info.features.buffer_storage) return TransferPath::plain;
  if (v.empty()) return measured_default(info);
  if (v == "staging") return TransferPath::staging;
  return v == "direct" ? TransferPath::direct : TransferPath::plain;
}

const ContextOptions& check_transfer_options(const ContextOptions& options) {
  const std::size_t bytes = options.staging_bytes;
  if (bytes == 0) return options;
  const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
  const std::size_t memory =
      pages > 0 && page > 0 ? static_cast<std::size_t>(pages) * static_cast<std::size_t>(page) : SIZE_MAX;
  if (bytes < kMinStagingBytes || bytes > memory) {
    throw Error("glc::Context: ContextOptions::staging_bytes is " + std::to_string(bytes) +
                "; it must be 0 (no staging: plain glGetBufferSubData/glBufferSubData) or from " +
                std::to_string(kMinStagingBytes) + " bytes up to this machine's memory (" +
                std::to_string(memory) + " bytes)");
  }
  return options;
}

}  // namespace glc::detail
