// glcompute/kernels/scan_value.glsl: the arithmetic of a prefix sum for one value type, for
// scan.comp, copy_if.glsl and tile_levels.comp. One of GLC_SCAN_FLOAT, GLC_SCAN_DOUBLE,
// GLC_SCAN_INT, GLC_SCAN_UINT chooses it.
//
//   SCAN_T            an element; one uvec4 holds GLC_PER_VECTOR of them (4, or 2 for double)
//   SCAN_T4           four elements, one per round of a tile (see scan.comp)
//   AGG_T             a sum over whole tiles, as published in tile records (tile_records.glsl)
//
// Sums of floats inside a tile are plain float additions in a fixed order; sums over tiles
// (AGG_T) are float-float pairs (hi, lo): hi + lo carries about 48 bits, so a carry over 10^5
// tiles loses nothing a float result can show. Each tile's AGG_T comes from a compensated sum
// of its elements (TwoSum), not from the float additions of its prefix sums. Doubles add as
// doubles; integers wrap. The identity of float and double sums is -0.0, so that a sum that
// starts with -0.0 keeps its sign as a plain loop would (-0.0 + x == x for every x).
// glslc-variant: -DGLC_SCAN_FLOAT
// glslc-variant: -DGLC_SCAN_DOUBLE
// glslc-variant: -DGLC_SCAN_INT
// glslc-variant: -DGLC_SCAN_UINT
#ifndef GLCOMPUTE_KERNELS_SCAN_VALUE_GLSL
#define GLCOMPUTE_KERNELS_SCAN_VALUE_GLSL

#if !defined(GLC_SCAN_FLOAT) && !defined(GLC_SCAN_DOUBLE) && !defined(GLC_SCAN_INT) && \
    !defined(GLC_SCAN_UINT)
#define GLC_SCAN_FLOAT  // only so that the file compiles on its own (build-time validation)
#endif

const uint GLC_F32_EXPONENT = 0x7F800000u;

#if defined(GLC_SCAN_FLOAT)
#define SCAN_T float
#define SCAN_T4 vec4
#define AGG_T vec2
#define GLC_PER_VECTOR 4u
SCAN_T scan_identity() { return uintBitsToFloat(0x80000000u); }  // -0.0
SCAN_T4 scan_from_bits4(uvec4 b) { return uintBitsToFloat(b); }
uvec4 scan_to_bits4(SCAN_T4 x) { return floatBitsToUint(x); }
SCAN_T scan_element(uvec4 b, uint k) { return uintBitsToFloat(b[k]); }
SCAN_T scan_word_element(uint w) { return uintBitsToFloat(w); }
uint scan_element_word(SCAN_T x) { return floatBitsToUint(x); }

// Float-float arithmetic. `precise` keeps compilers from reassociating the error terms away.
bool glc_ff_finite(float x) { return (floatBitsToUint(x) & GLC_F32_EXPONENT) != GLC_F32_EXPONENT; }
// (s, e) with s + e == a + b exactly (Knuth's TwoSum); symmetric in a and b.
vec2 glc_two_sum(float a, float b) {
  precise float s = a + b;
  precise float bb = s - a;
  precise float e = (a - (s - bb)) + (b - bb);
  return vec2(s, e);
}
// A pair whose hi is the rounded sum and whose lo is what hi misses. A non-finite hi gets lo 0
// (its error term would be NaN); a zero hi gets lo = hi, so the pair keeps hi's sign, and a
// zero lo leaves hi as it is (-0.0 + +0.0 would lose the sign of a sum of -0.0s).
vec2 glc_ff_normalize(float hi, float lo) {
  if (lo == 0.0) return vec2(hi, hi == 0.0 ? hi : 0.0);
  precise float s = hi + lo;
  precise float e = lo - (s - hi);
  if (!glc_ff_finite(s)) return vec2(s, 0.0);
  return s == 0.0 ? vec2(s, s) : vec2(s, e);
}
AGG_T agg_identity() { return vec2(scan_identity(), scan_identity()); }
// a + b; equal to b + a bit for bit (every step is).
AGG_T agg_add(AGG_T a, AGG_T b) {
  vec2 s = glc_two_sum(a.x, b.x);
  if (!glc_ff_finite(s.x)) return vec2(s.x, 0.0);
  precise float lo = s.y + (a.y + b.y);
  return glc_ff_normalize(s.x, lo);
}
// Per-invocation compensated accumulation of elements: the running sum and its error terms.
void agg_accumulate(inout vec2 acc, float x) {
  vec2 s = glc_two_sum(acc.x, x);
  precise float e = acc.y + s.y;
  acc = vec2(s.x, e);
}
AGG_T agg_finish(vec2 acc) {
  if (!glc_ff_finite(acc.x)) return vec2(acc.x, 0.0);
  return glc_ff_normalize(acc.x, acc.y);
}
// An element of a tile's output: the carry (hi, lo) plus the tile-local prefix x, rounded once
// more than a plain float sum would be.
SCAN_T scan_with_carry(AGG_T c, SCAN_T x) {
  precise float low = c.y + x;
  precise float r = c.x + low;
  return r;
}
uvec2 agg_bits(AGG_T a) { return floatBitsToUint(a); }
AGG_T agg_from_bits(uvec2 b) { return uintBitsToFloat(b); }
AGG_T agg_from_element(SCAN_T x) { return vec2(x, x == 0.0 ? x : 0.0); }

