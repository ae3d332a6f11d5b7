// abs/abs_value.glsl: included by absolute path.
int abs_value() { return 11; }
