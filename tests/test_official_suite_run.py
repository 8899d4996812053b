"""The official Lua 5.1 test suite runs under pylua as it runs under lua5.1.

Set LUA51_TESTS to the folder holding the suite's .lua files (see
tests/test_official_suite_compile.py; the suite is never copied into this
repository). Each of the 19 files that need no C test library (``T``) and
no second interpreter runs in a fresh copy of the folder (files.lua and
others write there), with ``_soft`` set (``lua -e _soft=true X.lua``, the
suite's quick mode) and without it, under ``lua5.1`` and under
``python -m pylua``: stdout and the exit status must be equal, and stderr's
first line when the run fails (the times sort.lua and files.lua print aside). Skipped when LUA51_TESTS is unset or lua5.1
is missing. Without ``_soft`` this takes several minutes (big.lua,
verybig.lua, gc.lua, sort.lua).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pylua.lib.package import DLMSG

NO_SO = b"cannot open shared object file: No such file or directory"

SUITE = os.environ.get("LUA51_TESTS")
LUA = shutil.which("lua5.1")
ROOT = Path(__file__).resolve().parent.parent

# api.lua and code.lua need the C test library T, checktable.lua is a
# helper of theirs, main.lua runs the stand-alone interpreter, all.lua runs
# the others in one state (with T where present).
FEASIBLE = (
    "attrib big calls closure constructs db errors events files gc literals locals "
    "math nextvar pm sort strings vararg verybig"
).split()

pytestmark = [
    pytest.mark.skipif(not SUITE, reason="LUA51_TESTS is not set (path of the official 5.1 suite)"),
    pytest.mark.skipif(
        bool(SUITE) and not Path(SUITE).is_dir(), reason=f"LUA51_TESTS={SUITE} is not a folder"
    ),
    pytest.mark.skipif(LUA is None, reason="lua5.1 (the reference) is not on PATH"),
]


def _run(cmd: list, tmp: Path, name: str) -> tuple:
    work = tmp / name
    shutil.copytree(SUITE, work)
    (work / "libs" / "P1").mkdir(parents=True, exist_ok=True)  # (attrib.lua writes there)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    p = subprocess.run(cmd, cwd=work, capture_output=True, timeout=1200, env=env)
    out = re.sub(rb"\d+\.\d+ sec\.", b"<time> sec.", p.stdout)  # (sort.lua's timings)
    out = re.sub(rb"at \d\d:\d\d:\d\d", b"at <time>", out)  # (files.lua's os.date)
    return p.returncode, out, p.stderr.split(b"\n")[0] if p.returncode else b""


@pytest.mark.parametrize("soft", [True, False], ids=["soft", "full"])
@pytest.mark.parametrize("name", FEASIBLE)
def test_official_file_runs_as_under_lua51(name: str, soft: bool, tmp_path: Path):
    pre = ["-e", "_soft=true"] if soft else []
    ref = _run(["lua5.1", *pre, f"{name}.lua"], tmp_path, "lua")
    got = _run([sys.executable, "-m", "pylua", *pre, f"{name}.lua"], tmp_path, "pylua")
    # (error messages name the interpreter: lua5.1: ... / pylua: ...)
    rc, out, err = got
    if name == "attrib":
        # pylua is a build without dynamic libraries (pylua/lib/package.py):
        # package.loadlib says so where lua5.1's dlopen finds no file
        out = out.replace(DLMSG + b"\tabsent", b"libs/lib1.so: " + NO_SO + b"\topen")
    assert (rc, out, err.replace(b"pylua:", b"lua5.1:")) == ref
