"""glcompute.Buffer: NumPy shapes and dtypes kept, reads into and writes from NumPy memory,
ranges, copies, reshape, conversions and their errors."""

import numpy as np
import pytest

import glcompute as gc
from conftest import poison

DTYPES = [np.float16, np.float32, np.float64, np.int8, np.uint8, np.int16, np.uint16, np.int32, np.uint32,
          np.int64, np.uint64]


def random_array(shape, dtype, seed=1):
    rng = np.random.default_rng(seed)
    dtype = np.dtype(dtype)
    n = int(np.prod(shape, dtype=np.int64))
    return rng.integers(0, 256, n * dtype.itemsize, dtype=np.uint8).view(dtype).reshape(shape)


@pytest.mark.parametrize("dtype", DTYPES)
def test_every_dtype_round_trips_bit_exactly(ctx, dtype):
    for shape in [(), (0,), (1,), (255,), (257,), (3, 5, 7), (2**20 + 3,)]:
        host = random_array(shape, dtype)
        b = ctx.buffer(host)
        assert b.shape == shape and b.dtype == np.dtype(dtype) and b.size == host.size
        assert b.nbytes == host.nbytes and b.ndim == len(shape) and b.itemsize == host.itemsize
        got = b.get()
        assert got.shape == shape and got.dtype == np.dtype(dtype)
        assert got.tobytes() == host.tobytes()  # bits: NaN payloads of float16/32/64 too


def test_zeros_empty_and_defaults(ctx):
    z = ctx.zeros((4, 3))
    assert z.dtype == np.float64 and z.shape == (4, 3) and np.all(z.get() == 0)  # NumPy's default
    e = ctx.empty(7, np.int32)
    assert e.shape == (7,) and np.all(e.get() == 0)
    assert ctx.zeros(0, np.float32).get().shape == (0,)
    assert len(ctx.zeros((5, 2), np.float32)) == 5
    with pytest.raises(TypeError):
        len(ctx.zeros((), np.float32))
    with pytest.raises(gc.Error, match=">= 0"):
        ctx.zeros((2, -1), np.float32)
    with pytest.raises(gc.Error, match="overflow|do not fit"):
        ctx.zeros((2**40, 2**40), np.float32)


def test_unsupported_dtypes_are_refused(ctx):
    with pytest.raises(gc.Error, match="bool .*4.*uint32"):
        ctx.buffer(np.array([True, False]))
    with pytest.raises(gc.Error, match="complex128 cannot be"):
        ctx.buffer(np.zeros(3, np.complex128))
    with pytest.raises(gc.Error, match="cannot be"):
        ctx.zeros(3, np.dtype("U3"))
    with pytest.raises(gc.Error, match="cannot be"):
        ctx.buffer(np.zeros(2, np.longdouble))


def test_conversions_follow_same_kind_and_never_overflow(ctx):
    b = ctx.buffer([1.5, 2.5], dtype=np.float32)
    assert b.dtype == np.float32 and b.get().tolist() == [1.5, 2.5]
    assert ctx.buffer([1, 2, 3]).dtype == np.int64  # numpy.asarray's choice
    with pytest.raises(gc.Error, match="cannot convert float64 to int32"):
        ctx.buffer([1.5], dtype=np.int32)
    with pytest.raises(gc.Error, match="do not fit uint8"):
        ctx.buffer([1, 300], dtype=np.uint8)
    with pytest.raises(gc.Error, match="do not fit int32"):
        ctx.zeros(2, np.int32).set(np.array([0, 2**40]))
    big_endian = np.arange(6, dtype=">f4")
    assert ctx.buffer(big_endian).get().tolist() == list(range(6))
    strided = np.arange(20, dtype=np.float32)[::2]
    assert ctx.buffer(strided).get().tolist() == strided.tolist()


def test_get_into_an_existing_array_reads_in_place(ctx):
    host = random_array((300, 7), np.float32)
    b = ctx.buffer(host)
    out = np.full((300, 7), -1, np.float32)
    result = b.get(out=out)
    assert result is out and out.tobytes() == host.tobytes()
    flat = np.empty(2100, np.float32)
    assert b.get(out=flat).tobytes() == host.tobytes()  # any shape of the same size
    with pytest.raises(gc.Error, match="dtype float64"):
        b.get(out=np.empty((300, 7)))
    with pytest.raises(gc.Error, match="2099 elements"):
        b.get(out=np.empty(2099, np.float32))
    with pytest.raises(gc.Error, match="C-contiguous"):
        b.get(out=np.empty((7, 300), np.float32).T)
    ro = np.empty(2100, np.float32)
    ro.flags.writeable = False
    with pytest.raises(gc.Error, match="writeable"):
        b.get(out=ro)
    with pytest.raises(gc.Error, match="numpy.ndarray"):
        b.get(out=[0.0] * 2100)


