// glc::inclusive_scan and glc::exclusive_scan over scan.comp: one pass with look-back where the
// driver keeps waiting work groups running, else tile sums, their levels (tile_levels.comp),
// then the scan itself.

#include "glcompute/scan.hpp"

#include <string>

#include "context/context_state.hpp"
#include "glcompute/error.hpp"
#include "kernels/kernel_cache.hpp"
#include "kernels/tile_records.hpp"

namespace glc::detail {
namespace {

constexpr std::size_t kTileWords = 4096;  // VECTORS_PER_TILE uvec4s in scan.comp

const char* type_define(ElementType type) {
  switch (type) {
    case ElementType::f32: return "GLC_SCAN_FLOAT";
    case ElementType::f64: return "GLC_SCAN_DOUBLE";
    case ElementType::i32: return "GLC_SCAN_INT";
    case ElementType::u32: return "GLC_SCAN_UINT";
  }
  return "";
}

}  // namespace

void scan(const BufferStorage& in, BufferStorage& out, std::size_t n, ElementType type,
          bool exclusive, std::uint64_t init_bits, const char* what) {
  const std::shared_ptr<ContextState>& context = in.context();
  context->use();
  if (out.context() != context) {
    throw Error(std::string(what) + ": in and out belong to different glc::Contexts");
  }
  const std::size_t words = n * words_per_element(type);
  if (out.bytes() != in.bytes()) {
    throw Error(std::string(what) + ": out has " + std::to_string(out.bytes() / 4 / words_per_element(type)) +
                " elements, in has " + std::to_string(n) + " (they must be equal)");
  }
  if (type == ElementType::f64) {
    require_fp64(*context, context, what);
    // Measured on an H100 (driver 580), both compile paths: sums carried between lanes came out
    // rounded to about float precision (relative errors near 1e-8 from the third element on),
    // while llvmpipe is exact. Refused there rather than wrong until scan.comp is mended.
    if (context->info().vendor.find("NVIDIA") != std::string::npos) {
      throw Error(std::string(what) + ": scans of doubles are refused on NVIDIA's driver (" +
                  context->info().renderer + "): its results lose precision there (a known "
                  "glcompute defect); scan float, integer data, or on the CPU");
    }
  }
  if (n == 0) return;

  const AlgorithmPath path = algorithm_path(*context, context);
  const std::vector<TilePiece> pieces = split_into_tiles(*context, words, kTileWords);
  TileRecords& records = TileRecords::of(context);
  records.begin((words + kTileWords - 1) / kTileWords, what);

  Defines defines{{type_define(type), ""}};
  path.add_lane_defines(defines);
  const auto run = [&](Kernel& k, bool writes) {
    records.bind(k, init_bits);
    for (const TilePiece& p : pieces) {
      k.set("count_words", static_cast<std::uint32_t>(p.words));
      k.set("tile_base", p.first_tile);
      k.bind_words(in, p.bind_offset, piece_bind_size(in, p));
      if (writes) {
        const std::size_t size = piece_bind_size(out, p);
        k.bind(1, out, p.bind_offset, size);
        k.bind(4, out, p.bind_offset, size);
      }
      if (path.lookback && writes) records.dispatch_with_tickets(k, p.tiles);
      else k.dispatch(p.tiles);
    }
  };
  Defines scan_defines = defines;
  if (exclusive) scan_defines.emplace_back("GLC_EXCLUSIVE", "");
  if (path.lookback) {
    path.add_lookback_defines(scan_defines);
    run(KernelCache::get(context, "glcompute/kernels/scan.comp", scan_defines), true);
    records.check_stalled(path, what);
    return;
  }
  Defines aggregate_defines = defines;
  aggregate_defines.emplace_back("GLC_AGGREGATES", "");
  run(KernelCache::get(context, "glcompute/kernels/scan.comp", aggregate_defines), false);
  records.write_levels(defines, init_bits);
  run(KernelCache::get(context, "glcompute/kernels/scan.comp", scan_defines), true);
}

}  // namespace glc::detail
