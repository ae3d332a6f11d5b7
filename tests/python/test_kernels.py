"""The kernel library from Python: Philox random numbers against a NumPy implementation of
Random123's generator, reductions against NumPy in double precision, fills and ranges."""

import numpy as np
import pytest

import glcompute as gc
from conftest import philox4x32_10, philox_stream, poison

SIZES = [1, 255, 257, 2**20 + 3]


def test_the_philox_reference_gives_random123_known_answers():
    # Random123's kat_vectors for philox4x32 with 10 rounds.
    cases = [((0, 0, 0, 0), (0, 0), (0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8)),
             ((0xFFFFFFFF,) * 4, (0xFFFFFFFF,) * 2, (0x408F276D, 0x41C83B0E, 0xA20BC7C6, 0x6D5451FD)),
             ((0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344), (0xA4093822, 0x299F31D0),
              (0xD16CFE09, 0x94FDCCEB, 0x5001E420, 0x24126EA1))]
    for ctr, key, expected in cases:
        got = philox4x32_10(np.array([ctr], np.uint32), key)[0]
        assert [int(v) for v in got] == list(expected)


@pytest.mark.parametrize("n", SIZES)
def test_bits_are_philox_bit_for_bit(ctx, n):
    seed = 0x1234_5678_9ABC_DEF0
    rng = gc.Random(ctx, seed)
    out = poison(ctx, n, np.uint32)
    rng.bits(out)
    assert np.array_equal(out.get(), philox_stream(seed, 0, n))
    assert rng.offset == (n + 3) // 4 and rng.seed == seed


def test_uniform_is_the_documented_function_of_the_bits(ctx):
    seed, n = 99, 100003
    words = philox_stream(seed, 0, n)
    u = (words >> 8).astype(np.float32) * np.float32(2.0**-24)
    out = poison(ctx, n, np.float32)
    gc.Random(ctx, seed).uniform(out)
    assert np.array_equal(out.get(), u)
    scaled = poison(ctx, n, np.float32)
    gc.Random(ctx, seed).uniform(scaled, -3.0, 5.0)
    got = scaled.get()
    assert np.all(got >= -3.0) and np.all(got < 5.0)
    assert np.allclose(got, -3.0 + 8.0 * u, rtol=0, atol=2e-6)


def test_normal_is_box_muller_on_the_bits(ctx):
    seed, n = 5, 4096
    w = philox_stream(seed, 0, n).astype(np.float64)
    u1 = (np.floor(w[0::2] / 256) + 1) * 2.0**-24
    u2 = np.floor(w[1::2] / 256) * 2.0**-24
    r = np.sqrt(-2 * np.log(u1))
    expected = np.empty(n)
    expected[0::2] = 10 + 2 * r * np.cos(2 * np.pi * u2)
    expected[1::2] = 10 + 2 * r * np.sin(2 * np.pi * u2)
    out = poison(ctx, n, np.float32)
    gc.Random(ctx, seed).normal(out, 10.0, 2.0)
    assert np.allclose(out.get(), expected, rtol=0, atol=2e-4)  # the GPU's float log, sin, cos


def test_offsets_and_ranges_repeat_a_stream(ctx):
    rng = gc.Random(ctx, 7)
    whole = ctx.zeros(1000, np.uint32)
    rng.bits(whole)
    part = poison(ctx, 1000, np.uint32)
    rng.offset = 0
    rng.bits(part, 0, 400)
    rng.bits(part, 400, 600)
    assert np.array_equal(part.get(), whole.get())
    with pytest.raises(gc.Error, match="out of range"):
        rng.bits(part, 900, 200)
    with pytest.raises(gc.Error, match="takes uint32"):
        rng.bits(ctx.zeros(4, np.int32))
    with pytest.raises(gc.Error, match="lo < hi|low|hi"):
        rng.uniform(ctx.zeros(4, np.float32), 1.0, 1.0)


def test_numpy_style_random_functions(ctx):
    gen = gc.random.Generator(seed=11, ctx=ctx)
    r = gen.uniform(0.0, 1.0, size=(100, 300), dtype=np.float32)
    assert isinstance(r, gc.Buffer) and r.shape == (100, 300) and r.dtype == np.float32
    u = (philox_stream(11, 0, 30000) >> 8).astype(np.float32) * np.float32(2.0**-24)
    assert np.array_equal(r.get().reshape(-1), u)
    z = gen.normal(size=10**5, dtype=np.float32)
    host = z.get()
    assert abs(host.mean()) < 0.02 and abs(host.std() - 1) < 0.02
    assert gen.bits(5).dtype == np.uint32
    assert gen.random(size=3, dtype=np.float32).shape == (3,)
    assert gen.uniform(size=None, dtype=np.float32).shape == ()
    out = ctx.zeros((4, 4), np.float32)
    assert gen.uniform(out=out) is out
    with pytest.raises(gc.Error, match="size \\(5,\\) differs"):
        gen.uniform(size=5, out=out)
    gc.random.seed(3)
    a = gc.random.uniform(size=50, dtype=np.float32).get()
    gc.random.seed(3)
    assert np.array_equal(gc.random.uniform(size=50, dtype=np.float32).get(), a)
    assert gc.random.default_rng(3).seed == 3


def test_random_says_what_the_kernel_library_makes(ctx):
    assert gc.kernel_dtypes()["random.uniform"] == ["float32", "float64"]
    with pytest.raises(gc.Error, match="makes float32, float64 uniform numbers; float16 is not available"):
        gc.random.uniform(0.0, 1.0, size=(10, 10), dtype=np.float16)
    with pytest.raises(gc.Error, match="int32 is not available"):
        gc.random.normal(size=3, dtype=np.int32)


