"""The committed compiler goldens still equal what luac5.1 produces.

Regenerates, for every tests/luac/*.lua and tests/syntax_errors/*.lua, the
golden files tests/regen_goldens.py would write, in memory (luac5.1's binary
output goes to a temporary folder), and compares them with the committed ones.
A corpus file that luac5.1 rejects, or a syntax-error file it accepts, fails.
Skipped when luac5.1 is not on PATH. To fix a drift, run
``python tests/regen_goldens.py`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import regen_goldens as rg

needs_luac = pytest.mark.skipif(
    not rg.have_luac(), reason=f"{rg.LUAC} (the reference compiler) is not on PATH"
)


@needs_luac
@pytest.mark.parametrize(
    "path",
    [
        pytest.param(p, id=f"{p.parent.name}/{p.name}")
        for p in rg.corpus_files() + rg.syntax_files()
    ],
)
def test_golden_is_fresh(path: Path):
    for golden, data in rg.goldens_for(path).items():
        assert golden.is_file(), f"missing golden {golden.name}: run tests/regen_goldens.py"
        committed = golden.read_bytes()
        if committed != data:
            pytest.fail(
                f"{golden.name} differs from what {rg.LUAC} produces now "
                f"({len(committed)} bytes committed, {len(data)} bytes fresh); "
                "run tests/regen_goldens.py",
                pytrace=False,
            )


def test_no_stray_goldens():
    """Every golden file belongs to a source file that still exists."""
    sources = {p.name for p in rg.corpus_files()} | {p.name for p in rg.syntax_files()}
    stray = []
    for folder, suffixes in ((rg.CORPUS, (".lua.list", ".luac")), (rg.SYNTAX, (".lua.err",))):
        for f in folder.iterdir():
            for suffix in suffixes:
                if f.name.endswith(suffix) and f.name[: -len(suffix)] + ".lua" not in sources:
                    stray.append(f"{folder.name}/{f.name}")
    assert not stray, stray
