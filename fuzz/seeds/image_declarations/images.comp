#version 430
layout(local_size_x = 8, local_size_y = 8) in;
layout(binding = 0, r32f) uniform readonly image2D src;
layout(binding = 1, rgba32f) uniform writeonly image2DArray dst;
layout(binding = 2) uniform sampler2DShadow depth;
layout(binding = 3) uniform sampler2D colors[2];
layout(std430, binding = 0) buffer Stats { mat3 basis; layout(row_major) mat2x3 rm; dvec3 d; bool flags[2]; };
void main() {
  ivec2 p = ivec2(gl_GlobalInvocationID.xy);
  float s = imageLoad(src, p).x + texture(depth, vec3(0.5)) + texture(colors[1], vec2(0.5)).x;
  imageStore(dst, ivec3(p, 0), vec4(s) + vec4(basis[0], float(flags[1])) + vec4(rm[0], float(d.x)));
}
