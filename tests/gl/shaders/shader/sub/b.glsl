// sub/b.glsl: a decoy; found only if "sub/b.glsl" in nested/a.glsl resolved against the wrong directory.
int b_value() { return -1; }
