#include "mapping_pool.hpp"

#include <algorithm>
#include <utility>

#include "glcompute/detail/host_mapping.hpp"

namespace glc::detail {
namespace {

/// Spares kept per use: enough for a transfer and the next one of another size in flight.
constexpr std::size_t kMaxSpares = 2;

}  // namespace

std::shared_ptr<HostMapping> MappingPool::take(MappingUse use, std::size_t bytes) {
  trim();
  std::vector<Spare>& spares = spares_[static_cast<int>(use)];
  auto best = spares.end();
  for (auto it = spares.begin(); it != spares.end(); ++it) {
    const bool fits = it->bytes >= bytes && (it->bytes <= kKeepBytes || bytes >= it->bytes / 2);
    if (fits && (best == spares.end() || it->bytes < best->bytes)) best = it;
  }
  if (best == spares.end()) return nullptr;
  std::shared_ptr<HostMapping> mapping = std::move(best->mapping);
  spares.erase(best);
  update_deadline();
  return mapping;
}

void MappingPool::give(MappingUse use, std::shared_ptr<HostMapping> mapping) {
  std::vector<Spare>& spares = spares_[static_cast<int>(use)];
  const std::size_t bytes = mapping->size();
  std::vector<Spare> freed;  // destroyed last, after the pool is consistent again
  const Clock::time_point expires =
      bytes > kKeepBytes ? Clock::now() + kLargeSpareLife : Clock::time_point::max();
  spares.push_back({std::move(mapping), bytes, expires});
  if (spares.size() > kMaxSpares) {
    // Keep the largest: they serve every smaller request.
    auto smallest = std::min_element(spares.begin(), spares.end(),
                                     [](const Spare& a, const Spare& b) { return a.bytes < b.bytes; });
    freed.push_back(std::move(*smallest));
    spares.erase(smallest);
  }
  update_deadline();
}

void MappingPool::trim_expired() {
  std::vector<Spare> freed;
  const Clock::time_point now = Clock::now();
  for (std::vector<Spare>& spares : spares_) {
    for (auto it = spares.begin(); it != spares.end();) {
      if (it->expires <= now) {
        freed.push_back(std::move(*it));
        it = spares.erase(it);
      } else {
        ++it;
      }
    }
  }
  update_deadline();
  // `freed` goes here, the pool already consistent: a mapping's destructor may come back to
  // the context (and so to trim()).
}

void MappingPool::clear() noexcept {
  std::vector<Spare> freed;
  for (std::vector<Spare>& spares : spares_) {
    for (Spare& s : spares) freed.push_back(std::move(s));
    spares.clear();
  }
  deadline_ = Clock::time_point::max();
}

void MappingPool::update_deadline() noexcept {
  deadline_ = Clock::time_point::max();
  for (const std::vector<Spare>& spares : spares_) {
    for (const Spare& s : spares) deadline_ = std::min(deadline_, s.expires);
  }
}

}  // namespace glc::detail
