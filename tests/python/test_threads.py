"""Contexts and threads from Python: a context is held by one thread at a time; another thread
gets glcompute.Error naming the call that frees it, and takes it after release_current()."""

import threading
import time

import numpy as np
import pytest

import glcompute as gc


def in_thread(work):
    """Runs work() on a new thread; returns its result or raises its exception here."""
    box = {}

    def run():
        try:
            box["value"] = work()
        except BaseException as e:  # handed to the caller
            box["error"] = e

    t = threading.Thread(target=run)
    t.start()
    t.join()
    if "error" in box:
        raise box["error"]
    return box.get("value")


def test_another_thread_is_refused_while_the_creator_holds_the_context():
    ctx = gc.Context()
    b = ctx.buffer(np.arange(10, dtype=np.float32))
    with pytest.raises(gc.Error, match="release_current"):
        in_thread(b.get)
    assert np.array_equal(b.get(), np.arange(10))  # still fine here


def test_release_current_hands_the_context_to_another_thread():
    ctx = gc.Context()
    b = ctx.buffer(np.arange(10, dtype=np.float32))
    ctx.release_current()

    def work():
        ctx.make_current()
        b.set(np.full(10, 3.0, np.float32))
        s = gc.sum(b)
        ctx.release_current()
        return s

    assert in_thread(work) == 30.0
    assert np.all(b.get() == 3.0)  # taken back implicitly by using it here


def test_a_thread_that_ends_never_keeps_the_context():
    ctx = gc.Context()
    ctx.release_current()
    in_thread(lambda: ctx.zeros(4, np.float32).get())  # takes it, then ends
    # join() returns when the Python thread is done, a moment before its OS thread exits and
    # lets the context go (seen under load): within 5 s it must be free, and then it works.
    deadline = time.monotonic() + 5.0
    while True:
        try:
            values = ctx.zeros(3, np.int32).get().tolist()
            break
        except gc.Error as e:
            if "current on another thread" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.001)
    assert values == [0, 0, 0]


def test_gpu_timeout_none_waits_as_long_as_it_takes():
    assert gc.no_gpu_timeout is None
    ctx = gc.Context(gpu_timeout=gc.no_gpu_timeout)
    assert ctx.zeros(2, np.float32).get().tolist() == [0, 0]
    with pytest.raises(gc.Error, match="gpu_timeout"):
        gc.Context(gpu_timeout=0)
    assert ctx.info.limits.max_loop_iterations in (0, 65535)


def test_limits_report_textures_and_loops():
    limits = gc.Context().info.limits
    assert limits.max_texture_size >= 1024 and limits.max_3d_texture_size >= 256
    assert limits.max_array_texture_layers >= 256 and limits.max_texture_units >= 16
    assert limits.max_image_units >= 8


def test_make_current_from_another_thread_names_release_current():
    ctx = gc.Context()
    ctx.make_current()  # already held here: nothing happens
    with pytest.raises(gc.Error, match="release_current"):
        in_thread(ctx.make_current)
    with pytest.raises(gc.Error):
        in_thread(ctx.release_current)  # only the holder lets it go
