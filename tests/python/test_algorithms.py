"""The kernel library's algorithms from Python (scan, sort, sort_by_key, argsort, histogram,
argmin/argmax, copy_if), each against NumPy on random data of odd sizes, outputs poisoned first."""

import numpy as np
import pytest

import glcompute as gc
from conftest import poison

SIZES = [1, 255, 257, 4099, 2**20 + 3]
DTYPES = [np.float32, np.float64, np.int32, np.uint32]


def data(dtype, n, seed=0):
    rng = np.random.default_rng(seed + n)
    if np.dtype(dtype).kind == "f":
        return (rng.standard_normal(n) * 100).astype(dtype)
    info = np.iinfo(dtype)
    return rng.integers(info.min, info.max, n, dtype=dtype, endpoint=True)


def needs(ctx, dtype):
    if np.dtype(dtype) == np.float64 and not ctx.info.features.fp64:
        pytest.skip("the driver lacks ARB_gpu_shader_fp64: no float64 kernels")


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", SIZES)
def test_scans_match_numpy(ctx, dtype, n):
    needs(ctx, dtype)
    host = data(dtype, n)
    if np.dtype(dtype).kind == "f":
        host = np.abs(host)  # sums that grow: relative error is meaningful
    b = ctx.buffer(host)
    out = poison(ctx, n, dtype)
    assert gc.inclusive_scan(b, out=out) is not None
    exclusive = gc.exclusive_scan(b, init=7)
    assert exclusive.dtype == dtype and exclusive.shape == (n,)
    with np.errstate(over="ignore"):
        if np.dtype(dtype).kind == "f":
            exact = np.cumsum(host.astype(np.float64))
            tol = 1e-6 if dtype == np.float32 else 1e-13
            assert np.allclose(out.get(), exact, rtol=tol, atol=0)
            assert np.allclose(exclusive.get(), 7 + np.concatenate(([0.0], exact[:-1])), rtol=tol, atol=tol)
        else:  # integers wrap as in C: exactly NumPy's wrapping cumsum
            assert np.array_equal(out.get(), np.cumsum(host, dtype=dtype))
            expected = np.concatenate(([0], np.cumsum(host, dtype=dtype)[:-1])).astype(dtype) + dtype(7)
            assert np.array_equal(exclusive.get(), expected)


def test_scan_in_place_and_errors(ctx):
    b = ctx.buffer(np.arange(10, dtype=np.int32))
    gc.inclusive_scan(b, out=b)
    assert b.get().tolist() == np.cumsum(np.arange(10)).tolist()
    with pytest.raises(gc.Error, match="out has 3 elements"):
        gc.inclusive_scan(b, out=ctx.zeros(3, np.int32))
    with pytest.raises(gc.Error, match="out must be a int32 buffer"):
        gc.exclusive_scan(b, out=ctx.zeros(10, np.float32))
    with pytest.raises(gc.Error, match="does not take int64"):
        gc.inclusive_scan(ctx.zeros(4, np.int64))
    assert gc.inclusive_scan(ctx.zeros(0, np.float32)).size == 0


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", SIZES)
def test_sort_and_argsort_are_numpys_stable_order(ctx, dtype, n):
    needs(ctx, dtype)
    host = data(dtype, n)
    if np.dtype(dtype).kind == "f" and n > 10:
        host[::7] = host[3]  # ties
        host[5] = np.nan
        host[9] = -0.0
    else:
        host = host % 50 if np.dtype(dtype).kind == "u" else host
    keys = ctx.buffer(host)
    order = gc.argsort(keys, out=poison(ctx, n, np.uint32))
    assert np.array_equal(order.get(), np.argsort(host, kind="stable"))
    assert np.array_equal(keys.get(), host, equal_nan=np.dtype(dtype).kind == "f")  # unchanged
    assert gc.sort(keys) is keys
    assert np.array_equal(keys.get().view(np.uint8), np.sort(host, kind="stable").view(np.uint8))


@pytest.mark.parametrize("value_dtype", [np.float32, np.int64, np.uint32, np.float64])
def test_sort_by_key_moves_values_with_their_keys(ctx, value_dtype):
    needs(ctx, np.float64)
    n = 100_003
    rng = np.random.default_rng(1)
    host_keys = rng.integers(0, 1000, n).astype(np.float64)
    host_values = np.arange(n).astype(value_dtype)
    keys, values = ctx.buffer(host_keys), ctx.buffer(host_values)
    k, v = gc.sort_by_key(keys, values)
    assert k is keys and v is values
    order = np.argsort(host_keys, kind="stable")
    assert np.array_equal(keys.get(), host_keys[order])
    assert np.array_equal(values.get(), host_values[order])
    with pytest.raises(gc.Error, match="values.*does not take int8"):
        gc.sort_by_key(keys, ctx.zeros(n, np.int8))
    with pytest.raises(gc.Error):
        gc.sort_by_key(keys, ctx.zeros(n - 1, np.float32))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", [1, 257, 2**20 + 3])
