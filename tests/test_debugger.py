"""pylua.debugger: stepping, breakpoints, going back, snapshots (issue 4)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from pylua.debugger import Session, replay

ROOT = Path(__file__).resolve().parent.parent
STEPPING = ROOT / "tests" / "lua" / "stepping"


def session(src: str, **kw) -> Session:
    kw.setdefault("now", 1_000_000_000)
    return Session(src, **kw)


def until(s: Session, pred, limit: int = 10_000) -> dict:
    """Step until pred(snapshot) holds."""
    snap = s.snapshot()
    for _ in range(limit):
        if pred(snap):
            return snap
        if snap["status"] in ("finished", "error"):
            break
        snap = s.step()
    raise AssertionError(f"never reached (step {snap['step']}, status {snap['status']})")


def top(snap) -> dict:
    return snap["frames"][-1]


def reg(frame, name):
    for r in frame["registers"]:
        if r["name"] == name:
            return r
    raise KeyError(name)


def dump(snap) -> str:
    """The machine's state in a snapshot (reason and end_step speak of the
    session: how it got there, how far it has seen)."""
    return json.dumps({k: v for k, v in snap.items() if k not in ("reason", "end_step")},
                      sort_keys=True)


def run_out(src: str) -> str:
    s = session(src)
    snap = s.continue_(budget=50_000_000)
    assert snap["status"] in ("finished", "error")
    return snap["output"]


# -- the start ---------------------------------------------------------------


def test_new_session_is_at_step_0():
    s = session("local x = 10\nprint(x)\n")
    snap = s.snapshot()
    assert snap["step"] == 0 and snap["status"] == "ready" and s.step_count == 0
    assert snap["line"] == 1 and snap["output"] == ""
    f = top(snap)
    assert f["kind"] == "lua" and f["name"] == "main chunk" and f["pc"] == 1 and f["proto"] == "0"
    assert snap["instruction"]["opcode"] == "LOADK"
    assert snap["heap"][f["func"]]["name"] == "main chunk"
    assert snap["coroutines"] == [{"id": "main", "status": "running", "frames": [], "frames_omitted": 0}]
    json.dumps(snap)  # JSON-serialisable


def test_syntax_error_is_a_session_in_error():
    s = session("local x = = 1\n")
    snap = s.snapshot()
    assert snap["status"] == "error" and snap["step"] == 0
    assert snap["error"] == "input:1: unexpected symbol near '='"
    assert snap["line"] == 1
    assert s.listing() is None
    assert s.step()["status"] == "error"
    assert s.continue_()["status"] == "error"
    assert s.back()["step"] == 0


def test_listing():
    s = session("local function f(a)\n  return function() return a end\nend\nprint(f(1)())\n")
    lst = s.listing()
    ids = [p["id"] for p in lst["protos"]]
    assert ids == ["0", "0.0", "0.0.0"]
    main, f, g = lst["protos"]
    assert main["name"] == "main chunk" and main["children"] == ["0.0"]
    assert f["name"] == "function <input:1>" and f["numparams"] == 1 and f["linedefined"] == 1
    assert f["locals"][0]["name"] == "a" and g["upvalues"] == ["a"]
    ins = main["instructions"][0]
    assert ins["pc"] == 1 and ins["opcode"] == "CLOSURE" and ins["comment"] == "0.0 function <input:1>"
    assert ins["description"].startswith("R(A) := closure")
    assert [r["pc"] for r in f["instructions"]] == list(range(1, len(f["instructions"]) + 1))


# -- stepping ------------------------------------------------------------------


def test_goto_n_is_n_steps_and_back_k_is_the_start():
    src = (STEPPING / "005_add_metamethod.lua").read_text()
    s = session(src)
    first = dump(s.snapshot())
    steps = [first]
    while True:
        snap = s.step()
        if snap["step"] == len(steps) - 1:
            break  # finished: step() stays
        steps.append(dump(snap))
    assert json.loads(steps[-1])["status"] == "finished"
    for _ in range(len(steps) - 1):
        s.back()
    assert dump(s.snapshot()) == first
    fresh = session(src)
    for n in random.Random(4).sample(range(len(steps)), 12):
        assert dump(fresh.goto(n)) == steps[n], n


def test_open_upvalue_points_at_its_frame_then_closes():
    src = """local function counter()
  local n = 0
  local function inc()
    n = n + 1
    return n
  end
  inc()
  return inc
