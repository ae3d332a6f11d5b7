#version 430
// glcompute/kernels/sort_bases.comp: where each piece's keys of each digit start in a pass's
// output (the one-pass-per-digit path of sort_pass.comp): bases[(piece * passes + pass) *
// RADIX + d] = the keys of all pieces with a smaller digit at this pass, plus the keys of
// digit d in earlier pieces. One work group per pass from first_pass on; counts from
// sort_histogram.comp.
// glslc-variant: -DGLC_RADIX_BITS=8
// glslc-variant: -DGLC_RADIX_BITS=4
layout(local_size_x = 256) in;

#ifndef GLC_RADIX_BITS
#define GLC_RADIX_BITS 8
#endif
#define GLC_RADIX (1u << GLC_RADIX_BITS)

layout(std430, binding = 0) readonly buffer Counts { uint counts[]; };
layout(std430, binding = 1) writeonly buffer Bases { uint bases[]; };

uniform uint passes;
uniform uint first_pass;
uniform uint pieces;

shared uint totals[GLC_RADIX];

void main() {
  uint pass = first_pass + gl_WorkGroupID.x;
  uint d = gl_LocalInvocationIndex;
  uint total = 0u;
  if (d < GLC_RADIX) {
    for (uint p = 0u; p < pieces; ++p) total += counts[(p * passes + pass) * GLC_RADIX + d];
    totals[d] = total;
  }
  memoryBarrierShared();
  barrier();
  if (d < GLC_RADIX) {
    uint start = 0u;
    for (uint e = 0u; e < d; ++e) start += totals[e];
    for (uint p = 0u; p < pieces; ++p) {
      uint i = (p * passes + pass) * GLC_RADIX + d;
      bases[i] = start;
      start += counts[i];
    }
  }
}
