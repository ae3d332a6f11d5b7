// no_trailing_newline.glsl: its last line has no newline.
int eight() {
  return 8; }