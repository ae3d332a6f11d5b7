"""map_read / map_write / read_async: zero-copy NumPy views through the buffer protocol, and
views that refuse use after their mapping ends instead of leaving memory dangling."""

import gc as python_gc

import numpy as np
import pytest

import glcompute as gc


def address(a):
    return a.__array_interface__["data"][0]


def test_map_read_is_a_zero_copy_numpy_view(ctx):
    host = np.arange(1000, dtype=np.float32).reshape(10, 100)
    b = ctx.buffer(host)
    with b.map_read() as view:
        a1 = np.asarray(view)
        a2 = view.array
        m = memoryview(view)
        assert a1.shape == (10, 100) and a1.dtype == np.float32
        assert np.array_equal(a1, host) and address(a1) == address(a2)  # the same memory
        assert not a1.flags.writeable and m.readonly and m.format == "f" and m.shape == (10, 100)
        assert view.shape == (10, 100) and view.dtype == np.float32 and len(view) == 10
        assert view.exports == 3
        assert view[3, 7] == host[3, 7]
        with pytest.raises(TypeError, match="read-only"):
            memoryview(view).cast("B")[0:1] = b"x"  # read-only all the way
        with pytest.raises(ValueError, match="WRITEABLE"):
            np.frombuffer(view, np.uint8).setflags(write=True)
        del m
    assert view.closed


def test_a_closed_view_refuses_new_arrays(ctx):
    b = ctx.buffer(np.ones(10, np.int32))
    view = b.map_read()
    view.close()
    with pytest.raises(ValueError, match="closed"):
        np.asarray(view)
    with pytest.raises(ValueError, match="closed"):
        memoryview(view)
    with pytest.raises(ValueError, match="closed"):
        view[0]


def test_arrays_outlive_the_view_without_dangling(ctx):
    first = ctx.buffer(np.full(1 << 16, 7, np.uint32))
    with first.map_read() as view:
        kept = np.asarray(view)
    # The view is closed; its memory stays with `kept`, out of glcompute's mapping pool, so the
    # next mappings (of other data, the same size) cannot land in it.
    for value in (1, 2, 3):
        other = ctx.buffer(np.full(1 << 16, value, np.uint32))
        with other.map_read() as v2:
            assert np.all(np.asarray(v2) == value)
    assert np.all(kept == 7)
    assert view.exports == 1
    del kept
    python_gc.collect()
    assert view.exports == 0


def test_ranges_and_sizes(ctx):
    host = np.arange(100, dtype=np.int64)
    b = ctx.buffer(host.reshape(10, 10))
    with b.map_read(95) as v:
        assert v.shape == (5,) and np.array_equal(np.asarray(v), host[95:])
    with b.map_read(10, 3) as v:
        assert np.asarray(v).tolist() == [10, 11, 12]
    with b.map_read(100, 0) as v:
        assert np.asarray(v).shape == (0,)
    with pytest.raises(gc.Error, match="out of range"):
        b.map_read(99, 2)
    empty = ctx.zeros(0, np.float32)
    with empty.map_read() as v:
        assert np.asarray(v).size == 0


def test_map_write_commits_what_was_written(ctx):
    b = ctx.zeros(1000, np.float32)
    with b.map_write() as w:
        w[:] = np.arange(1000, dtype=np.float32)
        w[0] = -1
    assert w.closed
    expected = np.arange(1000, dtype=np.float32)
    expected[0] = -1
    assert np.array_equal(b.get(), expected)
    w2 = b.map_write(10, 5)
    a = np.asarray(w2)
    assert a.flags.writeable and a.shape == (5,)
    a[:] = 42
    del a
    w2.commit()
    assert b.get()[8:17].tolist() == [8, 9, 42, 42, 42, 42, 42, 15, 16]
    with pytest.raises(ValueError, match="committed"):
        np.asarray(w2)


def test_map_write_refuses_to_commit_while_arrays_use_its_memory(ctx):
    b = ctx.zeros(4, np.int32)
    w = b.map_write()
    a = np.asarray(w)
    a[:] = [1, 2, 3, 4]
    with pytest.raises(BufferError, match="1 array"):
        w.commit()
    assert not w.closed
    a[:] = [5, 6, 7, 8]
    del a
    w.commit()
    assert b.get().tolist() == [5, 6, 7, 8]


def test_an_uncommitted_write_view_commits_when_destroyed(ctx):
    b = ctx.zeros(3, np.uint32)
    w = b.map_write()
    w[:] = [9, 9, 9]
    del w
    python_gc.collect()
    assert b.get().tolist() == [9, 9, 9]


def test_discard_writes_nothing(ctx):
    b = ctx.buffer(np.arange(6, dtype=np.int32))
    w = b.map_write(1, 3)
    w[:] = [-7, -7, -7]
    w.discard()
    assert w.closed
    w.commit()  # closed: nothing left to send
    assert b.get().tolist() == [0, 1, 2, 3, 4, 5]
    with pytest.raises(ValueError, match="committed"):
        np.asarray(w)


def test_a_with_block_left_by_an_exception_writes_nothing(ctx):
    b = ctx.buffer(np.full(1000, 3.0, np.float32))
    with pytest.raises(RuntimeError, match="half way"):
        with b.map_write() as w:
            w[:500] = 0.0
            raise RuntimeError("half way")
    assert w.closed
    assert np.all(b.get() == 3.0)  # the half-filled view never reached the buffer


def test_discard_keeps_taken_arrays_valid_until_they_go(ctx):
    b = ctx.buffer(np.full(1 << 16, 5, np.uint32))
    w = b.map_write()
    a = np.asarray(w)
    a[:] = 11
    w.discard()  # no BufferError: nothing is written, and the memory stays with `a`
    assert w.closed and w.exports == 1
    for value in (1, 2):  # other views of the same size cannot land in a's memory
        other = ctx.buffer(np.full(1 << 16, value, np.uint32))
        with other.map_write() as w2:
            w2[:] = value + 100
        assert np.all(other.get() == value + 100)
    assert np.all(a == 11)
    del a
    assert w.exports == 0
    assert np.all(b.get() == 5)


def test_read_async(ctx):
    host = np.arange(5000, dtype=np.uint16).reshape(50, 100)
    b = ctx.buffer(host)
    pending = b.read_async()
    assert pending.shape == (50, 100) and pending.dtype == np.uint16
    got = pending.get()
    assert isinstance(got, np.ndarray) and np.array_equal(got, host)
    pending2 = b.read_async(100, 50)
    ready_seen = pending2.ready()
    assert isinstance(ready_seen, bool)
    with pending2.wait() as view:
        assert np.array_equal(np.asarray(view), host.reshape(-1)[100:150])
    with pytest.raises(gc.Error, match="already waited"):
        pending2.get()
    assert b.read_async(5000, 0).get().shape == (0,)
    with pytest.raises(gc.Error, match="out of range"):
        b.read_async(4999, 2)
