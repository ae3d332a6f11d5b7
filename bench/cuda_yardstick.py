#!/usr/bin/env python3
"""CUDA-stack yardsticks for glcompute_bench: the same operations with PyTorch (and CuPy where
it is installed), timed the same way, written as JSON rows in glcompute_bench's format.

    python3 bench/cuda_yardstick.py --json cuda.json [--quick] [--sizes 1e4,1e6,1e8] [--ops LIST]

Each row names the glcompute_bench op it corresponds to; "yardstick" names the library call
("torch rand", "cupy sum", ...) and "seconds" and "yardstick_seconds" both hold its best time.
Times: one warm-up, then the best of --repeats runs. Device work whose result stays on the GPU
is timed with CUDA events (clock "cuda"); calls that bring a result to the host, or wait for a
transfer, with the host clock after a torch.cuda.synchronize() (clock "host").

Importable without torch or cupy: they are imported when main() runs, and CuPy rows are left out
when CuPy is missing.
"""

import argparse
import datetime
import json
import math
import sys
import time

# The dispatch cases of glcompute_bench (bench/cases.cpp, kFullPlan / kQuickPlan).
ROW_ELEMENTS = 256 * 256
FULL_PLAN = dict(tiny_dispatches=10000, small_count=10000, large_count=10, large_depth=1000)
QUICK_PLAN = dict(tiny_dispatches=1000, small_count=1000, large_count=10, large_depth=100)
A, B = 0.999, 0.001  # x = x * A + B, a fixed point at 1


def parse_sizes(text):
    sizes = []
    for item in text.split(","):
        value = float(item)
        if value < 1 or value != int(value):
            raise argparse.ArgumentTypeError(f"'{item}' is not a whole number of elements >= 1")
        sizes.append(int(value))
    return sizes


class Bench:
    """Timing helpers and the rows measured so far."""

    def __init__(self, torch, repeats, ops=None):
        self.torch = torch
        self.repeats = repeats
        self.ops = ops  # None: every op
        self.rows = []

    def wants(self, op):
        return self.ops is None or op in self.ops

    def cuda_seconds(self, work):
        """Best CUDA-event time of work() after one warm-up."""
        torch = self.torch
        work()
        best = math.inf
        for _ in range(self.repeats):
            start = torch.cuda.Event(enable_timing=True)
            stop = torch.cuda.Event(enable_timing=True)
            torch.cuda.synchronize()
            start.record()
            work()
            stop.record()
            stop.synchronize()
            best = min(best, start.elapsed_time(stop) * 1e-3)
        return best

    def host_seconds(self, work):
        """Best host time of work() (which must wait for its own result) after one warm-up."""
        work()
        best = math.inf
        for _ in range(self.repeats):
            self.torch.cuda.synchronize()
            t0 = time.perf_counter()
            work()
            best = min(best, time.perf_counter() - t0)
        return best

    def add(self, op, n, library, seconds, clock, nbytes):
        gbps = nbytes / seconds * 1e-9 if nbytes and seconds > 0 else None
        self.rows.append(dict(op=op, n=n, seconds=seconds, clock=clock, bytes=nbytes or None,
                              gbps=gbps, yardstick=library, yardstick_seconds=seconds, ratio=None))
        print(f"  {op:17s} n={n:<10d} {seconds * 1e3:10.4f} ms  {library}", file=sys.stderr)

    def cuda(self, op, n, library, work, nbytes):
        if self.wants(op):
            self.add(op, n, library, self.cuda_seconds(work), "cuda", nbytes)

    def host(self, op, n, library, work, nbytes):
        if self.wants(op):
            self.add(op, n, library, self.host_seconds(work), "host", nbytes)


SIZE_OPS = ("uniform", "normal", "fill", "sum", "max", "readback_vector", "readback_alloc",
            "readback_map", "readback_async", "upload_vector", "upload_map")