end
local c = counter()
print(c())
"""
    s = session(src)
    snap = until(s, lambda sn: top(sn)["name"] == "local 'inc'")
    frames = snap["frames"]
    assert [f["name"] for f in frames] == ["main chunk", "local 'counter'", "local 'inc'"]
    (up,) = top(snap)["upvalues"]
    assert up["name"] == "n" and up["state"] == "open" and up["value"] == "0"
    assert up["frame"] == 1 and up["register"] == 0
    assert up["slot"] == frames[1]["base"] + 0
    assert reg(frames[1], "n")["slot"] == up["slot"]
    # n = n + 1 changes counter's register through the upvalue
    snap = until(s, lambda sn: reg(sn["frames"][1], "n")["value"] == "1")
    assert top(snap)["upvalues"][0]["value"] == "1"
    # counter returns: the upvalue is closed, inc keeps it
    snap = until(s, lambda sn: top(sn)["name"] == "local 'c'")
    (up,) = top(snap)["upvalues"]
    assert up["state"] == "closed" and up["value"] == "1"
    assert up["frame"] is None and up["register"] is None and up["slot"] is None
    fn = snap["heap"][top(snap)["func"]]
    assert fn["name"] == "inc" and fn["upvalues"][0]["value"] == "1"
    assert s.continue_()["output"] == "2\n"


def test_sibling_closures_share_one_upvalue():
    src = """local function make()
  local v = 0
  local function get() return v end
  local function set(x) v = x end
  return get, set
end
local get, set = make()
set(42)
print(get())
"""
    s = session(src)
    snap = until(s, lambda sn: top(sn)["name"] == "local 'make'" and top(sn)["line"] == 5)
    get, set_ = reg(top(snap), "get"), reg(top(snap), "set")
    assert get["ref"] != set_["ref"]
    snap = until(s, lambda sn: top(sn)["name"] == "local 'set'")
    assert top(snap)["upvalues"][0]["state"] == "closed"
    snap = until(s, lambda sn: top(sn)["name"] == "local 'get'")
    (up,) = top(snap)["upvalues"]
    assert up["name"] == "v" and up["value"] == "42"  # set's write is seen by get
    heap = snap["heap"]
    assert heap[get["ref"]]["upvalues"][0]["value"] == "42"
    assert s.continue_()["output"] == "42\n"


def test_register_names_follow_scopes():
    src = "local a = 1\ndo\n  local b = 2\n  print(a + b)\nend\nlocal c = 3\nreturn c\n"
    s = session(src)
    names = []
    snap = s.snapshot()
    while snap["status"] == "paused" or snap["status"] == "ready":
        names.append(top(snap)["registers"][1]["name"])
        snap = s.step()
    assert names[0] is None
    seen = [n for i, n in enumerate(names) if i == 0 or n != names[i - 1]]
    assert seen == [None, "b", None, "c"]


def test_pcall_frame_errors_and_unwinds():
    src = """local function bad(x)
  local y = x * 2
  error("boom " .. y)
end
local ok, msg = pcall(bad, 21)
print(ok, msg)
"""
    s = session(src)
    snap = until(s, lambda sn: top(sn)["name"] == "function <input:1>")
    frames = snap["frames"]
    assert [f["kind"] for f in frames] == ["lua", "builtin", "lua"]
    pc = frames[1]
    assert pc["name"] == "pcall" and pc["line"] is None and pc["pc"] is None
    assert [r["value"] for r in pc["registers"]][1:] == ["21"]
    assert pc["registers"][0]["ref"] == frames[2]["func"]
    assert frames[2]["base"] > pc["base"]
    snap = until(s, lambda sn: len(sn["frames"]) == 1)  # unwound: pcall returned
    assert snap["line"] == 6
    assert reg(top(snap), "ok")["value"] == "false"
    assert reg(top(snap), "msg")["value"] == '"input:3: boom 42"'
    assert s.continue_()["output"] == "false\tinput:3: boom 42\n"


def test_step_over_stops_at_a_breakpoint_inside_the_call():
    src = """local function f()
  local x = 1
  return x
