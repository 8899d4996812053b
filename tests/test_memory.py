"""Memory as Lua's collector counts it, and the memory limit.

Tables, closures, strings made by CONCAT and the string library's big
results, coroutines and stacks are counted (values.Acct); a cycle runs at
the collector's threshold; ``Lua(memory_limit=n)`` makes an allocation that
would pass n bytes fail with "not enough memory" before it is made.  The
bombs run in child processes whose peak RSS is measured."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pylua import Lua

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 64 << 20

BOMBS = {
    "rep": ('return string.rep("x", 1e10)', "not enough memory"),
    "rep of rep": ('return ("x"):rep(2^20):rep(2^20)', "not enough memory"),
    "table.concat": (
        'local s = ("x"):rep(2^20) local t = {} for i = 1, 1000 do t[i] = s end '
        "return table.concat(t)",
        "not enough memory",
    ),
    "unpack": ("return unpack({}, 1, 1e8)", "input:1: too many results to unpack"),
    "a table per iteration": ("local t = {} while true do t[#t + 1] = {} end", "not enough memory"),
    "doubling a string": ('local s = "x" while true do s = s .. s end', "not enough memory"),
    "strings kept": (
        'local t = {} local i = 0 while true do i = i + 1 t[i] = ("x"):rep(1000) .. i end',
        "not enough memory",
    ),
    "size hint": (
        # a chunk whose NEWTABLE asks for 2^29 array slots (B = int2fb of it)
        'local d = string.dump(function() local t = {} end) '
        'local i = d:find("\\10\\0\\0\\0", 1, true) '
        'return loadstring(d:sub(1, i - 1) .. "\\10\\0\\0\\232" .. d:sub(i + 4))()',
        "not enough memory",
    ),
}

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from pylua import Lua
L = Lua(sandbox=True, memory_limit=int(sys.argv[2]), allow_bytecode=True)  # (the size hint)
L.start(L.load(sys.argv[3]))
t = time.perf_counter()
st = L.run()
err = L.host_error.value.decode() if L.host_error is not None else None
# peak RSS of this process image: /proc's VmHWM (ru_maxrss would count the
# forking parent's pages too: it survives execve)
hwm = [int(line.split()[1]) * 1024 for line in open("/proc/self/status")
       if line.startswith("VmHWM:")]
print(json.dumps({"status": st, "error": err, "seconds": time.perf_counter() - t,
                  "maxrss": hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""


@pytest.mark.parametrize("name", list(BOMBS))
def test_bombs_end_with_lua_errors_under_the_limit(name):
    src, want = BOMBS[name]
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT), str(LIMIT), src],
        capture_output=True,
        timeout=120,
        check=True,
    )
    got = json.loads(out.stdout)
    assert got["status"] == "error", got
    assert got["error"] == want, got
    assert got["maxrss"] < LIMIT + (64 << 20), got


def test_not_enough_memory_is_catchable_and_leaves_the_state_usable():
    L = Lua(sandbox=True, memory_limit=LIMIT, stdout=io.BytesIO())
    res = L.execute(
        "local ok, e = pcall(string.rep, 'x', 2^30) "
        "local t = {} local ok2, e2 = pcall(function() while true do t[#t + 1] = {} end end) "
        "t = nil collectgarbage() "
        "return ok, e, ok2, e2, #string.rep('y', 1000)"
    )
    assert res == [False, b"not enough memory", False, b"not enough memory", 1000.0]


def test_the_count_follows_what_the_program_keeps():
    L = Lua(stdout=io.BytesIO())
    kept, dropped = L.execute(
        "collectgarbage() local before = collectgarbage('count') "
        "local t = {} for i = 1, 20000 do t[i] = {i} end "
        "collectgarbage() local kept = collectgarbage('count') - before "
        "t = nil collectgarbage() "
        "return kept, collectgarbage('count') - before"
    )
    assert kept > 20000 * 0.2  # KB: about what 20 000 small tables take
    assert abs(dropped) < kept / 10


def test_an_unwatched_state_runs_no_cycle():
    """Without weak tables, finalizers, a look at the count or a limit, a
    cycle would change nothing the program can see: none runs."""
    L = Lua(stdout=io.BytesIO())
    cycles = []
    real = L.collect
    L.collect = lambda: cycles.append(1) or real()
    L.execute("local t for i = 1, 100000 do t = {i, {}} end")
    assert cycles == []
    L.execute("setmetatable({}, {__mode = 'k'}) for i = 1, 100000 do local t = {i, {}} end")
    assert cycles  # a weak table: cycles come as Lua's would
