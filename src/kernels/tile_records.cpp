#include "kernels/tile_records.hpp"

#include <algorithm>
#include <string>

#include "context/context_state.hpp"
#include "glcompute/error.hpp"
#include "kernels/kernel_cache.hpp"
#include "kernels/per_context.hpp"

namespace glc::detail {
namespace {

constexpr std::size_t kRecordBytes = 16;
constexpr std::uint32_t kMaxLevels = 7;  // GLC_MAX_LEVELS in tile_records.glsl

}  // namespace

std::vector<TilePiece> split_into_tiles(const ContextState& context, std::size_t word_count,
                                        std::size_t tile_words) {
  const ComputeLimits& limits = context.info().limits;
  const std::size_t tile_bytes = tile_words * 4;
  // 2^31 bytes keeps word indices in a uint; whole tiles keep every piece aligned.
  const std::size_t binding = std::min<std::uint64_t>(limits.max_storage_block_bytes,
                                                      std::uint64_t{1} << 31);
  const std::size_t max_tiles = std::min<std::size_t>(binding / tile_bytes,
                                                      limits.max_work_group_count[0]);
  std::vector<TilePiece> pieces;
  std::size_t done = 0;
  std::uint64_t tile = 0;
  while (done < word_count) {
    TilePiece p;
    p.bind_offset = done * 4;
    p.words = std::min(word_count - done, max_tiles * tile_words);
    p.tiles = static_cast<std::uint32_t>((p.words + tile_words - 1) / tile_words);
    p.first_tile = static_cast<std::uint32_t>(tile);
    pieces.push_back(p);
    done += p.words;
    tile += p.tiles;
  }
  return pieces;
}

std::size_t piece_bind_size(const BufferStorage& buffer, const TilePiece& piece) {
  return std::min((piece.words * 4 + 15) / 16 * 16, buffer.bytes() - piece.bind_offset);
}

TileRecords& TileRecords::of(const std::shared_ptr<ContextState>& context) {
  return per_context<TileRecords>(context);
}

TileRecords::TileRecords(const std::shared_ptr<ContextState>& context)
    : context_(context), control_(std::make_shared<BufferStorage>(context, 16, InitialContents::zeros)) {}

void TileRecords::begin(std::uint64_t tile_count, const char* what) {
  if (tile_count > 0xFFFFFFFFull) {
    throw Error(std::string(what) + ": " + std::to_string(tile_count) +
                " tiles; at most 2^32 - 1 fit the tile counter");
  }
  tile_count_ = static_cast<std::uint32_t>(tile_count);
  levels_ = 1;
  std::uint64_t records = 0;
  std::uint64_t count = tile_count;
  std::uint64_t reach = 32;
  while (reach < tile_count) {
    reach *= 32;
    ++levels_;
  }
  if (levels_ > kMaxLevels) throw Error(std::string(what) + ": too many tiles");
  for (std::uint32_t l = 0; l < levels_; ++l) {
    records += count;
    count = (count + 31) / 32;
  }
  const std::size_t bytes = static_cast<std::size_t>(records) * kRecordBytes;
  if (!records_ || records_->bytes() < bytes) {
    records_.reset();  // free the old one first
    records_ = std::make_shared<BufferStorage>(context_, std::max<std::size_t>(bytes, 64 * 1024), nullptr);
    epoch_ = 0;  // fresh zeroes: no record of any epoch
  }
  if (epoch_ == 0xFFFFFFFFu) {
    // Records of an epoch 2^32 calls ago could pass for this call's: start afresh.
    records_.reset();
    records_ = std::make_shared<BufferStorage>(context_, std::max<std::size_t>(bytes, 64 * 1024), nullptr);
    epoch_ = 0;
  }
  ++epoch_;  // never 0, which fresh memory holds
}

void TileRecords::bind(Kernel& kernel, std::uint64_t carry_init_bits, std::uint32_t records_binding,
                       std::uint32_t control_binding) {
  kernel.bind(records_binding, *records_, 0, records_->bytes());
  kernel.bind(control_binding, *control_, 0, control_->bytes());
  kernel.set("tile_count", tile_count_);
  kernel.set("levels", levels_);
  kernel.set("epoch", epoch_);
  const std::uint32_t init[4] = {static_cast<std::uint32_t>(carry_init_bits),
                                 static_cast<std::uint32_t>(carry_init_bits >> 32), 0, 0};
  kernel.set("carry_init", init);
}

void TileRecords::dispatch_with_tickets(Kernel& kernel, std::uint32_t tiles) {
  kernel.set("ticket_base", tickets_);
  kernel.dispatch(tiles);
  tickets_ += tiles;  // wraps like the counter
}

void TileRecords::write_levels(const Defines& defines, std::uint64_t carry_init_bits) {
  Kernel& k = KernelCache::get(context_, "glcompute/kernels/tile_levels.comp", defines);
  bind(k, carry_init_bits);
  std::uint64_t count = tile_count_;
  for (std::uint32_t level = 0; level + 1 < levels_; ++level) {
    const std::uint64_t blocks = count / 32;  // complete blocks: the only ones ever read
    if (blocks > 0) {
      k.set("level", level);
      k.dispatch(static_cast<std::uint32_t>((blocks + 7) / 8));
    }
    count = (count + 31) / 32;
  }
}

void throw_if_a_wait_gave_up(const ContextState& context, BufferStorage& control,
                             const AlgorithmPath& path, const char* what, const char* result) {
  if (!path.lookback || path.unbounded_wait) return;
  std::uint32_t words[2] = {0, 0};
  control.read(0, sizeof words, words);
  if (words[1] != 0) {
    const std::uint32_t clear = 0;
    control.write(4, 4, &clear);
    throw Error(std::string(what) + ": a tile's wait for an earlier tile gave up (GLCOMPUTE_LOOKBACK=1 "
                "on a driver that does not keep waiting work groups running: " +
                context.info().renderer + "); " + result + " is incomplete. Unset GLCOMPUTE_LOOKBACK "
                "to use the multi-pass path");
  }
}

void TileRecords::check_stalled(const AlgorithmPath& path, const char* what) {
  throw_if_a_wait_gave_up(*context_, *control_, path, what, "the output");
}

}  // namespace glc::detail