end
local y = f()
print(y)
"""
    s = session(src)
    until(s, lambda sn: sn["line"] == 5)
    snap = s.step_over()
    assert snap["line"] == 6 and len(snap["frames"]) == 1 and snap["message"] is None
    s.goto(0)
    until(s, lambda sn: sn["line"] == 5)
    s.breakpoints.add(2)
    snap = s.step_over()
    assert snap["line"] == 2 and top(snap)["name"] == "local 'f'"
    assert snap["message"] == "breakpoint at line 2"
    snap = s.step_over()
    assert snap["line"] == 3 and top(snap)["name"] == "local 'f'"
    snap = s.step_over()  # returns: stops in the caller (the call was line 5's last instruction)
    assert len(snap["frames"]) == 1 and snap["line"] == 6


def test_step_line_enters_calls_and_back_line_undoes_it():
    src = "local function f(a)\n  return a + 1\nend\nlocal x = f(1)\nx = f(x)\nprint(x)\n"
    s = session(src)
    lines = [s.snapshot()["line"]]
    snaps = [s.snapshot()]
    while True:
        snap = s.step_line()
        if snap["status"] != "paused":
            break
        lines.append(snap["line"])
        snaps.append(snap)
    # line 3: the CLOSURE of f; returning into line 5 (x = f(x)) is a stop,
    # while the first call was the last instruction of line 4
    assert lines == [3, 4, 2, 5, 2, 5, 6]
    assert snap["status"] == "finished"
    for prev in reversed(snaps):
        snap = s.back_line()
        assert snap["step"] == prev["step"] and snap["line"] == prev["line"]
    assert s.back_line()["step"] == 0


def test_step_out_of_a_metamethod():
    src = """local t = setmetatable({}, {__index = function(t, k)
  local v = k .. "!"
  return v
end})
local s = t.foo
print(s)
"""
    s = session(src)
    snap = until(s, lambda sn: top(sn)["name"] == "__index")
    assert [f["name"] for f in snap["frames"]] == ["main chunk", "__index"]
    assert [r["value"] for r in top(snap)["registers"][:2]] == [snap["frames"][0]["registers"][0]["value"], '"foo"']
    snap = s.step_out()
    assert [f["name"] for f in snap["frames"]] == ["main chunk"]
    assert reg(top(snap), "s")["value"] == '"foo!"'
    assert snap["instruction"]["opcode"] == "GETGLOBAL"


def test_step_out_of_main_runs_to_the_end_or_a_breakpoint():
    src = "local n = 0\nfor i = 1, 10 do\n  n = n + i\nend\nprint(n)\n"
    s = session(src)
    s.breakpoints.add(3)
    snap = s.step_out()
    assert snap["line"] == 3 and snap["message"] == "breakpoint at line 3"
    s.breakpoints.clear()
    assert s.step_out()["status"] == "finished"


def test_continue_to_breakpoints_and_budget():
    src = "local n = 0\nfor i = 1, 3 do\n  n = n + i\nend\nprint(n)\n"
    s = session(src)
    s.breakpoints.update({3, 5})
    hits = []
    while True:
        snap = s.continue_()
        if snap["status"] != "paused":
            break
        hits.append((snap["line"], reg(top(snap), "n")["value"], snap["message"]))
    assert hits == [
        (3, "0", "breakpoint at line 3"),
        (3, "1", "breakpoint at line 3"),
        (3, "3", "breakpoint at line 3"),
        (5, "6", "breakpoint at line 5"),
    ]
    assert snap["status"] == "finished" and snap["output"] == "6\n" and snap["line"] is None
    assert snap["frames"] == [] and snap["coroutines"][0]["status"] == "dead"


def test_runaway_program_stops_at_the_budget():
    s = session("local n = 0\nwhile true do n = n + 1 end\n")
    snap = s.continue_(budget=1000)
    assert snap["status"] == "paused" and snap["step"] == 1000
    assert snap["message"] == "instruction budget reached (1000)"
    snap = s.step_over()  # the loop jumps back: a new line
    assert snap["step"] < 1010 and snap["line"] == 2
    snap = s.step_out(budget=500)
    assert snap["status"] == "paused" and snap["message"] == "instruction budget reached (500)"
    assert snap["message"] == "instruction budget reached (500)"


def test_uncaught_error_ends_with_lua51s_message_and_line():
    src = "local t = nil\nlocal function f()\n  return t.x\nend\nprint(1)\nf()\nprint(2)\n"
    s = session(src)
    snap = s.continue_()
    assert snap["status"] == "error"
    assert snap["error"] == "input:3: attempt to index upvalue 't' (a nil value)"
    assert snap["line"] == 3 and snap["output"] == "1\n"
    assert [f["name"] for f in snap["frames"]] == ["main chunk", "local 'f'"]
    assert snap["instruction"]["opcode"] == "GETTABLE" and top(snap)["pc"] == snap["instruction"]["pc"]
    end = snap["step"]
    assert s.step()["step"] == end  # nothing after the end
    assert s.back()["status"] == "paused"
    assert s.goto(10**9)["step"] == end and s.status == "error"
    s = session('error({})')
    assert s.continue_()["error"] == "(error object is not a string)"
    s = session('error("plain", 0)')
    snap = s.continue_()
    assert snap["error"] == "plain" and [f["name"] for f in snap["frames"]] == ["main chunk", "error"]


def test_back_across_a_table_write_and_a_print():
    src = 'local t = {}\nt.x = 1\nprint("hi")\nt.x = 2\n'
    s = session(src)

    def x_of(snap):
        t = snap["heap"][reg(top(snap), "t")["ref"]]
        return {n["key"]["value"]: n["value"]["value"] for n in t["hash"] if n["state"] == "live"}.get('"x"')

    snap = until(s, lambda sn: sn["line"] == 3)
    assert x_of(snap) == "1"
    written = snap["step"]
    snap = until(s, lambda sn: sn["line"] == 4)
    assert snap["output"] == "hi\n"
    snap = until(s, lambda sn: sn["status"] == "finished")
    t_ref = snap["heap"] and None
    snap = s.goto(written)
    assert snap["output"] == "" and x_of(snap) == "1"
    snap = s.goto(written - 1)
    assert x_of(snap) is None
    snap = s.back()
    assert snap["step"] == written - 2 and snap["output"] == ""
    del t_ref
    assert s.continue_()["output"] == "hi\n"


def test_heap_ids_are_stable_and_shared():
    src = "local a = {}\nlocal b = a\nb.x = {}\nlocal c = {a}\nreturn c\n"
    s = session(src)
    snap = until(s, lambda sn: sn["line"] == 5)
    a, b, c = (reg(top(snap), n) for n in ("a", "b", "c"))
    assert a["ref"] == b["ref"] == "t1"
    assert snap["heap"]["t1"]["hash"][0]["value"]["ref"] == "t2"
    assert c["ref"] == "t3" and snap["heap"]["t3"]["array"][0]["ref"] == "t1"
    assert a["value"].startswith("table: 0x")
    s.goto(0)
    snap = until(s, lambda sn: sn["line"] == 5)
    assert reg(top(snap), "c")["ref"] == "t3"


# -- into handlers, callbacks and coroutines ----------------------------------


def frames_seen(src: str, limit: int = 20_000):
    s = session(src)
    seen = []
    snap = s.snapshot()
    while snap["status"] in ("ready", "paused"):
        seen.append(snap)
        snap = s.step()
        assert len(seen) < limit
    return seen, snap


@pytest.mark.parametrize(
    "name, chain",
    [
        ("003_index_function.lua", ["__index"]),
        ("005_add_metamethod.lua", ["__add"]),
        ("006_lt_metamethod.lua", ["__lt"]),
        ("007_concat_metamethod.lua", ["__concat"]),
        ("009_sort_comparator.lua", ["sort", "function <"]),
        ("010_gsub_callback.lua", ["gsub", "function <"]),
        ("001_pcall_simple.lua", ["pcall", "function <"]),
    ],
)
def test_stepping_goes_into_handlers_and_callbacks(name, chain):
    src = (STEPPING / name).read_text()
    seen, end = frames_seen(src)
    stacks = [[f["name"] for f in sn["frames"]] for sn in seen]
    assert any(
        len(st) > len(chain) and all(st[-len(chain) + i].startswith(c) for i, c in enumerate(chain))
        for st in stacks
    ), (name, stacks[:40])
    assert end["output"] == run_out(src)


def test_stepping_into_a_call_metamethod():
    src = """local obj = setmetatable({}, {__call = function(self, a)
  return a * 2
end})
print(obj(21))
"""
    seen, end = frames_seen(src)
    inner = [sn for sn in seen if len(sn["frames"]) == 2]
    assert inner and inner[0]["frames"][1]["name"] == "local 'obj'"
    assert inner[0]["frames"][1]["registers"][1]["value"] == "21"
    assert end["output"] == "42\n"


def test_coroutines_are_shown_and_switched():
    src = """local co = coroutine.create(function(a)
  local b = coroutine.yield(a + 1)
  return b * 10
end)
local ok, v = coroutine.resume(co, 1)
print(ok, v)
print(coroutine.resume(co, 5))
print(coroutine.status(co))
"""
    s = session(src)
    snap = until(s, lambda sn: sn["coroutine"] != "main")
    assert snap["coroutine"] == "c1" and top(snap)["name"] == "function <input:1>"
    cos = {c["id"]: c for c in snap["coroutines"]}
    assert cos["main"]["status"] == "normal" and cos["c1"]["status"] == "running"
    assert [f["name"] for f in cos["main"]["frames"]] == ["main chunk", "resume"]
    assert cos["c1"]["frames"] == []
    snap = until(s, lambda sn: sn["coroutine"] == "main")
    cos = {c["id"]: c for c in snap["coroutines"]}
    assert cos["c1"]["status"] == "suspended"
    assert [f["name"] for f in cos["c1"]["frames"]] == ["function <input:1>", "yield"]
    assert snap["heap"]["c1"] == {"kind": "coroutine", "status": "suspended"}
    snap = until(s, lambda sn: sn["coroutine"] == "c1")
    assert reg(top(snap), "b")["value"] == "5"
    snap = s.continue_()
    assert snap["output"] == "true\t2\ntrue\t50\ndead\n"
    cos = {c["id"]: c for c in snap["coroutines"]}
    assert cos["c1"]["status"] == "dead" and cos["main"]["status"] == "dead"


def test_wrap_and_yield_across_pcall_back_and_forth():
    src = """local gen = coroutine.wrap(function()
  for i = 1, 3 do coroutine.yield(i) end
end)
local sum = 0
for i = 1, 3 do
  local ok, v = pcall(gen)
  sum = sum + v