def test_set_read_and_write_ranges(ctx):
    b = poison(ctx, (10, 10), np.int32)
    b.set(np.arange(100, dtype=np.int32).reshape(10, 10))
    assert np.array_equal(b.get(), np.arange(100).reshape(10, 10))
    with pytest.raises(gc.Error, match="holds 99 elements"):
        b.set(np.arange(99))
    b.write([-1, -2, -3], offset=97)
    assert b.read(95).tolist() == [95, 96, -1, -2, -3]
    assert b.read(10, 3).tolist() == [10, 11, 12]
    out = np.zeros(3, np.int32)
    assert b.read(10, 3, out=out) is out and out.tolist() == [10, 11, 12]
    assert b.read(100).shape == (0,)
    with pytest.raises(gc.Error, match="out of range"):
        b.read(98, 5)
    with pytest.raises(gc.Error, match="out of range"):
        b.read(101)
    with pytest.raises(gc.Error, match="out of range"):
        b.write([1, 2], offset=99)
    with pytest.raises(gc.Error, match="does not fit"):
        b.read(-1)


def test_copies_on_the_gpu(ctx):
    a = ctx.buffer(np.arange(10, dtype=np.float32))
    b = poison(ctx, 10, np.float32)
    b.copy_from(a)
    assert np.array_equal(b.get(), np.arange(10))
    c = ctx.zeros(10, np.float32)
    c.copy_from(a, src_offset=2, dst_offset=5, count=3)
    assert c.get().tolist() == [0, 0, 0, 0, 0, 2, 3, 4, 0, 0]
    c.copy_from(a, src_offset=7, dst_offset=0)  # to a's end
    assert c.get()[:3].tolist() == [7, 8, 9]
    d = a.copy()
    a.set(np.zeros(10, np.float32))
    assert np.array_equal(d.get(), np.arange(10)) and d.shape == a.shape
    with pytest.raises(gc.Error, match="float32 and this buffer int32"):
        ctx.zeros(10, np.int32).copy_from(a)
    with pytest.raises(gc.Error, match="equal sizes"):
        ctx.zeros(11, np.float32).copy_from(a)
    with pytest.raises(gc.Error, match="out of range"):
        c.copy_from(a, src_offset=8, dst_offset=0, count=3)
    # Within one buffer: disjoint ranges copy, overlapping ones are refused by name.
    e = ctx.buffer(np.arange(10, dtype=np.float32))
    e.copy_from(e, src_offset=0, dst_offset=5, count=5)
    assert e.get().tolist() == [0, 1, 2, 3, 4, 0, 1, 2, 3, 4]
    with pytest.raises(gc.Error, match="overlap"):
        e.copy_from(e, src_offset=0, dst_offset=3, count=5)
    assert e.get().tolist() == [0, 1, 2, 3, 4, 0, 1, 2, 3, 4]


def test_reshape_shares_the_gpu_memory(ctx):
    a = ctx.buffer(np.arange(24, dtype=np.uint32))
    b = a.reshape(2, 3, 4)
    c = a.reshape((-1, 6))
    assert b.shape == (2, 3, 4) and c.shape == (4, 6)
    b.write([100], offset=5)
    assert a.get()[5] == 100 and c.get()[0, 5] == 100
    assert a.reshape(24).shape == (24,)
    with pytest.raises(gc.Error, match="cannot reshape 24 elements into \\(5, 5\\)"):
        a.reshape(5, 5)
    with pytest.raises(gc.Error, match="infer"):
        a.reshape(-1, 5)


def test_numpy_conversion_and_repr(ctx):
    b = ctx.buffer(np.arange(6, dtype=np.int16).reshape(2, 3))
    a = np.asarray(b)
    assert a.shape == (2, 3) and a.dtype == np.int16 and a.tolist() == [[0, 1, 2], [3, 4, 5]]
    assert np.asarray(b, dtype=np.float64).dtype == np.float64
    assert repr(b) == "<glcompute.Buffer shape=(2, 3) dtype=int16>"
    assert b.id > 0


def test_larger_than_one_storage_binding(ctx):
    limit = ctx.info.limits.max_storage_block_bytes
    if limit > 2**28:
        pytest.skip(f"the driver's storage block limit ({limit} bytes) makes this test too large")
    n = limit // 4 + 1001
    host = np.arange(n, dtype=np.uint32)
    b = ctx.buffer(host)
    out = np.empty(n, np.uint32)
    b.get(out=out)
    assert np.array_equal(out, host)
    assert int(gc.sum(b)) == int(host.astype(np.uint64).sum())
    assert gc.max(b) == n - 1
