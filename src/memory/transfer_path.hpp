#pragma once
// Which way a context's transfers between host memory and buffers go, chosen per driver by
// measurement (glcompute_transfer_paths; figures in bench/RESULTS.md, "Transfer paths").
// Internal.

#include <cstddef>

#include "glcompute/context_info.hpp"
#include "glcompute/context_options.hpp"

namespace glc::detail {

enum class TransferPath {
  /// GPU copies through persistently mapped host memory (ARB_buffer_storage): chunked staging
  /// for vectors, pooled mappings for views, fenced. For GPUs, whose buffers live in device
  /// memory: the copy engines move data at PCIe speed, glGetBufferSubData far slower.
  staging,
  /// Buffers mapped with glMapBufferRange and copied on the host, views in plain host memory:
  /// for drivers whose buffer memory is host memory (Mesa's software rasterizers), where a
  /// "GPU copy" is a memcpy on one core and staging copies everything twice.
  direct,
  /// glGetBufferSubData, glBufferSubData through a temporary buffer, views in plain host
  /// memory: drivers without ARB_buffer_storage, and ContextOptions::staging_bytes = 0.
  plain,
};

/// The path for a context on this driver: `plain` where staging is off (`staging_bytes` 0) or
/// the driver lacks ARB_buffer_storage; else GLCOMPUTE_TRANSFER_PATH (staging|direct|plain) where
/// set, for measurement and tests; else the path measured faster on this driver. Throws
/// glc::Error for an unknown GLCOMPUTE_TRANSFER_PATH.
TransferPath choose_transfer_path(const ContextInfo& info, std::size_t staging_bytes);

const char* transfer_path_name(TransferPath path);

/// The least staging memory a context takes (two halves of 2 KiB); 0 turns staging off.
inline constexpr std::size_t kMinStagingBytes = 4096;

/// Returns `options` once ContextOptions::staging_bytes is 0 or between kMinStagingBytes and
/// the host's physical memory; throws glc::Error naming the option and the value otherwise.
/// Checked before a context is made, so no GL call ever sees a size that cannot work.
const ContextOptions& check_transfer_options(const ContextOptions& options);

}  // namespace glc::detail
