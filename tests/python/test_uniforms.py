"""Program.set: Python values converted to each uniform's GLSL type, by reflection; values that
do not fit are errors that name the uniform, its type and the value."""

import math

import numpy as np
import pytest

import glcompute as gc

SHADER = """#version 430
layout(local_size_x = 1) in;
layout(std430, binding = 0) buffer F { float f[]; };
layout(std430, binding = 1) buffer U { uint u[]; };
layout(std430, binding = 2) buffer I { int s[]; };
layout(std430, binding = 3) buffer D { double d[]; };
uniform float uf;
uniform uint uu;
uniform int ui;
uniform bool ub;
uniform double ud;
uniform vec3 v3;
uniform ivec2 iv2;
uniform uvec4 uv4;
uniform bvec2 bv2;
uniform dvec2 dv2;
uniform mat2x3 m23;   // 2 columns of 3 rows
uniform dmat2 dm2;
uniform float arr[4];
uniform vec2 varr[3];
void main() {
  f[0] = uf; u[0] = uu; s[0] = ui; u[1] = ub ? 1u : 0u; d[0] = ud;
  f[1] = v3.x; f[2] = v3.y; f[3] = v3.z;
  s[1] = iv2.x; s[2] = iv2.y;
  u[2] = uv4.x; u[3] = uv4.y; u[4] = uv4.z; u[5] = uv4.w;
  u[6] = bv2.x ? 1u : 0u; u[7] = bv2.y ? 1u : 0u;
  d[1] = dv2.x; d[2] = dv2.y;
  for (int r = 0; r < 3; ++r) for (int c = 0; c < 2; ++c) f[4 + r * 2 + c] = m23[c][r];
  for (int r = 0; r < 2; ++r) for (int c = 0; c < 2; ++c) d[3 + r * 2 + c] = dm2[c][r];
  for (int k = 0; k < 4; ++k) f[10 + k] = arr[k];
  for (int k = 0; k < 3; ++k) { f[14 + 2 * k] = varr[k].x; f[15 + 2 * k] = varr[k].y; }
}
"""


@pytest.fixture(scope="module")
def prog(ctx):
    p = ctx.compile(SHADER)
    out = {"F": ctx.zeros(20, np.float32), "U": ctx.zeros(8, np.uint32), "I": ctx.zeros(3, np.int32),
           "D": ctx.zeros(7, np.float64)}
    for name, b in out.items():
        p.bind(name, b)
    return p, out


def defaults(p):
    return (p.set("uf", 0.0).set("uu", 0).set("ui", 0).set("ub", False).set("ud", 0.0)
             .set("v3", (0, 0, 0)).set("iv2", (0, 0)).set("uv4", (0, 0, 0, 0)).set("bv2", (False, False))
             .set("dv2", (0, 0)).set("m23", np.zeros((3, 2))).set("dm2", np.zeros((2, 2)))
             .set("arr", np.zeros(4)).set("varr", np.zeros((3, 2))))


def test_every_type_arrives_exactly(prog):
    p, out = prog
    defaults(p)
    m23 = np.array([[1, 2], [3, 4], [5, 6]], np.float32)  # (rows, columns), as NumPy writes it
    dm2 = np.array([[0.1, 0.2], [0.3, 0.4]])
    (p.set("uf", 0.1).set("uu", 4294967295).set("ui", -2147483648).set("ub", True).set("ud", 0.1)
      .set("v3", [1.5, -2.5, 3.5]).set("iv2", np.array([-7, 8])).set("uv4", (1, 2, 3, 4294967295))
      .set("bv2", (True, np.False_)).set("dv2", (1e-300, 1e300)).set("m23", m23).set("dm2", dm2)
      .set("arr", [1, 2, 3, 4]).set("varr", [[1, 2], [3, 4], [5, 6]]))
    p.run()
    f, u, s, d = out["F"].get(), out["U"].get(), out["I"].get(), out["D"].get()
    assert f[0] == np.float32(0.1)
    assert u[0] == 4294967295 and s[0] == -2147483648 and u[1] == 1
    assert d[0] == 0.1  # a double uniform keeps double precision
    assert f[1:4].tolist() == [1.5, -2.5, 3.5]
    assert s[1:3].tolist() == [-7, 8]
    assert u[2:6].tolist() == [1, 2, 3, 4294967295]
    assert u[6:8].tolist() == [1, 0]
    assert d[1:3].tolist() == [1e-300, 1e300]
    assert f[4:10].tolist() == m23.reshape(-1).tolist()
    assert d[3:7].tolist() == dm2.reshape(-1).tolist()
    assert f[10:14].tolist() == [1, 2, 3, 4]
    assert f[14:20].tolist() == [1, 2, 3, 4, 5, 6]


