// glc::sum, glc::min, glc::max and glc::mean over the kernel reduce.comp: one partial result
// per work group, for each piece of the range that fits one binding, and the last group to
// finish reduces the partials to the result.

#include "glcompute/reduce.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <string>

#include "glcompute/error.hpp"
#include "context/context_state.hpp"
#include "glcompute/detail/host_mapping.hpp"
#include "kernels/buffer_texture.hpp"
#include "kernels/kernel_cache.hpp"
#include "kernels/kernel_tuning.hpp"
#include "kernels/word_chunks.hpp"
#include "memory/transfers.hpp"

namespace glc::detail {
namespace {

/// Bytes of one partial result, at most (a double-double).
constexpr std::size_t kPartialBytes = 16;
/// llvmpipe cuts every shader loop at 65535 iterations: a blocked group's invocations take at
/// most this many rounds.
constexpr std::uint64_t kMaxRounds = 32768;

/// Per-context buffers for partial results and the final value, kept between calls. Attached to
/// the context (ContextState::attachment).
struct ReduceScratch {
  std::shared_ptr<BufferStorage> partials;
  /// The kernel's arrival counter: zero between reductions (the last group resets it).
  std::shared_ptr<BufferStorage> arrivals;
  std::shared_ptr<BufferStorage> result;  ///< only without staging
  /// Where staging is on, the last work group writes the result record straight into host
  /// memory, which is polled (await_result): no readback round trip.
  std::shared_ptr<HostMapping> host_result;
  /// Where the driver's kernels read through texel fetches (ReduceTuning::texel_fetch).
  std::unique_ptr<BufferTexture> texels;
  std::uint32_t sequence = 0;  ///< of the last reduction; never 0, which fresh memory holds
};

/// The 16-byte record the kernel's last work group writes: the result's bits, the reduction's
/// sequence number, and a check word over both (reduce_record_check in reduce_ops.glsl).
struct ResultRecord {
  std::uint32_t low, high, sequence, check;
};

std::uint32_t record_check(std::uint32_t low, std::uint32_t high, std::uint32_t sequence) {
  return (low * 0x9E3779B1u) ^ (high * 0x85EBCA77u) ^ (sequence * 0xC2B2AE3Du) ^ 0x27D4EB2Fu;
}

bool complete(const ResultRecord& r, std::uint32_t sequence) {
  return r.sequence == sequence && r.check == record_check(r.low, r.high, sequence);
}

/// Reads the record in host memory once it is complete. GL's guarantee is the fence, but a
/// blocking fence wait on an NVIDIA H100 returns about 5 us after the GPU is done (3% of a
/// 10^8-float sum), so the record itself is polled first, for at most kSpin: only a record
/// with this call's sequence number and a matching check word is taken, never one that has
/// not fully arrived. Past kSpin (a long reduction), or if it never shows, the fence decides.
std::uint64_t await_result(HostMapping& mapping, std::uint32_t sequence) {
  using clock = std::chrono::steady_clock;
  constexpr auto kSpin = std::chrono::microseconds(500);
  auto* words = reinterpret_cast<std::uint32_t*>(mapping.data());
  const auto load = [&](int i) {
    return std::atomic_ref<std::uint32_t>(words[i]).load(std::memory_order_acquire);
  };
  const auto read = [&] { return ResultRecord{load(0), load(1), load(2), load(3)}; };
  const auto start = clock::now();
  ResultRecord r = read();
  while (!complete(r, sequence) && clock::now() - start < kSpin) r = read();
  if (!complete(r, sequence)) {
    mapping.wait();
    r = read();
    if (!complete(r, sequence)) {
      throw Error("glc::sum/min/max: the GPU finished but the result record is incomplete "
                  "(a driver fault)");
    }
  }
  return r.low | std::uint64_t{r.high} << 32;
}

ReduceScratch& scratch(const std::shared_ptr<ContextState>& context, std::size_t partial_count) {
  ReduceScratch& s = context->attachment<ReduceScratch>();
  const std::size_t bytes = partial_count * kPartialBytes;
  if (!s.partials || s.partials->bytes() < bytes) {
    s.partials.reset();  // free the old one first
    s.partials = std::make_shared<BufferStorage>(context, std::max<std::size_t>(bytes, 16 * 1024),
                                                 InitialContents::zeros);
  }
  if (!s.arrivals) s.arrivals = std::make_shared<BufferStorage>(context, 16, InitialContents::zeros);
  // One place for the result: host-visible memory where staging is on, else a device buffer.
  TransferState& transfers = context->attachment<TransferState>();
  if (transfers.staging_enabled()) {
    if (!s.host_result) s.host_result = transfers.acquire(context, 16);
  } else if (!s.result) {
    s.result = std::make_shared<BufferStorage>(context, 16, InitialContents::zeros);
  }
  return s;
}

Defines defines_for(ReduceOp op, ReduceElement element, const ReduceTuning& shape) {
  const char* op_define = op == ReduceOp::sum ? "GLC_SUM" : op == ReduceOp::min ? "GLC_MIN" : "GLC_MAX";
  const char* type_define = element == ReduceElement::f32   ? "GLC_FLOAT"
                            : element == ReduceElement::f64 ? "GLC_DOUBLE"
                            : element == ReduceElement::i32 ? "GLC_INT"
                                                            : "GLC_UINT";
  Defines defines{{op_define, ""}, {type_define, ""}};
  if (shape.local_size != 256) defines.emplace_back("GLC_LOCAL_SIZE", std::to_string(shape.local_size));
  if (shape.loads != 2) defines.emplace_back("GLC_LOADS", std::to_string(shape.loads));
  if (shape.blocked) defines.emplace_back("GLC_BLOCKED", "");
  if (shape.float_sum_in_double && op == ReduceOp::sum && element == ReduceElement::f32) {
    defines.emplace_back("GLC_SUM_DOUBLE", "");
  }
  if (shape.texel_fetch) defines.emplace_back("GLC_TEXEL_FETCH", "");
  return defines;
}

/// Work groups for a piece of `words` words, and the vec4s of each group's block (GLC_BLOCKED).
struct PieceShape {
  std::uint32_t groups = 1;
  std::uint32_t block = 0;
};

PieceShape piece_shape(const Kernel& kernel, const ReduceTuning& shape, std::uint32_t words) {
  PieceShape p;
  p.groups = std::min(kernel.groups_for(words, shape.min_words_per_invocation), shape.max_groups);
  if (shape.blocked) {
    const std::uint64_t vec4s = words / 4 + 1;  // whole vec4s of the body, at most
    const std::uint64_t per_round = std::uint64_t{shape.local_size} * shape.loads;
    const std::uint64_t fewest = (vec4s + per_round * kMaxRounds - 1) / (per_round * kMaxRounds);
    p.groups = static_cast<std::uint32_t>(std::max<std::uint64_t>(p.groups, fewest));
    p.block = static_cast<std::uint32_t>((vec4s + p.groups - 1) / p.groups);
  }
  return p;
}

}  // namespace

std::uint64_t reduce_words(const BufferStorage& buffer, std::size_t first_word,
                           std::size_t word_count, ReduceOp op, ReduceElement element) {
  const std::shared_ptr<ContextState>& context = buffer.context();
  context->use();
  const KernelTuning tuning = kernel_tuning(context->info());
  ReduceTuning shape = element == ReduceElement::f64 ? tuning.reduce_double : tuning.reduce;
  BufferTexture* texels = nullptr;
  if (shape.texel_fetch) {
    ReduceScratch& s = scratch(context, 0);
    if (!s.texels) s.texels = std::make_unique<BufferTexture>(context);
    const ComputeLimits& limits = context->info().limits;
    // Every piece of the range (split_into_chunks) must be a range the texture can view.
    if (s.texels->can_view(limits.storage_buffer_offset_alignment,
                           std::min<std::uint64_t>(limits.max_storage_block_bytes, std::uint64_t{1} << 31))) {
      texels = s.texels.get();
    } else {
      shape.texel_fetch = false;
    }
  }
  const Defines defines = defines_for(op, element, shape);
  Kernel& kernel = KernelCache::get(context, "glcompute/kernels/reduce.comp", defines);
  if (texels != nullptr) kernel.set("words4_texels", static_cast<std::int32_t>(texels->unit()));
  const std::vector<WordChunk> chunks = split_into_chunks(buffer, first_word, word_count);
  std::vector<PieceShape> pieces(chunks.size());
  std::size_t partial_count = 0;
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    pieces[i] = piece_shape(kernel, shape, chunks[i].count);
    partial_count += pieces[i].groups;
  }
  ReduceScratch& s = scratch(context, partial_count);
  kernel.bind(1, *s.partials, 0, s.partials->bytes());
  kernel.bind(4, *s.arrivals, 0, s.arrivals->bytes());
  if (s.host_result) {
    // No earlier contents (the mapping may be reused memory) can pass for this call's record.
    std::memset(s.host_result->data(), 0, sizeof(ResultRecord));
    kernel.bind(2, s.host_result->gl_buffer(), 0, 16);
  } else {
    kernel.bind(2, *s.result, 0, s.result->bytes());
  }
  kernel.set("total_partials", static_cast<std::uint32_t>(partial_count));
  s.sequence = s.sequence == ~0u ? 1 : s.sequence + 1;
  kernel.set("sequence", s.sequence);
  std::uint32_t base = 0;
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    const WordChunk& c = chunks[i];
    kernel.set("first", c.first);
    kernel.set("count", c.count);
    kernel.set("partial_base", base);
    kernel.set("block", pieces[i].block);
    kernel.bind_words(buffer, c.bind_offset, c.bind_size);
    if (texels != nullptr) texels->view(buffer, c.bind_offset, c.bind_size);
    kernel.dispatch(pieces[i].groups);
    base += pieces[i].groups;
  }
  if (texels != nullptr) texels->detach();
  std::uint64_t bits = 0;
  if (s.host_result) {
    s.host_result->fence_shader_writes();
    glFlush();  // the record is polled: the commands must reach the GPU without a wait's flush
    bits = await_result(*s.host_result, s.sequence);
  } else {
    ResultRecord r{};
    s.result->read(0, sizeof r, &r);
    if (!complete(r, s.sequence)) {
      throw Error("glc::sum/min/max: the result record is incomplete (a driver fault)");
    }
    bits = r.low | std::uint64_t{r.high} << 32;
  }
  return bits;
}

void require_fp64(const char* what, const BufferStorage& buffer) {
  const std::shared_ptr<ContextState>& context = buffer.context();
  context->use();  // throws if the buffer's context is gone
  if (context->info().features.fp64) return;
  throw Error(std::string(what) + ": Buffer<double> needs doubles in shaders "
              "(ARB_gpu_shader_fp64), which this driver (" + context->info().renderer +
              ") does not list; reduce a Buffer<float>");
}

void throw_empty_reduction(const char* what, std::size_t offset, std::size_t size) {
  throw Error(std::string(what) + ": empty range (no elements at offset " + std::to_string(offset) +
              " of a buffer of " + std::to_string(size) + " elements)");
}

}  // namespace glc::detail
