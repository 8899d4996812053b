"""Builtins pay for their work (pylua/lib/work.py): a long call charges the
instruction budget as it goes, ``run(budget)`` returns RUNNING inside it,
and the next run resumes it exactly where it was.

The bombs of issue [3/6] run in a subprocess under ``Lua(sandbox=True)``
with ``run(1000)``: each slice must come back well under a second (before,
one call was one budget unit, however long: minutes).  Then long calls
that do end are run in tiny budgets and must give what an unbudgeted run
gives, having been stopped many times on the way.
"""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pylua import Lua

ROOT = Path(__file__).resolve().parent.parent

BOMBS = {
    # catastrophic backtracking: never ends, in lua5.1 either
    "find": "return string.find(('a'):rep(30000), ('a*'):rep(30) .. 'b')",
    "match": "return ('a'):rep(5000):match('(a*)(a*)(a*)(a*)c')",
    "gmatch": "for x in ('a'):rep(5000):gmatch('a*a*a*a*c') do end",
    "gsub": "return (('a'):rep(5000)):gsub('a*a*a*a*c', 'x')",
    "gsub-function": "return (('a'):rep(5000)):gsub('a*a*a*a*c', print)",
    "balance": "return (('('):rep(3e6)):find('%b()')",
    # 2^31 moves (lua5.1: 57 s)
    "insert": "return table.insert({1, 2, 3}, -2^31, 1)",
    "remove": "local t = {} for i = 1, 1e5 do t[-i] = i end t[1] = 1"
    " for i = 1, 50 do table.remove(t, 1) end",
    # linear but long (lua5.1: 0.01 s, 0.27 s, 0.8 s)
    "tonumber": "return tonumber(('z'):rep(3e5), 36)",
    "gsub-empty": "local s, n = ('x'):rep(1e7):gsub('', '-') return #s, n",
    "loadstring": "return loadstring(('a=1;'):rep(2e6)) ~= nil",
    "sort": "local t = {} for i = 1, 3e5 do t[i] = (i * 7919) % 300007 end table.sort(t)",
    "concat": "local t = {} for i = 1, 1e6 do t[i] = 'x' end return #table.concat(t, ',')",
}

DRIVER = textwrap.dedent(
    """\
    import io, sys, time
    sys.path.insert(0, {root!r})
    from pylua import Lua
    L = Lua(sandbox=True, stdout=io.BytesIO())
    L.start(L.load({src!r}, "=bomb"))
    worst, n, t0 = 0.0, 0, time.perf_counter()
    while time.perf_counter() - t0 < 1.5:
        t = time.perf_counter()
        st = L.run(1000)
        worst = max(worst, time.perf_counter() - t)
        n += 1
        if st != "running":
            break
    print(st, n, round(worst, 3), L.host_error)
    """
)


@pytest.mark.parametrize("name", list(BOMBS))
def test_a_long_builtin_returns_within_its_budget(name):
    code = DRIVER.format(root=str(ROOT), src=BOMBS[name])
    p = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert p.returncode == 0, p.stderr
    st, slices, worst, err = p.stdout.split(maxsplit=3)
    assert err.strip() == "None", err
    assert st in ("running", "finished")
    assert float(worst) < 0.5, f"{name}: a slice of run(1000) took {worst} s"
    if st == "running":
        assert int(slices) > 1


# -- stopped and resumed: the same results ------------------------------------

RESUMED = {
    "find": "return ('a'):rep(70):find('a*a*a*b'), ('a'):rep(70):find('a-a-a-$')",
    "match": "return (('a'):rep(40) .. 'c'):match('^(a*)(a*)(a*)(a*)b'),"
    " (('a'):rep(300) .. 'b'):match('(a-)(a*)(b)')",
    "gmatch": "local n = 0 for a, b in (('x'):rep(2000) .. 'b'):rep(20):gmatch('()x.-(b)') do"
    " n = n + a end return n",
    "gsub": "return ((('x'):rep(2000) .. 'b'):rep(20)):gsub('x.-b', '<%0>')",
    "gsub-function": "local s = ((('x'):rep(2000) .. 'b'):rep(20)):gsub('(x)(.-)b',"
    " function(a, b) return #b end) return s",
    "gsub-table": "return ((('x'):rep(2000) .. 'b'):rep(20)):gsub('x.-(b)', {b = 'B'})",
    "balance": "return ('(' .. ('()'):rep(30000) .. ')x'):find('%b()x')",
    "insert": "local t = {1, 2, 3} table.insert(t, -20000, 'v') table.insert(t, 1, 0)"
    " return t[-20000], t[-19999], t[1], t[2], #t",
    "remove": "local t = {} for i = 1, 30000 do t[i] = i end"
    " return table.remove(t, 1), table.remove(t, 2), t[1], t[2], t[29998], #t",
    "sort": "local t = {} for i = 1, 20000 do t[i] = (i * 7919) % 20011 end table.sort(t)"
    " return t[1], t[10000], t[20000]",
    "concat": "local t = {} for i = 1, 20000 do t[i] = i end return table.concat(t, ',', 3)",
    "loadstring": "local f = loadstring(('x = (x or 0) + 1;'):rep(5000) .. 'return x') return f()",
    "load": "local s, done = ('y = (y or 0) + 2;'):rep(5000) .. 'return y', false"
    " return load(function() if done then return nil end done = true return s end)()",
}


def _run(src: str, budget: int | None):
    L = Lua(sandbox=True, stdout=io.BytesIO())
    L.start(L.load(src, "=t"))
    stops = 0
    while True:
        st = L.run(budget)
        if st != "running":
            break
        stops += 1
    assert st == "finished", L.host_error
    return L.host_results, L.stdout.getvalue(), stops


@pytest.mark.parametrize("name", list(RESUMED))
def test_a_long_builtin_stopped_and_resumed_gives_the_same_results(name):
    want, out, _ = _run(RESUMED[name], None)
    got, out2, stops = _run(RESUMED[name], 50)
    assert (got, out2) == (want, out)
    assert stops >= 5, f"{name} was stopped only {stops} times"