end
print(sum)
"""
    s = session(src)
    end = s.continue_()
    assert end["output"] == "6\n"
    total = end["step"]
    fresh = [dump(session(src).goto(n)) for n in range(0, total + 1, 7)]
    for i, n in reversed(list(enumerate(range(0, total + 1, 7)))):
        assert dump(s.goto(n)) == fresh[i]


# -- replay: determinism, checkpoints -----------------------------------------


def test_time_clock_random_and_input_answer_the_same_on_replay():
    src = """local t0 = os.time()
print(t0, os.date("!%Y-%m-%d", t0), os.clock() > 0)
print(math.random(100), math.random(100), math.random())
local line = io.read("*l")
local n = io.read("*n")
io.write(line, "|", n, "\\n")
io.stdout:write("clock ", os.clock() * 1e6, "\\n")
print(io.read("*a"))
"""
    stdin = "hello\n42 rest\nmore"
    s = session(src, stdin=stdin, now=1234567890)
    end = s.continue_()
    out = end["output"]
    lines = out.splitlines()
    assert lines[0] == "1234567890\t2009-02-13\ttrue"
    assert lines[2] == "hello|42"
    assert lines[3].startswith("clock ") and float(lines[3].split()[1]) == pytest.approx(
        [int(x) for x in [lines[3].split()[1]]][0]
    )
    assert lines[4] == " rest" and lines[5] == "more"
    # the same numbers every time, whichever way the end is reached
    again = session(src, stdin=stdin, now=1234567890)
    assert again.continue_()["output"] == out
    for n in (end["step"] // 2, 3, end["step"] - 1, end["step"]):
        s.goto(n)
    assert s.snapshot()["output"] == out
    import math

    mid = s.goto(end["step"] // 2)
    assert out.startswith(mid["output"])
    del math


def test_io_has_no_files():
    s = session('print(io.open, io.popen, io.tmpfile, os.getenv, os.exit)\nprint(pcall(io.lines, "/etc/passwd"))\n')
    out = s.continue_()["output"]
    assert out.startswith("nil\tnil\tnil\tnil\tnil\nfalse\t")
    assert "file access is not available" in out


@pytest.fixture
def dense_checkpoints(monkeypatch):
    """Checkpoints every few instructions, so that they land inside pcall,
    print's __tostring calls, gsub callbacks, coroutines..."""
    monkeypatch.setattr(replay, "MIN_SPACING", 7)
    monkeypatch.setattr(replay, "MAX_SPACING", 7)
    monkeypatch.setattr(replay, "MAX_COPY_SHARE", float("inf"))  # (however long copying takes)
    monkeypatch.setattr(replay, "RETRY", 3)