def torch_size_rows(bench, n):
    """Kernels, reductions, readbacks and uploads of n floats with PyTorch."""
    torch = bench.torch
    if not any(bench.wants(op) for op in SIZE_OPS):
        return
    nbytes = 4 * n
    x = torch.empty(n, device="cuda", dtype=torch.float32)
    pageable = torch.full((n,), 0.5, dtype=torch.float32)
    pinned = torch.full((n,), 0.5, dtype=torch.float32).pin_memory()
    sync = torch.cuda.synchronize

    bench.cuda("uniform", n, "torch rand", lambda: torch.rand(n, out=x), nbytes)
    bench.cuda("normal", n, "torch randn", lambda: torch.randn(n, out=x), nbytes)
    bench.cuda("fill", n, "torch fill_", lambda: x.fill_(1.0), nbytes)
    bench.host("sum", n, "torch sum().item()", lambda: x.sum().item(), nbytes)
    bench.host("max", n, "torch max().item()", lambda: x.max().item(), nbytes)
    bench.host("readback_vector", n, "torch D2H copy_ into pageable",
               lambda: pageable.copy_(x), nbytes)
    bench.host("readback_alloc", n, "torch .to('cpu')", lambda: x.to("cpu"), nbytes)
    bench.host("readback_map", n, "torch D2H copy_ into pinned", lambda: pinned.copy_(x), nbytes)

    def async_readback():
        pinned.copy_(x, non_blocking=True)
        sync()

    bench.host("readback_async", n, "torch D2H non_blocking into pinned + sync", async_readback,
               nbytes)

    def async_new_tensor():
        y = x.to("cpu", non_blocking=True)
        sync()
        return y

    bench.host("readback_async_get", n, "torch .to('cpu', non_blocking=True) + sync",
               async_new_tensor, nbytes)

    def upload(source):
        x.copy_(source)
        sync()

    bench.host("upload_vector", n, "torch H2D copy_ from pageable", lambda: upload(pageable), nbytes)
    bench.host("upload_map", n, "torch H2D copy_ from pinned", lambda: upload(pinned), nbytes)

    def fill_pinned_and_upload():
        pinned.copy_(pageable)
        upload(pinned)

    bench.host("upload_map_fill", n, "torch pinned.copy_(pageable), H2D copy_ + sync",
               fill_pinned_and_upload, nbytes)
    del x, pageable, pinned


def torch_f64_rows(bench, n):
    """The float64 rows (NumPy's default dtype) with PyTorch: n doubles."""
    torch = bench.torch
    nbytes = 8 * n
    x = torch.empty(n, device="cuda", dtype=torch.float64)
    bench.cuda("uniform_f64", n, "torch rand float64", lambda: torch.rand(n, out=x, dtype=torch.float64), nbytes)
    bench.cuda("normal_f64", n, "torch randn float64", lambda: torch.randn(n, out=x, dtype=torch.float64), nbytes)
    x.fill_(0.5)
    bench.host("sum_f64", n, "torch sum().item() float64", lambda: x.sum().item(), nbytes)
    bench.host("max_f64", n, "torch max().item() float64", lambda: x.max().item(), nbytes)
    del x


def cupy_f64_rows(bench, cupy, n):
    """The float64 rows with CuPy, whose random functions give float64 by default (the talk's
    cp.random.uniform(size=(10000, 10000)))."""
    nbytes = 8 * n

    def cupy_cuda(op, library, work):
        work()
        best = math.inf
        for _ in range(bench.repeats):
            start, stop = cupy.cuda.Event(), cupy.cuda.Event()
            start.record()
            work()
            stop.record()
            stop.synchronize()
            best = min(best, cupy.cuda.get_elapsed_time(start, stop) * 1e-3)
        bench.add(op, n, library, best, "cuda", nbytes)

    cupy_cuda("uniform_f64", "cupy random.uniform float64", lambda: cupy.random.uniform(size=n))
    cupy_cuda("normal_f64", "cupy random.standard_normal float64",
              lambda: cupy.random.standard_normal(size=n))
    x = cupy.full(n, 0.5, dtype=cupy.float64)
    bench.host("sum_f64", n, "cupy sum() float64 to host", lambda: float(x.sum()), nbytes)
    bench.host("max_f64", n, "cupy max() float64 to host", lambda: float(x.max()), nbytes)
    del x


def cupy_size_rows(bench, cupy, n):
    """CuPy's random numbers and reductions of n floats."""
    if not any(bench.wants(op) for op in SIZE_OPS):
        return
    nbytes = 4 * n
    x = cupy.full(n, 0.5, dtype=cupy.float32)

    def cupy_cuda(op, library, work):
        if not bench.wants(op):
            return
        work()
        best = math.inf
        for _ in range(bench.repeats):
            start, stop = cupy.cuda.Event(), cupy.cuda.Event()
            start.record()
            work()
            stop.record()
            stop.synchronize()
            best = min(best, cupy.cuda.get_elapsed_time(start, stop) * 1e-3)
        bench.add(op, n, library, best, "cuda", nbytes)

    cupy_cuda("uniform", "cupy random.rand", lambda: cupy.random.rand(n, dtype=cupy.float32))
    cupy_cuda("normal", "cupy random.randn", lambda: cupy.random.randn(n, dtype=cupy.float32))
    bench.host("sum", n, "cupy sum() to host", lambda: float(x.sum()), nbytes)
    bench.host("max", n, "cupy max() to host", lambda: float(x.max()), nbytes)
    del x


