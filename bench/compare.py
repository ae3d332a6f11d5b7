#!/usr/bin/env python3
"""Merges glcompute_bench's JSON with cuda_yardstick.py's into one Markdown table: for each
glcompute row, the fastest CUDA-stack time for the same op and n (and which library gave it),
the ratio, and the issue's target where one applies (n = 10^8 rows, and tiny_dispatch).

    python3 bench/compare.py glcompute.json cuda.json [--markdown FILE] [--svg FILE]

ratio = CUDA time / glcompute time: above 1, glcompute is faster. The CUDA file may be missing
(its columns then show "-"), so a failed CUDA run still gives the glcompute table.
"""

import argparse
import json
import math
import os
import sys
from xml.sax.saxutils import escape

TARGET_N = 10**8
# The targets, in seconds: for the n = 10^8 rows (400 MB), and per dispatch.
TARGETS = {
    "uniform": 0.135e-3,
    "normal": 0.140e-3,
    "fill": 0.13e-3,
    "sum": 0.140e-3,
    "max": 0.140e-3,
    "uniform_f64": 0.30e-3,
    "readback_map": 9e-3,
    "readback_vector": 30e-3,
    "upload_vector": 45e-3,
    # Transfers, round two: a read in flight waited for as a view, an upload through a
    # map_write view (commit + finish), read() into a new vector.
    "readback_async": 8e-3,
    "upload_map": 8e-3,
    "readback_alloc": 40e-3,
}
TINY_DISPATCH_TARGET = 2.5e-6
# The algorithms' targets, each at its own n: (n, seconds).
ALGORITHM_TARGETS = {
    "inclusive_scan": (10**8, 0.40e-3),
    "sort": (10**7, 0.60e-3),
    "saxpy": (10**8, 0.42e-3),
    "histogram": (10**8, 0.25e-3),
}


def target_for(op, n):
    if op == "tiny_dispatch":
        return TINY_DISPATCH_TARGET
    if op in ALGORITHM_TARGETS:
        target_n, seconds = ALGORITHM_TARGETS[op]
        return seconds if n == target_n else None
    return TARGETS.get(op) if n == TARGET_N else None


def load(path):
    """The run's info (a dict) and its rows."""
    with open(path) as f:
        data = json.load(f)
    if isinstance(data, list):  # a bare list of rows
        return {}, data
    return data, data.get("rows", [])


def fmt_seconds(s):
    if s is None or not math.isfinite(s):
        return "-"
    for scale, unit in ((1, "s"), (1e-3, "ms"), (1e-6, "us"), (1e-9, "ns")):
        if s >= scale or unit == "ns":
            v = s / scale
            return f"{v:.0f} {unit}" if v >= 100 else f"{v:.1f} {unit}" if v >= 10 else f"{v:.2f} {unit}"
    return "-"


