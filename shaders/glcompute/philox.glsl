// glcompute/philox.glsl: the Philox4x32-10 counter-based random number generator (Salmon,
// Moraes, Dror and Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC'11), bit-identical
// to Random123's philox4x32 with 10 rounds and to glc::Random, so your own shaders can draw the
// same numbers glc::Random writes, or their own independent streams, without any state.
//
//   #include "glcompute/philox.glsl"
//
//   uvec4 glc_philox4x32_10(uvec4 counter, uvec2 key)
//       Four random 32-bit words, a pure function of (counter, key): any invocation can compute
//       any block, in any order.
//   uvec4 glc_philox_counter(uvec2 block, uint add)
//       The counter {lo, hi, 0, 0} of the 64-bit block index block + add, where block is
//       (low word, high word); the carry into the high word is kept (uaddCarry).
//   float glc_uniform01(uint word)          (word >> 8) * 2^-24, in [0, 1), exact
//   float glc_uniform01_nonzero(uint word)  ((word >> 8) + 1) * 2^-24, in (0, 1], exact
//   vec2  glc_box_muller(uvec2 words)       two independent standard normals from two words:
//       r = sqrt(-2 ln u1), t = 2 pi u2, (r cos t, r sin t) with u1 = glc_uniform01_nonzero(
//       words.x) and u2 = glc_uniform01(words.y)
//
// glc::Random(ctx, seed) at block offset o uses key uvec2(lo32(seed), hi32(seed)); element i
// of a call is word i % 4 of glc_philox4x32_10(glc_philox_counter(uvec2(lo32(o), hi32(o)),
// i / 4), key). For example, to continue the stream of glc::Random rng(ctx, seed) in a shader:
//
//   uniform uvec2 key;     // lo32(seed), hi32(seed)
//   uniform uvec2 offset;  // rng.offset() as (low word, high word); then advance it on the host
//   ...
//   uvec4 words = glc_philox4x32_10(glc_philox_counter(offset, i), key);  // block i
//
// Use a different key (seed), or disjoint counter ranges, for streams that must not overlap.
#ifndef GLCOMPUTE_PHILOX_GLSL
#define GLCOMPUTE_PHILOX_GLSL

// Multipliers and Weyl key increments of Philox4x32 (Random123's PHILOX_M4x32_* and
// PHILOX_W32_*).
const uint GLC_PHILOX_M0 = 0xD2511F53u;
const uint GLC_PHILOX_M1 = 0xCD9E8D57u;
const uint GLC_PHILOX_W0 = 0x9E3779B9u;
const uint GLC_PHILOX_W1 = 0xBB67AE85u;

// One round: two 32x32->64 multiplications, the high halves mixed with the other words and
// the round key.
uvec4 glc_philox4x32_round(uvec4 ctr, uvec2 key) {
  uint hi0, lo0, hi1, lo1;
  umulExtended(GLC_PHILOX_M0, ctr.x, hi0, lo0);
  umulExtended(GLC_PHILOX_M1, ctr.z, hi1, lo1);
  return uvec4(hi1 ^ ctr.y ^ key.x, lo1, hi0 ^ ctr.w ^ key.y, lo0);
}

uvec4 glc_philox4x32_10(uvec4 counter, uvec2 key) {
  counter = glc_philox4x32_round(counter, key);
  for (int round = 1; round < 10; ++round) {
    key += uvec2(GLC_PHILOX_W0, GLC_PHILOX_W1);
    counter = glc_philox4x32_round(counter, key);
  }
  return counter;
}

uvec4 glc_philox_counter(uvec2 block, uint add) {
  uint carry;
  uint lo = uaddCarry(block.x, add, carry);
  return uvec4(lo, block.y + carry, 0u, 0u);
}

float glc_uniform01(uint word) { return float(word >> 8u) * 5.9604644775390625e-8; }  // 2^-24

float glc_uniform01_nonzero(uint word) {
  return float((word >> 8u) + 1u) * 5.9604644775390625e-8;
}

// ln(u) for u in (0, 1]. Near 1, GPU log() (log2 approximations with an absolute error bound,
// ~2^-22 on NVIDIA) keeps no relative precision, which would put visible errors on the normals
// closest to the mean; there a short series for ln(1 - v) is used instead (v = 1 - u is exact).
float glc_philox_log_unit(float u) {
  float v = 1.0 - u;
  if (v < 0.0078125) {  // 2^-7: the first omitted term, v^5 / 5, is below 2^-30 * v
    return -v * (1.0 + v * (0.5 + v * (0.33333333 + v * 0.25)));
  }
  return log(u);
}

vec2 glc_box_muller(uvec2 words) {
  float r = sqrt(max(-2.0 * glc_philox_log_unit(glc_uniform01_nonzero(words.x)), 0.0));
  float t = 6.2831853071795865 * glc_uniform01(words.y);
  return r * vec2(cos(t), sin(t));
}

#endif
