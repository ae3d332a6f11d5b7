// helper.glsl, next to a kernel in a directory whose name has a space.
int helper(uint i) { return int(i) * 2 + 1; }
