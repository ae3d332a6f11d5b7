"""glcompute.Context: creation and its errors, info, finish, time, the program cache, threads."""

import os
import subprocess
import sys
import threading

import numpy as np
import pytest

import glcompute as gc


def test_info_describes_the_driver(ctx):
    info = ctx.info
    assert info.renderer and info.vendor and info.version
    assert info.gl_version >= (4, 3)
    assert info.backend in ("egl", "glfw")
    assert info.limits.max_work_group_count[0] >= 65535
    assert info.limits.max_storage_block_bytes >= 2**24
    assert isinstance(info.features.gl_spirv, bool)
    report = str(info)
    assert info.renderer in report and "\n" in report
    assert info.renderer in repr(ctx)


def test_options_are_checked():
    with pytest.raises(gc.Error, match="backend must be 'auto', 'egl' or 'glfw'"):
        gc.Context(backend="vulkan")
    with pytest.raises(gc.Error, match="gpu_timeout"):
        gc.Context(gpu_timeout=-1)
    with pytest.raises(gc.Error, match="gpu_timeout"):
        gc.Context(gpu_timeout=float("inf"))
    with pytest.raises(gc.Error, match="staging_bytes"):
        gc.Context(staging_bytes=-5)
    with pytest.raises(TypeError):
        gc.Context(min_version="4.3")


def test_a_missing_device_names_what_was_tried():
    with pytest.raises(gc.Error) as e:
        gc.Context(backend="egl", device=999)
    assert "999" in str(e.value)


def test_a_version_the_driver_lacks_is_an_error():
    with pytest.raises(gc.Error, match="9.9|9\\.9"):
        gc.Context(backend="egl", min_version=(9, 9))


def test_errors_are_runtime_errors():
    assert issubclass(gc.Error, RuntimeError)
    assert issubclass(gc.ShaderError, gc.Error)


def test_finish_and_time(ctx):
    p = ctx.compile("""#version 430
        layout(local_size_x = 64) in;
        layout(std430, binding = 0) buffer B { float b[]; };
        void main() { b[gl_GlobalInvocationID.x] += 1.0; }""")
    b = ctx.zeros(64 * 16, np.float32)
    p.bind("B", b)
    ctx.finish()
    t = ctx.time(lambda: p.run(16))
    assert isinstance(t, gc.Timing)
    assert t.seconds > 0 and float(t) == t.seconds
    assert isinstance(t.gpu_timer, bool)
    assert np.all(b.get() == 1.0)


def test_time_passes_exceptions_through_and_can_run_again(ctx):
    def work():
        raise ValueError("from the work")

    with pytest.raises(ValueError, match="from the work"):
        ctx.time(work)
    assert ctx.time(lambda: None).seconds >= 0  # no query left open


def test_time_cannot_nest(ctx):
    with pytest.raises(gc.Error, match="nest"):
        ctx.time(lambda: ctx.time(lambda: None))


def test_program_cache_directory_hits_and_off(tmp_path):
    source = """#version 430
        layout(local_size_x = 1) in;
        layout(std430, binding = 0) buffer B { uint b[]; };
        void main() { b[0] = 7u; }"""
    first = gc.Context(program_cache=tmp_path)
    stats = first.program_cache
    if not stats.enabled:
        pytest.skip("the driver offers no program binary formats: " + stats.off_reason)
    assert stats.directory == str(tmp_path)
    p = first.compile(source)
    assert not p.loaded_from_cache
    assert first.program_cache.stores >= 1
    del p, first
    second = gc.Context(program_cache=str(tmp_path))
    q = second.compile(source)
    assert q.loaded_from_cache
    assert second.program_cache.hits >= 1
    b = second.zeros(1, np.uint32)
    q.bind("B", b).run()
    assert b.get()[0] == 7
    off = gc.Context(program_cache=False)
    assert not off.program_cache.enabled and off.program_cache.directory == ""
    assert not off.compile(source).loaded_from_cache


def test_another_thread_gets_an_error_not_a_race(ctx):
    b = ctx.buffer(np.arange(10, dtype=np.float32))
    errors = []

    def use():
        try:
            b.get()
        except gc.Error as e:
            errors.append(str(e))

    t = threading.Thread(target=use)
    t.start()
    t.join()
    assert len(errors) == 1 and "another thread" in errors[0]
    assert np.array_equal(b.get(), np.arange(10, dtype=np.float32))  # still fine here


def test_objects_keep_their_context_alive():
    b = gc.Context().buffer(np.arange(5, dtype=np.int32))  # the context object is gone at once
    assert np.array_equal(b.get(), np.arange(5))
    assert isinstance(b.context, gc.Context)
    assert b.context == b.context and hash(b.context) == hash(b.context)
    assert b.context != gc.Context()


def test_exit_with_live_objects_is_clean():
    script = """
import numpy as np, glcompute as gc
ctx = gc.Context()
b = ctx.buffer(np.ones(1000, np.float32))
view = b.map_read()
a = np.asarray(view)
r = gc.random.uniform(0, 1, size=100, dtype=np.float32)   # the default context too
p = ctx.compile('''#version 430
layout(local_size_x = 1) in;
layout(std430, binding = 0) buffer B { float b[]; };
void main() { b[0] = 2.0; }''')
p.bind("B", b)
print("ok", a.sum())
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok 1000.0"


@pytest.mark.skipif(not os.environ.get("DISPLAY") or os.environ.get("GLCOMPUTE_PYTHON_GLFW") != "1",
                    reason="the GLFW backend needs a display: ctest runs this under xvfb-run")
def test_glfw_backend():
    ctx = gc.Context(backend="glfw")
    assert ctx.info.backend == "glfw"
    b = ctx.buffer(np.arange(4, dtype=np.uint32))
    assert np.array_equal(b.get(), [0, 1, 2, 3])
