#!/usr/bin/env python3
"""moderngl yardsticks for glcompute_bench's transfer rows: the same transfers with moderngl
(Debian: python3-moderngl) on the same GL driver, run by glcompute_bench itself so that both
are measured in one run. Prints one line per row on stdout, tab-separated:

    row  OP  N  SECONDS  MODERNGL_CALL
    note TEXT

    /usr/bin/python3 bench/moderngl_yardstick.py [--sizes 1e4,1e6,1e8] [--repeats 5] [--quick]
    /usr/bin/python3 bench/moderngl_yardstick.py --serve

With --serve it prints its notes and "ready", then measures one row per line read from stdin
("OP N REPEATS"), answering each with its row line, until stdin ends; then the closing note.
glcompute_bench serves itself this way, right after measuring the same row, so that both sides
of every ratio are measured within seconds of each other on a machine whose load changes.

moderngl has neither mapped views nor reads in flight; each glcompute row is set against the
moderngl call that moves the same bytes between the same kinds of memory (see ROWS); for
upload_map_fill, whose timing includes filling the view from a vector, that is copying into an
array first and writing the array. Timing
follows glcompute_bench's rule: ctx.finish() first (not timed), one warm-up, then the best of
--repeats runs, stopping once 3 s have gone by (at least one timed run).

Exit status 3: moderngl (or numpy) cannot be imported; 4: it gives no context on this machine.
"""

import argparse
import math
import sys
import time

# glcompute_bench op -> (what moderngl does for it, how)
ROWS = (
    ("readback_vector", "buffer.read_into(existing array)"),
    ("readback_alloc", "buffer.read() (new bytes)"),
    ("readback_map", "buffer.read_into(existing array)"),
    ("readback_async", "buffer.read_into(existing array)"),
    ("readback_async_get", "buffer.read() (new bytes)"),
    ("upload_vector", "buffer.write(array) + finish"),
    ("upload_map", "buffer.write(array) + finish"),
    ("upload_map_fill", "copyto(array, source), write(array) + finish"),
)
BUDGET_SECONDS = 3.0
MAX_GROUPS = 65535  # GL_MAX_COMPUTE_WORK_GROUP_COUNT: the least GL 4.3 allows, llvmpipe's value


def parse_sizes(text):
    sizes = []
    for item in text.split(","):
        value = float(item)
        if value < 1 or value != int(value):
            raise argparse.ArgumentTypeError(f"'{item}' is not a whole number of elements >= 1")
        sizes.append(int(value))
    return sizes


def best_of(ctx, repeats, work):
    """Best host time of work() after a ctx.finish() and one warm-up, as glcompute_bench times."""
    start = time.perf_counter()
    ctx.finish()
    work()
    best = math.inf
    for i in range(repeats):
        if i >= 1 and time.perf_counter() - start >= BUDGET_SECONDS:
            break
        ctx.finish()
        t0 = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - t0)
    return best


class Fixture:
    """A moderngl buffer of n floats and the host arrays its transfers use."""

    def __init__(self, ctx, np, n):
        self.ctx, self.np, self.n = ctx, np, n
        self.host = np.full(n, 0.5, dtype=np.float32)
        self.out = np.zeros(n, dtype=np.float32)  # resident, as glcompute_bench's vectors
        self.staging = np.zeros(n, dtype=np.float32)
        self.buf = ctx.buffer(reserve=4 * n)
        self.buf.write(self.host)

    def work(self, call):
        ctx, buf = self.ctx, self.buf

        def upload():
            buf.write(self.host)
            ctx.finish()

        def fill_and_upload():  # the data produced into host memory first, as into a view
            self.np.copyto(self.staging, self.host)
            buf.write(self.staging)
            ctx.finish()

        return {
            "buffer.read_into(existing array)": lambda: buf.read_into(self.out),
            "buffer.read() (new bytes)": lambda: buf.read(),
            "buffer.write(array) + finish": upload,
            "copyto(array, source), write(array) + finish": fill_and_upload,
        }[call]

    def release(self):
        if not self.np.array_equal(self.np.frombuffer(self.buf.read(), dtype=self.np.float32), self.host):
            raise RuntimeError("moderngl read back something else than it wrote")
        self.buf.release()


