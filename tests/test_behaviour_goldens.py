"""The behaviour corpus' expected files are what lua5.1 prints today.

Regenerates every expected output of tests/lua/ in memory with the reference
lua5.1 and compares it with the committed ``.expected`` file (fix a stale one
with ``python tests/regen_behaviour.py FILE``). Skipped when lua5.1 is not
installed. The structural checks (every program has an expected file, the
corpus is not empty, nothing prints an address) run regardless.
"""

import shutil

import behaviour_harness as bh
import pytest
from regen_behaviour import ADDRESS

PROGRAMS = bh.programs()
HAVE_LUA51 = shutil.which(bh.LUA51) is not None


def test_corpus_shape():
    assert len(PROGRAMS) >= 280
    missing = [bh.program_id(p) for p in PROGRAMS if not bh.expected_path(p).exists()]
    assert not missing, f"programs without an expected file: {missing}"
    orphans = [
        str(e.relative_to(bh.CORPUS))
        for e in bh.CORPUS.glob("*/*.expected")
        if not e.with_name(e.name[: -len(".expected")]).exists()
    ]
    assert not orphans, f"expected files without a program: {orphans}"


def test_expected_files_are_deterministic_text():
    for p in PROGRAMS:
        out, code, err = bh.read_expected(p)
        assert not ADDRESS.search(out), f"{bh.program_id(p)} prints an address"
        assert isinstance(code, int) and 0 <= code < 256, bh.program_id(p)


@pytest.mark.skipif(not HAVE_LUA51, reason="lua5.1 (the reference) is not installed")
@pytest.mark.parametrize("path", PROGRAMS, ids=bh.program_id)
def test_golden_matches_lua51(path):
    want = bh.read_expected(path)
    got = bh.run_lua51(path)
    assert got == want, (
        f"{bh.program_id(path)}: the committed expected file is stale "
        f"(python tests/regen_behaviour.py {path})\n" + bh.describe_mismatch(want, got)
    )
