// guarded.glsl: safe to include twice.
#ifndef SHADER_GUARDED_GLSL
#define SHADER_GUARDED_GLSL
int guarded_value() { return 5; }
#endif
