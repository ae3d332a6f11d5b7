"""The compute shader slide of the talk "Accelerated Python", with glcompute instead of moderngl.

The same shader, the same buffers, the same output; what changes: no window system or X server
(an EGL context), bindings by block name and checked against the shader, the barrier before the
read issued by glcompute, and buffers that come back as NumPy arrays of their own shape and dtype
(no np.frombuffer, no reshape).

    python3 examples/python/compute_shader.py
"""

import numpy as np

import glcompute as gc

compute_shader_source = """
#version 430

layout (local_size_x=64) in;

layout (std430, binding=1) buffer outs_1
{
    // 4 bytes
    float xs[1];
};

layout (std430, binding=2) buffer outs_2
{
    // 4 bytes
    int ys[1];
};

void main()
{
    // invocation index
    uint i = gl_LocalInvocationIndex;

    // 0.0 ~ 126.0
    xs[i] = float(i) * 2.0;

    // 0 ~ 63
    ys[i] = int(i);
}
"""

# prepare and compile compute shader
context = gc.Context()
compute_shader = context.compile(compute_shader_source, name="compute_shader.comp")

# prepare buffer
default_outs_buffer_1 = np.linspace(0.0, 10.0, 64).astype(np.float32)
default_outs_buffer_2 = np.linspace(0.0, 10.0, 64).astype(np.int32)
default_outs_buffer_1 = default_outs_buffer_1.reshape((8, 8))
default_outs_buffer_2 = default_outs_buffer_2.reshape((8, 8))

# bind buffer (to the blocks by name; a buffer that does not fit its block is an error)
outs_buffer_1 = context.buffer(default_outs_buffer_1)
outs_buffer_2 = context.buffer(default_outs_buffer_2)
compute_shader.bind("outs_1", outs_buffer_1).bind("outs_2", outs_buffer_2)

# execute
compute_shader.run()

# read buffer: NumPy arrays, (8, 8) float32 and (8, 8) int32
data_1 = outs_buffer_1.get()
data_2 = outs_buffer_2.get()

# out
print(data_1)
print(data_2)
