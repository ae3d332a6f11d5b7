// seven_lines.glsl: a correct include spanning several lines.
int seven() {
  int a = 3;
  int b = 4;
  return a + b;
}
// end
