#version 430
// glcompute/kernels/argminmax.comp: glc::argmin and glc::argmax in one pass, NumPy's rules:
// the first index of the smallest (largest) element; a NaN counts as smaller (larger) than
// everything, so the first NaN's index wins; -0.0 and +0.0 are equal (the first wins).
//
// Each element becomes an integer key whose order is the element's (sort_keys.glsl's
// transform; NaN mapped below everything for argmin, above for argmax), paired with its index
// (64 bits: index_base + position in the piece). Pairs compare by key, then by index, so
// every grouping gives the same answer. Each work group writes its best pair to
// partials[partial_base + group]; the group that arrives last (an atomic counter over all
// `total_partials` groups of all dispatches) picks the best partial and writes the index to
// the result record (result_record.glsl). The piece's words [first, first + count) are bound
// at bindings 0 (uvec4s) and 3 (words), as in reduce.comp.
// glslc-variant: -DGLC_KEY_FLOAT -DGLC_ARGMIN
// glslc-variant: -DGLC_KEY_DOUBLE -DGLC_ARGMAX
// glslc-variant: -DGLC_KEY_INT -DGLC_ARGMIN
// glslc-variant: -DGLC_KEY_UINT -DGLC_ARGMAX
layout(local_size_x = 256) in;

#include "glcompute/grid.glsl"
#include "glcompute/kernels/result_record.glsl"
#include "glcompute/kernels/sort_keys.glsl"

layout(std430, binding = 0) readonly buffer Words4 { uvec4 words4[]; };
layout(std430, binding = 3) readonly buffer Words { uint words[]; };
layout(std430, binding = 1) coherent buffer Partials { uvec4 partials[]; };  // key, index
layout(std430, binding = 4) coherent buffer Arrivals { uint arrived; };      // 0 between calls

uniform uint first;
uniform uint count;           // words
uniform uvec4 index_base;     // .xy: the call's index of the piece's first element (low, high)
uniform uint partial_base;
uniform uint total_partials;

shared uvec4 tree[256];
shared bool last_group;

bool is_nan(uvec2 bits) {
#if defined(GLC_KEY_FLOAT)
  return (bits.x & 0x7FFFFFFFu) > 0x7F800000u;
#elif defined(GLC_KEY_DOUBLE)
  uint high = bits.y & 0x7FFFFFFFu;
  return high > 0x7FF00000u || (high == 0x7FF00000u && bits.x != 0u);
#else
  return false;
#endif
}

// The element's key: larger is better. argmax: the order-preserving image (NaN: all ones,
// above +inf); argmin: its complement, NaN again all ones.
uvec2 key_of(uvec2 bits) {
  uvec2 order = sort_key_order(bits);
#ifdef GLC_ARGMIN
  return is_nan(bits) ? uvec2(0xFFFFFFFFu) : ~order;
#else
  return is_nan(bits) ? uvec2(0xFFFFFFFFu) : order;
#endif
}

// a better than b: a larger key, or an equal key and a smaller index.
bool better(uvec4 a, uvec4 b) {
  if (a.y != b.y) return a.y > b.y;
  if (a.x != b.x) return a.x > b.x;
  if (a.w != b.w) return a.w < b.w;
  return a.z < b.z;
}

const uvec4 NONE = uvec4(0u, 0u, 0xFFFFFFFFu, 0xFFFFFFFFu);  // loses to every element

uvec4 candidate(uvec2 bits, uint word) {
  uint position = word / GLC_KEY_WORDS;  // element of the piece
  uint carry;
  uint low = uaddCarry(index_base.x, position, carry);
  return uvec4(key_of(bits), low, index_base.y + carry);
}

uvec4 best = NONE;
// Elements come in increasing index order per invocation: keep only a strictly better key.
void offer(uvec2 bits, uint word) {
  uvec4 c = candidate(bits, word);
  if (better(c, best)) best = c;
}

void offer_vector(uvec4 v, uint word) {
#if GLC_KEY_WORDS == 2
  offer(v.xy, word);
  offer(v.zw, word + 2u);
#else
  for (uint k = 0u; k < 4u; ++k) offer(uvec2(v[k], 0u), word + k);
#endif
}

void main() {
  uint begin = first;
  uint end = first + count;
  uint body_begin = (begin + 3u) / 4u;
  uint body_end = end / 4u;
  // Ragged head first (lower indices), then whole vectors, then the tail: each invocation
  // sees its elements in increasing order.
  uint head_end = min(body_begin * 4u, end);
  uint i = GLC_GLOBAL_INDEX * GLC_KEY_WORDS + begin;
  if (i < head_end) offer(uvec2(words[i], GLC_KEY_WORDS == 2 ? words[i + 1u] : 0u), i - first);
  for (uint v = body_begin + GLC_GLOBAL_INDEX; v < body_end; v += GLC_GRID_SIZE) {
    offer_vector(words4[v], v * 4u - first);
  }
  uint tail_begin = max(body_end * 4u, head_end);
  uint j = tail_begin + GLC_GLOBAL_INDEX * GLC_KEY_WORDS;
  if (j < end) offer(uvec2(words[j], GLC_KEY_WORDS == 2 ? words[j + 1u] : 0u), j - first);

  uint t = gl_LocalInvocationIndex;
  tree[t] = best;
  memoryBarrierShared();
  barrier();
  for (uint stride = 128u; stride > 0u; stride >>= 1u) {
    if (t < stride && better(tree[t + stride], tree[t])) tree[t] = tree[t + stride];
    memoryBarrierShared();
    barrier();
  }
  if (t == 0u) {
    partials[partial_base + gl_WorkGroupID.x] = tree[0];
    memoryBarrierBuffer();  // the partial is visible before the arrival is counted
    last_group = atomicAdd(arrived, 1u) == total_partials - 1u;
    memoryBarrierBuffer();
  }
  memoryBarrierShared();
  barrier();
  if (!last_group) return;

  uvec4 b = NONE;
  for (uint p = t; p < total_partials; p += 256u) {
    uvec4 c = partials[p];
    if (better(c, b)) b = c;
  }
  tree[t] = b;
  memoryBarrierShared();
  barrier();
  for (uint stride = 128u; stride > 0u; stride >>= 1u) {
    if (t < stride && better(tree[t + stride], tree[t])) tree[t] = tree[t + stride];
    memoryBarrierShared();
    barrier();
  }
  if (t == 0u) {
    write_result(tree[0].zw);
    arrived = 0u;
  }
}
