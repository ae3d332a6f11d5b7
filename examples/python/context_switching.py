"""The "context switching" slide of the talk "Accelerated Python": the same amount of random
numbers as many small calls and as a few large ones.

The talk (CuPy): 10000 calls of cp.random.uniform(0.0, 1.0, (256, 256)) took 1.07 s, 10 calls of
(1000, 256, 256) 0.05 s. Here: glcompute on the GPU and NumPy on the CPU, the same counts and
shapes, float32, each call writing into a buffer made once (out=), everything waited for.

    python3 examples/python/context_switching.py                   # the talk's counts
    python3 examples/python/context_switching.py --calls 100 --batches 2   # a quick run
"""

import argparse
import sys
import time

import numpy as np

import glcompute as gc


def timed(f):
    t0 = time.perf_counter()
    f()
    return time.perf_counter() - t0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=10000, help="small calls of (256, 256) (default 10000)")
    parser.add_argument("--batches", type=int, default=10,
                        help="large calls, each of (calls / batches, 256, 256) (default 10)")
    args = parser.parse_args(argv)
    if args.calls < 1 or args.batches < 1 or args.calls % args.batches:
        parser.error("--calls and --batches must be positive, and --batches must divide --calls")

    ctx = gc.default_context()
    small, large = (256, 256), (args.calls // args.batches, 256, 256)
    g_small, g_large = ctx.zeros(small, np.float32), ctx.zeros(large, np.float32)
    rng = np.random.default_rng()
    n_small, n_large = np.empty(small, np.float32), np.empty(large, np.float32)

    def gpu(out, calls):
        for _ in range(calls):
            gc.random.uniform(0.0, 1.0, size=out.shape, dtype=np.float32, out=out)
        ctx.finish()

    def cpu(out, calls):
        for _ in range(calls):
            rng.random(dtype=np.float32, out=out)

    gpu(g_small, 1)  # compiles the kernel
    rows = [
        ("glcompute", args.calls, small, timed(lambda: gpu(g_small, args.calls))),
        ("glcompute", args.batches, large, timed(lambda: gpu(g_large, args.batches))),
        ("numpy", args.calls, small, timed(lambda: cpu(n_small, args.calls))),
        ("numpy", args.batches, large, timed(lambda: cpu(n_large, args.batches))),
    ]
    print(f"device: {ctx.info.renderer}")
    header = f"{'library':>10} {'calls':>7} {'shape':>17} {'numbers':>14} {'time':>10} {'per call':>12}"
    print(header)
    print("-" * len(header))
    for library, calls, shape, seconds in rows:
        numbers = calls * int(np.prod(shape))
        print(f"{library:>10} {calls:>7} {str(shape):>17} {numbers:>14,} {seconds:>8.4f} s "
              f"{seconds / calls * 1e6:>9.1f} us")
    print(f"glcompute: many small calls / few large calls = {rows[0][3] / rows[1][3]:.1f}x "
          f"(numpy: {rows[2][3] / rows[3][3]:.1f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
