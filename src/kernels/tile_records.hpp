#pragma once
// The host side of tile_records.glsl: the per-context record and ticket buffers, the epochs
// that tell one call's records from another's, and the splitting of a range into pieces of
// whole tiles that fit one storage binding. Shared by scan and copy_if. Internal.

#include <cstdint>
#include <memory>
#include <vector>

#include "kernels/algorithm_paths.hpp"

namespace glc::detail {

/// A piece of a range of words processed by one dispatch: whole tiles, bound at an offset
/// that is a whole number of tiles (so a multiple of every offset alignment).
struct TilePiece {
  std::size_t bind_offset = 0;   ///< bytes
  std::size_t words = 0;         ///< words of the range in this piece
  std::uint32_t tiles = 0;       ///< work groups of the dispatch
  std::uint32_t first_tile = 0;  ///< the call's number of the piece's first tile
};

/// Splits words [0, word_count) into pieces of at most one binding and of at most the
/// driver's work group count, in tiles of `tile_words`.
std::vector<TilePiece> split_into_tiles(const ContextState& context, std::size_t word_count,
                                        std::size_t tile_words);

/// Bytes of `buffer` to bind for a piece: its words rounded up to whole uvec4s where the
/// buffer allows.
std::size_t piece_bind_size(const BufferStorage& buffer, const TilePiece& piece);

/// Where a look-back kernel's waits may give up (look-back without forward progress): reads
/// the stalled word of `control` (uint tickets, uint stalled), waiting for the GPU, and if a
/// wait gave up clears it and throws glc::Error naming `what` and saying that `result` ("the
/// output", "the order") is incomplete. Otherwise does nothing.
void throw_if_a_wait_gave_up(const ContextState& context, BufferStorage& control,
                             const AlgorithmPath& path, const char* what, const char* result);

class TileRecords {
 public:
  /// The context's records; created on first use.
  static TileRecords& of(const std::shared_ptr<ContextState>& context);
  explicit TileRecords(const std::shared_ptr<ContextState>& context);

  /// Starts a call over `tile_count` tiles: a new epoch, room for every level's records.
  void begin(std::uint64_t tile_count, const char* what);
  std::uint32_t levels() const { return levels_; }

  /// Binds the records and the control word (bindings 2 and 5 unless the kernel moved them)
  /// and sets tile_count, levels, epoch and carry_init.
  void bind(Kernel& kernel, std::uint64_t carry_init_bits, std::uint32_t records_binding = 2,
            std::uint32_t control_binding = 5);
  /// Dispatches `tiles` groups of a look-back kernel, numbered by the ticket counter.
  void dispatch_with_tickets(Kernel& kernel, std::uint32_t tiles);
  /// The multi-pass path: the records of levels 1 .. levels-1 from level 0 (tile_levels.comp
  /// with `defines`: the value type and GLC_SUBGROUP as for the kernel that wrote level 0).
  void write_levels(const Defines& defines, std::uint64_t carry_init_bits);
  /// Where the waits may give up (look-back without forward progress): throws glc::Error
  /// naming `what` if one did, after waiting for the GPU. Otherwise does nothing.
  void check_stalled(const AlgorithmPath& path, const char* what);

 private:
  std::shared_ptr<ContextState> context_;
  std::shared_ptr<BufferStorage> records_;
  std::shared_ptr<BufferStorage> control_;  ///< uint tickets, uint stalled
  std::uint32_t epoch_ = 0;
  std::uint32_t tickets_ = 0;  ///< what the ticket counter holds once queued work has run
  std::uint32_t tile_count_ = 0;
  std::uint32_t levels_ = 1;
};

}  // namespace glc::detail
