"""float64 (NumPy's default dtype) in the kernel library from Python: random numbers against
Random123's u01 / uneg11 / Box-Muller conventions computed in NumPy, reductions against
math.fsum. They skip, saying so, where the driver has no doubles (ARB_gpu_shader_fp64)."""

import math

import numpy as np
import pytest

import glcompute as gc
from conftest import philox_stream, poison

SIZES = [1, 255, 257, 2**20 + 3]


@pytest.fixture(autouse=True)
def _needs_fp64(ctx):
    if not ctx.info.features.fp64:
        pytest.skip("the driver lacks ARB_gpu_shader_fp64: no float64 kernels")


def words64(seed, offset, n):
    """The n 64-bit integers float64 elements come from: element i from block offset + i // 2,
    words (0, 1) for even i and (2, 3) for odd i, low word first."""
    w = philox_stream(seed, offset, 2 * n).astype(np.uint64)
    return w[0::2] | (w[1::2] << np.uint64(32))


def u01(u):
    """r123::u01<double>: u * 2^-64 + 2^-65, in (0, 1]."""
    return u.astype(np.float64) * 2.0**-64 + 2.0**-65


def uneg11(u):
    """r123::uneg11<double>: the signed integer * 2^-63 + 2^-64, in [-1, 1]."""
    return u.view(np.int64).astype(np.float64) * 2.0**-63 + 2.0**-64


def uniform_reference(seed, offset, n, lo=0.0, hi=1.0):
    x = np.float64(lo) + (np.float64(hi) - np.float64(lo)) * u01(words64(seed, offset, n))
    x[x >= hi] = np.nextafter(hi, -np.inf)  # never hi, as in NumPy
    return x


def test_the_talks_call_is_float64_by_default(ctx):
    gc.random.seed(2024)
    r = gc.random.uniform(0.0, 1.0, size=(100, 1001))
    assert isinstance(r, gc.Buffer) and r.dtype == np.float64 and r.shape == (100, 1001)
    assert np.array_equal(r.get().reshape(-1), uniform_reference(2024, 0, 100 * 1001))
    z = gc.random.normal(size=10)
    assert z.dtype == np.float64
    assert gc.random.random(size=3).dtype == np.float64
    assert gc.sum(r).dtype == np.float64 and gc.max(r) < 1.0 and gc.min(r) > 0.0


@pytest.mark.parametrize("n", SIZES)
def test_uniform_is_random123_u01_bit_for_bit(ctx, n):
    seed = 0xDEAD_BEEF_0123_4567
    rng = gc.Random(ctx, seed)
    out = poison(ctx, n, np.float64)
    rng.uniform(out)
    assert np.array_equal(out.get(), uniform_reference(seed, 0, n))
    assert rng.offset == (n + 1) // 2  # two doubles per Philox block


def test_scaled_uniform_and_ranges(ctx):
    seed, n = 77, 10001
    out = poison(ctx, n, np.float64)
    gc.Random(ctx, seed).uniform(out, -3.0, 5.0)
    got = out.get()
    assert np.all(got >= -3.0) and np.all(got < 5.0)
    assert np.array_equal(got, uniform_reference(seed, 0, n, -3.0, 5.0))
    # A range of the buffer: elements [offset, offset + count) are the call's 0 .. count-1.
    part = poison(ctx, 100, np.float64)
    before = part.get()
    rng = gc.Random(ctx, seed)
    rng.uniform(part, 0.0, 1.0, 10, 51)
    after = part.get()
    assert np.array_equal(after[10:61], uniform_reference(seed, 0, 51))
    assert np.array_equal(after[:10], before[:10]) and np.array_equal(after[61:], before[61:])
    with pytest.raises(gc.Error):
        rng.uniform(part, 1.0, 1.0)


def test_normal_is_random123_box_muller(ctx):
    seed, n = 5, 4097
    blocks = (n + 1) // 2
    w = philox_stream(seed, 0, 4 * blocks).astype(np.uint64).reshape(-1, 4)
    u0 = w[:, 0] | (w[:, 1] << np.uint64(32))
    u1 = w[:, 2] | (w[:, 3] << np.uint64(32))
    r = np.sqrt(-2.0 * np.log(u01(u1)))
    a = uneg11(u0)
    expected = np.empty(2 * blocks)
    expected[0::2] = 10.0 + 2.0 * r * np.sin(np.pi * a)
    expected[1::2] = 10.0 + 2.0 * r * np.cos(np.pi * a)
    out = poison(ctx, n, np.float64)
    gc.Random(ctx, seed).normal(out, 10.0, 2.0)
    # glcompute's own double log, sin and cos: a few units in the last place.
    assert np.allclose(out.get(), expected[:n], rtol=0, atol=1e-13)


@pytest.mark.parametrize("n", SIZES)
def test_float64_reductions_against_fsum(ctx, n):
    rng = np.random.default_rng(n)
    host = rng.standard_normal(n) * 10.0**rng.integers(-8, 8, n)
    b = ctx.buffer(host)
    s = gc.sum(b)
    assert isinstance(s, np.float64)
    exact = math.fsum(host)
    assert abs(s - exact) <= 1e-15 * max(1e-300, float(np.sum(np.abs(host))))
    assert gc.min(b) == host.min() and gc.max(b) == host.max()
    assert type(gc.max(b)) is np.float64
    assert gc.mean(b) == pytest.approx(exact / n, rel=1e-12, abs=1e-300)
    assert gc.sum(b, 0, 0) == 0.0


def test_float64_reductions_propagate_nan(ctx):
    host = np.ones(1001)
    host[500] = np.nan
    b = ctx.buffer(host)
    assert np.isnan(gc.sum(b)) and np.isnan(gc.min(b)) and np.isnan(gc.max(b))
    with pytest.raises(gc.Error, match="empty"):
        gc.min(b, 1001, 0)
