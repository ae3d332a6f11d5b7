"""Uniform blocks (bind and set_block), atomic counters, indirect dispatch and SPIR-V modules in
and out, from Python: each checked against values computed on the host, outputs poisoned."""

import os

import numpy as np
import pytest

import glcompute as gc
from conftest import poison, spirv_path

PARAMS = """#version 430
layout(local_size_x = 64) in;
layout(std140, binding = 1) uniform Params { vec4 scale; uint n; };
layout(std430, binding = 0) buffer Out { vec4 o[]; };
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i < n) o[i] = scale * float(i);
}
"""

COUNT = """#version 430
layout(local_size_x = 64) in;
layout(binding = 0, offset = 4) uniform atomic_uint evens;
layout(std430, binding = 0) buffer In { uint x[]; };
uniform uint n;
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i < n && x[i] % 2u == 0u) atomicCounterIncrement(evens);
}
"""

FILL = """#version 430
layout(local_size_x = 1) in;
layout(std430, binding = 0) buffer Out { uint o[]; };
void main() { o[gl_WorkGroupID.x] = gl_WorkGroupID.x + 1u; }
"""

PARAMS_DTYPE = np.dtype({"names": ["scale", "n"], "formats": [(np.float32, 4), np.uint32],
                         "offsets": [0, 16], "itemsize": 32})


def test_set_block_pushes_a_structured_value(ctx):
    p = ctx.compile(PARAMS)
    [block] = p.uniform_blocks
    assert block.name == "Params" and block.binding == 1
    assert block.members_end == 20 and block.data_bytes >= 20
    out = poison(ctx, (100, 4), np.float32)
    value = np.zeros((), PARAMS_DTYPE)
    value["scale"] = [1, 2, 3, 4]
    value["n"] = 70
    assert p.set_block("Params", value) is p
    p.bind("Out", out).run_for(100)
    got = out.get()
    expected = np.arange(70, dtype=np.float32)[:, None] * np.array([1, 2, 3, 4], np.float32)
    assert np.array_equal(got[:70], expected)
    assert np.all(got[70:].view(np.uint32) == 0xA5A5A5A5)  # n = 70 was honoured
    # The value is copied at the call: a later change is not seen by a dispatch issued before.
    value["n"] = 100
    p.set_block("Params", value)
    p.run_for(100)
    assert np.array_equal(out.get()[70:], np.arange(70, 100, dtype=np.float32)[:, None] *
                          np.array([1, 2, 3, 4], np.float32))


def test_set_block_checks_sizes_and_names(ctx):
    p = ctx.compile(PARAMS)
    with pytest.raises(gc.Error, match="members end at 20"):
        p.set_block("Params", np.zeros(4, np.float32))  # 16 bytes: n is missing
    with pytest.raises(gc.Error, match="holds"):
        p.set_block("Params", np.zeros(1000, np.float32))
    with pytest.raises(gc.Error, match="Nope"):
        p.set_block("Nope", np.zeros(8, np.float32))
    with pytest.raises(gc.Error, match="bytes"):
        p.set_block("Params", "not bytes")


def test_a_uniform_block_bound_to_a_buffer(ctx):
    p = ctx.compile(PARAMS)
    words = np.zeros(8, np.uint32)
    words[:4] = np.array([0.5] * 4, np.float32).view(np.uint32)
    words[4] = 3
    block = ctx.buffer(words)
    out = poison(ctx, (4, 4), np.float32)
    p.bind("Params", block).bind("Out", out).run_for(4)
    got = out.get()
    assert np.array_equal(got[:3], np.arange(3, dtype=np.float32)[:, None] * 0.5 * np.ones(4))
    assert np.all(got[3].view(np.uint32) == 0xA5A5A5A5)
    unbound = ctx.compile(PARAMS)
    unbound.bind("Out", out)
    with pytest.raises(gc.Error, match="Params"):
        unbound.run_for(4)  # nothing a shader needs may be silently unbound


def test_atomic_counters(ctx):
    p = ctx.compile(COUNT)
    [counters] = p.atomic_counter_buffers
    assert counters.binding == 0 and counters.data_bytes == 8 and counters.counters == ["evens"]
    rng = np.random.default_rng(3)
    host = rng.integers(0, 1000, 100003, dtype=np.uint32)
    c = ctx.buffer(np.array([7, 0], np.uint32))
    p.bind("In", ctx.buffer(host)).set("n", host.size).bind_atomic_counters(0, c).run_for(host.size)
    assert c.get().tolist() == [7, int(np.sum(host % 2 == 0))]  # offset 4: word 1
    with pytest.raises(gc.Error, match="uint32"):
        p.bind_atomic_counters(0, ctx.zeros(2, np.int32))
    with pytest.raises(gc.Error):
        p.bind_atomic_counters(0, ctx.zeros(1, np.uint32))  # smaller than data_bytes


def test_run_indirect_takes_its_counts_from_a_buffer(ctx):
    p = ctx.compile(FILL)
    out = ctx.zeros(10, np.uint32)
    counts = ctx.buffer(np.array([99, 6, 1, 1], np.uint32))
    p.bind("Out", out).run_indirect(counts, offset=1)
    assert out.get().tolist() == [1, 2, 3, 4, 5, 6, 0, 0, 0, 0]
    with pytest.raises(gc.Error):
        p.run_indirect(counts, offset=2)  # three words from 2 pass the end
    with pytest.raises(gc.Error, match="uint32"):
        p.run_indirect(ctx.zeros(3, np.float32))


def test_spirv_out_and_in(ctx, tmp_path):
    if not ctx.info.features.gl_spirv:
        pytest.skip("the driver lacks ARB_gl_spirv: SPIR-V modules cannot be loaded")
    words = ctx.compile_to_spirv(FILL)
    assert isinstance(words, np.ndarray) and words.dtype == np.uint32 and words[0] == 0x07230203
    out = poison(ctx, 4, np.uint32)
    ctx.compile(words, name="fill.spv").bind("Out", out).run(4)
    assert out.get().tolist() == [1, 2, 3, 4]
    path = tmp_path / "fill.spv"
    path.write_bytes(words.tobytes())
    out2 = poison(ctx, 3, np.uint32)
    ctx.compile(path).bind("Out", out2).run(3)  # a .spv file is a SPIR-V module
    assert out2.get().tolist() == [1, 2, 3]
    ctx.compile(words.tobytes()).bind("Out", out2).run(2)  # bytes work too
    bad = words.copy()
    bad[5] = 0xFFFFFFFF
    with pytest.raises(gc.ShaderError):
        ctx.compile(bad, name="broken.spv")
    with pytest.raises(gc.Error, match="glsl"):
        ctx.compile(words, path="glsl")
