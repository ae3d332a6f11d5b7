// Includes cycle_a.glsl back.
#include "cycle_a.glsl"
