"""Context.compile and glcompute.Program: sources, defines, include dirs, specialization, both
compile paths, diagnostics, reflection, bindings and dispatch."""

import gc as python_gc
import os
import pathlib

import numpy as np
import pytest

import glcompute as gc
from conftest import SHADER_DIR, poison, spirv_path

WRITE_INDEX = """#version 430
layout(local_size_x = 64) in;
layout(std430, binding = 0) buffer Out { uint values[]; };
uniform uint n;
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i < n) values[i] = i * FACTOR;
}
"""

SPECIALIZED = """#version 430
layout(local_size_x_id = 0, local_size_x = 32) in;
layout(constant_id = 1) const uint taps = 5u;
layout(constant_id = 2) const int offset = -1;
layout(constant_id = 3) const float gain = 0.5;
layout(constant_id = 4) const bool flip = false;
layout(std430, binding = 0) buffer Out { float values[]; };
void main() {
  if (gl_GlobalInvocationID.x == 0u) {
    values[0] = float(taps);
    values[1] = float(offset);
    values[2] = gain;
    values[3] = flip ? 1.0 : 0.0;
    values[4] = float(gl_WorkGroupSize.x);
  }
}
"""


def test_text_with_defines_runs_for_any_length(ctx):
    p = ctx.compile(WRITE_INDEX, defines={"FACTOR": 3})
    for n in (0, 1, 255, 257, 100003):
        out = poison(ctx, max(n, 1), np.uint32)
        p.bind("Out", out).set("n", n)
        p.run_for(n)
        got = out.get()
        assert np.array_equal(got[:n], np.arange(n, dtype=np.uint32) * 3)
        if n == 0:
            assert got[0] == 0xA5A5A5A5  # nothing ran


def test_defines_take_str_int_float_bool_none_and_lists(ctx):
    src = """#version 430
    layout(local_size_x = 1) in;
    layout(std430, binding = 0) buffer Out { float v[]; };
    void main() {
      v[0] = float(A); v[1] = B;
    #ifdef EMPTY
      v[2] = 1.0;
    #endif
      v[3] = C ? 1.0 : 0.0;
      v[4] = float(D);
    }"""
    p = ctx.compile(src, defines={"A": 7, "B": 0.25, "EMPTY": None, "C": True, "D": "(2 + 3)"})
    out = ctx.zeros(5, np.float32)
    p.bind("Out", out).run()
    assert out.get().tolist() == [7.0, 0.25, 1.0, 1.0, 5.0]
    q = ctx.compile(src.replace("v[0] = float(A); v[1] = B;", "").replace("C ?", "true ?").replace("float(D)", "0.0"),
                    defines=["EMPTY"])
    q.bind("Out", out).run()
    assert out.get()[2] == 1.0
    with pytest.raises(gc.Error, match="define"):
        ctx.compile(src, defines={"A": object()})
    with pytest.raises(gc.Error, match="not a str"):
        ctx.compile(src, defines="A")


def test_file_sources_and_include_dirs(ctx):
    path = pathlib.Path(SHADER_DIR) / "saxpy.comp"
    for p in (ctx.compile(path, include_dirs=[pathlib.Path(SHADER_DIR) / "inc"], defines={"SCALE": 2.0}),
              ctx.compile_file(str(path), include_dirs=[os.path.join(SHADER_DIR, "inc")], defines={"SCALE": 2.0})):
        n = 1000
        x = ctx.buffer(np.arange(n, dtype=np.float32))
        y = ctx.buffer(np.ones(n, np.float32))
        p.bind("X", x).bind("Y", y).set("a", 1.5).set("n", n)
        p.run_for(n)
        assert np.allclose(y.get(), 1 + 3.0 * np.arange(n))


