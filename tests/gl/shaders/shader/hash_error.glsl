// hash_error.glsl
#error my message
