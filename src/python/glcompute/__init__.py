"""glcompute: GPU compute with OpenGL compute shaders, with NumPy arrays.

    import numpy as np, glcompute as gc
    ctx = gc.Context()                                   # headless: EGL, no window, no X server
    p = ctx.compile(open("saxpy.comp").read(), defines={"N": 4})
    x = ctx.buffer(np.arange(10**6, dtype=np.float32))   # shape and dtype kept
    y = ctx.zeros(x.shape, np.float32)
    p.bind("X", x).bind("Y", y).set("a", 2.0).set("n", x.size)   # converted to the GLSL types
    p.run_for(x.size)
    print(y.get())                                       # a NumPy array
    with y.map_read() as view:                           # zero-copy, while mapped
        a = np.asarray(view)

The module functions (zeros, buffer, random.uniform, ...) use a default context, created on
first use; the kernel library (sum, min, max, mean, fill, iota, linspace, Random) works on any
context's buffers. Failures raise glcompute.Error; shader failures glcompute.ShaderError with
.file, .line and .diagnostics. The GIL is released while glcompute waits for the GPU.
"""

import atexit as _atexit
import threading as _threading

import numpy as _np

from ._glcompute import (  # noqa: F401  (the package's API)
    AlgorithmPathInfo,
    AtomicCounterBufferInfo,
    Buffer,
    ComputeLimits,
    Context,
    ContextInfo,
    Diagnostic,
    Error,
    Features,
    ImageInfo,
    MappedRead,
    MappedWrite,
    PendingRead,
    Program,
    ProgramCacheStats,
    Random,
    ShaderError,
    StorageBlockInfo,
    Texture2D,
    Timing,
    UniformBlockInfo,
    UniformInfo,
    algorithm_path,
    argmax,
    argmin,
    argsort,
    copy_if,
    exclusive_scan,
    fill,
    histogram,
    inclusive_scan,
    iota,
    kernel_dtypes,
    max,
    mean,
    min,
    no_gpu_timeout,
    sort,
    sort_by_key,
    sum,
)
from ._glcompute import linspace as _linspace_into

__version__ = "0.1.0"

_default = None
_default_lock = _threading.Lock()


def default_context():
    """The context of the module functions (glcompute.zeros, glcompute.random...): made on first
    use with the default options (and then used by the thread that made it), or the one given to
    set_default_context."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Context()
        return _default


def set_default_context(ctx):
    """Makes `ctx` (a glcompute.Context, or None to make a new one on next use) the default."""
    global _default
    if ctx is not None and not isinstance(ctx, Context):
        raise TypeError(f"set_default_context needs a glcompute.Context, got {type(ctx).__name__}")
    with _default_lock:
        _default = ctx
    from . import random as _random

    _random._forget_default_generator()


def buffer(data, dtype=None):
    """default_context().buffer(data, dtype): a GPU copy of an array, shape and dtype kept."""
    return default_context().buffer(data, dtype)


asarray = buffer


def zeros(shape, dtype=_np.float64):
    """A zero-filled buffer on the default context (float64 by default, as NumPy's)."""
    return default_context().zeros(shape, dtype)


def empty(shape, dtype=_np.float64):
    """zeros(): glcompute zero-fills every buffer it makes."""
    return default_context().empty(shape, dtype)


def full(shape, value, dtype=_np.float64):
    """A buffer with every element `value`, on the default context."""
    return default_context().full(shape, value, dtype)


def arange(start_or_stop, stop=None, step=1, dtype=None):
    """Context.arange on the default context."""
    return default_context().arange(start_or_stop, stop, step, dtype)


def linspace(start, stop, num=50, dtype=_np.float32, *, out=None):
    """num evenly spaced values from start to stop, endpoints exact, made on the GPU: a new
    buffer on the default context, or written into `out` (a float32 buffer; num is then its
    size). float32 is the default: it is the kernel library's type."""
    if out is not None:
        _linspace_into(out, start, stop)
        return out
    return default_context().linspace(start, stop, num, dtype)


def info():
    """default_context().info: driver, versions, backend, limits and features."""
    return default_context().info


@_atexit.register
def _release_default():
    # The default context goes while the interpreter is still whole, not during its teardown.
    global _default
    from . import random as _random

    _random._forget_default_generator()
    _default = None


from . import random  # noqa: E402  (needs default_context)