# The algorithm rows of glcompute_bench (bench/algorithms.cpp): sort at most 10^7 keys.
MAX_SORT_KEYS = 10**7
ALGORITHM_OPS = ("inclusive_scan", "sort", "histogram", "saxpy", "dot", "argmax", "copy_if")


def torch_algorithm_rows(bench, n):
    """Scan, sort, histogram, saxpy, dot, argmax and copy_if of n uniform floats, PyTorch."""
    torch = bench.torch
    if not any(bench.wants(op) for op in ALGORITHM_OPS):
        return
    x = torch.rand(n, device="cuda")
    y = torch.rand(n, device="cuda")
    z = torch.empty(n, device="cuda")
    bench.cuda("inclusive_scan", n, "torch cumsum", lambda: torch.cumsum(x, 0, out=z), 8 * n)
    sn = min(n, MAX_SORT_KEYS)
    keys = x[:sn].clone()
    bench.cuda("sort", sn, "torch sort (values + int64 indices)", lambda: torch.sort(keys), 16 * sn)
    bench.cuda("sort", sn, "torch sort stable", lambda: torch.sort(keys, stable=True), 16 * sn)
    bench.cuda("histogram", n, "torch histc 256 bins", lambda: torch.histc(x, bins=256, min=0, max=1), 4 * n)
    bench.cuda("saxpy", n, "torch add(y, x, alpha=2, out=z)", lambda: torch.add(y, x, alpha=2.0, out=z), 12 * n)
    bench.host("dot", n, "torch dot().item()", lambda: torch.dot(x, y).item(), 8 * n)
    bench.host("argmax", n, "torch argmax().item()", lambda: torch.argmax(x).item(), 4 * n)
    bench.host("copy_if", n, "torch x[x > 0.5] (size known)", lambda: x[x > 0.5].numel(), 6 * n)
    del x, y, z, keys


def cupy_algorithm_rows(bench, cupy, n):
    """The same with CuPy, including its ElementwiseKernel and ReductionKernel."""
    if not any(bench.wants(op) for op in ALGORITHM_OPS):
        return
    x = cupy.random.rand(n, dtype=cupy.float32)
    y = cupy.random.rand(n, dtype=cupy.float32)
    z = cupy.empty(n, dtype=cupy.float32)
    saxpy = cupy.ElementwiseKernel("float32 x, float32 y, float32 a", "float32 z", "z = a * x + y", "saxpy")
    dot = cupy.ReductionKernel("float32 x, float32 y", "float32 z", "x * y", "a + b", "z = a", "0", "dot")
    a = cupy.float32(2.0)

    def timed(op, library, work, nbytes, count=n):
        if not bench.wants(op):
            return
        work()
        best = math.inf
        for _ in range(bench.repeats):
            start, stop = cupy.cuda.Event(), cupy.cuda.Event()
            start.record()
            work()
            stop.record()
            stop.synchronize()
            best = min(best, cupy.cuda.get_elapsed_time(start, stop) * 1e-3)
        bench.add(op, count, library, best, "cuda", nbytes)

    timed("inclusive_scan", "cupy cumsum", lambda: cupy.cumsum(x, out=z), 8 * n)
    sn = min(n, MAX_SORT_KEYS)
    keys = x[:sn].copy()
    timed("sort", "cupy argsort", lambda: cupy.argsort(keys), 16 * sn, sn)
    timed("histogram", "cupy histogram 256 bins", lambda: cupy.histogram(x, bins=256, range=(0.0, 1.0)), 4 * n)
    timed("saxpy", "cupy ElementwiseKernel saxpy", lambda: saxpy(x, y, a, z), 12 * n)
    bench.host("dot", n, "cupy ReductionKernel dot to host", lambda: float(dot(x, y)), 8 * n)
    bench.host("argmax", n, "cupy argmax to host", lambda: int(x.argmax()), 4 * n)
    bench.host("copy_if", n, "cupy x[x > 0.5] (size known)", lambda: x[x > 0.5].size, 6 * n)
    del x, y, z, keys


