// loop_b.glsl
#include "loop_a.glsl"
