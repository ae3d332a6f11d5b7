#version 430
// glcompute/kernels/histogram.comp: glc::histogram, NumPy's np.histogram(x, bins, range) with
// equal bins, operation for operation (numpy/lib/histograms.py): a value x is counted only if
// first_edge <= x <= last_edge (so never a NaN); its bin is guessed as int((x - first_edge) *
// norm), bins - 1 if that is bins, then moved down one if x < edges[i] and up one if
// x >= edges[i + 1] (except in the last bin, which is closed). The arithmetic is in BIN_T:
// float for float data (NumPy casts the range and norm to the data's float32), double for
// double and integer data; edges[] are NumPy's linspace edges in BIN_T, from the host.
//
// The piece's values are bound at bindings 0 (uvec4s) and 3 (words), elements [0, count).
// Counts are added to counts[] (zero before the call, binding 1): in shared memory per work
// group where `bins` <= SHARED_BINS, then once per bin to global memory; straight to global
// memory otherwise. Integer counts: the same in any order.
// glslc-variant: -DGLC_VALUE_FLOAT
// glslc-variant: -DGLC_VALUE_DOUBLE
// glslc-variant: -DGLC_VALUE_INT -DGLC_GLOBAL_BINS
// glslc-variant: -DGLC_VALUE_UINT
layout(local_size_x = 256) in;

#include "glcompute/grid.glsl"

#define SHARED_BINS 4096u
#define SHARED_EDGES 2048u

#if defined(GLC_VALUE_FLOAT) || (!defined(GLC_VALUE_DOUBLE) && !defined(GLC_VALUE_INT) && !defined(GLC_VALUE_UINT))
#define BIN_T float
#define PER_VECTOR 4u
BIN_T element(uvec4 v, uint k) { return uintBitsToFloat(v[k]); }
#elif defined(GLC_VALUE_DOUBLE)
#define BIN_T double
#define PER_VECTOR 2u
BIN_T element(uvec4 v, uint k) { return packDouble2x32(k == 0u ? v.xy : v.zw); }
#elif defined(GLC_VALUE_INT)
#define BIN_T double
#define PER_VECTOR 4u
BIN_T element(uvec4 v, uint k) { return double(int(v[k])); }
#else
#define BIN_T double
#define PER_VECTOR 4u
BIN_T element(uvec4 v, uint k) { return double(v[k]); }
#endif

layout(std430, binding = 0) readonly buffer Values4 { uvec4 values4[]; };
layout(std430, binding = 3) readonly buffer ValueWords { uint value_words[]; };
layout(std430, binding = 1) buffer Counts { uint counts[]; };
layout(std430, binding = 2) readonly buffer Edges { BIN_T edges[]; };

uniform uint count;  // elements in this piece
uniform uint bins;
uniform BIN_T first_edge;
uniform BIN_T last_edge;
uniform BIN_T norm;  // bins / (last_edge - first_edge), rounded to BIN_T as NumPy does

#ifndef GLC_GLOBAL_BINS
shared uint local_counts[SHARED_BINS];
shared BIN_T local_edges[SHARED_EDGES];
#endif

BIN_T edge(uint i) {
#ifndef GLC_GLOBAL_BINS
  if (bins < SHARED_EDGES) return local_edges[i];
#endif
  return edges[i];
}

#if defined(GLC_VALUE_FLOAT) || (!defined(GLC_VALUE_DOUBLE) && !defined(GLC_VALUE_INT) && !defined(GLC_VALUE_UINT))
// Float comparisons on the bits: NVIDIA flushes float denormals to zero in compute shaders, so
// there -1e-45 >= 0.0 would hold and a value next to an edge of 0 would change bins; NumPy
// compares exactly. The key orders floats as numbers (-0.0 equal to 0.0); NaN is left out first.
uint order_key(float x) {
  uint b = floatBitsToUint(x);
  if ((b & 0x7FFFFFFFu) == 0u) b = 0u;
  return (b & 0x80000000u) != 0u ? ~b : (b | 0x80000000u);
}
bool is_nan(float x) { return (floatBitsToUint(x) & 0x7FFFFFFFu) > 0x7F800000u; }
bool below(float a, float b) { return order_key(a) < order_key(b); }
#else
bool is_nan(BIN_T x) { return x != x; }
bool below(BIN_T a, BIN_T b) { return a < b; }
#endif

void add(BIN_T x) {
  if (is_nan(x) || below(x, first_edge) || below(last_edge, x)) return;  // outside the range
  precise BIN_T offset = x - first_edge;
  precise BIN_T f = offset * norm;
  uint i = min(uint(f), bins - 1u);
  if (below(x, edge(i))) i -= 1u;
  if (i != bins - 1u && !below(x, edge(i + 1u))) i += 1u;
#ifdef GLC_GLOBAL_BINS
  atomicAdd(counts[i], 1u);
#else
  atomicAdd(local_counts[i], 1u);
#endif
}

void main() {
  uint t = gl_LocalInvocationIndex;
#ifndef GLC_GLOBAL_BINS
  for (uint b = t; b < bins; b += 256u) local_counts[b] = 0u;
  if (bins < SHARED_EDGES) {
    for (uint b = t; b <= bins; b += 256u) local_edges[b] = edges[b];
  }
  memoryBarrierShared();
  barrier();
#endif
  uint words = count * (PER_VECTOR == 2u ? 2u : 1u);
  uint whole = words / 4u;  // whole uvec4s
  // Two loads in flight per round, as in reduce.comp.
  uint v = GLC_GLOBAL_INDEX;
  for (; v + GLC_GRID_SIZE < whole; v += 2u * GLC_GRID_SIZE) {
    uvec4 a = values4[v];
    uvec4 b = values4[v + GLC_GRID_SIZE];
    for (uint k = 0u; k < PER_VECTOR; ++k) add(element(a, k));
    for (uint k = 0u; k < PER_VECTOR; ++k) add(element(b, k));
  }
  if (v < whole) {
    uvec4 a = values4[v];
    for (uint k = 0u; k < PER_VECTOR; ++k) add(element(a, k));
  }
  // The last 1-3 words (a ragged tail; doubles come in pairs).
  uint w = whole * 4u + GLC_GLOBAL_INDEX * (4u / PER_VECTOR);
  if (w < words) {
    uvec4 tail = uvec4(value_words[w], w + 1u < words ? value_words[w + 1u] : 0u, 0u, 0u);
    add(element(tail, 0u));
  }
#ifndef GLC_GLOBAL_BINS
  memoryBarrierShared();
  barrier();
  for (uint b = t; b < bins; b += 256u) {
    uint c = local_counts[b];
    if (c != 0u) atomicAdd(counts[b], c);
  }
#endif
}