def test_histogram_is_numpys(ctx, dtype, n):
    needs(ctx, dtype)
    host = data(dtype, n)
    b = ctx.buffer(host)
    counts, edges = gc.histogram(b, bins=37, range=(-50.5, 120.0))
    ref_counts, ref_edges = np.histogram(host, bins=37, range=(-50.5, 120.0))
    assert counts.dtype == np.uint32 and counts.shape == (37,)
    assert np.array_equal(counts.get(), ref_counts)
    assert edges.dtype == ref_edges.dtype and np.array_equal(edges, ref_edges)
    # No range: the values' own (min, max), as NumPy.
    out = poison(ctx, 16, np.uint32)
    counts, edges = gc.histogram(b, out=out)
    ref_counts, ref_edges = np.histogram(host, bins=16)
    assert counts is not None and np.array_equal(out.get(), ref_counts)
    assert np.array_equal(edges, ref_edges)


def test_histogram_errors(ctx):
    b = ctx.buffer(np.ones(10, np.float32))
    with pytest.raises(gc.Error, match="bins must be at least 1"):
        gc.histogram(b, bins=0)
    with pytest.raises(gc.Error):
        gc.histogram(b, range=(2.0, 1.0))
    with pytest.raises(gc.Error, match="uint32"):
        gc.histogram(b, out=ctx.zeros(4, np.int32))
    counts, _ = gc.histogram(b, bins=3)  # lo == hi: widened by 0.5 each way, as NumPy
    assert counts.get().tolist() == np.histogram(np.ones(10, np.float32), bins=3)[0].tolist()


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", SIZES)
def test_argmin_argmax_are_numpys(ctx, dtype, n):
    needs(ctx, dtype)
    host = data(dtype, n) % 1000 if np.dtype(dtype).kind != "f" else data(dtype, n)
    b = ctx.buffer(host)
    assert gc.argmin(b) == np.argmin(host) and gc.argmax(b) == np.argmax(host)
    assert isinstance(gc.argmax(b), int)
    if np.dtype(dtype).kind == "f" and n > 3:
        host[n // 2] = np.nan
        host[n - 1] = np.nan
        b = ctx.buffer(host)
        assert gc.argmin(b) == np.argmin(host) == n // 2 and gc.argmax(b) == n // 2
    with pytest.raises(gc.Error, match="empty"):
        gc.argmax(ctx.zeros(0, dtype))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", [1, 257, 2**20 + 3])
def test_copy_if_is_a_mask(ctx, dtype, n):
    needs(ctx, dtype)
    host = data(dtype, n)
    b = ctx.buffer(host)
    zero = {np.float32: "0.0", np.float64: "0.0lf", np.int32: "0", np.uint32: "2147483648u"}[dtype]
    kept = gc.copy_if(b, f"x > {zero} && i % 3u != 1u")
    mask = (host > (np.uint32(2**31) if dtype == np.uint32 else 0)) & (np.arange(n) % 3 != 1)
    assert kept.dtype == dtype and np.array_equal(kept.get(), host[mask])
    out = poison(ctx, n, dtype)
    before = out.get()
    count = gc.copy_if(b, f"x > {zero} && i % 3u != 1u", out=out)
    assert count == mask.sum()
    got = out.get()
    assert np.array_equal(got[:count], host[mask])
    assert np.array_equal(got[count:].view(np.uint8), before[count:].view(np.uint8))


def test_copy_if_errors(ctx):
    b = ctx.buffer(np.arange(100, dtype=np.int32))
    with pytest.raises(gc.ShaderError):
        gc.copy_if(b, "x >>>> nonsense")
    with pytest.raises(gc.Error):
        gc.copy_if(b, "x >= 0", out=ctx.zeros(10, np.int32))  # 100 kept, room for 10
    with pytest.raises(gc.Error, match="out must be a int32 buffer"):
        gc.copy_if(b, "x >= 0", out=ctx.zeros(100, np.float32))
    assert gc.copy_if(b, "x < 0").size == 0


def test_algorithm_path_says_which_kernels_run(ctx, monkeypatch):
    path = gc.algorithm_path(ctx)
    assert isinstance(path, gc.AlgorithmPathInfo) and path.description
    assert ("look-back" in path.description) == path.lookback
    monkeypatch.setenv("GLCOMPUTE_LOOKBACK", "0")
    monkeypatch.setenv("GLCOMPUTE_SUBGROUPS", "0")
    forced = gc.algorithm_path(ctx)
    assert not forced.lookback and not forced.subgroup and "shared memory" in forced.description
    monkeypatch.setenv("GLCOMPUTE_LOOKBACK", "maybe")
    with pytest.raises(gc.Error, match="GLCOMPUTE_LOOKBACK"):
        gc.algorithm_path(ctx)
