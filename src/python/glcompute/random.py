"""Random numbers made on the GPU, NumPy-style.

    import glcompute as gc
    r = gc.random.uniform(0.0, 1.0, size=(10000, 10000))   # a float64 gc.Buffer
    g = gc.random.Generator(seed=42)          # reproducible: the same numbers on every driver
    z = g.normal(10.0, 2.0, size=10**6, dtype=np.float32)

The generator is Philox4x32-10 (glcompute.Random), bit-identical to Random123. The functions
return glcompute.Buffers on the default context (or the generator's); out= fills an existing
buffer instead. As in NumPy, the default dtype is float64 and the default seed comes from the
operating system's entropy. A dtype the kernel library cannot make raises glcompute.Error
saying which it can: float32 and float64 uniform and normal numbers (float64 where the driver
has ARB_gpu_shader_fp64, Context.info.features.fp64) and uint32 bits.
"""

import secrets as _secrets
import threading as _threading

import numpy as _np

from . import _glcompute

__all__ = ["Generator", "default_rng", "seed", "uniform", "normal", "random", "bits"]


def _check_dtype(operation, dtype):
    name = _np.dtype(dtype).name
    available = _glcompute.kernel_dtypes()["random." + operation]
    if name not in available:
        hint = ""
        raise _glcompute.Error(
            f"glcompute.random.{operation}: glcompute's kernel library makes "
            f"{', '.join(available)} {operation} numbers; {name} is not available{hint}")
    return name


def _shape(size):
    return (int(size),) if isinstance(size, (int, _np.integer)) else tuple(int(n) for n in size)


class Generator:
    """Philox4x32-10 random numbers into GPU buffers.

    Generator(seed=None, ctx=None): seed None takes 64 bits from the operating system; ctx None
    is glcompute.default_context(). Results depend only on (seed, offset, count): the same on
    every driver and GPU.
    """

    def __init__(self, seed=None, ctx=None):
        if ctx is None:
            from . import default_context

            ctx = default_context()
        if seed is None:
            seed = _secrets.randbits(64)
        self._random = _glcompute.Random(ctx, seed)
        self.context = ctx

    @property
    def seed(self):
        return self._random.seed

    @property
    def offset(self):
        """The next call's first Philox block (4 words each); set it back to repeat a call."""
        return self._random.offset

    @offset.setter
    def offset(self, blocks):
        self._random.offset = blocks

    def _output(self, operation, size, dtype, out):
        if out is not None:
            if not isinstance(out, _glcompute.Buffer):
                raise TypeError(f"out must be a glcompute.Buffer, got {type(out).__name__}")
            _check_dtype(operation, out.dtype)
            if size is not None and _shape(size) != out.shape:
                raise _glcompute.Error(
                    f"glcompute.random.{operation}: size {_shape(size)} differs from out's shape {out.shape}")
            return out
        _check_dtype(operation, dtype)
        return self.context.zeros(() if size is None else size, dtype)

    def uniform(self, low=0.0, high=1.0, size=None, dtype=_np.float64, out=None):
        """Uniform numbers in [low, high) (always below high), as numpy.random.uniform."""
        out = self._output("uniform", size, dtype, out)
        self._random.uniform(out, low, high)
        return out

    def random(self, size=None, dtype=_np.float64, out=None):
        """Uniform numbers in [0, 1)."""
        return self.uniform(0.0, 1.0, size, dtype, out)

    def normal(self, loc=0.0, scale=1.0, size=None, dtype=_np.float64, out=None):
        """Normally distributed numbers (Box-Muller), mean `loc`, standard deviation `scale`."""
        out = self._output("normal", size, dtype, out)
        self._random.normal(out, loc, scale)
        return out

    def bits(self, size=None, out=None):
        """Raw 32-bit Philox words (uint32)."""
        out = self._output("bits", size, _np.uint32, out)
        self._random.bits(out)
        return out

    def __repr__(self):
        return f"<glcompute.random.Generator seed={self.seed} offset={self.offset}>"


def default_rng(seed=None, ctx=None):
    """A new Generator (numpy.random.default_rng's counterpart)."""
    return Generator(seed, ctx)


_default_generator = None
_default_generator_lock = _threading.Lock()


def _generator():
    global _default_generator
    with _default_generator_lock:
        if _default_generator is None:
            _default_generator = Generator()
        return _default_generator


def _forget_default_generator():
    global _default_generator
    with _default_generator_lock:
        _default_generator = None


def seed(value=None):
    """Restarts the module functions' generator at `value` (None: fresh entropy)."""
    global _default_generator
    generator = Generator(value)
    with _default_generator_lock:
        _default_generator = generator


def uniform(low=0.0, high=1.0, size=None, dtype=_np.float64, out=None):
    """Uniform numbers in [low, high) on the default context (the talk's call:
    glcompute.random.uniform(0.0, 1.0, size=(10000, 10000)), float64 as NumPy's)."""
    return _generator().uniform(low, high, size, dtype, out)


def random(size=None, dtype=_np.float64, out=None):
    """Uniform numbers in [0, 1) on the default context."""
    return _generator().random(size, dtype, out)


def normal(loc=0.0, scale=1.0, size=None, dtype=_np.float64, out=None):
    """Normally distributed numbers on the default context."""
    return _generator().normal(loc, scale, size, dtype, out)


def bits(size=None, out=None):
    """Raw 32-bit words on the default context."""
    return _generator().bits(size, out)