def test_shader_errors_carry_file_line_and_diagnostics(ctx):
    with pytest.raises(gc.ShaderError) as e:
        ctx.compile_file(os.path.join(SHADER_DIR, "syntax_error.comp"))
    err = e.value
    assert err.file.endswith("syntax_error.comp") and err.line == 5
    assert err.diagnostics and isinstance(err.diagnostics[0], gc.Diagnostic)
    assert err.diagnostics[0].line == 5 and "undeclared_name" in str(err)
    assert "syntax_error.comp:5" in str(err.diagnostics[0])
    with pytest.raises(gc.ShaderError) as e:
        ctx.compile("#version 430\nlayout(local_size_x = 1) in;\nvoid main() { nope(); }\n", name="mine.comp")
    assert e.value.file == "mine.comp" and e.value.line == 3
    with pytest.raises(gc.ShaderError) as e:
        ctx.compile('#version 430\n#include "missing.glsl"\nvoid main() {}\n', name="inc.comp")
    assert e.value.file == "inc.comp" and e.value.line == 2 and "missing.glsl" in str(e.value)
    with pytest.raises(gc.Error, match="no_such_file|No such|not found|cannot"):
        ctx.compile(pathlib.Path(SHADER_DIR) / "no_such_file.comp")
    with pytest.raises(gc.Error, match="str.*os.PathLike"):
        ctx.compile(42)
    with pytest.raises(gc.ShaderError):  # bytes are a SPIR-V module, and this is none
        ctx.compile(b"#version 430")
    with pytest.raises(gc.Error, match="whole number"):
        ctx.compile(b"#version 4300")
    with pytest.raises(gc.Error, match="path must be"):
        ctx.compile(WRITE_INDEX, path="hlsl")


@pytest.mark.parametrize("path", ["glsl", "spirv"])
def test_specialization_by_name_and_id_on_both_paths(ctx, path):
    if path == "spirv" and not ctx.info.features.gl_spirv:
        pytest.skip("the driver lacks ARB_gl_spirv")
    p = ctx.compile(SPECIALIZED, path=path, specialize={"taps": 9, 2: -4, "gain": 2, "flip": True},
                    local_size=(128, 0, 0))
    assert p.local_size == [128, 1, 1]
    out = ctx.zeros(5, np.float32)
    p.bind("Out", out).run()
    assert out.get().tolist() == [9.0, -4.0, 2.0, 1.0, 128.0]
    q = ctx.compile(SPECIALIZED, path=path, specialize={1: np.uint32(3), "offset": np.int32(6)})
    q.bind("Out", out).run()
    assert out.get().tolist() == [3.0, 6.0, 0.5, 0.0, 32.0]


def test_specialization_values_are_checked(ctx):
    with pytest.raises(gc.Error, match="does not fit"):
        ctx.compile(SPECIALIZED, specialize={"taps": -1})
    with pytest.raises(gc.Error, match="does not fit"):
        ctx.compile(SPECIALIZED, specialize={"taps": 2**32})
    with pytest.raises(gc.ShaderError, match="taps"):
        ctx.compile(SPECIALIZED, specialize={"taps": 1.5})  # a float for a uint constant
    with pytest.raises(gc.ShaderError, match="unknown|no specialization|not declared|nope"):
        ctx.compile(SPECIALIZED, specialize={"nope": 1})
    with pytest.raises(gc.Error, match="needs a bool, int or float"):
        ctx.compile(SPECIALIZED, specialize={"taps": "9"})
    with pytest.raises(gc.Error, match="at most three"):
        ctx.compile(SPECIALIZED, local_size=(1, 1, 1, 1))


def test_spirv_path_runs_the_same(ctx):
    if not ctx.info.features.gl_spirv:
        pytest.skip("the driver lacks ARB_gl_spirv")
    p = ctx.compile(WRITE_INDEX, defines={"FACTOR": 5}, path="spirv")
    out = ctx.zeros(100, np.uint32)
    p.bind("Out", out).set("n", 100)
    p.run_for(100)
    assert np.array_equal(out.get(), np.arange(100) * 5)


def test_reflection(ctx):
    p = ctx.compile(pathlib.Path(SHADER_DIR) / "saxpy.comp", include_dirs=[os.path.join(SHADER_DIR, "inc")],
                    defines={"SCALE": 1.0})
    assert p.local_size == [64, 1, 1]
    blocks = {b.name: b for b in p.storage_blocks}
    assert set(blocks) == {"X", "Y"}
    assert blocks["Y"].binding == 1 and blocks["Y"].array_stride == 4 and blocks["Y"].fixed_bytes == 0
    uniforms = {u.name: u for u in p.uniforms}
    assert uniforms["a"].type_name == "float" and uniforms["n"].type_name == "uint"
    assert p.images == []
    assert p.id > 0 and isinstance(p.loaded_from_cache, bool)
    assert "X" in repr(p)