def torch_dispatch_rows(bench, plan):
    """Launch cost and the "context switching" demo with PyTorch."""
    torch = bench.torch
    tiny = torch.ones(256, device="cuda")
    count = plan["tiny_dispatches"]

    def tiny_launches():
        for _ in range(count):
            tiny.add_(1.0)

    seconds = bench.cuda_seconds(tiny_launches) / count
    bench.add("tiny_dispatch", 256, "torch add_ (256 elements)", seconds, "cuda", None)

    # x.lerp_(1, w) = x + w * (1 - x) = x * (1 - w) + w: x * A + B in one kernel.
    large = torch.ones(plan["large_depth"] * ROW_ELEMENTS, device="cuda")
    end = torch.ones((), device="cuda")
    for op, count, elements in (("small_dispatches", plan["small_count"], ROW_ELEMENTS),
                                ("large_dispatches", plan["large_count"], large.numel())):
        view = large[:elements]

        def launches(view=view, count=count):
            for _ in range(count):
                view.lerp_(end, B)

        total = elements * count
        bench.cuda(op, total, "torch lerp_ (x*a+b, 1 kernel)", launches, 8 * total)
    del tiny, large


def cupy_dispatch_rows(bench, cupy, plan):
    """The "context switching" demo with a CuPy elementwise kernel."""
    axpb = cupy.ElementwiseKernel("float32 a, float32 b", "float32 x", "x = x * a + b", "axpb")
    large = cupy.ones(plan["large_depth"] * ROW_ELEMENTS, dtype=cupy.float32)
    a, b = cupy.float32(A), cupy.float32(B)
    for op, count, elements in (("small_dispatches", plan["small_count"], ROW_ELEMENTS),
                                ("large_dispatches", plan["large_count"], large.size)):
        view = large[:elements]

        def launches(view=view, count=count):
            for _ in range(count):
                axpb(a, b, view)

        total = elements * count
        bench.cuda(op, total, "cupy ElementwiseKernel x*a+b", launches, 8 * total)
    del large


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", required=True, help="where to write the rows")
    parser.add_argument("--quick", action="store_true", help="sizes 1e4,1e6 and small dispatch cases")
    parser.add_argument("--sizes", type=parse_sizes, help="comma-separated element counts")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs after the warm-up")
    parser.add_argument("--ops", help="only these ops, comma-separated (default: all)")
    args = parser.parse_args(argv)
    sizes = args.sizes or ([10**4, 10**6] if args.quick else [10**4, 10**6, 10**8])
    plan = QUICK_PLAN if args.quick else FULL_PLAN

    try:
        import torch
    except ImportError:
        print("cuda_yardstick: PyTorch is not installed", file=sys.stderr)
        return 1
    if not torch.cuda.is_available():
        print("cuda_yardstick: torch.cuda.is_available() is False", file=sys.stderr)
        return 1
    try:
        import cupy
    except Exception as e:  # missing, or installed without a matching CUDA runtime
        print(f"cuda_yardstick: CuPy unavailable ({e}); torch rows only", file=sys.stderr)
        cupy = None

    bench = Bench(torch, max(1, args.repeats), set(args.ops.split(",")) if args.ops else None)
    device = torch.cuda.get_device_name()
    print(f"cuda_yardstick on {device}: torch {torch.__version__}"
          + (f", cupy {cupy.__version__}" if cupy else ""), file=sys.stderr)
    for n in sizes:
        torch_size_rows(bench, n)
        if cupy:
            cupy_size_rows(bench, cupy, n)
        torch_f64_rows(bench, n)
        if cupy:
            cupy_f64_rows(bench, cupy, n)
        torch_algorithm_rows(bench, n)
        if cupy:
            cupy_algorithm_rows(bench, cupy, n)
    if bench.wants("tiny_dispatch") or bench.wants("small_dispatches"):
        torch_dispatch_rows(bench, plan)
        if cupy:
            cupy_dispatch_rows(bench, cupy, plan)

    result = dict(tool="cuda_yardstick",
                  date=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
                  quick=args.quick,
                  device=dict(renderer=device, torch=torch.__version__,
                              cupy=cupy.__version__ if cupy else None),
                  rows=bench.rows)
    with open(args.json, "w") as f:
        json.dump(result, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
