#pragma once
/// @file
/// `glc::Random`: random numbers generated on the GPU with the counter-based Philox4x32-10
/// generator (Salmon et al., SC'11), bit-identical to Random123's `r123::Philox4x32_10`.
///
///     glc::Random rng(ctx, 42);
///     rng.uniform(xs);               // xs[i] in [0, 1)
///     rng.uniform(xs, -1.0f, 1.0f);  // in [-1, 1)
///     rng.normal(zs, 10.0f, 2.0f);   // mean 10, standard deviation 2
///     rng.bits(words);               // raw 32-bit words
///     rng.uniform(ds);               // Buffer<double>: 53-bit uniforms in [0, 1)
///
/// The stream: with key {lo32(seed), hi32(seed)} and the generator at block offset o, element i
/// of a call's output comes from word i % 4 of Philox4x32-10(counter {lo32(o + i/4),
/// hi32(o + i/4), 0, 0}, key), and the call then advances the offset by ceil(n / 4) blocks
/// (n = 0 does nothing). So a call's results depend only on (seed, offset, n), never on the
/// driver, the GPU or how the work is split. The same generator is available to your own
/// shaders: `#include "glcompute/philox.glsl"`.
///
/// - bits: the words themselves.
/// - uniform(lo, hi): u = (word >> 8) * 2^-24, then lo + (hi - lo) * u, always in [lo, hi)
///   (results that round up to hi are replaced by the largest float below hi).
/// - normal(mean, stddev): Box-Muller on word pairs (2k, 2k+1): u1 = ((w0 >> 8) + 1) * 2^-24
///   in (0, 1], u2 = (w1 >> 8) * 2^-24, r = sqrt(-2 ln u1); element 2k is
///   mean + stddev * r cos(2 pi u2) and element 2k+1 is mean + stddev * r sin(2 pi u2).
///   Computed in single precision with the GPU's log, sin and cos.
///
/// Doubles (`Buffer<double>`, NumPy's default dtype) take 53 random bits from two words, with
/// Random123's conventions: element i comes from block o + i/2 (a block holds two doubles), its
/// 64-bit integer u = w0 | w1 << 32 from words (0, 1) for even i and (2, 3) for odd i, and the
/// call advances the offset by ceil(n / 2) blocks.
/// - uniform(lo, hi): u01 = r123::u01<double>(u) = u * 2^-64 + 2^-65, in (0, 1], bit-identical
///   to Random123; then lo + (hi - lo) * u01 in double (no fused multiply-add, so every driver
///   rounds alike), always in [lo, hi): results that reach hi (u01 = 1 happens for
///   u >= 2^64 - 2^10) are replaced by the largest double below hi. With the defaults (0, 1)
///   an element is exactly r123::u01<double>(u) except that 1.0 becomes 1 - 2^-53.
/// - normal(mean, stddev): r123::boxmuller on the block's two 64-bit integers (u0 from words 0
///   and 1, u1 from 2 and 3): a = r123::uneg11<double>(u0), r = sqrt(-2 ln r123::u01<double>(u1)),
///   element 2k is mean + stddev * r sin(pi a) and element 2k+1 is mean + stddev * r cos(pi a).
///   GLSL has no double-precision log, sin or cos: glcompute's own (philox_double.glsl) agree
///   with the C library's to a few units in the last place, so the normals agree with
///   Random123's to about 1e-15 (relative to stddev), not bit for bit.
/// Doubles need ARB_gpu_shader_fp64 (`ctx.info().features.fp64`; NVIDIA and llvmpipe have it):
/// elsewhere the double overloads throw glc::Error saying so.
///
/// The range overloads write elements [offset, offset + count) of the buffer, which are then
/// the call's elements 0 .. count-1; the rest of the buffer is left as it was. Any length works,
/// including buffers larger than one storage buffer binding.

#include <cstddef>
#include <cstdint>
#include <memory>

#include "buffer.hpp"

namespace glc {

class Context;
namespace detail {
class ContextState;
}

class Random {
 public:
  /// A generator for buffers of `ctx`, at block offset 0.
  explicit Random(Context& ctx, std::uint64_t seed = 0);

  std::uint64_t seed() const noexcept { return seed_; }
  /// The next call's first Philox block (counter), counted in blocks of 4 words.
  std::uint64_t offset() const noexcept { return offset_; }
  /// Moves the generator to block `blocks` (e.g. back to an earlier offset() to repeat a call).
  void set_offset(std::uint64_t blocks) noexcept { offset_ = blocks; }

  /// Raw 32-bit words into every element.
  void bits(Buffer<std::uint32_t>& buffer);
  /// Raw 32-bit words into elements [offset, offset + count).
  void bits(Buffer<std::uint32_t>& buffer, std::size_t offset, std::size_t count);

  /// Uniform floats in [lo, hi) into every element. Throws glc::Error unless lo < hi and
  /// hi - lo is finite.
  void uniform(Buffer<float>& buffer, float lo = 0.0f, float hi = 1.0f);
  /// The same into elements [offset, offset + count); lo and hi are required here (so that
  /// `uniform(buffer, -1.0, 1.0)` is never mistaken for a range).
  void uniform(Buffer<float>& buffer, std::size_t offset, std::size_t count, float lo, float hi);

  /// Uniform doubles in [lo, hi) into every element (see the file comment for the bits).
  /// Throws glc::Error unless lo < hi and hi - lo is finite, or where the driver lacks doubles.
  void uniform(Buffer<double>& buffer, double lo = 0.0, double hi = 1.0);
  /// The same into elements [offset, offset + count).
  void uniform(Buffer<double>& buffer, std::size_t offset, std::size_t count, double lo,
               double hi);

  /// Normally distributed floats into every element. Throws glc::Error unless mean is finite
  /// and stddev is finite and not negative.
  void normal(Buffer<float>& buffer, float mean = 0.0f, float stddev = 1.0f);
  /// The same into elements [offset, offset + count); mean and stddev are required here.
  void normal(Buffer<float>& buffer, std::size_t offset, std::size_t count, float mean,
              float stddev);

  /// Normally distributed doubles into every element (Random123's Box-Muller, see above).
  /// Throws glc::Error unless mean is finite and stddev is finite and not negative, or where
  /// the driver lacks doubles.
  void normal(Buffer<double>& buffer, double mean = 0.0, double stddev = 1.0);
  /// The same into elements [offset, offset + count).
  void normal(Buffer<double>& buffer, std::size_t offset, std::size_t count, double mean,
              double stddev);

 private:
  std::shared_ptr<detail::ContextState> context_;
  std::uint64_t seed_ = 0;
  std::uint64_t offset_ = 0;
};

}  // namespace glc
