"""glcompute.Texture2D: pixel arrays in the format's exact dtype and shape, image load/store from
compute shaders, and the errors for everything else."""

import numpy as np
import pytest

import glcompute as gc

FORMATS = {
    "rgba32f": (np.float32, 4), "rg32f": (np.float32, 2), "r32f": (np.float32, 1),
    "rgba8": (np.uint8, 4), "r8": (np.uint8, 1),
    "rgba32ui": (np.uint32, 4), "rg32ui": (np.uint32, 2), "r32ui": (np.uint32, 1),
    "rgba32i": (np.int32, 4), "rg32i": (np.int32, 2), "r32i": (np.int32, 1),
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_read_round_trip(ctx, fmt):
    dtype, channels = FORMATS[fmt]
    w, h = 37, 11
    t = ctx.texture2d(w, h, fmt)
    shape = (h, w, channels) if channels > 1 else (h, w)
    assert t.shape == shape and t.dtype == np.dtype(dtype) and t.format == fmt and t.channels == channels
    assert (t.width, t.height) == (w, h)
    assert np.all(t.read() == 0)  # zero-filled
    rng = np.random.default_rng(3)
    if dtype == np.float32:
        pixels = rng.standard_normal(shape).astype(np.float32)
    else:
        info = np.iinfo(dtype)
        pixels = rng.integers(info.min, info.max, shape, dtype=dtype, endpoint=True)
    t.write(pixels)
    got = t.read()
    assert got.shape == shape and got.dtype == np.dtype(dtype) and np.array_equal(got, pixels)
    out = np.zeros(shape, dtype)
    assert t.read(out=out) is out and np.array_equal(out, pixels)
    if channels == 1:
        t.write(pixels.reshape(h, w, 1))  # (h, w, 1) works too
        assert np.array_equal(t.read(), pixels)


def test_pixels_are_never_converted(ctx):
    t = ctx.texture2d(4, 2, "rgba8")
    with pytest.raises(gc.Error, match="rgba8 texture takes uint8 pixels, got float32"):
        t.write(np.zeros((2, 4, 4), np.float32))
    with pytest.raises(gc.Error, match=r"pixels of shape \(2, 4, 4\), got \(4, 2, 4\)"):
        t.write(np.zeros((4, 2, 4), np.uint8))
    with pytest.raises(gc.Error, match="C-contiguous"):
        t.read(out=np.zeros((4, 4, 4), np.uint8)[::2])


def test_bad_textures(ctx):
    with pytest.raises(gc.Error, match="unknown format 'rgb8'"):
        ctx.texture2d(4, 4, "rgb8")
    with pytest.raises(gc.Error):
        ctx.texture2d(0, 4)
    with pytest.raises(gc.Error):
        ctx.texture2d(10**6, 4)


def test_image_load_store(ctx):
    p = ctx.compile("""#version 430
    layout(local_size_x = 8, local_size_y = 8) in;
    layout(rgba32f, binding = 0) uniform readonly image2D src;
    layout(r32ui, binding = 1) uniform writeonly uimage2D dst;
    void main() {
      ivec2 xy = ivec2(gl_GlobalInvocationID.xy);
      if (any(greaterThanEqual(xy, imageSize(src)))) return;
      vec4 v = imageLoad(src, xy);
      imageStore(dst, xy, uvec4(uint(v.r + v.g * 10.0 + float(xy.x) * 100.0 + float(xy.y) * 10000.0)));
    }""")
    w, h = 19, 13
    src = ctx.texture2d(w, h, "rgba32f")
    pixels = np.zeros((h, w, 4), np.float32)
    pixels[..., 0] = 1
    pixels[..., 1] = 2
    src.write(pixels)
    dst = ctx.texture2d(w, h, "r32ui")
    p.bind_image("src", src, access="read_only").bind_image(1, dst, access="write_only")
    p.run_for(w, h)
    y, x = np.mgrid[0:h, 0:w]
    assert np.array_equal(dst.read(), 21 + 100 * x + 10000 * y)
    assert {i.name: i.unit for i in p.images} == {"src": 0, "dst": 1}
    with pytest.raises(gc.Error, match="access must be"):
        p.bind_image("src", src, access="read")
    with pytest.raises(gc.Error):
        p.bind_image("dst", src)  # an rgba32f texture on a uimage2D
    with pytest.raises(gc.Error):
        p.bind_image("src", src, access="write_only")  # readonly in the shader
