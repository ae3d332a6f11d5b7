"""The GIL is released while glcompute waits for the GPU: another Python thread keeps running
during a long dispatch, a glFinish and a reduction."""

import threading
import time

import numpy as np
import pytest

import glcompute as gc

HEAVY = """#version 430
layout(local_size_x = 64) in;
layout(std430, binding = 0) buffer B { float b[]; };
uniform uint iterations;
void main() {
  float x = b[gl_GlobalInvocationID.x];
  for (uint k = 0u; k < iterations; ++k) x = x * 0.9999999 + 1e-7;
  b[gl_GlobalInvocationID.x] = x;
}
"""


def progress_during(work):
    """How far a spinning Python thread gets while `work` runs, and how long work takes."""
    count = [0]
    stop = threading.Event()

    def spin():
        while not stop.is_set():
            count[0] += 1

    t = threading.Thread(target=spin)
    t.start()
    time.sleep(0.02)
    before = count[0]
    t0 = time.perf_counter()
    work()
    elapsed = time.perf_counter() - t0
    after = count[0]
    stop.set()
    t.join()
    return after - before, elapsed


@pytest.fixture(scope="module")
def heavy(ctx):
    p = ctx.compile(HEAVY)
    b = ctx.zeros(64 * 512, np.float32)
    p.bind("B", b).set("iterations", 60000)
    return p


def test_dispatch_and_finish_release_the_gil(ctx, heavy):
    def work():
        heavy.run(512)
        ctx.finish()

    steps, elapsed = progress_during(work)
    assert elapsed > 0.03, f"the dispatch took only {elapsed:.4f} s: too short to tell"
    assert steps > 1000, f"another thread made {steps} steps in {elapsed:.3f} s of GPU work"


def test_time_releases_the_gil_around_its_waits(ctx, heavy):
    steps, elapsed = progress_during(lambda: ctx.time(lambda: heavy.run(512)))
    assert elapsed > 0.03
    assert steps > 1000


def test_reductions_and_reads_release_the_gil(ctx):
    x = ctx.buffer(np.ones(1 << 24, np.float32))
    gc.sum(x)  # builds the kernels
    steps, elapsed = progress_during(lambda: [gc.sum(x) for _ in range(3)])
    assert elapsed > 0.01
    assert steps > 1000
    steps, elapsed = progress_during(lambda: [x.get() for _ in range(3)])
    assert steps > 1000
