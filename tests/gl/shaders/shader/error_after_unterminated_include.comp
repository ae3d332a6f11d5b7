#version 430
layout(local_size_x = 4) in;
#include "no_trailing_newline.glsl"
layout(std430, binding = 0) buffer Out { int values[]; };
void main() {
  values[0] = eight();
  values[1] = undeclared_after_include;
}
