// glc::histogram over histogram.comp: NumPy's bin edges and scaling factor, computed here in
// double as NumPy computes them and rounded to the data's float type, then one dispatch per
// piece that fits a storage binding, after zeroing the counts.

#include "glcompute/histogram.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "context/context_state.hpp"
#include "glcompute/error.hpp"
#include "glcompute/fill.hpp"
#include "kernels/algorithm_paths.hpp"
#include "kernels/kernel_cache.hpp"
#include "kernels/tile_records.hpp"

namespace glc::detail {
namespace {

/// Groups per piece: about one full wave of a large GPU, and at least 8 vectors per invocation.
constexpr std::size_t kMaxGroups = 1024;
constexpr std::uint32_t kSharedBins = 4096;  // SHARED_BINS in histogram.comp

const char* value_define(ElementType type) {
  switch (type) {
    case ElementType::f32: return "GLC_VALUE_FLOAT";
    case ElementType::f64: return "GLC_VALUE_DOUBLE";
    case ElementType::i32: return "GLC_VALUE_INT";
    case ElementType::u32: return "GLC_VALUE_UINT";
  }
  return "";
}

/// The bin edges of the last call, kept on the GPU.
struct EdgeCache {
  std::shared_ptr<BufferStorage> edges;
  std::size_t bins = 0;
  double first = 0, last = 0;
  bool in_float = false;
};

std::string text(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

void histogram(const BufferStorage& values, std::size_t count, ElementType type,
               BufferStorage& counts, double lo, double hi) {
  const char* what = "glc::histogram";
  const std::shared_ptr<ContextState>& context = values.context();
  context->use();
  if (counts.context() != context) {
    throw Error(std::string(what) + ": values and counts belong to different glc::Contexts");
  }
  if (&counts == &values) throw Error(std::string(what) + ": values and counts are the same buffer");
  const std::size_t bins = counts.bytes() / 4;
  if (bins == 0) throw Error(std::string(what) + ": counts is empty (its size is the number of bins)");
  if (bins > 0xFFFFFFFFull) throw Error(std::string(what) + ": more than 2^32 - 1 bins");
  // NumPy's messages for a bad range.
  if (!std::isfinite(lo) || !std::isfinite(hi)) {
    throw Error(std::string(what) + ": supplied range of [" + text(lo) + ", " + text(hi) + "] is not finite");
  }
  if (lo > hi) {
    throw Error(std::string(what) + ": max must be larger than min in range parameter (lo = " +
                text(lo) + ", hi = " + text(hi) + ")");
  }
  if (count > 0xFFFFFFFFull) {
    throw Error(std::string(what) + ": " + std::to_string(count) +
                " values; at most 2^32 - 1 (the counts are 32-bit)");
  }
  // Integer data is binned in double, like float64 data (NumPy: result_type(..., float)).
  require_fp64(*context, context, what);

  // numpy/lib/histograms.py: an empty range widens by 0.5 each way; norm = bins / (last -
  // first); edges = np.linspace(first, last, bins + 1), i.e. k * ((last - first) / bins) +
  // first with the last one exactly `last`, then cast to the bins' type.
  double first = lo, last = hi;
  if (first == last) {
    first -= 0.5;
    last += 0.5;
  }
  const double norm = static_cast<double>(bins) / (last - first);
  const double step = (last - first) / static_cast<double>(bins);
  const bool in_float = type == ElementType::f32;
  if (!std::isfinite(in_float ? static_cast<double>(static_cast<float>(norm)) : norm)) {
    throw Error(std::string(what) + ": the range [" + text(lo) + ", " + text(hi) + "] is too narrow for " +
                std::to_string(bins) + " bins (their width underflows)");
  }
  EdgeCache& cache = context->attachment<EdgeCache>();
  const std::size_t edge_bytes = (bins + 1) * (in_float ? 4 : 8);
  if (!cache.edges || cache.edges->bytes() < edge_bytes) {
    cache.edges.reset();
    cache.edges = std::make_shared<BufferStorage>(context, std::max<std::size_t>(edge_bytes, 4096), nullptr);
    cache.bins = 0;
  }
  // The same edges as the last call's stay where they are: computed and uploaded only anew.
  if (cache.bins != bins || cache.first != first || cache.last != last || cache.in_float != in_float) {
    std::vector<float> edges_f;
    std::vector<double> edges_d;
    for (std::size_t k = 0; k <= bins; ++k) {
      const double e = k == bins ? last : static_cast<double>(k) * step + first;
      if (in_float) edges_f.push_back(static_cast<float>(e));
      else edges_d.push_back(e);
    }
    cache.edges->write(0, edge_bytes, in_float ? static_cast<const void*>(edges_f.data()) : edges_d.data());
    cache.bins = bins;
    cache.first = first;
    cache.last = last;
    cache.in_float = in_float;
  }
  const std::shared_ptr<BufferStorage>& edges = cache.edges;

  const std::uint32_t zero = 0;
  fill_words(counts, 0, bins, &zero, 1);
  if (count == 0) return;

  Defines defines{{value_define(type), ""}};
  if (bins > kSharedBins) defines.emplace_back("GLC_GLOBAL_BINS", "");
  Kernel& k = KernelCache::get(context, "glcompute/kernels/histogram.comp", defines);
  k.bind(1, counts, 0, counts.bytes());
  k.bind(2, *edges, 0, edge_bytes);
  k.set("bins", static_cast<std::uint32_t>(bins));
  if (in_float) {
    k.set("first_edge", static_cast<float>(first));
    k.set("last_edge", static_cast<float>(last));
    k.set("norm", static_cast<float>(norm));
  } else {
    k.set("first_edge", first);
    k.set("last_edge", last);
    k.set("norm", norm);
  }
  // Pieces of whole 256-byte blocks, so that every binding offset is aligned.
  const std::size_t words = count * words_per_element(type);
  for (const TilePiece& p : split_into_tiles(*context, words, 64)) {
    k.bind_words(values, p.bind_offset, piece_bind_size(values, p));
    k.set("count", static_cast<std::uint32_t>(p.words / words_per_element(type)));
    const std::size_t vectors = (p.words + 3) / 4;
    k.dispatch(static_cast<std::uint32_t>(std::clamp<std::size_t>((vectors + 2047) / 2048, 1, kMaxGroups)));
  }
}

}  // namespace glc::detail