def test_numpy_scalars_and_special_floats(prog):
    p, out = prog
    defaults(p)
    p.set("uf", np.float32(2.5)).set("uu", np.uint64(7)).set("ui", np.int8(-3)).set("ud", np.float16(0.5))
    p.run()
    assert out["F"].get()[0] == 2.5 and out["U"].get()[0] == 7 and out["I"].get()[0] == -3
    assert out["D"].get()[0] == 0.5
    p.set("uf", float("inf")).run()
    assert out["F"].get()[0] == np.inf
    p.set("uf", float("nan")).run()
    assert math.isnan(out["F"].get()[0])
    p.set("uf", 3).run()  # an int for a float uniform
    assert out["F"].get()[0] == 3.0


def test_arrays_may_be_set_in_part(prog):
    p, out = prog
    defaults(p)
    p.set("arr", [9, 8]).run()
    assert out["F"].get()[10:14].tolist() == [9, 8, 0, 0]
    p.set("arr", 5.0).run()  # one value: the first element
    assert out["F"].get()[10] == 5.0
    with pytest.raises(gc.Error, match="4 element"):
        p.set("arr", np.ones(5))
    # One element by name, as GL names it, and a run from there on.
    defaults(p)
    p.set("arr[2]", 7.0).set("varr[1]", (3, 4)).run()
    got = out["F"].get()
    assert got[10:14].tolist() == [0, 0, 7, 0] and got[14:20].tolist() == [0, 0, 3, 4, 0, 0]
    p.set("arr[1]", [1, 2]).run()
    assert out["F"].get()[10:14].tolist() == [0, 1, 2, 0]
    with pytest.raises(gc.Error):
        p.set("arr[4]", 1.0)  # past the end
    with pytest.raises(gc.Error, match="no active uniform named 'uf\\[1\\]'"):
        p.set("uf[1]", 1.0)  # not an array


@pytest.mark.parametrize("name, value, message", [
    ("uu", -1, r"uniform 'uu' is uint: -1 does not fit \(0 to 4294967295\)"),
    ("uu", 2**32, "does not fit"),
    ("ui", 2**31, r"is int: 2147483648 does not fit"),
    ("ui", 2.5, "is int: needs an integer, got float 2.5"),
    ("uu", np.float64(3.0), "needs an integer"),
    ("uf", 1e39, "is float: 1e\\+39 does not fit"),
    ("uf", -(2**200), "does not fit"),
    ("ud", 2**1030, "does not fit"),
    ("ub", 1, "is bool: needs True or False, got int 1"),
    ("uf", "1.0", "needs a number, got str"),
    ("v3", (1, 2), r"is vec3: needs shape \(3,\)"),
    ("v3", (1, 2, 1e39), "does not fit"),
    ("uv4", (1, 2, 3, -4), "does not fit"),
    ("m23", np.zeros((2, 3)), r"is mat2x3: needs shape \(3, 2\)"),
    ("iv2", (1.5, 2), "needs an integer"),
    ("nope", 1, r"no active uniform named 'nope' \(uniforms: .*float uf"),
])
def test_values_that_do_not_fit_are_refused(prog, name, value, message):
    p, _ = prog
    with pytest.raises(gc.Error, match=message):
        p.set(name, value)


def test_a_refused_value_leaves_the_old_one(prog):
    p, out = prog
    defaults(p)
    p.set("uu", 42)
    with pytest.raises(gc.Error):
        p.set("uu", -1)
    p.run()
    assert out["U"].get()[0] == 42
