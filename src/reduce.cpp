// glc::sum, glc::min, glc::max and glc::mean over the kernels reduce.comp (one partial result
// per work group, for each piece of the range that fits one binding) and reduce_final.comp
// (one work group reducing all partials to the result).

#include "glcompute/reduce.hpp"

#include <algorithm>
#include <string>

#include "glcompute/error.hpp"
#include "glcompute/detail/host_mapping.hpp"
#include "kernel.hpp"

namespace glc::detail {
namespace {

/// Work groups of the first pass per piece of the range: enough to fill a large GPU (1024 x
/// 256 invocations is about one full wave on an H100) while keeping the second pass small.
/// Larger ranges are covered by the kernel's grid-stride loop. (On an H100, 512 to 1024 read
/// 10^8 to 10^9 floats at 2.2-2.5 TB/s; 2048 and more were slower.)
constexpr std::uint32_t kMaxGroupsPerChunk = 1024;
/// Below the cap, each invocation gets at least this many words (8 vec4s): a group's tree costs
/// about as much as reading a few thousand elements on a CPU driver (llvmpipe: 10^6 floats in
/// 7 ms instead of 21 ms with one vec4 each) and nothing measurable on an H100.
constexpr std::uint32_t kMinWordsPerInvocation = 32;
/// Bytes of one partial result, at most (a double or a 64-bit integer).
constexpr std::size_t kPartialBytes = 8;

/// Per-context buffers for partial results and the final value, kept between calls.
struct ReduceScratch {
  std::shared_ptr<BufferStorage> partials;
  std::shared_ptr<BufferStorage> result;  ///< only without staging
  /// Where staging is on, the final kernel writes the result straight into host memory: a
  /// fence wait instead of a readback round trip.
  std::shared_ptr<HostMapping> host_result;
};

ReduceScratch& scratch(const std::shared_ptr<ContextState>& context, std::size_t partial_count) {
  std::shared_ptr<void>& slot = context->cache_slot("glcompute/kernels/reduce.comp:scratch");
  if (!slot) slot = std::make_shared<ReduceScratch>();
  auto& s = *static_cast<ReduceScratch*>(slot.get());
  const std::size_t bytes = partial_count * kPartialBytes;
  if (!s.partials || s.partials->bytes() < bytes) {
    s.partials.reset();  // free the old one first
    s.partials = std::make_shared<BufferStorage>(context, std::max<std::size_t>(bytes, 16 * 1024),
                                                 nullptr);
  }
  // One place for the result: host-visible memory where staging is on, else a device buffer.
  if (context->staging_enabled()) {
    if (!s.host_result) s.host_result = HostMapping::acquire(context, 16);
  } else if (!s.result) {
    s.result = std::make_shared<BufferStorage>(context, 16, nullptr);
  }
  return s;
}

Defines defines_for(ReduceOp op, ReduceElement element) {
  const char* op_define = op == ReduceOp::sum ? "GLC_SUM" : op == ReduceOp::min ? "GLC_MIN" : "GLC_MAX";
  const char* type_define = element == ReduceElement::f32   ? "GLC_FLOAT"
                            : element == ReduceElement::i32 ? "GLC_INT"
                                                            : "GLC_UINT";
  return {{op_define, ""}, {type_define, ""}};
}

}  // namespace

std::uint64_t reduce_words(const BufferStorage& buffer, std::size_t first_word,
                           std::size_t word_count, ReduceOp op, ReduceElement element) {
  const std::shared_ptr<ContextState>& context = buffer.context();
  context->use();
  const Defines defines = defines_for(op, element);
  Kernel& partial_kernel = Kernel::get(*context, context, "glcompute/kernels/reduce.comp", defines);
  Kernel& final_kernel = Kernel::get(*context, context, "glcompute/kernels/reduce_final.comp", defines);

  const std::vector<WordChunk> chunks = split_into_chunks(*context, buffer, first_word, word_count);
  std::vector<std::uint32_t> groups(chunks.size());
  std::size_t partial_count = 0;
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    groups[i] = std::min(partial_kernel.groups_for(chunks[i].count, kMinWordsPerInvocation), kMaxGroupsPerChunk);
    partial_count += groups[i];
  }
  ReduceScratch& s = scratch(context, partial_count);

  partial_kernel.bind(1, *s.partials, 0, s.partials->bytes());
  std::uint32_t base = 0;
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    const WordChunk& c = chunks[i];
    partial_kernel.set("first", c.first);
    partial_kernel.set("count", c.count);
    partial_kernel.set("partial_base", base);
    partial_kernel.bind_words(buffer, c.bind_offset, c.bind_size);
    partial_kernel.dispatch(groups[i]);
    base += groups[i];
  }

  final_kernel.set("count", base);
  final_kernel.bind(1, *s.partials, 0, s.partials->bytes());
  std::uint64_t bits = 0;
  const std::size_t result_bytes = op == ReduceOp::sum ? 8 : 4;
  if (s.host_result) {
    final_kernel.bind(2, s.host_result->gl_buffer(), 0, 16);
    final_kernel.dispatch(1);
    s.host_result->fence_shader_writes();
    s.host_result->wait();
    s.host_result->copy_out(&bits, result_bytes);
  } else {
    final_kernel.bind(2, *s.result, 0, s.result->bytes());
    final_kernel.dispatch(1);
    s.result->read(0, result_bytes, &bits);
  }
  return bits;
}

void throw_empty_reduction(const char* what, std::size_t offset, std::size_t size) {
  throw Error(std::string(what) + ": empty range (no elements at offset " + std::to_string(offset) +
              " of a buffer of " + std::to_string(size) + " elements)");
}

}  // namespace glc::detail
