// outside.glsl: lies outside roots/, the directory of roots/outside_parent.comp.
int outside_value() { return 9; }