def decade_label(d):
    """10^d seconds as "1 ns", "10 ns", ..., "100 s"."""
    unit = min(max((d + 9) // 3, 0), 3)
    return f"{10.0 ** (d + 9 - 3 * unit):g} {('ns', 'us', 'ms', 's')[unit]}"


def best_cuda(cuda_rows):
    """(op, n) -> the fastest CUDA row."""
    best = {}
    for r in cuda_rows:
        seconds = r.get("yardstick_seconds", r.get("seconds"))
        if seconds is None:
            continue
        key = (r["op"], int(r["n"]))
        if key not in best or seconds < best[key][0]:
            best[key] = (seconds, r.get("yardstick") or "?")
    return best


def merge(glc_rows, cuda_rows):
    best = best_cuda(cuda_rows)
    merged = []
    for r in glc_rows:
        n = int(r["n"])
        cuda_seconds, library = best.get((r["op"], n), (None, None))
        target = target_for(r["op"], n)
        merged.append(dict(
            op=r["op"], n=n, seconds=r["seconds"], clock=r.get("clock", "?"), gbps=r.get("gbps"),
            wall=r.get("wall_seconds"),
            cuda_seconds=cuda_seconds, library=library,
            ratio=cuda_seconds / r["seconds"] if cuda_seconds and r["seconds"] else None,
            target=target, met=None if target is None else r["seconds"] <= target))
    return merged


def markdown(merged, glc_info, cuda_info):
    device = (glc_info.get("device") or {}).get("renderer", "?")
    cuda_device = (cuda_info.get("device") or {}).get("renderer")
    lines = [f"glcompute on {device} ({glc_info.get('date', '?')})"
             + (f"; CUDA stack on {cuda_device}" if cuda_device else "; no CUDA results"),
             "",
             "ratio = best CUDA time / glcompute time (> 1: glcompute is faster); targets are "
             "checked on the glcompute time (its clock); wall = host clock around the same run; "
             "tiny_dispatch times are per dispatch",
             "",
             "| op | n | glcompute | clock | wall | GB/s | best CUDA stack | library | ratio | target | |",
             "|---|--:|--:|---|--:|--:|--:|---|--:|--:|---|"]
    for m in merged:
        lines.append("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
            m["op"], m["n"], fmt_seconds(m["seconds"]), m["clock"], fmt_seconds(m["wall"]),
            f"{m['gbps']:.1f}" if m["gbps"] else "-",
            fmt_seconds(m["cuda_seconds"]), m["library"] or "-",
            f"{m['ratio']:.3g}x" if m["ratio"] else "-",
            f"<= {fmt_seconds(m['target'])}" if m["target"] else "",
            "" if m["met"] is None else ("met" if m["met"] else "**missed**")))
    checked = [m for m in merged if m["met"] is not None]
    if checked:
        missed = [m["op"] for m in checked if not m["met"]]
        lines += ["", f"targets met: {len(checked) - len(missed)} of {len(checked)}"
                  + (f" (missed: {', '.join(missed)})" if missed else "")]
    return "\n".join(lines) + "\n"


PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#ad494a", "#637939", "#e7969c"]


def svg(merged, title):
    """Time against n, log-log: glcompute solid, best CUDA dashed, one colour per op."""
    ops = list(dict.fromkeys(m["op"] for m in merged))
    ns = [m["n"] for m in merged]
    times = [t for m in merged for t in (m["seconds"], m["cuda_seconds"]) if t and t > 0]
    x0, x1 = math.floor(math.log10(min(ns))), math.ceil(math.log10(max(ns)))
    y0, y1 = math.floor(math.log10(min(times))), math.ceil(math.log10(max(times)))
    x1, y1 = max(x1, x0 + 1), max(y1, y0 + 1)
    left, top, width, height = 80, 50, 560, 420

    def px(n):
        return left + (math.log10(n) - x0) / (x1 - x0) * width

    def py(s):
        return top + (y1 - math.log10(s)) / (y1 - y0) * height

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="900" height="{max(530, 110 + 18 * len(ops))}" '
           'font-family="sans-serif" font-size="12">',
           '<rect width="100%" height="100%" fill="#fff"/>',
           f'<text x="{left}" y="22" font-size="15">{escape(title)}</text>',
           f'<rect x="{left}" y="{top}" width="{width}" height="{height}" fill="none" stroke="#000"/>']
    for d in range(x0, x1 + 1):
        x = px(10**d)
        out.append(f'<line x1="{x}" y1="{top}" x2="{x}" y2="{top + height}" stroke="#ddd"/>'
                   f'<text x="{x}" y="{top + height + 18}" text-anchor="middle">1e{d}</text>')
    for d in range(y0, y1 + 1):
        y = py(10.0**d)
        out.append(f'<line x1="{left}" y1="{y}" x2="{left + width}" y2="{y}" stroke="#ddd"/>'
                   f'<text x="{left - 6}" y="{y + 4}" text-anchor="end">{decade_label(d)}</text>')
    out.append(f'<text x="{left + width / 2}" y="{top + height + 40}" text-anchor="middle">'
               'elements n (float32, log scale)</text>')
    out.append(f'<text transform="translate(18,{top + height / 2}) rotate(-90)" '
               'text-anchor="middle">time (log scale)</text>')

    def line(points, color, dashed):
        if not points:
            return
        dash = ' stroke-dasharray="6,4"' if dashed else ""
        coords = " ".join(f"{px(n):.1f},{py(s):.1f}" for n, s in points)
        out.append(f'<polyline fill="none" stroke="{color}" stroke-width="2"{dash} points="{coords}"/>')
        for n, s in points:
            fill = "#fff" if dashed else color
            out.append(f'<circle cx="{px(n):.1f}" cy="{py(s):.1f}" r="3" fill="{fill}" stroke="{color}"/>')

    lx, ly = left + width + 24, top + 10
    legend = [("glcompute", "#000", False), ("best CUDA stack", "#000", True)]
    for i, op in enumerate(ops):
        color = PALETTE[i % len(PALETTE)]
        rows = sorted((m for m in merged if m["op"] == op), key=lambda m: m["n"])
        line([(m["n"], m["seconds"]) for m in rows], color, False)
        line([(m["n"], m["cuda_seconds"]) for m in rows if m["cuda_seconds"]], color, True)
        legend.append((op, color, False))
    for i, (label, color, dashed) in enumerate(legend):
        y = ly + 18 * i + (12 if i >= 2 else 0)
        dash = ' stroke-dasharray="6,4"' if dashed else ""
        out.append(f'<line x1="{lx}" y1="{y}" x2="{lx + 28}" y2="{y}" stroke="{color}" stroke-width="2"{dash}/>'
                   f'<text x="{lx + 36}" y="{y + 4}">{escape(label)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("glcompute_json")
    parser.add_argument("cuda_json", nargs="?", help="cuda_yardstick.py's output (may be missing)")
    parser.add_argument("--markdown", help="also write the table to this file")
    parser.add_argument("--svg", help="write a plot of glcompute against the best CUDA times")
    args = parser.parse_args(argv)

    glc_info, glc_rows = load(args.glcompute_json)
    cuda_info, cuda_rows = {}, []
    if args.cuda_json:
        if os.path.exists(args.cuda_json):
            cuda_info, cuda_rows = load(args.cuda_json)
        else:
            print(f"compare: {args.cuda_json} is missing; CUDA columns left empty", file=sys.stderr)
    merged = merge(glc_rows, cuda_rows)
    table = markdown(merged, glc_info, cuda_info)
    print(table, end="")
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(table)
    if args.svg and merged:
        device = (glc_info.get("device") or {}).get("renderer", "?")
        with open(args.svg, "w") as f:
            f.write(svg(merged, f"glcompute (solid) vs best CUDA stack (dashed) on {device}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
