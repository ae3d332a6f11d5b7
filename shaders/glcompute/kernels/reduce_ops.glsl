// glcompute/kernels/reduce_ops.glsl: what a reduction (reduce.comp) needs for each operation
// and element type: the type of a partial result, its identity, how two combine, and a
// shared-memory tree over one work group.
//
// One operation and one element type are chosen by defines (the host always passes both):
//   GLC_SUM | GLC_MIN | GLC_MAX        and        GLC_FLOAT | GLC_INT | GLC_UINT | GLC_DOUBLE
// Partial results (REDUCE_T):
//   sum of float     double; the per-invocation sums come from reduce.comp
//   sum of double    dvec2, a double-double (x + y, |y| <= half an ulp of x): partials are added
//                    with TwoSum, so the order of the tree costs no precision
//   sum of int/uint  uvec2, a 64-bit two's complement integer (x = low word, y = high word),
//                    added with uaddCarry: GL 4.3 core GLSL has no 64-bit integers
//   min/max          the element type; for float and double a NaN anywhere makes the result NaN
// The including shader declares its local size, GLC_REDUCE_GROUP_SIZE invocations, first.
// glslc-variant: -DGLC_SUM -DGLC_FLOAT
// glslc-variant: -DGLC_SUM -DGLC_INT
// glslc-variant: -DGLC_SUM -DGLC_UINT
// glslc-variant: -DGLC_SUM -DGLC_DOUBLE
// glslc-variant: -DGLC_MIN -DGLC_FLOAT
// glslc-variant: -DGLC_MIN -DGLC_INT
// glslc-variant: -DGLC_MIN -DGLC_UINT
// glslc-variant: -DGLC_MIN -DGLC_DOUBLE
// glslc-variant: -DGLC_MAX -DGLC_FLOAT
// glslc-variant: -DGLC_MAX -DGLC_INT
// glslc-variant: -DGLC_MAX -DGLC_UINT
// glslc-variant: -DGLC_MAX -DGLC_DOUBLE
#ifndef GLCOMPUTE_KERNELS_REDUCE_OPS_GLSL
#define GLCOMPUTE_KERNELS_REDUCE_OPS_GLSL

// Defaults only so that the file compiles on its own (build-time validation).
#if !defined(GLC_SUM) && !defined(GLC_MIN) && !defined(GLC_MAX)
#define GLC_SUM
#endif
#if !defined(GLC_FLOAT) && !defined(GLC_INT) && !defined(GLC_UINT) && !defined(GLC_DOUBLE)
#define GLC_FLOAT
#endif

#ifndef GLC_REDUCE_GROUP_SIZE
#define GLC_REDUCE_GROUP_SIZE 256
#endif

const uint GLC_FLOAT_POS_INF = 0x7F800000u;
const uint GLC_FLOAT_NEG_INF = 0xFF800000u;
const uint GLC_FLOAT_NAN = 0x7FC00000u;
// The high words of double infinities and of a quiet NaN (low words 0).
const uint GLC_DOUBLE_POS_INF_HIGH = 0x7FF00000u;
const uint GLC_DOUBLE_NEG_INF_HIGH = 0xFFF00000u;
const uint GLC_DOUBLE_NAN_HIGH = 0x7FF80000u;

// NaN by its bits: compilers may assume isnan() is false under relaxed float rules.
bool glc_is_nan(float x) { return (floatBitsToUint(x) & 0x7FFFFFFFu) > GLC_FLOAT_POS_INF; }
// A double's bits as (low word, high word): NaN, and neither infinite nor NaN.
bool glc_is_nan_bits(uvec2 b) {
  uint high = b.y & 0x7FFFFFFFu;
  return high > GLC_DOUBLE_POS_INF_HIGH || (high == GLC_DOUBLE_POS_INF_HIGH && b.x != 0u);
}
bool glc_is_nan(double x) { return glc_is_nan_bits(unpackDouble2x32(x)); }
bool glc_is_finite(double x) {
  return (unpackDouble2x32(x).y & GLC_DOUBLE_POS_INF_HIGH) != GLC_DOUBLE_POS_INF_HIGH;
}

#if defined(GLC_SUM) && defined(GLC_FLOAT)
#define REDUCE_T double
#define REDUCE_IDENTITY 0.0lf
REDUCE_T reduce_combine(REDUCE_T a, REDUCE_T b) { return a + b; }

#elif defined(GLC_SUM) && defined(GLC_DOUBLE)
#define REDUCE_T dvec2
#define REDUCE_IDENTITY dvec2(0.0lf)
// (a.x + a.y) + (b.x + b.y) as a normalised double-double: TwoSum of the leading parts (Knuth:
// s + e is exactly a.x + b.x), the trailing parts added to e, then renormalised (FastTwoSum,
// |s| >= |e| after the first step up to rounding). `precise` keeps every rounding error term:
// without it a compiler may reassociate them to zero. A sum that is infinite or NaN has no
// error term (inf - inf is NaN): it is the result alone.
REDUCE_T reduce_combine(REDUCE_T a, REDUCE_T b) {
  precise double s = a.x + b.x;
  precise double v = s - a.x;
  precise double e = (a.x - (s - v)) + (b.x - v);
  precise double t = e + (a.y + b.y);
  precise double high = s + t;
  precise double low = t - (high - s);
  if (!glc_is_finite(s)) return dvec2(s, 0.0lf);
  return dvec2(high, low);
}

