// Includes cycle_b.glsl, which includes this file again: no include guard, so a cycle.
#include "cycle_b.glsl"
