"""Shared fixtures of the Python suite. ctest runs each test file as its own test (and the GL
ones again with GLCOMPUTE_SHADER_PATH=spirv); PYTHONPATH points at the build tree's package."""

import os

import numpy as np
import pytest

import glcompute as gc

SHADER_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shaders")


@pytest.fixture(scope="session")
def ctx():
    """One context for the whole test process, as the C++ suites share one per binary."""
    return gc.Context()


def poison(ctx, shape, dtype):
    """A buffer full of a poison pattern (0xA5 bytes), so that a kernel that leaves an element
    unwritten is seen."""
    dtype = np.dtype(dtype)
    size = int(np.prod(shape, dtype=np.int64))
    host = np.full(size * dtype.itemsize, 0xA5, np.uint8).view(dtype).reshape(shape)
    return ctx.buffer(host)


def spirv_path():
    return os.environ.get("GLCOMPUTE_SHADER_PATH") == "spirv"


def philox4x32_10(counters, key):
    """Random123's Philox4x32-10 in NumPy: counters (n, 4) uint32, key (k0, k1). The reference
    the GPU generator is checked against (itself checked against Random123's known answers)."""
    m0, m1 = np.uint64(0xD2511F53), np.uint64(0xCD9E8D57)
    w0, w1 = np.uint32(0x9E3779B9), np.uint32(0xBB67AE85)
    c = [counters[:, i].astype(np.uint64) for i in range(4)]
    k0, k1 = np.uint32(key[0]), np.uint32(key[1])
    mask = np.uint64(0xFFFFFFFF)
    with np.errstate(over="ignore"):
        for r in range(10):
            if r > 0:
                k0, k1 = np.uint32(k0 + w0), np.uint32(k1 + w1)
            p0, p1 = m0 * c[0], m1 * c[2]
            c = [(p1 >> np.uint64(32)) ^ c[1] ^ np.uint64(k0), p1 & mask,
                 (p0 >> np.uint64(32)) ^ c[3] ^ np.uint64(k1), p0 & mask]
    return np.stack([x.astype(np.uint32) for x in c], axis=1)


def philox_stream(seed, offset, n):
    """The words glcompute.Random gives for n elements at block `offset` (random.hpp)."""
    blocks = (n + 3) // 4
    index = np.arange(blocks, dtype=np.uint64) + np.uint64(offset)
    counters = np.zeros((blocks, 4), np.uint32)
    counters[:, 0] = (index & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    counters[:, 1] = (index >> np.uint64(32)).astype(np.uint32)
    key = (seed & 0xFFFFFFFF, seed >> 32)
    return philox4x32_10(counters, key).reshape(-1)[:n]


@pytest.fixture(scope="session", autouse=True)
def _spirv_path_needs_the_driver(request):
    """The SPIR-V reruns skip, with the reason, where the driver cannot load SPIR-V."""
    if spirv_path() and not request.getfixturevalue("ctx").info.features.gl_spirv:
        pytest.skip("GLCOMPUTE_SHADER_PATH=spirv, but the driver lacks ARB_gl_spirv")
