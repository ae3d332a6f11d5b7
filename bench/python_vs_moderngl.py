#!/usr/bin/env python3
"""glcompute's Python package against moderngl on the same GL driver, in the same run.

    PYTHONPATH=build/python /usr/bin/python3 bench/python_vs_moderngl.py            # the table
    PYTHONPATH=build/python /usr/bin/python3 bench/python_vs_moderngl.py --quick    # smaller, fast

Rows (both libraries do the same work; each side runs in a process of its own, twice, in turn,
and keeps its best time of all runs; every timed run follows a warm-up run):
  talk_8x8         the talk's compute shader slide end to end: create a context, compile, two
                   (8, 8) buffers from NumPy arrays, bind, run, read both back as (8, 8) arrays,
                   release the context
  tiny_dispatch    1000 dispatches of one 64-invocation work group from Python, then a finish;
                   per dispatch
  read_into        10^7 float32 from a GPU buffer into an existing NumPy array
                   (moderngl Buffer.read_into, glcompute Buffer.get(out=))
  upload           10^7 float32 from a NumPy array into a GPU buffer, then a finish
                   (moderngl Buffer.write, glcompute Buffer.set)
and, for the picture, glcompute ways that have no moderngl twin or differ from it:
  read_new         into a new array (moderngl: np.frombuffer(Buffer.read()))
  read_map         glcompute map_read() and np.asarray of the view (zero-copy), view closed
  *, staging off   talk_8x8, read_into and upload on contexts with staging_bytes=0 (the plain
                   glGetBufferSubData/glBufferSubData path, the one moderngl takes)
moderngl runs on EGL (create_standalone_context(backend="egl")) so that both are headless.
Needs moderngl (Debian: python3-moderngl) for its column; without it the column is empty.
"""

import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np

SHADER = """
#version 430

layout (local_size_x=64) in;

layout (std430, binding=1) buffer outs_1
{
    float xs[1];
};

layout (std430, binding=2) buffer outs_2
{
    int ys[1];
};

void main()
{
    uint i = gl_LocalInvocationIndex;
    xs[i] = float(i) * 2.0;
    ys[i] = int(i);
}
"""

TINY = """
#version 430
layout (local_size_x=64) in;
layout (std430, binding=0) buffer Data { float data[]; };
void main() { data[gl_GlobalInvocationID.x] += 1.0; }
"""


def best(repeats, f):
    f()  # warm-up: shader compilation, first touch of memory
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return min(times)


def talk_inputs():
    a = np.linspace(0.0, 10.0, 64).astype(np.float32).reshape((8, 8))
    b = np.linspace(0.0, 10.0, 64).astype(np.int32).reshape((8, 8))
    return a, b


def expected_8x8():
    return (np.arange(64, dtype=np.float32) * 2).reshape(8, 8), np.arange(64, dtype=np.int32).reshape(8, 8)


# ---------------------------------------------------------------------------------------- moderngl


def moderngl_side(n, repeats, dispatches):
    import moderngl

    rows = {}
    a, b = talk_inputs()

    def talk():
        ctx = moderngl.create_standalone_context(require=430, backend="egl")
        cs = ctx.compute_shader(SHADER)
        b1, b2 = ctx.buffer(a), ctx.buffer(b)
        b1.bind_to_storage_buffer(1)
        b2.bind_to_storage_buffer(2)
        cs.run()
        d1 = np.frombuffer(b1.read(), dtype=np.float32).reshape((8, 8))
        d2 = np.frombuffer(b2.read(), dtype=np.int32).reshape((8, 8))
        ctx.release()
        return d1, d2

    d1, d2 = talk()
    e1, e2 = expected_8x8()
    assert np.array_equal(d1, e1) and np.array_equal(d2, e2), "moderngl: wrong 8x8 result"
    rows["talk_8x8"] = best(repeats, talk)

    ctx = moderngl.create_standalone_context(require=430, backend="egl")
    rows["renderer"] = ctx.info["GL_RENDERER"]
    cs = ctx.compute_shader(TINY)
    data = ctx.buffer(np.zeros(64, np.float32))
    data.bind_to_storage_buffer(0)

    def tiny():
        for _ in range(dispatches):
            cs.run(1)
        ctx.finish()

    rows["tiny_dispatch"] = best(repeats, tiny) / dispatches
    calls = (repeats + 1) * dispatches
    assert np.all(np.frombuffer(data.read(), np.float32) == calls), "moderngl: dispatches lost"

    host = np.random.default_rng(1).random(n, dtype=np.float32)
    big = ctx.buffer(host)
    out = np.empty(n, np.float32)
    rows["read_into"] = best(repeats, lambda: big.read_into(out))
    assert np.array_equal(out, host), "moderngl: read_into wrong"
    rows["read_new"] = best(repeats, lambda: np.frombuffer(big.read(), np.float32))

    def upload():
        big.write(host)
        ctx.finish()

    rows["upload"] = best(repeats, upload)
    ctx.release()
    return rows


# --------------------------------------------------------------------------------------- glcompute


