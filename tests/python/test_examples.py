"""examples/python: each runs and prints its table; the talk's compute shader slide prints
exactly the talk's output (expected/compute_shader.txt: the slide's two printed matrices)."""

import os
import subprocess
import sys

import pytest

SOURCE = os.environ.get("GLCOMPUTE_SOURCE_DIR",
                        os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
EXAMPLES = os.path.join(SOURCE, "examples", "python")


def run(script, *args):
    result = subprocess.run([sys.executable, os.path.join(EXAMPLES, script), *args],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_compute_shader_slide_prints_the_talks_output():
    with open(os.path.join(SOURCE, "tests", "python", "expected", "compute_shader.txt")) as f:
        expected = f.read()
    assert run("compute_shader.py") == expected


def test_random_uniform_table():
    out = run("random_uniform.py", "--max-elements", "1000000")
    lines = out.splitlines()
    assert "numpy float64" in out and "glcompute float32" in out
    rows = [line for line in lines if line.strip().startswith("(")]
    assert [r.split(")")[0].strip() + ")" for r in rows] == ["(100, 100)", "(1000, 1000)"]
    for row in rows:
        assert row.rstrip().endswith("x")


def test_context_switching_table():
    out = run("context_switching.py", "--calls", "100", "--batches", "2")
    rows = [line.split() for line in out.splitlines() if line.strip().startswith(("glcompute", "numpy"))]
    assert [(r[0], r[1]) for r in rows[:4]] == [("glcompute", "100"), ("glcompute", "2"), ("numpy", "100"),
                                                  ("numpy", "2")]
    assert "many small calls / few large calls" in out


@pytest.mark.parametrize("script", ["random_uniform.py", "context_switching.py"])
def test_bad_arguments_get_a_reason(script):
    result = subprocess.run([sys.executable, os.path.join(EXAMPLES, script), "--max-elements" if "random" in script
                             else "--calls", "0"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "must be" in result.stderr
