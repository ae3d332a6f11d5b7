// glcompute/kernels/result_record.glsl: how a kernel hands one 64-bit result to the host
// (argmin/argmax, copy_if's count, ReductionKernel): one 16-byte store of uvec4(result bits,
// sequence, check word), which the host polls (src/kernels/result_record.cpp): it takes only a
// record with its call's sequence number and a matching check word, so never one that has not
// fully arrived or an earlier call's. The including shader defines GLC_RESULT_BINDING first.
// glslc-wrapper: void main() { write_result(uvec2(1u, 2u)); }
#ifndef GLCOMPUTE_KERNELS_RESULT_RECORD_GLSL
#define GLCOMPUTE_KERNELS_RESULT_RECORD_GLSL

#ifndef GLC_RESULT_BINDING
#define GLC_RESULT_BINDING 2
#endif

layout(std430, binding = GLC_RESULT_BINDING) writeonly buffer ResultRecord { uvec4 result_record; };
uniform uint result_sequence;  // names this call's record; never 0

// The same function as src/kernels/result_record.cpp (and reduce_ops.glsl).
uint result_check(uvec2 bits, uint sequence) {
  return (bits.x * 0x9E3779B1u) ^ (bits.y * 0x85EBCA77u) ^ (sequence * 0xC2B2AE3Du) ^ 0x27D4EB2Fu;
}

void write_result(uvec2 bits) {
  result_record = uvec4(bits, result_sequence, result_check(bits, result_sequence));
}

#endif