@pytest.mark.parametrize("dtype", [np.float32, np.int32, np.uint32])
def test_reductions_against_numpy(ctx, dtype):
    rng = np.random.default_rng(8)
    for n in SIZES:
        if dtype == np.float32:
            host = rng.standard_normal(n).astype(np.float32) * 1000
        else:
            info = np.iinfo(dtype)
            host = rng.integers(info.min, info.max, n, dtype=dtype, endpoint=True)
        b = ctx.buffer(host)
        s = gc.sum(b)
        if dtype == np.float32:
            assert isinstance(s, np.float64)
            exact = float(np.sum(host.astype(np.float64)))
            assert abs(s - exact) <= 1e-6 * max(1.0, np.sum(np.abs(host.astype(np.float64))))
        else:
            assert isinstance(s, np.int64 if dtype == np.int32 else np.uint64)
            assert int(s) == sum(int(v) for v in host)
        assert gc.min(b) == host.min() and gc.max(b) == host.max()
        assert type(gc.max(b)) is np.dtype(dtype).type
        assert gc.mean(b) == pytest.approx(float(np.mean(host.astype(np.float64))), rel=1e-9, abs=1e-6)
        assert b.sum() == s and b.max() == gc.max(b)
    b = ctx.buffer(np.arange(10, dtype=dtype))
    assert gc.sum(b, 2, 3) == 2 + 3 + 4 and gc.min(b, 5) == 5 and gc.max(b, 0, 4) == 3
    assert gc.sum(b, 10, 0) == 0
    with pytest.raises(gc.Error, match="empty"):
        gc.max(b, 10, 0)
    with pytest.raises(gc.Error, match="out of range"):
        gc.sum(b, 5, 6)


def test_reductions_propagate_nan_and_refuse_other_dtypes(ctx):
    host = np.ones(1000, np.float32)
    host[777] = np.nan
    b = ctx.buffer(host)
    assert np.isnan(gc.sum(b)) and np.isnan(gc.max(b)) and np.isnan(gc.min(b))
    with pytest.raises(gc.Error, match="does not take int64 buffers here \\(it takes float32, float64, int32, uint32\\)"):
        gc.sum(ctx.zeros(3, np.int64))
    with pytest.raises(gc.Error, match="does not take int8"):
        gc.max(ctx.zeros(3, np.int8))
    with pytest.raises(TypeError):
        gc.sum(np.ones(3, np.float32))  # a NumPy array is no GPU buffer


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64, np.int8, np.uint8, np.int16,
                                   np.uint16, np.int32, np.uint32, np.int64, np.uint64])
def test_fill_every_dtype(ctx, dtype):
    for n in (1, 257, 2**20 + 3):
        b = poison(ctx, n, dtype)
        value = 3 if np.dtype(dtype).kind in "iu" else 2.5
        assert b.fill(value) is b
        assert np.all(b.get() == np.array(value, dtype))
        b.fill(1, offset=n // 2, count=n - n // 2)
        got = b.get()
        assert np.all(got[: n // 2] == np.array(value, dtype)) and np.all(got[n // 2:] == 1)


def test_fill_values_must_fit(ctx):
    with pytest.raises(gc.Error, match="does not fit"):
        ctx.zeros(4, np.uint8).fill(256)
    with pytest.raises(gc.Error, match="does not fit"):
        ctx.zeros(4, np.int32).fill(-(2**31) - 1)
    with pytest.raises(gc.Error, match="needs an integer"):
        ctx.zeros(4, np.int64).fill(1.5)
    with pytest.raises(gc.Error, match="does not fit"):
        ctx.zeros(4, np.float16).fill(1e6)
    with pytest.raises(gc.Error, match="does not fit"):
        ctx.zeros(4, np.float32).fill(1e300)
    with pytest.raises(gc.Error, match="out of range"):
        ctx.zeros(4, np.float32).fill(1.0, 3, 2)


def test_full_arange_linspace_and_iota(ctx):
    f = ctx.full((3, 4), 7.25)
    assert f.dtype == np.float64 and np.all(f.get() == 7.25)
    assert ctx.full(5, -2, np.int16).get().tolist() == [-2] * 5
    a = ctx.arange(10)
    assert a.dtype == np.int32 and a.get().tolist() == list(range(10))
    assert ctx.arange(3, 20, 4).get().tolist() == list(range(3, 20, 4))
    assert ctx.arange(10, 0, -3).get().tolist() == [10, 7, 4, 1]
    fr = ctx.arange(0, 1, 0.1)
    assert fr.dtype == np.float32 and fr.size == 10
    step = np.float64(np.float32(0.1))  # start and step are float32; start + i * step in double
    assert np.array_equal(fr.get(), (np.arange(10) * step).astype(np.float32))
    assert ctx.arange(5, 5).size == 0
    with pytest.raises(gc.Error, match="step"):
        ctx.arange(0, 10, 0)
    for num in (1, 2, 64, 1001):
        ls = ctx.linspace(-1.0, 3.0, num)
        expected = np.linspace(-1.0, 3.0, num).astype(np.float32)
        got = ls.get()
        assert got[0] == -1.0 and got[-1] == (3.0 if num > 1 else -1.0)
        assert np.allclose(got, expected, rtol=0, atol=1e-6)
    out = ctx.zeros(5, np.float32)
    assert gc.linspace(0, 1, out=out) is out and out.get().tolist() == [0, 0.25, 0.5, 0.75, 1]
    with pytest.raises(gc.Error, match="does not take float64"):
        ctx.linspace(0, 1, 5, np.float64)
    u = ctx.zeros(6, np.uint32)
    gc.iota(u, 4_294_967_294)
    assert u.get().tolist() == [4294967294, 4294967295, 0, 1, 2, 3]  # wraps like C++ unsigned
