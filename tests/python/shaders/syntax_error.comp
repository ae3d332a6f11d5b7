#version 430
layout(local_size_x = 1) in;
layout(std430, binding = 0) buffer B { float b[]; };
void main() {
  b[0] = undeclared_name;
}
