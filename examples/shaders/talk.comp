// The compute shader of the "Accelerated Python" talk: one work group of 64 invocations fills
// two buffers, xs[i] = 2i as float and ys[i] = i as int. Run it and print both as 8x8 arrays:
//
//   glcompute run examples/shaders/talk.comp --buffer outs_1=zeros:float32:8,8 \
//       --buffer outs_2=zeros:int32:8,8 --print outs_1 --print outs_2
//
// Unlike the talk's `float xs[1]`, the arrays are unsized: their length is the bound buffer's
// (indexing a sized array past its end is undefined in GLSL).
#version 430

layout(local_size_x = 64) in;

layout(std430, binding = 1) buffer outs_1 { float xs[]; };
layout(std430, binding = 2) buffer outs_2 { int ys[]; };

void main() {
  uint i = gl_LocalInvocationIndex;
  xs[i] = float(i) * 2.0;  // 0.0 ~ 126.0
  ys[i] = int(i);          // 0 ~ 63
}
