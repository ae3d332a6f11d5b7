#version 430
// values[i] = i * SCALE (+ 100 with USE_OFFSET); SCALE defaults to 1.
layout(local_size_x = 4) in;
layout(std430, binding = 0) buffer Out { int values[]; };
#ifndef SCALE
#define SCALE 1
#endif
void main() {
  uint i = gl_GlobalInvocationID.x;
  int v = int(i) * SCALE;
#ifdef USE_OFFSET
  v += 100;
#endif
  values[i] = v;
}
