// incdir/shader_offset.glsl: found through CompileOptions::include_dirs.
int shader_offset() { return 42; }
