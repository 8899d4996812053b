"""A short round of the debugger fuzzer (tests/fuzz/debugger_fuzz.py):
random commands on random programs, every answer compared with a fresh
session's and no Python exception; and the fuzzer finds what it is meant
to find.  The long run: ``python tests/fuzz/debugger_fuzz.py --minutes 30``."""

from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path

import pytest

from pylua.debugger import session as dsession

FUZZ = Path(__file__).resolve().parent / "fuzz" / "debugger_fuzz.py"


@pytest.fixture(scope="module")
def fuzz():
    spec = importlib.util.spec_from_file_location("debugger_fuzz", FUZZ)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_a_short_round_finds_nothing(fuzz):
    f = fuzz.Fuzzer(seed=7, commands=25)
    stats = f.run(sessions=60)
    assert f.findings == [], f.findings[0]["detail"]
    assert stats["sessions"] == 60 and stats["commands"] == 60 * 25
    assert stats["checked"] > 900 and stats["partial"] > 20


def test_every_variant_makes_a_program(fuzz):
    rng = random.Random(1)
    name = "stepping/011_pcall_metamethod_error.lua"
    src = (Path(__file__).parent / "lua" / name).read_bytes()
    out = {}
    for kind in sorted(set(fuzz.KINDS)):
        prog = fuzz.variant(name, src, kind, rng)
        end = dsession.Session(prog, now=fuzz.NOW, allow_bytecode=True).continue_()
        assert end["status"] in ("finished", "error"), kind
        out[kind] = end["output"]
    assert out["plain"] and out["loaded"] == out["metamethod"] == out["plain"]
    assert out["coroutine"] == out["plain"] + "true\tdead\n"
    # as lua5.1 prints it for luac5.1 -s output: no positions, "?:0:"
    assert out["stripped"] == "false\tno field 'missing'\nfalse\t?:0: attempt to perform arithmetic on a nil value\n"
    assert len(fuzz.hostile_programs()) == len(fuzz.HOSTILE)


def test_the_fuzzer_reports_an_exception(fuzz, monkeypatch, tmp_path):
    """A command that raises is a finding, saved as a reproducer that
    replay_finding runs again."""
    orig = dsession.Session.back_line

    def broken(self):
        if self.step_count > 5:
            raise IndexError("planted")
        return orig(self)

    monkeypatch.setattr(dsession.Session, "back_line", broken)
    f = fuzz.Fuzzer(seed=3, commands=40, save=tmp_path)
    f.run(sessions=6)
    assert f.findings and f.findings[0]["kind"] == "exception"
    assert "IndexError: planted" in f.findings[0]["detail"]
    saved = json.loads(sorted(tmp_path.glob("finding-*.json"))[0].read_text())
    with pytest.raises(IndexError, match="planted"):
        fuzz.replay_finding(saved)


def test_the_fuzzer_reports_a_snapshot_that_differs(fuzz, monkeypatch):
    """Going back that lands one step off is a mismatch."""
    orig = dsession.Session.back

    def off(self):
        snap = orig(self)
        if snap["step"] > 3:
            snap = orig(self)
            self._cursor += 1  # claims the step it was asked for, shows the one before
            snap["step"] += 1
        return snap

    monkeypatch.setattr(dsession.Session, "back", off)
    f = fuzz.Fuzzer(seed=5, commands=40)
    f.run(sessions=6)
    assert f.findings and f.findings[0]["kind"] == "mismatch"
    assert "differs from a fresh session" in f.findings[0]["detail"]


FOUND = sorted((Path(__file__).resolve().parent / "fuzz" / "findings" / "debugger").glob("*.json"))


@pytest.mark.parametrize("path", FOUND, ids=lambda p: p.stem)
def test_a_finding_of_the_debugger_fuzzer_stays_fixed(fuzz, path):
    """Findings of longer runs (python tests/fuzz/debugger_fuzz.py --seed 5,
    9, 21): registers past the top an open call reads, left by the
    interpreter in one history and by compiled code in another, shown as
    nil in both; goto past a long function a chunk loaded on the way."""
    fuzz.replay_finding(json.loads(path.read_text()))
