"""The debugger on the behaviour corpus (tests/lua/**.lua): a session runs
every program to the end with the output ``lua5.1`` gives (when the program
keeps to the session's libraries), and ``goto`` round trips at random points
give the same snapshots as a fresh session and the same output at the end."""

from __future__ import annotations

import json
import random
import re

import pytest
from behaviour_harness import CORPUS, program_id, programs, read_expected

from pylua.debugger import Session

# what the session's profile does not have (docs/snapshot.md, "The session":
# binary chunks among them), or that lua5.1 writes apart from stdout
OUTSIDE = re.compile(
    rb"debug\.|\bpackage\b|\brequire\b|\bmodule\s*\(|os\.(exit|getenv|remove|rename|tmpname|execute|setlocale)"
    rb"|io\.(open|popen|tmpfile|stderr)|\bdofile\b|\bloadfile\b|\barg\b|string\.dump|\\27Lua"
)

PROGRAMS = programs()
BUDGET = 30_000_000


def session(path, src, sparse=True):
    s = Session(src, chunkname="@" + path.name, now=1_000_000_000)
    s.sparse = sparse
    return s


def dump(snap) -> str:
    """The machine's state in a snapshot (reason and end_step speak of the
    session: how it got there, how far it has seen)."""
    return json.dumps({k: v for k, v in snap.items() if k not in ("reason", "end_step")},
                      sort_keys=True)


@pytest.mark.parametrize("path", PROGRAMS, ids=program_id)
def test_session_runs_the_corpus(path):
    src = path.read_bytes()
    rng = random.Random(program_id(path))
    s = session(path, src)
    # a breakpoint on a line with code: its first hits (the sparse loop
    # stopping there) are the states a session that runs every instruction
    # with the full hook reaches
    listing = s.listing()
    if listing:
        lines = sorted({r["line"] for f in listing["protos"] for r in f["instructions"]})
        s.breakpoints.add(rng.choice(lines))
        for _ in range(3):
            snap = s.continue_(budget=BUDGET)
            if snap["reason"] != "breakpoint":
                break
            fresh = session(path, src, sparse=False).goto(snap["step"])
            assert dump({**snap, "message": None}) == dump(fresh)
        s.breakpoints.clear()
    end = s.continue_(budget=BUDGET)
    assert end["status"] in ("finished", "error"), end["message"]
    total = end["step"]
    if not OUTSIDE.search(src):
        out, code, err = read_expected(path)
        assert end["output"] == out.decode("utf-8", "replace")
        if end["status"] == "error":
            assert code == 1
            if end["error"] == "nil":  # lua5.1 prints nothing for a nil error
                assert err is None
            else:
                assert err == "pylua: " + end["error"].split("\n")[0]
        else:
            assert code == 0 and err is None
    # goto round trips at random points, against fresh sessions running
    # every instruction with the full hook
    points = [rng.randrange(total + 1) for _ in range(2)]
    for n in points + points[:1]:
        got = s.goto(n)
        assert got["step"] == n
        assert dump(got) == dump(session(path, src, sparse=False).goto(n)), n
    assert s.continue_(budget=BUDGET)["output"] == end["output"]
    assert session(path, src, sparse=False).goto(total)["step"] == total


def test_the_corpus_is_there():
    assert len(PROGRAMS) > 300 and CORPUS.is_dir()
