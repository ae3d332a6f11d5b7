// glcompute/grid.glsl: indices for 1-D kernels.
//
//   #include "glcompute/grid.glsl"
//   layout(local_size_x = 256) in;
//   void main() {
//     for (uint i = GLC_GLOBAL_INDEX; i < n; i += GLC_GRID_SIZE) { ... }
//   }
//
// Macros rather than functions: gl_WorkGroupSize may only be used after the shader declares
// its local size, which comes after the include.
#ifndef GLCOMPUTE_GRID_GLSL
#define GLCOMPUTE_GRID_GLSL

// This invocation's index in a 1-D dispatch (Program::dispatch_for).
#define GLC_GLOBAL_INDEX (gl_GlobalInvocationID.x)

// Invocations in x over the whole dispatch: the step of a grid-stride loop.
#define GLC_GRID_SIZE (gl_NumWorkGroups.x * gl_WorkGroupSize.x)

#endif
