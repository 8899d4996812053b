"""The playground's example programs (web/src/examples.js): at least 12,
each compiles with pylua's compiler, and each runs cleanly under lua5.1."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pylua.parser import compile as lua_compile

EXAMPLES_JS = Path(__file__).resolve().parent.parent / "web" / "src" / "examples.js"


def examples() -> list[tuple[str, str]]:
    text = EXAMPLES_JS.read_text()
    found = re.findall(r'id: "([a-z0-9-]+)",\s*title: "[^"]*",\s*source: `(.*?)`,', text, re.S)
    return [(i, src.replace("\\`", "`").replace("\\\\", "\\")) for i, src in found]


def test_enough_examples():
    ids = [i for i, _ in examples()]
    assert len(ids) >= 12 and len(set(ids)) == len(ids)
    assert "closure-counter" in ids


@pytest.mark.parametrize("name,source", examples(), ids=[i for i, _ in examples()])
def test_example_compiles(name, source):
    lua_compile(source.encode(), b"=input")


@pytest.mark.skipif(shutil.which("lua5.1") is None, reason="lua5.1 is not installed")
@pytest.mark.parametrize("name,source", examples(), ids=[i for i, _ in examples()])
def test_example_runs_in_lua51(name, source):
    r = subprocess.run(["lua5.1", "-"], input=source.encode(), capture_output=True, timeout=10)
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout
