// broken.glsl: line 3 has a syntax error.
int broken_value() {
  return 1 +;
}
