// glcompute/kernels/sort_keys.glsl: sort keys as radix digits, in NumPy's ascending order
// (np.sort(kind="stable")): -inf < ... < -0.0 == +0.0 < ... < +inf < NaN, every NaN (either
// sign, any payload) after every number, equal keys in their original order. Keys are moved
// as their original bits (a NaN keeps its payload, -0.0 its sign); only the digits come from
// an order-preserving transform:
//   float / double   NaN -> all ones; -0.0 -> +0.0's image; negative: every bit flipped;
//                    positive: the sign bit flipped
//   int32            the sign bit flipped
//   uint32           as is
// One of GLC_KEY_FLOAT, GLC_KEY_DOUBLE, GLC_KEY_INT, GLC_KEY_UINT; GLC_RADIX_BITS (4 or 8)
// digits per pass, from the least significant.
// glslc-variant: -DGLC_KEY_FLOAT -DGLC_RADIX_BITS=8
// glslc-variant: -DGLC_KEY_DOUBLE -DGLC_RADIX_BITS=4
// glslc-variant: -DGLC_KEY_INT -DGLC_RADIX_BITS=8
// glslc-variant: -DGLC_KEY_UINT -DGLC_RADIX_BITS=4
#ifndef GLCOMPUTE_KERNELS_SORT_KEYS_GLSL
#define GLCOMPUTE_KERNELS_SORT_KEYS_GLSL

#if !defined(GLC_KEY_FLOAT) && !defined(GLC_KEY_DOUBLE) && !defined(GLC_KEY_INT) && \
    !defined(GLC_KEY_UINT)
#define GLC_KEY_FLOAT  // only so that the file compiles on its own (build-time validation)
#endif
#ifndef GLC_RADIX_BITS
#define GLC_RADIX_BITS 8
#endif
#define GLC_RADIX (1u << GLC_RADIX_BITS)

#ifdef GLC_KEY_DOUBLE
#define GLC_KEY_WORDS 2
#else
#define GLC_KEY_WORDS 1
#endif

// The order-preserving image of a key (lo, hi); hi is 0 for one-word keys.
uvec2 sort_key_order(uvec2 key) {
#if defined(GLC_KEY_FLOAT)
  uint x = key.x;
  if ((x & 0x7FFFFFFFu) > 0x7F800000u) return uvec2(0xFFFFFFFFu, 0u);  // NaN
  if ((x & 0x7FFFFFFFu) == 0u) x = 0u;                                // -0.0 as +0.0
  return uvec2((x & 0x80000000u) != 0u ? ~x : x | 0x80000000u, 0u);
#elif defined(GLC_KEY_DOUBLE)
  uint lo = key.x, hi = key.y;
  uint magnitude_hi = hi & 0x7FFFFFFFu;
  if (magnitude_hi > 0x7FF00000u || (magnitude_hi == 0x7FF00000u && lo != 0u)) {
    return uvec2(0xFFFFFFFFu);  // NaN
  }
  if (magnitude_hi == 0u && lo == 0u) hi = 0u;  // -0.0 as +0.0
  return (hi & 0x80000000u) != 0u ? uvec2(~lo, ~hi) : uvec2(lo, hi | 0x80000000u);
#elif defined(GLC_KEY_INT)
  return uvec2(key.x ^ 0x80000000u, 0u);
#else
  return uvec2(key.x, 0u);
#endif
}

// The digit of `key` at bit `shift` (a multiple of GLC_RADIX_BITS).
uint sort_digit(uvec2 key, uint shift) {
  uvec2 order = sort_key_order(key);
  uint word = shift >= 32u ? order.y : order.x;
  return (word >> (shift & 31u)) & (GLC_RADIX - 1u);
}

#endif
