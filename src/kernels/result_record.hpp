#pragma once
// The host side of result_record.glsl: a 16-byte record a kernel writes its one result into,
// in host-visible memory that is polled where staging is on (no readback round trip), else in
// a device buffer that is read. One per context, used by one call at a time (each call waits
// for its result before it returns). The same protocol as reduce.cpp's. Internal.

#include <cstdint>
#include <memory>

#include "kernels/kernel.hpp"

namespace glc::detail {

class HostMapping;

class ResultRecord {
 public:
  static ResultRecord& of(const std::shared_ptr<ContextState>& context);
  explicit ResultRecord(const std::shared_ptr<ContextState>& context);

  /// Starts a call: a new sequence number, bound at `binding` of `kernel` (with the uniform
  /// result_sequence). Call again for each kernel that may write the record in this call.
  void attach(Kernel& kernel, std::uint32_t binding = 2);
  void next_call();
  /// Waits for the record of this call and returns its 64 bits. Throws glc::Error naming
  /// `what` if the GPU finished without writing it completely (a driver fault).
  std::uint64_t await(const char* what);

 private:
  std::shared_ptr<ContextState> context_;
  std::shared_ptr<HostMapping> host_;       ///< where staging is on
  std::shared_ptr<BufferStorage> device_;   ///< elsewhere
  std::uint32_t sequence_ = 0;
};

}  // namespace glc::detail
