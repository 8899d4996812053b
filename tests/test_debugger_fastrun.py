"""Running forward in the VM's fast paths (pylua/debugger/fastrun.py): Run,
Continue with no breakpoint in the way and every replay run with no hook,
and what the session knows afterwards is what it knows after running the
same instructions one by one under its hooks (Session.sparse = False):
the step count, the names and addresses of objects, the output (tostring's
addresses, os.clock), Back right after the run, breakpoints."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from pylua.debugger import Session, fastrun
from pylua.debugger.state import DebugLua
from pylua.values import LuaTable, serials
from pylua.vcode import RUNNING

# what the program makes, in every way the VM makes it: tables (NEWTABLE,
# a library's result, vararg's arg), closures, coroutines, iterators, all
# printed by address; pcall, errors caught, metamethods
MAKER = """\
local made = {}
local function mk(i) return {i = i}, function() return i end end
for i = 1, 40 do
  local t, f = mk(i)
  made[#made + 1] = t
  if i % 10 == 0 then print(i, t, f) end
end
local co = coroutine.create(function(a)
  local x = {a}
  local b = coroutine.yield(x)
  return {b}
end)
local ok, x = coroutine.resume(co, 1)
print(ok, x, co)
print(coroutine.resume(co, 2))
local it = string.gmatch("a b c", "%a")
print(it, it(), it())
local w = coroutine.wrap(function() coroutine.yield({}) end)
print(w, w())
local mt = {__index = function(t, k) return {k} end, __tostring = function() return "obj" end}
local o = setmetatable({}, mt)
print(o, o.key, tostring(o.other))
print(pcall(function() local t = {} error(t) end))
local function va(...) local a = arg return select("#", ...) end
print(va(1, 2, 3))
local s = 0
for i = 1, 3000 do s = s + i % 7 end
print(s)
local keys = {}
for i = 1, 30 do keys[{}] = i end
local n = 0
for k, v in pairs(keys) do n = n + v end
print(n, next(keys))
"""

LONG = """\
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local t = {}
for i = 1, 200 do t[i] = {fib(i % 12), tostring(i)} end
print(#t, t[7][1], fib(17))
local s = ""
for i = 1, 300 do s = s .. i end
print(#s)
"""

CLOCK = """\
local function hot(n)
  local s = 0
  for i = 1, n do s = s + i % 3 end
  if n == 150 then s = s + os.clock() end
  return s
end
local acc = 0
local t0 = os.clock()
for i = 1, 300 do acc = acc + hot(i) end
local ok, v = pcall(function() for i = 1, 100 do acc = acc + hot(i) end return os.clock() end)
local co = coroutine.wrap(function() for i = 1, 200 do acc = acc + hot(i) end coroutine.yield(os.clock()) end)
print(acc, ok, v, co(), os.clock() - t0)
"""

FAILS = """\
local function f(t, i) return t[i].x end
local t = {}
for i = 1, 3000 do t[i] = {x = i} end
local s = 0
for i = 1, 4000 do s = s + f(t, i) end
"""


def session(src, sparse=True, **kw):
    s = Session(src, now=1_000_000_000, **kw)
    s.strict = True
    s.sparse = sparse
    return s


def dump(snap) -> str:
    return json.dumps({k: v for k, v in snap.items() if k not in ("reason", "end_step")},
                      sort_keys=True)


@pytest.fixture(params=["vm", "overshooting"])
def fast(request, monkeypatch):
    """The fast paths as they are until the VM has its own run_counted (the
    sparse loop with nothing marked), and a stand-in for the VM's, which
    may run past its steps (a few instructions, within a function): the
    session must stay exact with either."""
    if request.param == "overshooting":
        rng = random.Random(7)

        def run_counted(self, steps):
            st = fastrun._sparse_counted(self, steps)
            if st != RUNNING:
                return st
            # a few more, counted as the VM's would be (steps_left exact
            # before each instruction: os.clock reads it)

            def count(vm, th, ci, pc):
                self.steps_left -= 1

            count.direct = True
            extra = rng.randrange(0, 12)
            saved, self.hook = self.hook, count
            try:
                st = self.run_stepping(1 << 62, extra)
            finally:
                self.hook = saved
            self.steps_left = -(extra - self.steps_left)  # (run_stepping leaves its own count)
            return st

        monkeypatch.setattr(DebugLua, "run_counted", run_counted, raising=False)
        assert fastrun.native(session("local x = 1").L)
    return request.param


def test_a_fast_run_names_objects_and_prints_what_stepping_does(fast):
    stepped = session(MAKER, sparse=False)
    end = stepped.continue_(budget=10**8)
    assert end["status"] == "finished"
    s = session(MAKER)
    snap = s.continue_(budget=10**8)
    assert snap["status"] == "finished"
    assert snap["output"] == end["output"] and snap["step"] == end["step"]
    assert "table: 0x" in snap["output"] and "function: 0x" in snap["output"]
    for n in [*random.Random(3).sample(range(1, end["step"]), 25), end["step"] - 1]:
        assert dump(s.goto(n)) == dump(stepped.goto(n)), n


def test_os_clock_counts_the_instructions_a_fast_run_ran(fast):
    """os.clock() is a microsecond per instruction: the VM's fast paths
    keep the count where a builtin may ask it."""
    s = session(CLOCK)
    snap = s.continue_(budget=10**8)
    ref = session(CLOCK, sparse=False).continue_(budget=10**8)
    assert snap["output"] == ref["output"] and snap["step"] == ref["step"]
    assert dump(s.goto(ref["step"] // 2)) == dump(session(CLOCK, sparse=False).goto(ref["step"] // 2))


def test_an_error_inside_a_fast_run_is_seen_where_stepping_sees_it(fast):
    s = session(FAILS)
    snap = s.continue_(budget=10**8)
    ref = session(FAILS, sparse=False).continue_(budget=10**8)
    assert snap["status"] == "error" and "attempt to index" in snap["error"]
    assert dump(snap) == dump(ref)
    assert dump(s.back()) == dump(session(FAILS, sparse=False).goto(ref["step"] - 1))


def test_the_names_are_kinds_in_the_order_the_program_makes_them():
    s = session("local a = {}\nlocal f = function() end\nlocal b = {}\nlocal co = coroutine.create(f)\nprint(a)\n")
    snap = s.continue_()
    s.back()  # (at the last RETURN, after print: a, f, b, co still in their registers)
    regs = {r["name"]: r["ref"] for r in s.back()["frames"][0]["registers"] if r["name"]}
    assert regs == {"a": "t1", "f": "f2", "b": "t2", "co": "c1"}
    assert snap["status"] == "finished"
    assert s.snapshot()["frames"][0]["func"] == "f1"


def test_back_right_after_a_long_run_is_one_instruction(fast):
    s = session(LONG)
    end = s.continue_(budget=10**8)
    assert end["status"] == "finished" and end["step"] > 50_000
    back = s.back()
    assert back["step"] == end["step"] - 1 and back["status"] == "paused"
    stepped = session(LONG, sparse=False)
    assert dump(back) == dump(stepped.goto(end["step"] - 1))
    # and forward again is the end
    assert dump(s.step()) == dump(end)


def test_back_after_a_run_stopped_by_its_budget(fast):
    s = session(LONG)
    snap = s.continue_(budget=30_000, partial=True)
    assert snap["reason"] == "budget"
    snap = s.resume(budget=20_000)
    n = snap["step"]
    assert snap["reason"] == "budget" and n >= 50_000
    back = s.back()
    assert back["step"] == n - 1
    assert dump(back) == dump(session(LONG, sparse=False).goto(n - 1))
    assert s.continue_(budget=10**8)["output"] == session(LONG, sparse=False).continue_(budget=10**8)["output"]


def test_goto_lands_exactly_whatever_the_fast_paths_overrun(fast):
    s = session(LONG)
    ref = session(LONG, sparse=False)
    for n in (12_345, 777, 40_001, 40_000, 3):
        snap = s.goto(n)
        assert snap["step"] == n
        assert dump(snap) == dump(ref.goto(n))


def test_a_breakpoint_stops_a_fast_continue_where_stepping_stops(fast):
    src = LONG.replace("local t = {}", "local t = {}\nlocal function mark(i)\n  return i\nend").replace(
        "t[i] = {fib(i % 12), tostring(i)}", "t[i] = {fib(i % 12), tostring(i)} mark(i)")
    s = session(src)
    ref = session(src, sparse=False)
    for x in (s, ref):
        x.breakpoints.add(4)  # mark's body
    stops = []
    for _ in range(3):
        a, b = s.continue_(), ref.continue_()
        assert a["reason"] == b["reason"] == "breakpoint"
        assert dump(a) == dump(b)
        stops.append(a["step"])
    assert stops[0] < stops[1] < stops[2]
    s.breakpoints.clear()
    assert s.continue_(budget=10**8)["status"] == "finished"


def test_a_session_numbers_its_objects_from_its_own_start():
    """Two sessions of one program name everything alike, whatever ran
    in the process before or between them; the process's own count goes on."""
    before = serials()
    a = session(MAKER).continue_(budget=10**8)
    made = [LuaTable() for _ in range(5)]  # (the process makes objects meanwhile)
    assert made
    b = session(MAKER).continue_(budget=10**8)
    assert a["output"] == b["output"]
    after = serials()
    assert after[0] >= before[0]


def test_output_after_gives_what_was_written_since():
    s = session("for i = 1, 3 do io.write(i, ';') end\nio.write(('x'):rep(70000))\nprint('end')\n")
    assert s.output_after(0) == (0, b"", False)
    s.goto(10)
    n, data, gap = s.output_after(0)
    assert (data, gap) == (b"1;", False) and n == 2
    s.continue_()
    m, data, gap = s.output_after(n)
    assert gap and m == 6 + 70000 + 4 and data.endswith(b"xend\n") and len(data) == 65536
    assert s.output_after(m) == (m, b"", False)
    assert s.output_after(m - 4) == (m, b"end\n", False)


def test_back_line_after_a_long_run_is_where_stepping_finds_it(fast):
    s = session(LONG)
    ref = session(LONG, sparse=False)
    end = s.continue_(budget=10**8)
    for _ in range(3):
        s.back_line()
    ref.goto(end["step"])
    for _ in range(3):
        ref.back_line()
    assert dump(s.snapshot()) == dump(ref.snapshot())
    for n in (60_001, 5_000, 123):
        assert dump(s.goto(n)) == dump(ref.goto(n))
        assert dump(s.back_line()) == dump(ref.back_line())


def test_a_breakpoint_set_while_running_stops_the_run(fast):
    s = session(LONG)
    first = s.continue_(budget=20_000, partial=True)
    assert first["reason"] == "budget"
    s.breakpoints.add(7)  # print(#s): after the loops
    snap = s.resume(budget=10**8)
    assert snap["reason"] == "breakpoint" and snap["line"] == 7
    ref = session(LONG, sparse=False)
    ref.breakpoints.add(7)
    assert dump(snap) == dump(ref.continue_(budget=10**8))


COMPILED = sorted((Path(__file__).parent / "lua" / "compiled").glob("*.lua"))


@pytest.mark.parametrize("path", COMPILED, ids=lambda p: p.name)
def test_after_compiled_code_a_snapshot_is_what_stepping_shows(path):
    """The VM's compiled functions leave other leftovers in temporaries
    than the interpreter (values no instruction reads again): a snapshot
    shows such a register as nil, so that the state reached through the
    fast paths is the state stepping shows, whole."""
    src = path.read_text()
    s = session(src)
    end = s.continue_(budget=60_000)["step"]
    for n in random.Random(path.name).sample(range(1, end), min(4, end - 1)):
        assert dump(s.goto(n)) == dump(session(src, sparse=False).goto(n)), n


BREAKS = """\
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local function mark(x)
  return x + 1
end
local s = 0
for i = 1, 20000 do s = s + i % 7 end
local f = fib(18)
for i = 1, 50 do s = mark(s) + fib(i % 9) end
print(s, f, os.clock())
"""


def test_a_breakpoint_costs_only_where_it_is(monkeypatch):
    """Continue to a breakpoint runs compiled code in the functions with no
    breakpoint line (the loops, fib), stops where running every
    instruction under the hook stops, with the same state and count, and
    a function with a breakpoint line is never run compiled on the way."""
    from pylua import fastfunc

    made = []
    real = fastfunc.make

    def make(p, entry=None, **kw):
        made.append(p.linedefined)
        return real(p, entry, **kw)

    monkeypatch.setattr(fastfunc, "make", make)
    s = session(BREAKS)
    ref = session(BREAKS, sparse=False)
    s.breakpoints.add(3)
    ref.breakpoints.add(3)
    for _ in range(4):
        snap, want = s.continue_(budget=10**8), ref.continue_(budget=10**8)
        assert snap["reason"] == "breakpoint" and snap["line"] == 3
        assert dump(snap) == dump(want)
    assert 0 in made and 1 in made  # the main chunk's loops (OSR) and fib ran compiled
    assert 2 not in made  # mark, whose line 3 has the breakpoint, did not
    s.breakpoints.clear()
    ref.breakpoints.clear()
    end = s.continue_(budget=10**8)
    assert dump(end) == dump(ref.continue_(budget=10**8))
    assert dump(s.back()) == dump(session(BREAKS, sparse=False).goto(end["step"] - 1))


STEPS = """\
local function leaf(x) return x + 1 end
local function tail(n) if n == 0 then return leaf(0) end return tail(n - 1) end
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local mt = {__index = function(t, k) return leaf(k) end, __add = function(a, b) return fib(5) end,
            __concat = function(a, b) return "c" end}
local o = setmetatable({}, mt)
local function work(k)
  local s = 0
  for i = 1, k do s = s + fib(i % 9) end
  return s
end
local co = coroutine.wrap(function(a)
  local b = coroutine.yield(a + o[1] + work(3))
  local c = (o + o) .. o .. o
  return b + work(2), c
end)
local r = co(1)
local t = {5, 3, 8, 1}
table.sort(t, function(x, y) return leaf(x) < leaf(y) end)
print(r, co(tail(3)), t[1], work(4))
print(pcall(function() return work(2) + o.x .. nil end))
print(select(2, xpcall(function() error({}) end, function(e) return work(1) end)))
"""


@pytest.mark.parametrize("command", ["step_over", "step_out"])
@pytest.mark.parametrize("program", ["STEPS", "LONG", "BREAKS"])
def test_step_over_and_out_stop_where_stepping_stops(command, program):
    """Step over and out run the calls below them in the sparse loop with
    compiled code (only the frames they may stop in are watched): from
    every step of these programs (calls, tail calls, recursion,
    metamethods, a sort comparator, yields, pcall and xpcall errors), with
    and without a breakpoint, they stop where running every instruction
    under the hook stops."""
    src = globals()[program]
    total = session(src).continue_(budget=10**8)["step"]
    rng = random.Random(program + command)
    points = range(total) if total < 400 else sorted(rng.sample(range(total), 60))
    for bp in (None, 3):
        for n in points:
            a = session(src)
            b = session(src, sparse=False)
            for s in (a, b):
                if bp is not None:
                    s.breakpoints.add(bp)
                s.goto(n)
            assert dump(getattr(a, command)(budget=10**8)) == dump(getattr(b, command)(budget=10**8)), (bp, n)


LOADED = """\
local body = {}
for i = 1, 40 do body[#body + 1] = "x = x * 1.5 + " .. i end
local g = assert(loadstring("local function f(x) " .. table.concat(body, " ")
  .. " return x end local s = 0 for i = 1, 300 do s = s + f(i % 3) end return s"))
print(g() > 0)
"""


def test_goto_is_exact_past_a_long_function_loaded_on_the_way():
    """The fast paths may run past a stop by the longest function's length;
    a chunk the program loads meanwhile can have a longer one than the
    session allowed for: the stretch runs again, and goto still lands
    exactly where it was asked, in the stepped state."""
    total = session(LOADED).continue_(budget=10**8)["step"]
    for n in sorted(random.Random(5).sample(range(total // 3, total), 12)):
        snap = session(LOADED).goto(n)
        assert snap["step"] == n
        assert dump(snap) == dump(session(LOADED, sparse=False).goto(n)), n
