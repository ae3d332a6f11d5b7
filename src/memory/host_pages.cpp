#include "host_pages.hpp"

#include <sys/mman.h>

#include <cstdint>
#include <string>
#include <utility>

#include "glcompute/detail/new_vector.hpp"
#include "glcompute/error.hpp"
#include "util/worker_threads.hpp"

namespace glc::detail {
namespace {

constexpr std::size_t kPage = 4096;
constexpr std::size_t kHugePage = std::size_t{2} << 20;
/// Bytes of first touches per thread.
constexpr std::size_t kTouchBytesPerThread = std::size_t{8} << 20;
constexpr unsigned kMaxTouchThreads = 16;

/// MADV_HUGEPAGE on the whole huge pages inside [data, data + bytes): the advice is for the
/// range only, and a range that starts or ends inside a huge page would let the kernel widen
/// it over memory that is not ours.
void advise_huge_pages(void* data, std::size_t bytes) noexcept {
  const auto start = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t begin = (start + kHugePage - 1) / kHugePage * kHugePage;
  const std::uintptr_t end = (start + bytes) / kHugePage * kHugePage;
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

}  // namespace

HostPages::HostPages(std::size_t bytes) : bytes_((std::max<std::size_t>(bytes, 1) + kPage - 1) / kPage * kPage) {
  void* p = mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    throw Error("glcompute: could not get " + std::to_string(bytes) + " bytes of host memory");
  }
  data_ = static_cast<std::byte*>(p);
  if (bytes_ >= kHugePage) advise_huge_pages(data_, bytes_);
}

HostPages::~HostPages() {
  if (data_) munmap(data_, bytes_);
}

HostPages::HostPages(HostPages&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), bytes_(std::exchange(other.bytes_, 0)) {}

HostPages& HostPages::operator=(HostPages&& other) noexcept {
  if (this != &other) {
    if (data_) munmap(data_, bytes_);
    data_ = std::exchange(other.data_, nullptr);
    bytes_ = std::exchange(other.bytes_, 0);
  }
  return *this;
}

void prepare_new_pages(void* data, std::size_t bytes) noexcept {
  if (bytes < kPreparedVectorBytes) return;  // a thread would cost more than it saves
  advise_huge_pages(data, bytes);
  auto* p = static_cast<volatile std::byte*>(data);
  split_pages(bytes, threads_for(bytes, kTouchBytesPerThread, kMaxTouchThreads),
              [p](std::size_t begin, std::size_t end) {
                for (std::size_t i = begin; i < end; i += kPage) p[i] = std::byte{0};
                p[end - 1] = std::byte{0};
              });
}

}  // namespace glc::detail
