#version 430
layout(local_size_x = 4) in;
#include "seven_lines.glsl"
layout(std430, binding = 0) buffer Out { int values[]; };

void main() {
  int ok = seven();
  values[0] = ok;
  values[1] = ok +;
}