CALLS = dict(ROWS)


def measure(ctx, fixture, op, repeats):
    call = CALLS[op]
    return best_of(ctx, repeats, fixture.work(call)), call


def print_row(op, n, seconds, call):
    print(f"row\t{op}\t{n}\t{seconds!r}\t{call}", flush=True)
    print(f"  moderngl {op:19s} n={n:<10d} {seconds * 1e3:10.4f} ms  {call}", file=sys.stderr)


def serve(ctx, np):
    """One row per request line "OP N REPEATS" from stdin, until it ends."""
    fixture = None
    print("ready", flush=True)
    for line in sys.stdin:
        fields = line.split()
        if len(fields) != 3 or fields[0] not in CALLS:
            print(f"error\tbad request: {line.strip()}", flush=True)
            continue
        op, n, repeats = fields[0], int(fields[1]), int(fields[2])
        if fixture is None or fixture.n != n:
            if fixture is not None:
                fixture.release()
            fixture = None  # the old arrays go before the new ones are made
            fixture = Fixture(ctx, np, n)
        seconds, call = measure(ctx, fixture, op, repeats)
        print_row(op, n, seconds, call)
    if fixture is not None:
        fixture.release()


def large_grid_note(ctx, np):
    """What moderngl does with a dispatch of more work groups than GL allows in one call."""
    groups = MAX_GROUPS + 1
    shader = ctx.compute_shader("""#version 430
layout(local_size_x = 1) in;
layout(std430, binding = 0) buffer Out { uint x[]; };
void main() { x[gl_WorkGroupID.x] = 1u; }
""")
    buf = ctx.buffer(np.zeros(groups, dtype=np.uint32))
    buf.bind_to_storage_buffer(0)
    shader.run(group_x=groups)
    ctx.finish()
    written = int(np.frombuffer(buf.read(), dtype=np.uint32).sum())
    error = ctx.error
    buf.release()
    shader.release()
    return (f"moderngl run(group_x={groups}) wrote {written} of {groups} elements "
            f"and raised nothing (GL said {error}); glcompute splits such grids")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="sizes 1e4,1e6, 2 repeats")
    parser.add_argument("--sizes", type=parse_sizes, help="comma-separated element counts")
    parser.add_argument("--repeats", type=int, help="timed runs after the warm-up (default 5)")
    parser.add_argument("--serve", action="store_true", help="measure rows asked for on stdin")
    args = parser.parse_args(argv)
    sizes = args.sizes or ([10**4, 10**6] if args.quick else [10**4, 10**6, 10**8])
    repeats = max(1, args.repeats or (2 if args.quick else 5))

    try:
        import moderngl
        import numpy as np
    except ImportError as e:
        print(f"moderngl_yardstick: {e} (Debian: python3-moderngl python3-numpy)", file=sys.stderr)
        return 3
    try:
        ctx = moderngl.create_standalone_context(backend="egl", require=430)
    except Exception as e:  # no EGL driver, or GL below 4.3
        print(f"moderngl_yardstick: no moderngl context: {e}", file=sys.stderr)
        return 4

    print(f"note\tmoderngl {moderngl.__version__} on {ctx.info['GL_RENDERER']}, "
          f"numpy {np.__version__}, Python {sys.version.split()[0]}", flush=True)
    if args.serve:
        serve(ctx, np)
    else:
        for n in sizes:
            fixture = Fixture(ctx, np, n)
            measured = {}
            for op, call in ROWS:
                if call not in measured:  # one measurement per distinct call
                    measured[call] = measure(ctx, fixture, op, repeats)[0]
                print_row(op, n, measured[call], call)
            fixture.release()
    print(f"note\t{large_grid_note(ctx, np)}", flush=True)
    ctx.release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