DENSE = """local T = setmetatable({}, {__tostring = function(t)
  local s = "T"
  for i = 1, 3 do s = s .. i end
  return s
end})
print("a", T, T)
local out = ("abc"):gsub("%w", function(c)
  local u = c:upper()
  return u .. u
end)
local ok, e = pcall(function()
  local x = 0
  for i = 1, 5 do x = x + i end
  error({code = x})
end)
local co = coroutine.wrap(function(a)
  while true do a = coroutine.yield(a * 2) end
end)
local acc = 0
for i = 1, 4 do acc = acc + co(i) end
local t = {5, 3, 9, 1}
table.sort(t, function(a, b) local r = a < b; return r end)
print(out, ok, e.code, acc, table.concat(t, ","))
"""


def test_checkpoints_inside_builtins_replay_exactly(dense_checkpoints):
    s = session(DENSE)
    end = s.continue_()
    assert end["output"] == "a\tT123\tT123\nAABBCC\tfalse\t15\t20\t1,3,5,9\n"
    total = end["step"]
    assert len(s.checkpoints) > 10
    ref = {}
    fresh = session(DENSE)
    points = list(range(0, total + 1, 3))
    for n in points:
        ref[n] = dump(fresh.goto(n))
    rng = random.Random(1)
    order = points[:]
    rng.shuffle(order)
    for n in order:
        assert dump(s.goto(n)) == ref[n], n
    # k steps forward then k back: the same snapshots
    s.goto(total // 3)
    a = [dump(s.step()) for _ in range(30)]
    b = [dump(s.back()) for _ in range(30)]
    assert b[::-1][1:] == a[:-1]


def test_checkpoints_hold_the_frames_of_builtins_waiting_on_lua(dense_checkpoints):
    """pcall, print and tostring calling a __tostring, gsub calling its
    function: their generators are recorded when their frames are made
    (replay.recording), so checkpoints land inside them and restore."""
    s = session(DENSE)
    s.continue_()
    steps = set(s.checkpoints)
    inside = set()
    for n in sorted(steps):
        inside |= {f["name"] for f in s.goto(n)["frames"] if f["kind"] == "builtin"}
    assert {"pcall", "print", "tostring", "gsub"} <= inside
    assert "sort" not in inside
    assert steps <= set(s.checkpoints)  # every one of them could be rebuilt


def test_the_random_state_belongs_to_the_lua_state():
    from pylua import Lua

    a, b = Lua(sandbox=True), Lua(sandbox=True)
    a.execute("math.randomseed(42)")
    first = Lua(sandbox=True).execute("return math.random()")
    assert b.execute("return math.random()") == first
    assert a.execute("return math.random()") != first


def test_no_checkpoint_in_the_middle_of_a_sort(dense_checkpoints):
    src = "local t = {}\nfor i = 1, 40 do t[i] = (i * 7) % 40 end\ntable.sort(t, function(a, b) return a > b end)\nprint(t[1], t[40])\n"
    s = session(src)
    assert s.continue_()["output"] == "39\t0\n"
    # the steps inside sort: none of them has a checkpoint
    fresh = session(src)
    inside = []
    snap = fresh.snapshot()
    while snap["status"] != "finished":
        if any(f["name"] == "sort" for f in snap["frames"]):
            inside.append(snap["step"])
        snap = fresh.step()
    assert inside and not set(inside) & set(s.checkpoints)
    n = inside[len(inside) // 2]
    assert dump(s.goto(n)) == dump(session(src).goto(n))


def test_weak_tables_and_collect_replay(dense_checkpoints):
    src = """local cache = setmetatable({}, {__mode = "k"})
local keep = {}
for i = 1, 6 do
  local k = {}
  cache[k] = i
  if i % 2 == 0 then keep[#keep + 1] = k end
end
collectgarbage()
local n = 0
for k, v in pairs(cache) do n = n + 1 end
print(n, collectgarbage("count") > 0)
"""
    s = session(src)
    end = s.continue_()
    assert end["output"] == "3\ttrue\n"
    for n in (end["step"] - 3, 5, end["step"]):
        assert dump(s.goto(n)) == dump(session(src).goto(n))


def test_deep_structures_can_be_checkpointed():
    src = "local t = nil\nfor i = 1, 30000 do t = {next = t} end\nlocal n = 0\nwhile t do n = n + 1; t = t.next end\nprint(n)\n"
    s = session(src)
    end = s.continue_()
    assert end["output"] == "30000\n"
    mid = end["step"] // 2
    assert dump(s.goto(mid)) == dump(session(src).goto(mid))


# -- the command line ------------------------------------------------------------


def test_trace_prints_a_snapshot_per_instruction(tmp_path):
    f = tmp_path / "p.lua"
    f.write_text("local t = {}\nt[1] = 5\nprint(t[1])\n")
    r = subprocess.run([sys.executable, "-m", "pylua.trace", str(f)], capture_output=True, text=True,
                       cwd=ROOT, check=True)
    snaps = [json.loads(line) for line in r.stdout.splitlines()]
    assert [s["step"] for s in snaps] == list(range(1, len(snaps) + 1))
    assert snaps[-1]["status"] == "finished" and snaps[-1]["output"] == "5\n"
    assert snaps[0]["chunkname"] == str(f)[-56:] or snaps[0]["chunkname"].endswith("p.lua")
    r = subprocess.run([sys.executable, "-m", "pylua.trace", str(f), "--max-steps", "2"],
                       capture_output=True, text=True, cwd=ROOT, check=True)
    snaps = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(snaps) == 2 and snaps[-1]["message"] == "instruction budget reached (2)"
    f.write_text("x = = 1\n")
    r = subprocess.run([sys.executable, "-m", "pylua.trace", str(f)], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 1
    (snap,) = [json.loads(line) for line in r.stdout.splitlines()]
    assert snap["status"] == "error" and snap["line"] == 1


# -- reason, end_step, resume --------------------------------------------------

RESUME_SRC = """local function work(n)
  local s = 0
  for i = 1, n do s = s + i end
  return s
end
local t = {}
t[1] = work(300)
t[2] = work(5)
print(t[1], t[2])
"""


def test_reason_says_why_each_command_stopped():
    s = session(RESUME_SRC)
    snap = s.snapshot()
    assert snap["reason"] is None and snap["end_step"] is None
    assert s.step()["reason"] == "step"
    assert s.step_line()["reason"] == "step"
    assert s.back()["reason"] == "step"
    assert s.goto(5)["reason"] == "goto"
    s.breakpoints.add(8)
    snap = s.continue_()
    assert snap["reason"] == "breakpoint" and snap["line"] == 8
    assert s.continue_(budget=3)["reason"] == "budget"
    s.breakpoints.clear()
    end = s.continue_()
    assert end["reason"] == "finished" and end["end_step"] == end["step"]
    assert s.step()["reason"] == "finished"
    # once known, the end stays known, also going back
    back = s.goto(3)
    assert back["reason"] == "goto" and back["end_step"] == end["step"]
    err = session("local x = nil\nprint(x.y)\n").continue_()
    assert err["reason"] == "error" and err["end_step"] == err["step"]


@pytest.mark.parametrize("command", ["step_over", "step_out", "step_line", "continue_"])
def test_resume_goes_on_toward_the_same_target(command):
    """A command cut by its budget, resumed budget by budget, stops where
    the uncut command stops (as the playground runs long commands)."""
    def prepare():
        s = session(RESUME_SRC)
        until(s, lambda sn: sn["line"] == 3 and len(sn["frames"]) == 2)  # inside work(300)
        if command == "step_over":
            s.step_out()  # back in the main chunk, at line 7: stepping over work(5) next
            s.step_over()
        s.breakpoints.add(9)
        return s

    whole = getattr(prepare(), command)(budget=10**6)
    assert whole["reason"] in ("step", "breakpoint")
    s = prepare()
    snap = getattr(s, command)(budget=7)
    pieces = 1
    while snap["reason"] == "budget":
        assert snap["step"] <= whole["step"]
        snap = s.resume(budget=7)
        pieces += 1
    assert pieces > 2 or command == "step_line"
    assert dump(snap) == dump(whole) and snap["reason"] == whole["reason"]


def test_partial_results_while_the_budget_runs_out():
    """partial=True: a cheap progress dict while only the budget stops the
    command, the whole snapshot where it ends, at the same place as without."""
    src = 'local function f()\n  for i = 1, 50 do io.write(i, " ") end\nend\nf()\nprint("end")\n'

    def prepare():
        s = session(src)
        until(s, lambda sn: sn["line"] == 4)
        return s

    whole = prepare().step_over(budget=10**6)
    s = prepare()
    snap = s.step_over(budget=40, partial=True)
    seen = []
    while snap["reason"] == "budget":
        assert set(snap) == {"step", "status", "message", "reason", "end_step", "output",
                             "output_omitted"}
        assert snap["status"] == "paused" and snap["step"] == s.step_count
        assert snap["output"] == s.snapshot()["output"]
        seen.append(snap["step"])
        snap = s.resume(budget=40, partial=True)
    assert len(seen) > 3 and seen == sorted(seen)
    assert "1 2 3" in snap["output"] and "frames" in snap
    assert dump(snap) == dump(whole)


def test_resume_without_a_cut_command_changes_nothing():
    s = session(RESUME_SRC)
    s.step_over(budget=2)
    s.step()  # another command: the cut one is dropped
    before = s.snapshot()
    assert s.resume()["step"] == before["step"]


# -- deep stacks ---------------------------------------------------------------


def test_a_deep_stack_shows_its_ends_and_says_how_many_frames_are_left_out():
    src = """local depth = 0
local function down(n)
  depth = depth + 1
  if n == 0 then
    return depth
  end
  return 1 + down(n - 1)
end
print(down(3000))
"""
    s = session(src)
    s.breakpoints.add(5)
    snap = s.continue_()
    frames = snap["frames"]
    assert snap["line"] == 5 and len(frames) == 100
    assert snap["frames_omitted"] == 3002 - 100  # main chunk + 3001 calls of down
    levels = [f["level"] for f in frames]
    assert levels == list(range(10)) + list(range(3002 - 90, 3002))
    assert frames[0]["name"] == "main chunk" and frames[-1]["name"] == "upvalue 'down'"
    # the open upvalue 'depth' lives in the main chunk's register 0: frame 0
    up = {u["name"]: u for u in frames[-1]["upvalues"]}["depth"]
    assert up["state"] == "open" and up["frame"] == 0 and up["register"] == 0
    assert up["value"] == "3001"
    # a snapshot of it is cheap enough to step through
    import time

    t0 = time.perf_counter()
    s.step()
    s.back()
    assert time.perf_counter() - t0 < 2.0


def test_captured_registers_until_return_or_close():
    """A register a closure refers to (an open upvalue) is marked captured,
    until RETURN (or CLOSE, once per loop iteration) closes it."""
    src = """local function counter()
  local n = 0
  local unused = 1
  local function inc() n = n + 1 return n end
  return inc
end
local c = counter()
for i = 1, 2 do
  local f = function() return i end
end
print(c())
"""
    s = session(src)

    def regs(snap, frame=-1):
        return {r["name"]: r["captured"] for r in snap["frames"][frame]["registers"] if r["name"]}

    snap = until(s, lambda sn: sn["instruction"] and sn["instruction"]["opcode"] == "RETURN"
                 and len(sn["frames"]) == 2)
    assert regs(snap) == {"n": True, "unused": False, "inc": False}
    # the caller's registers over the callee's window are not its own
    assert not any(r["captured"] for r in snap["frames"][0]["registers"])
    snap = s.step()  # RETURN: counter's frame is gone, its n closed
    assert len(snap["frames"]) == 1 and not any(r["captured"] for r in snap["frames"][0]["registers"])
    snap = until(s, lambda sn: sn["instruction"]["opcode"] == "CLOSE")
    a = snap["instruction"]["a"]  # the loop's i, captured by this iteration's closure
    assert [r["index"] for r in snap["frames"][0]["registers"] if r["captured"]] == [a]
    snap = s.step()
    assert not any(r["captured"] for r in snap["frames"][0]["registers"])  # CLOSE: its own i


def test_a_failing_builtin_is_drawn_where_it_was_called_with_its_arguments():
    """The error snapshot shows the builtin that raised (error, a bad
    argument) over its caller's call registers, holding its arguments."""
    s = session('local a = 1\nerror("boom", 1)\n')
    snap = s.continue_()
    main, err = snap["frames"]
    assert snap["status"] == "error" and err["name"] == "error" and err["kind"] == "builtin"
    assert err["base"] == main["base"] + 2  # R1 held error, R2.. its arguments
    assert [r["value"] for r in err["registers"]] == ['"boom"', "1"]
    assert [r["slot"] for r in err["registers"]] == [main["base"] + 2, main["base"] + 3]
    snap = session("local x = string.rep()\n").continue_()
    assert snap["frames"][-1]["name"] == "rep" and snap["frames"][-1]["registers"] == []
    assert snap["frames"][-1]["base"] == snap["frames"][0]["base"] + 1


def test_pcall_calls_its_function_where_its_arguments_lie():
    """As luaB_pcall's lua_pcall: the function pcall calls sits in pcall's
    first argument slot and its registers start at pcall's second, so the
    register windows overlap as they do in lua5.1."""
    s = session("local function f(x)\n  return x * 2\nend\nlocal ok, v = pcall(f, 21)\nprint(ok, v)\n")
    snap = until(s, lambda sn: len(sn["frames"]) == 3)
    _, pc, f = snap["frames"]
    assert pc["name"] == "pcall" and [r["value"] for r in pc["registers"]][1] == "21"
    assert f["base"] == pc["base"] + 1 and f["registers"][0]["slot"] == pc["registers"][1]["slot"]
    assert f["registers"][0]["value"] == "21"
    assert s.continue_()["output"] == "true\t42\n"
