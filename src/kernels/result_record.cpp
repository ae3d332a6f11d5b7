#include "kernels/result_record.hpp"

#include <atomic>
#include <chrono>
#include <cstring>
#include <string>

#include "context/context_state.hpp"
#include "glcompute/detail/host_mapping.hpp"
#include "glcompute/error.hpp"
#include "kernels/per_context.hpp"
#include "memory/transfers.hpp"

namespace glc::detail {
namespace {

struct Record {
  std::uint32_t low, high, sequence, check;
};

std::uint32_t record_check(std::uint32_t low, std::uint32_t high, std::uint32_t sequence) {
  return (low * 0x9E3779B1u) ^ (high * 0x85EBCA77u) ^ (sequence * 0xC2B2AE3Du) ^ 0x27D4EB2Fu;
}

bool complete(const Record& r, std::uint32_t sequence) {
  return r.sequence == sequence && r.check == record_check(r.low, r.high, sequence);
}

}  // namespace

ResultRecord& ResultRecord::of(const std::shared_ptr<ContextState>& context) {
  return per_context<ResultRecord>(context);
}

ResultRecord::ResultRecord(const std::shared_ptr<ContextState>& context) : context_(context) {
  TransferState& transfers = context->attachment<TransferState>();
  if (transfers.staging_enabled()) host_ = transfers.acquire(context, 16);
  else device_ = std::make_shared<BufferStorage>(context, 16, InitialContents::zeros);
}

void ResultRecord::next_call() {
  sequence_ = sequence_ == ~0u ? 1 : sequence_ + 1;
  // No earlier contents (the mapping may be reused memory) can pass for this call's record.
  if (host_) std::memset(host_->data(), 0, sizeof(Record));
}

void ResultRecord::attach(Kernel& kernel, std::uint32_t binding) {
  if (host_) kernel.bind(binding, host_->gl_buffer(), 0, 16);
  else kernel.bind(binding, *device_, 0, 16);
  kernel.set("result_sequence", sequence_);
}

/// A blocking fence wait on an NVIDIA H100 returns about 5 us after the GPU is done, so the
/// record itself is polled first, for at most 500 us (as reduce.cpp does); past that, or if it
/// never shows, the fence decides.
std::uint64_t ResultRecord::await(const char* what) {
  Record r{};
  if (host_) {
    host_->fence_shader_writes();
    glFlush();  // the record is polled: the commands must reach the GPU without a wait's flush
    using clock = std::chrono::steady_clock;
    auto* words = reinterpret_cast<std::uint32_t*>(host_->data());
    const auto load = [&](int i) {
      return std::atomic_ref<std::uint32_t>(words[i]).load(std::memory_order_acquire);
    };
    const auto read = [&] { return Record{load(0), load(1), load(2), load(3)}; };
    const auto start = clock::now();
    r = read();
    while (!complete(r, sequence_) && clock::now() - start < std::chrono::microseconds(500)) r = read();
    if (!complete(r, sequence_)) {
      host_->wait();
      r = read();
    }
  } else {
    device_->read(0, sizeof r, &r);
  }
  if (!complete(r, sequence_)) {
    throw Error(std::string(what) + ": the GPU finished but the result record is incomplete "
                "(a driver fault)");
  }
  return r.low | std::uint64_t{r.high} << 32;
}

}  // namespace glc::detail
