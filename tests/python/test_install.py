"""The installed package: `cmake --install <build> --component python` puts a self-contained
package where the interpreter finds it (here: a prefix in the build tree, found via PYTHONPATH),
and the extension module exports nothing but its init function."""

import os
import shutil
import subprocess
import sys
import sysconfig

import pytest

BUILD = os.environ.get("GLCOMPUTE_BUILD_DIR")
SOURCE = os.environ.get("GLCOMPUTE_SOURCE_DIR")
MODULE = os.environ.get("GLCOMPUTE_MODULE")
needs_build = pytest.mark.skipif(not BUILD or not MODULE, reason="run by ctest, which names the build tree")


@needs_build
def test_install_component_python_and_import_from_there(tmp_path):
    prefix = tmp_path / "prefix"
    cmake = os.environ.get("GLCOMPUTE_CMAKE", "cmake")
    result = subprocess.run([cmake, "--install", BUILD, "--component", "python", "--prefix", str(prefix)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    packages = [os.path.join(root) for root, dirs, files in os.walk(prefix) if "__init__.py" in files]
    assert len(packages) == 1 and packages[0].endswith(os.path.join("-packages", "glcompute"))
    installed = sorted(os.listdir(packages[0]))
    assert installed == sorted(["__init__.py", "random.py", "_glcompute" + sysconfig.get_config_var("EXT_SUFFIX")])
    site = os.path.dirname(packages[0])
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = site
    example = os.path.join(SOURCE, "examples", "python", "compute_shader.py")
    run = subprocess.run([sys.executable, example], capture_output=True, text=True, env=env,
                         cwd=str(tmp_path), timeout=120)
    assert run.returncode == 0, run.stderr
    with open(os.path.join(SOURCE, "tests", "python", "expected", "compute_shader.txt")) as f:
        assert run.stdout == f.read()
    where = subprocess.run([sys.executable, "-c", "import glcompute; print(glcompute.__file__)"],
                           capture_output=True, text=True, env=env, cwd=str(tmp_path), timeout=60)
    assert where.stdout.strip().startswith(site)
    nothing_else = [p for p in prefix.rglob("*") if p.is_file() and not str(p).startswith(packages[0])]
    assert nothing_else == []  # the C++ library's files are not part of this component


@needs_build
def test_the_module_exports_only_its_init_function():
    nm = os.environ.get("GLCOMPUTE_NM") or shutil.which("nm")
    result = subprocess.run([nm, "-D", "--defined-only", MODULE], capture_output=True, text=True, check=True)
    names = [line.split()[-1] for line in result.stdout.splitlines() if line.strip()]
    assert names == ["PyInit__glcompute"], names[:20]


@needs_build
def test_the_module_is_position_independent_and_needs_no_shaderc():
    readelf = os.environ.get("GLCOMPUTE_READELF") or shutil.which("readelf")
    dynamic = subprocess.run([readelf, "-d", MODULE], capture_output=True, text=True, check=True).stdout
    assert "TEXTREL" not in dynamic  # no code relocated at load time: every archive was PIC
    needed = [line.split("[")[1].rstrip("]") for line in dynamic.splitlines() if "(NEEDED)" in line]
    assert not [n for n in needed if "shaderc" in n or "glslang" in n or "SPIRV" in n], needed
