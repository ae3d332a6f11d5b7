// glc::argmin and glc::argmax over argminmax.comp: one pass (each work group's best element,
// the last group picks the best of those), the index read back through a result record.

#include "glcompute/argminmax.hpp"

#include <algorithm>
#include <string>

#include "context/context_state.hpp"
#include "glcompute/error.hpp"
#include "kernels/algorithm_paths.hpp"
#include "kernels/kernel_cache.hpp"
#include "kernels/word_chunks.hpp"
#include "kernels/result_record.hpp"

namespace glc::detail {
namespace {

/// As reduce.cpp: about one full wave of an H100, at least 32 words per invocation.
constexpr std::uint32_t kMaxGroupsPerChunk = 1024;
constexpr std::uint32_t kMinWordsPerInvocation = 32;

struct ArgScratch {
  std::shared_ptr<BufferStorage> partials;
  std::shared_ptr<BufferStorage> arrivals;  ///< zero between calls (the last group resets it)
};

const char* key_define(ElementType type) {
  switch (type) {
    case ElementType::f32: return "GLC_KEY_FLOAT";
    case ElementType::f64: return "GLC_KEY_DOUBLE";
    case ElementType::i32: return "GLC_KEY_INT";
    case ElementType::u32: return "GLC_KEY_UINT";
  }
  return "";
}

}  // namespace

std::size_t arg_extreme(const BufferStorage& values, std::size_t count, ElementType type,
                        bool largest, const char* what) {
  const std::shared_ptr<ContextState>& context = values.context();
  context->use();
  if (count == 0) {
    throw Error(std::string(what) + ": empty buffer (NumPy: attempt to get " +
                (largest ? "argmax" : "argmin") + " of an empty sequence)");
  }
  if (type == ElementType::f64) require_fp64(*context, context, what);
  Kernel& k = KernelCache::get(context, "glcompute/kernels/argminmax.comp",
                          {{key_define(type), ""}, {largest ? "GLC_ARGMAX" : "GLC_ARGMIN", ""}});
  const std::size_t words = count * words_per_element(type);
  const std::vector<WordChunk> chunks = split_into_chunks(values, 0, words);
  std::vector<std::uint32_t> groups(chunks.size());
  std::size_t total = 0;
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    groups[i] = std::min(k.groups_for(chunks[i].count, kMinWordsPerInvocation), kMaxGroupsPerChunk);
    total += groups[i];
  }
  ArgScratch& s = context->attachment<ArgScratch>();
  if (!s.partials || s.partials->bytes() < total * 16) {
    s.partials.reset();
    s.partials = std::make_shared<BufferStorage>(context, std::max<std::size_t>(total * 16, 16 * 1024), nullptr);
  }
  if (!s.arrivals) s.arrivals = std::make_shared<BufferStorage>(context, 16, InitialContents::zeros);

  ResultRecord& record = ResultRecord::of(context);
  record.next_call();
  record.attach(k);
  k.bind(1, *s.partials, 0, s.partials->bytes());
  k.bind(4, *s.arrivals, 0, s.arrivals->bytes());
  k.set("total_partials", static_cast<std::uint32_t>(total));
  std::uint32_t base = 0;
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    const WordChunk& c = chunks[i];
    const std::uint64_t index = c.done / words_per_element(type);
    const std::uint32_t index_base[4] = {static_cast<std::uint32_t>(index),
                                         static_cast<std::uint32_t>(index >> 32), 0, 0};
    k.set("first", c.first);
    k.set("count", c.count);
    k.set("index_base", index_base);
    k.set("partial_base", base);
    k.bind_words(values, c.bind_offset, c.bind_size);
    k.dispatch(groups[i]);
    base += groups[i];
  }
  return static_cast<std::size_t>(record.await(what));
}

}  // namespace glc::detail
