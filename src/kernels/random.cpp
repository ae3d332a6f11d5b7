// glc::Random over the kernel random.comp (Philox4x32-10 in shaders/glcompute/philox.glsl).

#include "glcompute/random.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>

#include "glcompute/error.hpp"
#include "context/context_state.hpp"
#include "kernels/kernel_cache.hpp"
#include "kernels/kernel_tuning.hpp"
#include "kernels/word_chunks.hpp"

namespace glc {
namespace {

std::uint32_t lo32(std::uint64_t v) { return static_cast<std::uint32_t>(v); }
std::uint32_t hi32(std::uint64_t v) { return static_cast<std::uint32_t>(v >> 32); }

/// The shortest text that reads back as `v` ("0.1", "-inf", "nan").
template <class F>
std::string text(F v) {
  if (std::isnan(v)) return "nan";
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

[[noreturn]] void fail(const char* function, const std::string& problem) {
  throw Error(std::string("glc::Random::") + function + ": " + problem);
}

template <class F>
void check_uniform(F lo, F hi) {
  if (std::isnan(lo)) fail("uniform", "lo is NaN");
  if (std::isnan(hi)) fail("uniform", "hi is NaN");
  if (!(lo < hi)) {
    fail("uniform", "lo (" + text(lo) + ") must be less than hi (" + text(hi) + ")");
  }
  if (!std::isfinite(hi - lo)) {
    fail("uniform", "hi - lo must be finite, but lo = " + text(lo) + " and hi = " + text(hi) +
                        " give " + text(hi - lo));
  }
}

template <class F>
void check_normal(F mean, F stddev) {
  if (!std::isfinite(mean)) fail("normal", "mean (" + text(mean) + ") must be finite");
  if (!std::isfinite(stddev) || stddev < 0) {
    fail("normal", "stddev (" + text(stddev) + ") must be finite and not negative");
  }
}

/// Philox blocks a call of n elements uses: four words each, so 4 floats or 2 doubles.
std::uint64_t blocks_for(std::size_t n, std::size_t elements_per_block) {
  return (std::uint64_t{n} + elements_per_block - 1) / elements_per_block;
}

/// Throws glc::Error where the buffer's driver cannot run the double kernels.
void require_fp64(const char* what, const detail::ContextState& context) {
  if (context.info().features.fp64) return;
  throw Error(std::string(what) + ": Buffer<double> needs doubles in shaders "
              "(ARB_gpu_shader_fp64), which this driver (" + context.info().renderer +
              ") does not list; use Buffer<float>");
}

/// Runs random.comp with `variant` (a define, or nullptr for bits) over elements
/// [first, first + count) of `buffer` (a range checked in the name of `what`), the generator
/// being at block `offset`, which then advances past the blocks used; `set_params` sets the
/// variant's own uniforms.
template <class T, class SetParams>
void generate(const char* what, const std::shared_ptr<detail::ContextState>& owner,
              std::uint64_t seed, std::uint64_t& offset, Buffer<T>& target, std::size_t first,
              std::size_t count, const char* variant, SetParams&& set_params) {
  constexpr std::size_t kWords = sizeof(T) / 4;  // words per element: 1, or 2 for double
  detail::check_range(what, first, count, target.size());
  detail::BufferStorage& buffer = detail::Access::storage(target);
  const std::shared_ptr<detail::ContextState>& context = buffer.context();
  context->use();  // throws if the buffer's context is gone
  if (context != owner) {
    throw Error("glc::Random: the buffer belongs to a different glc::Context than the generator");
  }
  if constexpr (kWords == 2) require_fp64(what, *context);
  const detail::KernelTuning tuning = detail::kernel_tuning(context->info());
  const bool normal = variant != nullptr && std::string_view(variant) == "GLC_NORMAL";
  const detail::WriteTuning& shape = kWords == 2 ? tuning.random_double
                                     : normal    ? tuning.random_normal
                                                 : tuning.random;
  detail::write_words(
      buffer, first * kWords, count * kWords,
      [&](const detail::WordChunk& c) -> detail::Kernel& {
        // Where the binding's vec4s are whole Philox blocks, the GLC_ALIGNED kernel computes one
        // block per vec4 (the choice is made here: a branch in the shader costs llvmpipe both
        // sides).
        detail::Defines defines;
        if (variant != nullptr) defines.emplace_back(variant, "");
        if (c.first % 4 == 0) defines.emplace_back("GLC_ALIGNED", "");
        if (shape.local_size != 256) defines.emplace_back("GLC_LOCAL_SIZE", std::to_string(shape.local_size));
        if (shape.vec4s != 1) defines.emplace_back("GLC_VEC4S", std::to_string(shape.vec4s));
        detail::Kernel& k =
            detail::KernelCache::get(context, "glcompute/kernels/random.comp", defines);
        set_params(k);
        const std::uint64_t block = offset + c.done / 4;  // wraps like the 64-bit counter
        k.set("key_lo", lo32(seed));
        k.set("key_hi", hi32(seed));
        k.set("block_lo", lo32(block));
        k.set("block_hi", hi32(block));
        return k;
      },
      shape.vec4s);
  offset += blocks_for(count, 4 / kWords);
}

}  // namespace

Random::Random(Context& ctx, std::uint64_t seed)
    : context_(detail::Access::state(ctx)), seed_(seed) {}

void Random::bits(Buffer<std::uint32_t>& buffer) { bits(buffer, 0, buffer.size()); }

void Random::bits(Buffer<std::uint32_t>& buffer, std::size_t offset, std::size_t count) {
  generate("glc::Random::bits", context_, seed_, offset_, buffer, offset, count, nullptr,
           [](detail::Kernel&) {});
}

void Random::uniform(Buffer<float>& buffer, float lo, float hi) {
  uniform(buffer, 0, buffer.size(), lo, hi);
}

void Random::uniform(Buffer<float>& buffer, std::size_t offset, std::size_t count, float lo,
                     float hi) {
  check_uniform(lo, hi);
  generate("glc::Random::uniform", context_, seed_, offset_, buffer, offset, count, "GLC_UNIFORM",
           [&](detail::Kernel& k) {
             k.set("lo", lo);
             k.set("scale", hi - lo);
             k.set("top", std::nextafter(hi, -std::numeric_limits<float>::infinity()));
           });
}

void Random::uniform(Buffer<double>& buffer, double lo, double hi) {
  uniform(buffer, 0, buffer.size(), lo, hi);
}

void Random::uniform(Buffer<double>& buffer, std::size_t offset, std::size_t count, double lo,
                     double hi) {
  check_uniform(lo, hi);
  generate("glc::Random::uniform", context_, seed_, offset_, buffer, offset, count,
           "GLC_UNIFORM_DOUBLE", [&](detail::Kernel& k) {
             k.set("lo", lo);
             k.set("scale", hi - lo);
             k.set("top", std::nextafter(hi, -std::numeric_limits<double>::infinity()));
           });
}

void Random::normal(Buffer<float>& buffer, float mean, float stddev) {
  normal(buffer, 0, buffer.size(), mean, stddev);
}

void Random::normal(Buffer<float>& buffer, std::size_t offset, std::size_t count, float mean,
                    float stddev) {
  check_normal(mean, stddev);
  generate("glc::Random::normal", context_, seed_, offset_, buffer, offset, count, "GLC_NORMAL",
           [&](detail::Kernel& k) {
             k.set("mean", mean);
             k.set("stddev", stddev);
           });
}

void Random::normal(Buffer<double>& buffer, double mean, double stddev) {
  normal(buffer, 0, buffer.size(), mean, stddev);
}

void Random::normal(Buffer<double>& buffer, std::size_t offset, std::size_t count, double mean,
                    double stddev) {
  check_normal(mean, stddev);
  generate("glc::Random::normal", context_, seed_, offset_, buffer, offset, count,
           "GLC_NORMAL_DOUBLE", [&](detail::Kernel& k) {
             k.set("mean", mean);
             k.set("stddev", stddev);
           });
}

}  // namespace glc
