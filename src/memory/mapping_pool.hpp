#pragma once
// The host memory of a context's views (map_read, read_async, map_write), kept for reuse.
// Internal.

#include <chrono>
#include <cstddef>
#include <memory>
#include <vector>

#include "glcompute/detail/host_mapping.hpp"

namespace glc::detail {

/// Spare mappings of one context, by use (MappingUse). Reads and writes have pools of their
/// own, so a map_write view never starts out holding what another buffer's map_read or
/// read_async brought to the host. Up to two per use are kept; mappings up to
/// kKeepBytes stay until the context goes, larger ones only while they are in use again and
/// again: a spare above it goes at the first trim() (every transfer, Context::finish) after it
/// has gone unused for kLargeSpareLife,
/// and serves only requests of at least half its size (a small read does not keep 1 GiB alive).
class MappingPool {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::size_t kKeepBytes = std::size_t{64} << 20;
  static constexpr auto kLargeSpareLife = std::chrono::milliseconds(1000);

  MappingPool() = default;
  MappingPool(const MappingPool&) = delete;
  MappingPool& operator=(const MappingPool&) = delete;

  /// The smallest spare for `use` of at least `bytes` that may serve it, taken out of the
  /// pool; nullptr where none.
  std::shared_ptr<HostMapping> take(MappingUse use, std::size_t bytes);
  /// Keeps `mapping` for reuse by `use`; what the bounds leave out is freed (by the caller's
  /// references going away).
  void give(MappingUse use, std::shared_ptr<HostMapping> mapping);
  /// Frees the large spares whose time is up. Cheap while there are none: call it often.
  void trim() {
    if (deadline_ != Clock::time_point::max() && Clock::now() >= deadline_) trim_expired();
  }
  /// Frees every spare.
  void clear() noexcept;

 private:
  struct Spare {
    std::shared_ptr<HostMapping> mapping;
    std::size_t bytes;
    Clock::time_point expires;  ///< max() for spares of at most kKeepBytes
  };
  void trim_expired();
  void update_deadline() noexcept;

  std::vector<Spare> spares_[2];
  Clock::time_point deadline_ = Clock::time_point::max();  ///< earliest expiry
};

}  // namespace glc::detail