def test_bind_by_binding_and_ranges(ctx):
    p = ctx.compile(WRITE_INDEX, defines={"FACTOR": 1})
    big = poison(ctx, 1024, np.uint32)
    align = ctx.info.limits.storage_buffer_offset_alignment // 4
    p.bind(0, big, offset=align, count=100).set("n", 100)
    p.run_for(100)
    got = big.get()
    assert np.array_equal(got[align:align + 100], np.arange(100))
    assert np.all(got[:align] == 0xA5A5A5A5) and np.all(got[align + 100:] == 0xA5A5A5A5)


def test_binding_errors(ctx):
    p = ctx.compile(WRITE_INDEX, defines={"FACTOR": 1})
    b = ctx.zeros(10, np.uint32)
    with pytest.raises(gc.Error, match="Nope"):
        p.bind("Nope", b)
    with pytest.raises(gc.Error, match="7"):
        p.bind(7, b)
    with pytest.raises(gc.Error, match="out of range"):
        p.bind("Out", b, offset=5, count=6)
    with pytest.raises(gc.Error, match="alignment|multiple"):
        p.bind("Out", b, offset=1, count=2)
    with pytest.raises(gc.Error, match="different glc::Context"):
        p.bind("Out", gc.Context().zeros(10, np.uint32))
    with pytest.raises(gc.Error, match="name .str. or a binding"):
        p.bind(1.5, b)
    unbound = ctx.compile(WRITE_INDEX, defines={"FACTOR": 1})
    with pytest.raises(gc.Error, match="Out"):
        unbound.run()  # nothing bound to Out
    p.bind("Out", b)
    with pytest.raises(gc.Error, match="does not fit|work group count|zero"):
        p.run(0)
    with pytest.raises(gc.Error, match="does not fit"):
        p.run(-1)
    with pytest.raises(gc.Error, match="max_work_group_count|limit|exceeds|above"):
        p.run(1, ctx.info.limits.max_work_group_count[1] + 1)


def test_bound_buffers_are_kept_alive(ctx):
    p = ctx.compile(WRITE_INDEX, defines={"FACTOR": 2})
    p.bind("Out", ctx.zeros(64, np.uint32)).set("n", 64)   # no other reference to the buffer
    python_gc.collect()
    p.run_for(64)  # would raise if the buffer had been destroyed


def test_run_for_two_and_three_dimensions(ctx):
    src = """#version 430
    layout(local_size_x = 8, local_size_y = 4, local_size_z = 2) in;
    layout(std430, binding = 0) buffer Out { uint v[]; };
    uniform uvec3 size;
    void main() {
      uvec3 g = gl_GlobalInvocationID;
      if (any(greaterThanEqual(g, size))) return;
      v[(g.z * size.y + g.y) * size.x + g.x] = 1u + g.x + 100u * g.y + 10000u * g.z;
    }"""
    p = ctx.compile(src)
    for dims in ((13, 7, 1), (13, 7, 3)):
        out = poison(ctx, dims[::-1], np.uint32)
        p.bind("Out", out).set("size", dims)
        if dims[2] == 1:
            p.run_for(dims[0], dims[1])
        else:
            p.run_for(*dims)
        z, y, x = np.meshgrid(np.arange(dims[2]), np.arange(dims[1]), np.arange(dims[0]), indexing="ij")
        assert np.array_equal(out.get(), 1 + x + 100 * y + 10000 * z)


def test_run_for_beyond_the_work_group_limit_is_an_error(ctx):
    p = ctx.compile(WRITE_INDEX, defines={"FACTOR": 1})
    p.bind("Out", ctx.zeros(1, np.uint32))
    n = (ctx.info.limits.max_work_group_count[0] + 1) * 64
    with pytest.raises(gc.Error, match="grid-stride loop"):
        p.run_for(n)
