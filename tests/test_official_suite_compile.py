"""Our listing of the official Lua 5.1 test suite equals luac5.1's.

Set LUA51_TESTS to the folder holding the suite's .lua files (for example
``LUA51_TESTS=/work/lua51-tests/test/PUC-Rio-Lua-5.1-tests``; the suite is
never copied into this repository). For each .lua there, both
``luac5.1 -l -l -p X.lua`` and ``pyluac -l -l -p X.lua`` run with the cwd set
to that folder, and their listings must be equal after address
normalisation. Skipped when LUA51_TESTS is unset or luac5.1 is missing.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from regen_goldens import LUAC, have_luac, normalize
from test_luac import check_listing, run_luac

SUITE = os.environ.get("LUA51_TESTS")


def _suite_files() -> list:
    if not SUITE or not Path(SUITE).is_dir():
        return []
    return [pytest.param(p, id=p.name) for p in sorted(Path(SUITE).glob("*.lua"))]


pytestmark = [
    pytest.mark.skipif(not SUITE, reason="LUA51_TESTS is not set (path of the official 5.1 suite)"),
    pytest.mark.skipif(
        bool(SUITE) and not Path(SUITE).is_dir(), reason=f"LUA51_TESTS={SUITE} is not a folder"
    ),
    pytest.mark.skipif(not have_luac(), reason=f"{LUAC} (the reference compiler) is not on PATH"),
]


@pytest.mark.parametrize("path", _suite_files() or [pytest.param(None, id="no-suite")])
def test_official_listing(path: Path | None, monkeypatch):
    if path is None:
        pytest.skip("no .lua files found in LUA51_TESTS")
    ref = subprocess.run(
        [LUAC, "-l", "-l", "-p", path.name], cwd=path.parent, capture_output=True, timeout=120
    )
    status, out, err = run_luac(monkeypatch, path.parent, ["-l", "-l", "-p", path.name])
    if ref.returncode != 0:
        # luac5.1 rejects it: we must reject it with the same message
        assert status == 1 and err == b"pyluac: " + ref.stderr[len(b"luac5.1: ") :], (status, err)
        return
    check_listing(normalize(ref.stdout), status, out, err, f"pyluac -l -l -p {path.name}")
