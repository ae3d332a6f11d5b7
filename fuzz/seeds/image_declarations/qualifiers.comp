#version 430
#line 1 0
layout(local_size_x = 8, local_size_y = 8) in;
/* layout(r32f) uniform image2D commented_out; */
// uniform image2D also_commented;
layout(std430, binding = 0) buffer Data { float values[]; };
layout(binding = 1, rgba8_snorm) uniform restrict readonly image2D a, b[2], c;
layout(r32ui) coherent uniform writeonly uimage3D counts[4][2];
layout(rgba16i)
  uniform iimage2DArray
  stack;
uniform image1D no_format;
struct S { int x; };
uniform layout(r11f_g11f_b10f) volatile imageCube cube;
void main() {
  imageStore(counts[0][1], ivec3(0), uvec4(1));
}
