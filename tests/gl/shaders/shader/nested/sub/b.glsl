// nested/sub/b.glsl: the file nested/a.glsl means.
int b_value() { return 7; }