#elif defined(GLC_SUM)
#define REDUCE_T uvec2
#define REDUCE_IDENTITY uvec2(0u)
REDUCE_T reduce_combine(REDUCE_T a, REDUCE_T b) {
  uint carry;
  uint low = uaddCarry(a.x, b.x, carry);
  return uvec2(low, a.y + b.y + carry);
}

#elif defined(GLC_FLOAT)
#define REDUCE_T float
#ifdef GLC_MIN
#define REDUCE_IDENTITY uintBitsToFloat(GLC_FLOAT_POS_INF)
REDUCE_T reduce_combine(REDUCE_T a, REDUCE_T b) {
  return glc_is_nan(a) ? a : (glc_is_nan(b) ? b : min(a, b));
}
#else
#define REDUCE_IDENTITY uintBitsToFloat(GLC_FLOAT_NEG_INF)
REDUCE_T reduce_combine(REDUCE_T a, REDUCE_T b) {
  return glc_is_nan(a) ? a : (glc_is_nan(b) ? b : max(a, b));
}
#endif

#elif defined(GLC_DOUBLE)
#define REDUCE_T double
#ifdef GLC_MIN
#define REDUCE_IDENTITY packDouble2x32(uvec2(0u, GLC_DOUBLE_POS_INF_HIGH))
REDUCE_T reduce_combine(REDUCE_T a, REDUCE_T b) {
  return glc_is_nan(a) ? a : (glc_is_nan(b) ? b : min(a, b));
}
#else
#define REDUCE_IDENTITY packDouble2x32(uvec2(0u, GLC_DOUBLE_NEG_INF_HIGH))
REDUCE_T reduce_combine(REDUCE_T a, REDUCE_T b) {
  return glc_is_nan(a) ? a : (glc_is_nan(b) ? b : max(a, b));
}
#endif

#elif defined(GLC_INT)
#define REDUCE_T int
#ifdef GLC_MIN
#define REDUCE_IDENTITY 0x7FFFFFFF
REDUCE_T reduce_combine(REDUCE_T a, REDUCE_T b) { return min(a, b); }
#else
#define REDUCE_IDENTITY int(0x80000000u)
REDUCE_T reduce_combine(REDUCE_T a, REDUCE_T b) { return max(a, b); }
#endif

#else  // GLC_UINT
#define REDUCE_T uint
#ifdef GLC_MIN
#define REDUCE_IDENTITY 0xFFFFFFFFu
REDUCE_T reduce_combine(REDUCE_T a, REDUCE_T b) { return min(a, b); }
#else
#define REDUCE_IDENTITY 0u
REDUCE_T reduce_combine(REDUCE_T a, REDUCE_T b) { return max(a, b); }
#endif
#endif

// A result as two 32-bit words (low, high), for the result record reduce.comp writes.
#if defined(GLC_SUM) && defined(GLC_FLOAT)
uvec2 reduce_bits(REDUCE_T value) { return unpackDouble2x32(value); }
#elif defined(GLC_SUM) && defined(GLC_DOUBLE)
uvec2 reduce_bits(REDUCE_T value) { return unpackDouble2x32(value.x); }  // normalised: x = x + y
#elif defined(GLC_SUM)
uvec2 reduce_bits(REDUCE_T value) { return value; }
#elif defined(GLC_DOUBLE)
uvec2 reduce_bits(REDUCE_T value) { return unpackDouble2x32(value); }
#elif defined(GLC_FLOAT)
uvec2 reduce_bits(REDUCE_T value) { return uvec2(floatBitsToUint(value), 0u); }
#else
uvec2 reduce_bits(REDUCE_T value) { return uvec2(uint(value), 0u); }
#endif

// The check word of a result record: glcompute's host code computes the same function
// (src/reduce.cpp) to tell a complete record from one that has not fully arrived.
uint reduce_record_check(uvec2 bits, uint sequence) {
  return (bits.x * 0x9E3779B1u) ^ (bits.y * 0x85EBCA77u) ^ (sequence * 0xC2B2AE3Du) ^ 0x27D4EB2Fu;
}

shared REDUCE_T glc_reduce_tree[GLC_REDUCE_GROUP_SIZE];

// Combines the `value`s of the work group's invocations in a fixed pairwise order (invocation
// i with i + size/2, then i + size/4, ...) and returns the result to every invocation. Called
// by all invocations of the group, in uniform control flow. GLC_REDUCE_GROUP_SIZE is a power
// of two.
REDUCE_T reduce_group(REDUCE_T value) {
  uint i = gl_LocalInvocationIndex;
  glc_reduce_tree[i] = value;
  memoryBarrierShared();
  barrier();
  for (uint stride = GLC_REDUCE_GROUP_SIZE / 2u; stride > 0u; stride /= 2u) {
    if (i < stride) glc_reduce_tree[i] = reduce_combine(glc_reduce_tree[i], glc_reduce_tree[i + stride]);
    memoryBarrierShared();
    barrier();
  }
  return glc_reduce_tree[0];
}

#endif
