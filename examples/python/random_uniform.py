"""The random numbers slide of the talk "Accelerated Python": uniform numbers of growing shapes,
NumPy (on the CPU) against glcompute (on the GPU), timed in the same run.

    python3 examples/python/random_uniform.py            # shapes up to (10000, 10000)
    python3 examples/python/random_uniform.py --full     # and the talk's (10000, 100000)
    python3 examples/python/random_uniform.py --max-elements 1000000

NumPy's call is the talk's, np.random.uniform(0.0, 1.0, size=shape): float64. glcompute's is
gc.random.uniform(0.0, 1.0, size=shape, dtype=...), a buffer on the GPU, waited for with
ctx.finish(), in float32 and in float64 (NumPy's dtype)
(gc.kernel_dtypes()["random.uniform"] lists what the kernel library makes).
Times: best of 3 (one run for 10^8 elements and more), after a warm-up call that compiles the
kernel. (10000, 100000) is 10^9 numbers: 4 GB in float32, 8 GB in float64.
"""

import argparse
import sys
import time

import numpy as np

import glcompute as gc

SHAPES = [(100, 100), (1000, 1000), (10000, 10000), (10000, 100000)]


def best_of(runs, f):
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t0)
    return best


def glcompute_time(ctx, shape, dtype, runs):
    out = ctx.zeros(shape, dtype)

    def call():
        gc.random.uniform(0.0, 1.0, size=shape, dtype=dtype, out=out)
        ctx.finish()

    call()  # compiles the kernel (or loads it from the program cache)
    seconds = best_of(runs, call)
    del out
    return seconds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="add the talk's (10000, 100000)")
    parser.add_argument("--max-elements", type=int, default=10**8,
                        help="leave out shapes with more elements (default 10^8; --full: 10^9)")
    args = parser.parse_args(argv)
    limit = 10**9 if args.full else args.max_elements
    if limit < 1:
        parser.error("--max-elements must be at least 1")

    ctx = gc.default_context()
    made = gc.kernel_dtypes()["random.uniform"]
    print(f"device: {ctx.info.renderer}")
    print("numpy: np.random.uniform(0.0, 1.0, size) (float64); "
          "glcompute: gc.random.uniform(0.0, 1.0, size, dtype) + ctx.finish()")
    header = f"{'shape':>16} {'elements':>14} {'numpy float64':>14} {'glcompute float32':>18} " \
             f"{'glcompute float64':>18} {'ratio':>8}"
    print(header)
    print("-" * len(header))
    for shape in SHAPES:
        n = shape[0] * shape[1]
        if n > limit:
            continue
        runs = 1 if n >= 10**8 else 3
        t_numpy = best_of(runs, lambda: np.random.uniform(0.0, 1.0, size=shape))
        t_f32 = glcompute_time(ctx, shape, np.float32, runs)
        t_f64 = glcompute_time(ctx, shape, np.float64, runs) if "float64" in made else None
        f64 = f"{t_f64:.4f} s" if t_f64 is not None else "n/a"
        best_gpu = t_f64 if t_f64 is not None else t_f32
        print(f"{str(shape):>16} {n:>14,} {t_numpy:>12.4f} s {t_f32:>16.4f} s {f64:>18} "
              f"{t_numpy / best_gpu:>7.2f}x")
    if "float64" not in made:
        print("glcompute float64: n/a, the kernel library makes " + ", ".join(made) +
              " uniform numbers; ratio = numpy float64 / glcompute float32")
    return 0


if __name__ == "__main__":
    sys.exit(main())
