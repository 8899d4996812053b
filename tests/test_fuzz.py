"""The fuzz harness (tests/fuzz/): every saved finding, a short run of each
kind, and the harness's own ability to see what it looks for.

A finding is a program that made the VM raise a Python exception, run past
its wall-clock limit or kill its process.  Each one saved under
tests/fuzz/findings/ must now end well (a Lua error, a normal end, or
still running at the end of its budget), unless findings/xfail.txt names
it with the reason (a change in a file the harness may not touch): those
must still fail, so that the list is emptied as they are fixed.

``FUZZ_COUNT`` sets how many cases of each kind the short run makes
(default 2500); ``python -m tests.fuzz`` runs long ones (tests/fuzz/README.md).
"""

from __future__ import annotations

import os
import time

import pytest
from fuzz import runner
from fuzz.cases import (
    KINDS,
    cases,
    finding_files,
    make_case,
    xfails,
)
from fuzz.runner import Pool, Worker, run_case

from pylua.values import Builtin

COUNT = int(os.environ.get("FUZZ_COUNT", "2500"))
BUDGET = 5_000
WALL = 10.0
XFAIL = xfails()


@pytest.fixture(scope="module")
def worker():
    w = Worker()
    yield w
    w.close()


def _params():
    out = []
    for path in finding_files():
        why = XFAIL.get(path.name)
        marks = [pytest.mark.xfail(reason=why, strict=True)] if why else []
        out.append(pytest.param(path, marks=marks, id=path.name))
    return out


@pytest.mark.parametrize("path", _params())
def test_finding(path, worker):
    out = worker.run(path.read_bytes(), runner.BUDGET, WALL)
    if not worker.alive:
        worker.__init__()
    assert not out.finding, f"{out.status}: {out.detail}"


def test_xfail_list_names_files():
    names = {p.name for p in finding_files()}
    assert set(XFAIL) <= names, set(XFAIL) - names


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_short_run(kind):
    """A few thousand cases of each kind (seed 0): no new finding."""
    pool = Pool(1)
    t0 = time.time()
    seen = {}
    new = []
    try:
        for case, out in pool.map(cases(kind, 0, COUNT), BUDGET, WALL):
            seen[out.status] = seen.get(out.status, 0) + 1
            if out.finding:
                new.append(f"{case.name} {out.status}: {out.detail}")
    finally:
        pool.close()
    print(f"{kind}: {COUNT} cases in {time.time() - t0:.1f} s: {seen}")
    assert not new, "\n\n".join(new[:3])
    # the cases reach the VM and end all three ways
    assert seen.get("finished") and seen.get("error")
    assert seen.get("rejected", 0) < COUNT * 0.8


def test_cases_replay():
    for kind in KINDS:
        assert make_case(kind, 7, 3).data == make_case(kind, 7, 3).data
        assert make_case(kind, 7, 3).data != make_case(kind, 7, 4).data


# -- the harness sees what it looks for --------------------------------------------


class _Boom(runner.FuzzLua):
    """The sandbox with builtins that misbehave as a VM bug would."""

    def __init__(self):
        super().__init__()

        def typeerror(L, args):
            return [None + 1]

        def sleep(L, args):
            time.sleep(30)
            return []

        def die(L, args):
            os._exit(3)

        for name, f in (("typeerror", typeerror), ("sleep", sleep), ("die", die)):
            self.globals.set(name.encode(), Builtin(name, f))


@pytest.fixture
def boom(monkeypatch):
    monkeypatch.setattr(runner, "FuzzLua", _Boom)


def test_harness_sees_python_exceptions(boom):
    # turned into a Lua error by the VM, caught by pcall: still seen
    out = run_case(b"print(pcall(typeerror))")
    assert out.status == "python" and "TypeError" in out.detail
    assert run_case(b"print(pcall(error, 'x'))").status == "finished"
    assert run_case(b"error('x')").status == "error"
    assert run_case(b"while true do end", budget=1000).status == "running"
    assert run_case(b"x = = 1").status == "rejected"


def test_harness_sees_hangs_and_crashes(boom):
    t0 = time.time()
    assert run_case(b"sleep()", wall=0.5).status == "hang"
    assert time.time() - t0 < 5
    w = Worker()
    try:
        out = w.run(b"die()", BUDGET, 5.0)
        assert out.status == "crash" and not w.alive
    finally:
        w.close()
    w = Worker(memory=1 << 30)
    try:
        out = w.run(b"sleep()", BUDGET, 0.5)
        assert out.status == "hang"
    finally:
        w.close()


def test_harness_sees_memory_errors(monkeypatch):
    # the worker's address space is capped: a huge allocation fails there
    # when the Lua state's limit does not stop it first (none here; the
    # worker is forked with this module's globals)
    monkeypatch.setattr(runner, "MEMORY_LIMIT", None)
    w = Worker(memory=1 << 30)
    try:
        data = b"local t = {} for i = 1, 3 do t[i] = ('x'):rep(2^29) .. i end"
        out = w.run(data, 10**9, 30.0)  # (string.rep pays the budget for its bytes)
        assert out.status == "memory", out
    finally:
        w.close()
