// loop_a.glsl: includes loop_b.glsl, which includes this file again; no guard.
#include "loop_b.glsl"
