"""Compiled functions (pylua/fastfunc.py) count steps exactly.

``Lua.run_counted`` runs the CLI's fast paths (compiled functions, OSR,
compiled callbacks of builtins) and must count every instruction as the
stepping loop counts it, so that the debugger's step numbers, Back and the
timeline hold after a fast Run.  Over the compiled corpus
(tests/lua/compiled, whose output test_behaviour compares with lua5.1) and
the benchmarks at small sizes: the total, in one run and in chunks; and at
points along the way, the frames and their live locals equal those the
stepping loop has after the same number of steps.  Also: the corpus does
run compiled code, and a function that deopts too often goes back to the
interpreter for good."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from pylua import Lua, fastfunc
from pylua.vcode import FINISHED, RUNNING, SWITCH

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "tests" / "lua" / "compiled").glob("*.lua"))
BENCH = {  # benchmark -> a size small enough for the stepping loop
    "fib": 16, "fannkuch": 6, "spectral_norm": 20, "methods": 2000, "binary_trees": 5,
    "closures": 1500, "strings": 1500, "nbody": 200, "sort": 300, "loops": 60,
    "coroutine_ring": 600,
}  # fmt: skip
BIG = 1 << 40


def _source(path: Path) -> bytes:
    src = path.read_bytes()
    size = BENCH.get(path.stem)
    if size is not None:
        src = re.sub(rb"tonumber\(arg and arg\[1\]\) or \d+", str(size).encode(), src)
    return src


def _programs():
    return [*CORPUS, *(ROOT / "bench" / "lua" / f"{b}.lua" for b in BENCH)]


def _state(src: bytes, name: str) -> Lua:
    L = Lua(stdout=io.BytesIO())
    L.start(L.load(src, b"@" + name.encode()))
    return L


def _frames(L):
    """Each frame of the running coroutine: function, pc, its live locals."""
    out = []
    for ci in L.current.cis:
        p = getattr(ci.cl, "proto", None)
        if p is None:
            out.append(("C", ci.cl.name))
            continue
        pc = ci.savedpc
        live = sum(1 for v in p.locvars if v.startpc <= pc < v.endpc)
        vals = L.current.stack[ci.base : ci.base + live]
        out.append((p.linedefined, pc, [v if v is None or v.__class__ in (float, bytes, bool) else type(v).__name__ for v in vals]))
    return out


def _total(src, name, counted: bool, chunk: int = BIG):
    L = _state(src, name)
    total = 0
    while True:
        if counted:
            st = L.run_counted(chunk)
        else:
            st = L.run_stepping(1 << 62, chunk)
        total += chunk - L.steps_left
        if st != RUNNING and st != SWITCH:  # (SWITCH: debug.sethook turned hooks on or off)
            return total, st


@pytest.mark.parametrize("path", _programs(), ids=lambda p: p.stem)
def test_counts_are_the_stepping_loops(path):
    src = _source(path)
    want = _total(src, path.name, counted=False)
    assert _total(src, path.name, counted=True) == want
    assert _total(src, path.name, counted=True, chunk=997) == want
    # the frames and live locals along the way
    for n in range(1000, want[0], max(1, want[0] // 12)):
        L = _state(src, path.name)
        L.run_counted(n)
        ran = n - L.steps_left
        assert 0 <= ran - n < 200  # it stops where compiled code looks: soon after n
        S = _state(src, path.name)
        left = ran
        while left > 0 and S.run_stepping(1 << 62, left) == SWITCH:
            left = S.steps_left
        assert S.steps_left == 0
        assert _frames(L) == _frames(S), (path.name, ran)


def test_the_corpus_runs_compiled_code():
    made = []
    real = fastfunc.make

    def make(p, entry=None, **kw):
        f = real(p, entry, **kw)
        made.append((p.linedefined, entry, f is not None))
        return f

    fastfunc.make = make
    try:
        for path in CORPUS:
            L = _state(path.read_bytes(), path.name)
            assert L.run(None) == FINISHED, path.name  # (a Python error inside ends it with ERROR)
    finally:
        fastfunc.make = real
    compiled = [m for m in made if m[2]]
    assert len(compiled) >= 40
    assert any(entry is not None for _, entry, _ in compiled)  # OSR functions too


def test_a_function_that_deopts_too_often_is_interpreted():
    src = b"""
    local mt = {__add = function(a, b) return 1 end}
    local v = setmetatable({}, mt)
    local function f(x) return x + 1 end   -- a metamethod every time: a deopt
    local s = 0
    for i = 1, 200 do s = s + f(v) end
    return s, f
    """
    L = Lua()
    res = L.call(L.load(src, b"=t"))
    assert res[0] == 200.0
    p = res[1].proto
    assert p.vjit is False and p.vdeopts > fastfunc.MAX_DEOPTS
    assert p.vcall[5] is None  # CALL no longer tries it