#elif defined(GLC_SCAN_DOUBLE)
#define SCAN_T double
#define SCAN_T4 dvec4
#define AGG_T double
#define GLC_PER_VECTOR 2u
SCAN_T scan_identity() { return packDouble2x32(uvec2(0u, 0x80000000u)); }  // -0.0
// Round r's four totals as bits: two uvec4s (see scan_from_bits4 / scan_to_bits4 users).
SCAN_T scan_element(uvec4 b, uint k) { return packDouble2x32(k == 0u ? b.xy : b.zw); }
SCAN_T scan_word_pair(uint lo, uint hi) { return packDouble2x32(uvec2(lo, hi)); }
uvec2 scan_element_words(SCAN_T x) { return unpackDouble2x32(x); }
AGG_T agg_identity() { return scan_identity(); }
AGG_T agg_add(AGG_T a, AGG_T b) {
  precise double s = a + b;
  return s;
}
void agg_accumulate(inout double acc, double x) {
  precise double s = acc + x;
  acc = s;
}
AGG_T agg_finish(double acc) { return acc; }
SCAN_T scan_with_carry(AGG_T c, SCAN_T x) {
  precise double r = c + x;
  return r;
}
uvec2 agg_bits(AGG_T a) { return unpackDouble2x32(a); }
AGG_T agg_from_bits(uvec2 b) { return packDouble2x32(b); }
AGG_T agg_from_element(SCAN_T x) { return x; }

#else  // integers: wrapping sums, exact in any order
#if defined(GLC_SCAN_INT)
#define SCAN_T int
#define SCAN_T4 ivec4
#define AGG_T int
SCAN_T4 scan_from_bits4(uvec4 b) { return ivec4(b); }
uvec4 scan_to_bits4(SCAN_T4 x) { return uvec4(x); }
SCAN_T scan_element(uvec4 b, uint k) { return int(b[k]); }
SCAN_T scan_word_element(uint w) { return int(w); }
uint scan_element_word(SCAN_T x) { return uint(x); }
uvec2 agg_bits(AGG_T a) { return uvec2(uint(a), 0u); }
AGG_T agg_from_bits(uvec2 b) { return int(b.x); }
#else
#define SCAN_T uint
#define SCAN_T4 uvec4
#define AGG_T uint
SCAN_T4 scan_from_bits4(uvec4 b) { return b; }
uvec4 scan_to_bits4(SCAN_T4 x) { return x; }
SCAN_T scan_element(uvec4 b, uint k) { return b[k]; }
SCAN_T scan_word_element(uint w) { return w; }
uint scan_element_word(SCAN_T x) { return x; }
uvec2 agg_bits(AGG_T a) { return uvec2(a, 0u); }
AGG_T agg_from_bits(uvec2 b) { return b.x; }
#endif
#define GLC_PER_VECTOR 4u
SCAN_T scan_identity() { return SCAN_T(0); }
AGG_T agg_identity() { return AGG_T(0); }
AGG_T agg_add(AGG_T a, AGG_T b) { return a + b; }
void agg_accumulate(inout AGG_T acc, SCAN_T x) { acc += x; }
AGG_T agg_finish(AGG_T acc) { return acc; }
SCAN_T scan_with_carry(AGG_T c, SCAN_T x) { return c + x; }
AGG_T agg_from_element(SCAN_T x) { return x; }
#endif

// The accumulator agg_accumulate works on.
#if defined(GLC_SCAN_FLOAT)
#define AGG_ACC_T vec2
#define AGG_ACC_START vec2(scan_identity(), 0.0)
#else
#define AGG_ACC_T AGG_T
#define AGG_ACC_START agg_identity()
#endif

#endif