def glcompute_side(n, repeats, dispatches):
    import glcompute as gc

    rows = {}
    a, b = talk_inputs()

    def talk(**options):
        ctx = gc.Context(**options)
        p = ctx.compile(SHADER)
        b1, b2 = ctx.buffer(a), ctx.buffer(b)
        p.bind("outs_1", b1).bind("outs_2", b2)
        p.run()
        d1, d2 = b1.get(), b2.get()
        del p, b1, b2, ctx  # the context goes with its last object
        return d1, d2

    d1, d2 = talk()
    e1, e2 = expected_8x8()
    assert np.array_equal(d1, e1) and np.array_equal(d2, e2), "glcompute: wrong 8x8 result"
    rows["talk_8x8"] = best(repeats, talk)
    rows["talk_8x8_nostaging"] = best(repeats, lambda: talk(staging_bytes=0))

    ctx = gc.Context()
    rows["renderer"] = ctx.info.renderer
    p = ctx.compile(TINY)
    data = ctx.zeros(64, np.float32)
    p.bind("Data", data)
    run = p.run

    def tiny():
        for _ in range(dispatches):
            run(1)
        ctx.finish()

    rows["tiny_dispatch"] = best(repeats, tiny) / dispatches
    calls = (repeats + 1) * dispatches
    assert np.all(data.get() == calls), "glcompute: dispatches lost"

    host = np.random.default_rng(1).random(n, dtype=np.float32)
    for suffix, options in (("", {}), ("_nostaging", {"staging_bytes": 0})):
        c = ctx if not options else gc.Context(**options)
        big = c.buffer(host)
        out = np.empty(n, np.float32)
        rows["read_into" + suffix] = best(repeats, lambda: big.get(out=out))
        assert np.array_equal(out, host), "glcompute: get(out=) wrong"

        def upload():
            big.set(host)
            c.finish()

        rows["upload" + suffix] = best(repeats, upload)
        if not suffix:
            rows["read_new"] = best(repeats, big.get)

            def read_map():
                with big.map_read() as view:
                    np.asarray(view)

            rows["read_map"] = best(repeats, read_map)
        del big
    return rows


# ---------------------------------------------------------------------------------------- the run


def run_side(side, args):
    command = [sys.executable, os.path.abspath(__file__), "--side", side, "--n", str(args.n),
               "--repeats", str(args.repeats), "--dispatches", str(args.dispatches)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        return None, result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "failed"
    return json.loads(result.stdout), None


def fmt(seconds):
    if seconds is None:
        return "-"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} us"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10^6 floats, 100 dispatches, 2 repeats")
    parser.add_argument("--n", type=int, default=10**7, help="floats transferred (default 10^7)")
    parser.add_argument("--repeats", type=int, default=7, help="timed runs per row (default 7)")
    parser.add_argument("--dispatches", type=int, default=1000, help="tiny dispatches (default 1000)")
    parser.add_argument("--rounds", type=int, default=2, help="processes per side, in turn (default 2)")
    parser.add_argument("--json", help="also write the rows to this file")
    parser.add_argument("--side", choices=["glcompute", "moderngl"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.n, args.repeats, args.dispatches, args.rounds = 10**6, 2, 100, 1
    if args.side:
        side = glcompute_side if args.side == "glcompute" else moderngl_side
        print(json.dumps(side(args.n, args.repeats, args.dispatches)))
        return 0

    results = {"glcompute": None, "moderngl": None}
    problems = {}
    for _ in range(args.rounds):
        for side in ("moderngl", "glcompute"):
            rows, problem = run_side(side, args)
            if problem:
                problems[side] = problem
                continue
            if results[side] is None:
                results[side] = rows
            else:
                for k, v in rows.items():
                    if isinstance(v, float):
                        results[side][k] = min(results[side][k], v)
    if results["glcompute"] is None:
        print("glcompute failed: " + problems.get("glcompute", "?"), file=sys.stderr)
        return 1
    g, m = results["glcompute"], results["moderngl"] or {}
    print(f"python_vs_moderngl  {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}")
    print(f"device: {g['renderer']}; python {sys.version.split()[0]}, numpy {np.__version__}")
    if "moderngl" in problems:
        print(f"moderngl: not measured ({problems['moderngl']})")
    print(f"n = {args.n:,} float32, {args.dispatches} tiny dispatches, best of {args.repeats} runs x "
          f"{args.rounds} processes per side; ratio = moderngl / glcompute (> 1: glcompute is faster)")
    print()
    print(f"| {'row':<26} | {'glcompute':>10} | {'moderngl':>10} | {'ratio':>7} |")
    print(f"|{'-' * 28}|{'-' * 12}|{'-' * 12}|{'-' * 9}|")
    table = [("talk_8x8 (end to end)", "talk_8x8", "talk_8x8"),
             ("tiny_dispatch (per call)", "tiny_dispatch", "tiny_dispatch"),
             ("read_into (10^7 floats)" if args.n == 10**7 else f"read_into ({args.n})", "read_into", "read_into"),
             ("upload", "upload", "upload"),
             ("read_new (a new array)", "read_new", "read_new"),
             ("read_map (zero-copy view)", "read_map", None),
             ("talk_8x8, staging off", "talk_8x8_nostaging", "talk_8x8"),
             ("read_into, staging off", "read_into_nostaging", "read_into"),
             ("upload, staging off", "upload_nostaging", "upload")]
    out_rows = []
    for label, gk, mk in table:
        gt, mt = g.get(gk), m.get(mk) if mk else None
        ratio = f"{mt / gt:.2f}x" if gt and mt else "-"
        print(f"| {label:<26} | {fmt(gt):>10} | {fmt(mt):>10} | {ratio:>7} |")
        out_rows.append({"row": label, "glcompute_s": gt, "moderngl_s": mt})
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"device": g["renderer"], "n": args.n, "rows": out_rows}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
