// nested/a.glsl: includes sub/b.glsl relative to its own directory (nested/sub/b.glsl).
#include "sub/b.glsl"
int a_value() { return 10 * b_value(); }
