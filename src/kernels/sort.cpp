// glc::sort, glc::sort_by_key and glc::argsort: a least-significant-digit radix sort over
// sort_pass.comp. With look-back (NVIDIA): the digit counts of every pass first
// (sort_histogram.comp, GLC_ALL_PASSES), each piece's start per digit (sort_bases.comp), then
// one dispatch per pass and piece. Without: per pass, each tile's digit counts
// (sort_histogram.comp), their exclusive scan (glc::exclusive_scan's kernels), then the pass.

#include "glcompute/sort.hpp"

#include <algorithm>
#include <string>

#include "context/context_state.hpp"
#include "glcompute/error.hpp"
#include "glcompute/fill.hpp"
#include "glcompute/scan.hpp"
#include "kernels/algorithm_paths.hpp"
#include "kernels/kernel_cache.hpp"
#include "kernels/tile_records.hpp"

namespace glc::detail {
namespace {

/// Per-context buffers of the sort, kept between calls and grown to the largest sort.
struct SortScratch {
  std::shared_ptr<BufferStorage> keys_a, keys_b, values_a;  ///< ping-pong copies
  std::shared_ptr<BufferStorage> counts, bases, records;     ///< look-back path
  std::shared_ptr<BufferStorage> table;                      ///< multi-pass path
  std::shared_ptr<BufferStorage> control;                    ///< ticket counter, stalled flag
  std::uint32_t tickets = 0;  ///< the ticket counter's value once queued work has run
};

SortScratch& scratch(const std::shared_ptr<ContextState>& context) {
  return context->attachment<SortScratch>();
}

BufferStorage& ensure(std::shared_ptr<BufferStorage>& buffer,
                      const std::shared_ptr<ContextState>& context, std::size_t bytes) {
  if (!buffer || buffer->bytes() < bytes) {
    buffer.reset();  // free the old one first
    buffer = std::make_shared<BufferStorage>(context, std::max<std::size_t>(bytes, 256), nullptr);
  }
  return *buffer;
}

const char* key_define(ElementType type) {
  switch (type) {
    case ElementType::f32: return "GLC_KEY_FLOAT";
    case ElementType::f64: return "GLC_KEY_DOUBLE";
    case ElementType::i32: return "GLC_KEY_INT";
    case ElementType::u32: return "GLC_KEY_UINT";
  }
  return "";
}

/// Largest storage binding the kernels use: 2^31 bytes keeps indices in a uint.
std::size_t binding_limit(const ContextState& context) {
  return std::min<std::uint64_t>(context.info().limits.max_storage_block_bytes, std::uint64_t{1} << 31);
}

/// Output windows of an array: 2^shift elements each, `count` of them.
struct Windows {
  std::uint32_t shift = 0;
  std::uint32_t count = 0;
};

Windows windows_for(const ContextState& context, std::size_t elements, std::size_t element_bytes) {
  Windows w;
  while ((std::size_t{2} << w.shift) * element_bytes <= binding_limit(context)) ++w.shift;
  w.count = static_cast<std::uint32_t>((elements + (std::size_t{1} << w.shift) - 1) >> w.shift);
  return w;
}

/// Binds `kernel`'s output windows first_binding .. + window_count - 1 to `buffer`; windows
/// past the array's end repeat its last window (declared, never written).
void bind_windows(Kernel& kernel, std::uint32_t first_binding, std::uint32_t window_count,
                  const BufferStorage& buffer, std::size_t elements, std::size_t element_bytes,
                  const Windows& w) {
  for (std::uint32_t i = 0; i < window_count; ++i) {
    const std::size_t window = std::min<std::size_t>(i, w.count - 1);
    const std::size_t first = window << w.shift;
    const std::size_t size = std::min(elements - first, std::size_t{1} << w.shift);
    kernel.bind(first_binding + i, buffer, first * element_bytes, size * element_bytes);
  }
}

struct Piece {
  std::size_t first = 0;  ///< elements
  std::size_t count = 0;
  std::uint32_t tiles = 0;
  std::uint32_t first_tile = 0;
};

struct Plan {
  std::uint32_t radix_bits = 8;
  std::uint32_t items = 16;
  std::uint32_t tile = 4096;
  std::uint32_t passes = 4;
  std::size_t key_bytes = 4;
  std::size_t value_bytes = 0;
  std::vector<Piece> pieces;
  std::uint32_t total_tiles = 0;
};

Plan make_plan(const ContextState& context, const SortJob& job, const AlgorithmPath& path) {
  Plan plan;
  plan.radix_bits = path.subgroup ? 8 : 4;
  plan.items = path.subgroup ? 16 : 8;
  plan.tile = 256 * plan.items;
  plan.key_bytes = 4 * words_per_element(job.key_type);
  plan.passes = static_cast<std::uint32_t>(plan.key_bytes * 8 / plan.radix_bits);
  plan.value_bytes = 4 * job.value_words;
  // A piece is read through one binding per array, and its look-back counts stay below 2^30.
  const std::size_t widest = std::max(plan.key_bytes, plan.value_bytes);
  std::size_t per_piece = std::min<std::size_t>(binding_limit(context) / widest, std::size_t{1} << 29);
  per_piece = std::min<std::size_t>(per_piece, std::size_t{context.info().limits.max_work_group_count[0]} * plan.tile);
  per_piece = per_piece / plan.tile * plan.tile;
  std::uint64_t tile = 0;
  for (std::size_t first = 0; first < job.count; first += per_piece) {
    Piece p;
    p.first = first;
    p.count = std::min(per_piece, job.count - first);
    p.tiles = static_cast<std::uint32_t>((p.count + plan.tile - 1) / plan.tile);
    p.first_tile = static_cast<std::uint32_t>(tile);
    plan.pieces.push_back(p);
    tile += p.tiles;
  }
  plan.total_tiles = static_cast<std::uint32_t>(tile);
  return plan;
}

/// The arrays one pass reads and writes.
struct PassArrays {
  const BufferStorage* keys_in = nullptr;
  const BufferStorage* values_in = nullptr;  ///< null: none, or the indices themselves
  BufferStorage* keys_out = nullptr;         ///< null: not written (argsort's last pass)
  BufferStorage* values_out = nullptr;
  bool index_values = false;                 ///< values are the keys' indices (argsort, pass 0)
};

void check_job(const SortJob& job, const std::shared_ptr<ContextState>& context) {
  const std::size_t key_bytes = 4 * words_per_element(job.key_type);
  if (job.count > 0xFFFFFFFFull) {
    throw Error(std::string(job.what) + ": " + std::to_string(job.count) +
                " keys; at most 2^32 - 1 can be sorted (indices are 32-bit)");
  }
  if (job.values != nullptr) {
    if (job.values == job.keys || job.values == job.argsort_keys) {
      throw Error(std::string(job.what) + ": the keys and the " + (job.keys ? "values" : "indices") +
                  " are the same buffer");
    }
    if (job.values->context() != context) {
      throw Error(std::string(job.what) + ": the keys and the " +
                  (job.keys ? "values" : "indices") + " belong to different glc::Contexts");
    }
    const std::size_t value_count = job.values->bytes() / (4 * job.value_words);
    if (value_count != job.count) {
      throw Error(std::string(job.what) + ": " + (job.keys ? "values" : "indices") + " has " +
                  std::to_string(value_count) + " elements, keys has " + std::to_string(job.count) +
                  " (they must be equal)");
    }
  }
  (void)key_bytes;
}

}  // namespace

std::shared_ptr<BufferStorage> new_storage_like(const BufferStorage& like, std::size_t bytes) {
  like.context()->use();
  return std::make_shared<BufferStorage>(like.context(), bytes, nullptr);
}

void radix_sort(const SortJob& job) {
  const BufferStorage& keys = job.keys ? *job.keys : *job.argsort_keys;
  const std::shared_ptr<ContextState>& context = keys.context();
  context->use();
  check_job(job, context);
  if (job.key_type == ElementType::f64) require_fp64(*context, context, job.what);
  const bool argsort = job.keys == nullptr;
  if (job.count <= 1) {
    if (argsort && job.count == 1) {
      const std::uint32_t zero = 0;
      job.values->write(0, 4, &zero);
    }
    return;
  }

  const AlgorithmPath path = algorithm_path(*context, context);
  const Plan plan = make_plan(*context, job, path);
  SortScratch& s = scratch(context);
  const std::size_t n = job.count;
  BufferStorage& keys_a = ensure(s.keys_a, context, n * plan.key_bytes);
  BufferStorage* keys_b = argsort ? &ensure(s.keys_b, context, n * plan.key_bytes) : nullptr;
  BufferStorage* values_a = job.value_words ? &ensure(s.values_a, context, n * plan.value_bytes) : nullptr;
  // The ticket counter starts at zero (tickets counts from there).
  if (!s.control) s.control = std::make_shared<BufferStorage>(context, 16, InitialContents::zeros);

  const Windows key_windows = windows_for(*context, n, plan.key_bytes);
  const Windows value_windows = windows_for(*context, n, std::max<std::size_t>(plan.value_bytes, 4));
  const std::uint32_t window_count =
      std::max(key_windows.count, job.value_words ? value_windows.count : 0u);
  if (window_count > 4) {
    throw Error(std::string(job.what) + ": " + std::to_string(n) + " keys need " +
                std::to_string(window_count) + " storage bindings for one array; at most 4 (" +
                std::to_string(binding_limit(*context) * 4 >> 20) + " MiB of keys or values) are supported");
  }

  Defines common{{key_define(job.key_type), ""},
                 {"GLC_RADIX_BITS", std::to_string(plan.radix_bits)},
                 {"GLC_ITEMS", std::to_string(plan.items)}};
  path.add_lane_defines(common);
  if (path.partitioned) common.emplace_back("GLC_PARTITIONED", "");

  const std::uint32_t radix = 1u << plan.radix_bits;
  // The look-back path: digit counts per piece, each piece's start per digit, cleared
  // records. One piece: every pass's counts at once from the keys (their order does not
  // matter). Several: each pass's from its own input, which earlier passes reordered.
  const std::size_t count_words = plan.pieces.size() * plan.passes * radix;
  const auto count_digits = [&](std::uint32_t first_pass, std::uint32_t pass_count,
                                const BufferStorage& pass_keys) {
    BufferStorage& counts = ensure(s.counts, context, count_words * 4);
    BufferStorage& bases = ensure(s.bases, context, count_words * 4);
    BufferStorage& records = ensure(s.records, context, std::size_t{plan.passes} * plan.total_tiles * radix * 4);
    const std::uint32_t zero = 0;
    fill_words(counts, 0, count_words, &zero, 1);
    Defines histogram_defines = common;
    histogram_defines.emplace_back("GLC_ALL_PASSES", "");
    Kernel& h = KernelCache::get(context, "glcompute/kernels/sort_histogram.comp", histogram_defines);
    h.bind(1, counts, 0, count_words * 4);
    h.bind(2, records, 0, records.bytes());
    h.set("passes", plan.passes);
    h.set("first_pass", first_pass);
    h.set("pass_count", pass_count);
    h.set("total_tiles", plan.total_tiles);
    for (std::size_t i = 0; i < plan.pieces.size(); ++i) {
      const Piece& p = plan.pieces[i];
      h.bind(0, pass_keys, p.first * plan.key_bytes, p.count * plan.key_bytes);
      h.set("count", static_cast<std::uint32_t>(p.count));
      h.set("piece", static_cast<std::uint32_t>(i));
      h.set("first_tile", p.first_tile);
      h.set("piece_tiles", p.tiles);
      h.dispatch(std::min<std::uint32_t>(p.tiles, 1024));
    }
    Kernel& b = KernelCache::get(context, "glcompute/kernels/sort_bases.comp",
                            {{"GLC_RADIX_BITS", std::to_string(plan.radix_bits)}});
    b.bind(0, counts, 0, count_words * 4);
    b.bind(1, bases, 0, count_words * 4);
    b.set("passes", plan.passes);
    b.set("first_pass", first_pass);
    b.set("pieces", static_cast<std::uint32_t>(plan.pieces.size()));
    b.dispatch(pass_count);
  };
  const bool one_piece = plan.pieces.size() == 1;
  if (path.lookback && one_piece) count_digits(0, plan.passes, keys);

  for (std::uint32_t pass = 0; pass < plan.passes; ++pass) {
    PassArrays a;
    const bool last = pass + 1 == plan.passes;
    if (!argsort) {
      const bool forward = pass % 2 == 0;  // user -> scratch; then back
      a.keys_in = forward ? job.keys : &keys_a;
      a.keys_out = forward ? &keys_a : job.keys;
      a.values_in = job.value_words ? (forward ? job.values : values_a) : nullptr;
      a.values_out = job.value_words ? (forward ? values_a : job.values) : nullptr;
    } else if (pass == 0) {
      a.keys_in = job.argsort_keys;
      a.index_values = true;
      a.keys_out = &keys_a;
      a.values_out = values_a;
    } else if (pass % 2 == 1) {
      a.keys_in = &keys_a;
      a.values_in = values_a;
      a.keys_out = last ? nullptr : keys_b;
      a.values_out = job.values;
    } else {
      a.keys_in = keys_b;
      a.values_in = job.values;
      a.keys_out = &keys_a;
      a.values_out = values_a;
    }

    Defines defines = common;
    if (a.index_values) defines.emplace_back("GLC_VALUE_INDEX", "");
    else defines.emplace_back("GLC_VALUE_WORDS", std::to_string(job.value_words));
    if (a.keys_out == nullptr) defines.emplace_back("GLC_SKIP_KEYS", "");
    defines.emplace_back("GLC_WINDOWS", std::to_string(window_count));
    path.add_lookback_defines(defines);
    const std::uint32_t shift = pass * plan.radix_bits;

    if (path.lookback && !one_piece) count_digits(pass, 1, *a.keys_in);
    if (!path.lookback) {
      // Each tile's digit counts, digit-major, scanned into output positions.
      const std::size_t table_words = std::size_t{radix} * plan.total_tiles;
      BufferStorage& table = ensure(s.table, context, table_words * 4);
      Defines up_defines = common;
      up_defines.emplace_back("GLC_TILE", std::to_string(plan.tile) + "u");
      Kernel& up = KernelCache::get(context, "glcompute/kernels/sort_histogram.comp", up_defines);
      up.bind(1, table, 0, table.bytes());
      up.set("shift", shift);
      up.set("table_tiles", plan.total_tiles);
      for (const Piece& p : plan.pieces) {
        up.bind(0, *a.keys_in, p.first * plan.key_bytes, p.count * plan.key_bytes);
        up.set("count", static_cast<std::uint32_t>(p.count));
        up.set("first_tile", p.first_tile);
        up.dispatch(p.tiles);
      }
      scan(table, table, table_words, ElementType::u32, true, 0, job.what);
    }

    Kernel& k = KernelCache::get(context, "glcompute/kernels/sort_pass.comp", defines);
    if (path.lookback) {
      k.bind(2, *s.records, 0, s.records->bytes());
      k.bind(3, *s.bases, 0, s.bases->bytes());
      k.bind(4, *s.control, 0, s.control->bytes());
    } else {
      k.bind(2, *s.table, 0, s.table->bytes());
    }
    if (a.keys_out) bind_windows(k, 5, window_count, *a.keys_out, n, plan.key_bytes, key_windows);
    if (a.values_out) bind_windows(k, 9, window_count, *a.values_out, n, plan.value_bytes, value_windows);
    k.set("shift", shift);
    k.set("pass", pass);
    k.set("passes", plan.passes);
    k.set("total_tiles", plan.total_tiles);
    k.set("key_shift", key_windows.shift);
    k.set("value_shift", value_windows.shift);
    for (std::size_t i = 0; i < plan.pieces.size(); ++i) {
      const Piece& p = plan.pieces[i];
      k.bind(0, *a.keys_in, p.first * plan.key_bytes, p.count * plan.key_bytes);
      if (a.values_in) k.bind(1, *a.values_in, p.first * plan.value_bytes, p.count * plan.value_bytes);
      k.set("count", static_cast<std::uint32_t>(p.count));
      k.set("piece", static_cast<std::uint32_t>(i));
      k.set("first_tile", p.first_tile);
      k.set("element_base", static_cast<std::uint32_t>(p.first));
      if (path.lookback) {
        k.set("ticket_base", s.tickets);
        k.dispatch(p.tiles);
        s.tickets += p.tiles;
      } else {
        k.dispatch(p.tiles);
      }
    }
  }

  throw_if_a_wait_gave_up(*context, *s.control, path, job.what, "the order");
}

}  // namespace glc::detail
