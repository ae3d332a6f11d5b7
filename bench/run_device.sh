#!/usr/bin/env bash
# Runs the benchmark on the GPU machine: glcompute_bench from a bundle, then the CUDA-stack
# yardsticks (PyTorch, CuPy), then merges both into one Markdown table and SVG plots.
#
#   bench/run_device.sh BUNDLE [--quick | --sizes LIST | --repeats N]
#
# BUNDLE was made with `tools/bundle BUNDLE path/to/glcompute_bench`, so that
# `BUNDLE/run glcompute_bench` works. The options go to both benchmarks. Results go to $OUT if
# set, else ./bench-out: glcompute.{txt,json,svg,log}, cuda.{json,log}, compare.{md,svg}.
# Takes about a minute on an H100; each step is bounded by `timeout`, and a failed step still
# leaves the others' results (compare.py then shows what it has).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 1 ] || [ ! -x "$1/run" ]; then
  echo "usage: $0 BUNDLE [--quick | --sizes LIST | --repeats N]  (BUNDLE/run must exist)" >&2
  exit 2
fi
bundle=$1; shift
out=${OUT:-$PWD/bench-out}
mkdir -p "$out"
status=0

step_failed() {  # name, log
  echo "$1 failed; the end of $2:" >&2
  tail -n 20 "$2" >&2
  status=1
}

# The GPU's yardstick is the CUDA stack below; the moderngl one is for CPU drivers (its script
# path is the build machine's source tree, which the GPU machine does not have).
echo "== glcompute_bench $*"
timeout 150 "$bundle/run" glcompute_bench "$@" --no-moderngl --json "$out/glcompute.json" \
  --svg "$out/glcompute.svg" 2>"$out/glcompute.log" | tee "$out/glcompute.txt"
[ "${PIPESTATUS[0]}" -eq 0 ] || step_failed glcompute_bench "$out/glcompute.log"

echo; echo "== cuda_yardstick.py $*"
rm -f "$out/cuda.json"
timeout 90 python3 "$here/cuda_yardstick.py" "$@" --json "$out/cuda.json" 2>"$out/cuda.log" ||
  step_failed cuda_yardstick.py "$out/cuda.log"
head -n 1 "$out/cuda.log"

echo; echo "== compare.py"
if [ -s "$out/glcompute.json" ]; then
  python3 "$here/compare.py" "$out/glcompute.json" "$out/cuda.json" \
    --markdown "$out/compare.md" --svg "$out/compare.svg" || status=1
else
  echo "no glcompute results to compare" >&2
  status=1
fi
echo; echo "results in $out"
exit $status
