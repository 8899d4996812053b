"""The debugger under attack (issue [3/6], items 6 and 7): what a step, a
snapshot, the output buffer and the checkpoints cost does not grow with
what the program holds, and no command raises a Python exception, on
stripped chunks either.  Each test is a reproducer of
../shared/repros/hardening/ (06, 07, 14, 15, 21), scaled to run quickly."""

from __future__ import annotations

import json
import random
import tracemalloc

import pytest

from pylua.chunk import dump as dump_chunk
from pylua.chunk import load as load_chunk
from pylua.debugger import Session, replay
from pylua.debugger.state import OUT_KEEP


def session(src, **kw) -> Session:
    kw.setdefault("now", 1_000_000_000)
    kw.setdefault("allow_bytecode", True)  # (stripped chunks load; the playground refuses them)
    return Session(src, **kw)


def dump(snap) -> str:
    """The machine's state in a snapshot (not why or how it got there)."""
    return json.dumps({k: v for k, v in snap.items() if k not in ("reason", "end_step", "message")},
                      sort_keys=True)


def lua_string(data: bytes) -> str:
    return '"' + "".join("\\%03d" % b for b in data) + '"'


# -- 06: chunks without line information ---------------------------------------

STRIPPED_SRC = b"""local t = setmetatable({}, {__index = function(t, k) return k * 2 end})
local function sq(x)
  return x * x
end
local s = 0
for i = 1, 3 do
  s = s + sq(i) + t[i]
end
local ok, e = pcall(function() error("boom") end)
return s, ok, e
"""


def stripped_program() -> str:
    chunk = dump_chunk(load_chunk(STRIPPED_SRC, b"=stripped"), strip=True)
    return (
        "local f = assert(loadstring(%s))\n"
        "local a, b, c = f()\n"
        "print(a, b, c)\n"
        "local co = coroutine.wrap(f)\n"
        "print(co())\n" % lua_string(chunk)
    )


def inside_stripped(s: Session) -> list:
    """The steps at which the program runs the stripped chunk."""
    steps = []
    snap = s.snapshot()
    while snap["status"] in ("ready", "paused"):
        f = snap["frames"][-1] if snap["frames"] else None
        if f and f["kind"] == "lua" and f["proto"] and not f["proto"].startswith("0"):
            steps.append(snap["step"])
        snap = s.step()
    return steps


COMMANDS = ["step", "step_line", "step_over", "step_out", "back", "back_line", "continue_"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_works_in_a_stripped_chunk(command):
    """Repro 06: with no line information every line is 0 (Lua 5.1's
    getline): a line starts entering a function or jumping back; step_line,
    step_over, step_out and back_line raised IndexError (in the hook:
    HookFailure)."""
    src = stripped_program()
    full = session(src)
    steps = inside_stripped(full)
    assert full.snapshot()["output"] == "26\tfalse\tboom\n26\tfalse\tboom\n"
    assert len(steps) > 40
    s = session(src)
    s.breakpoints.add(5)
    rng = random.Random(command)
    for n in sorted(rng.sample(steps, 8)):
        s.goto(n)
        snap = getattr(s, command)()
        assert snap["status"] in ("paused", "finished")
        assert dump(snap) == dump(session(src).goto(snap["step"])), (n, snap["step"])
    inner = session(src).goto(steps[5])
    assert inner["line"] is None and inner["instruction"]["line"] == 0


def test_step_line_in_a_stripped_chunk_stops_where_lua_sees_a_line():
    """Without line information (all lines 0) a line starts only entering
    a function, returning to one, or jumping back: step_line stops at the
    first such instruction, as one step at a time finds it."""
    src = stripped_program()

    def where(snap):
        f = snap["frames"][-1]
        depth = len(snap["frames"]) + snap["frames_omitted"]
        return (snap["coroutine"], depth, f["func"]), f["pc"], snap["instruction"]["line"]

    def starts_line(before, after):
        (fa, pa, la), (fb, pb, lb) = where(before), where(after)
        return fa != fb or pb <= pa or la != lb

    ref = session(src)
    steps = inside_stripped(ref)
    s = session(src)
    s.goto(steps[0])
    one = session(src)
    prev = one.goto(steps[0])
    stops = 0
    while prev["status"] == "paused" and stops < 25:
        snap = s.step_line()
        nxt = one.step()
        while nxt["status"] == "paused" and not starts_line(prev, nxt):
            prev, nxt = nxt, one.step()
        assert snap["step"] == nxt["step"], (snap["step"], nxt["step"])
        prev = nxt
        stops += 1
    assert stops == 25


# -- 07: many coroutines ----------------------------------------------------------

MANY_COROUTINES = """local keep = {}
for i = 1, %d do keep[i] = coroutine.create(function() coroutine.yield() end) end
local inner = coroutine.create(function()
  local deep = coroutine.create(function()
    local x = 1
    x = x + 1
    return x
  end)
  return coroutine.resume(deep)
end)
coroutine.resume(keep[1])
print(coroutine.resume(inner))
"""


def test_the_coroutine_list_is_capped():
    """Repro 07: every coroutine the program made was listed in every
    snapshot (200 000: 15 MB and seconds a step).  At most 100, main first,
    the running one and those that resumed it always among them, and a
    count of the others."""
    sizes = []
    for n in (300, 1200):
        s = session(MANY_COROUTINES % n)
        s.breakpoints.add(6)
        snap = s.continue_()
        assert snap["line"] == 6 and snap["reason"] == "breakpoint"
        cos = snap["coroutines"]
        assert len(cos) == 100 and snap["coroutines_omitted"] == n + 3 - 100
        ids = [c["id"] for c in cos]
        assert ids[0] == "main" and snap["coroutine"] in ids
        status = {c["id"]: c["status"] for c in cos}
        assert status[snap["coroutine"]] == "running"
        assert list(status.values()).count("normal") == 2  # main and 'inner' resumed it
        numbers = [int(i[1:]) for i in ids[1:]]
        assert numbers == sorted(numbers)  # in the order they were made
        assert "c%d" % (n + 2) in ids  # the most recent ones
        sizes.append(len(json.dumps(snap)))
    assert abs(sizes[0] - sizes[1]) < 200  # (ids grow a digit)


def test_coroutine_frames_are_capped_in_all():
    src = """local cos = {}
local function down(n) if n == 0 then coroutine.yield() else down(n - 1) end end
for i = 1, 5 do
  cos[i] = coroutine.create(function() down(60) end)
  coroutine.resume(cos[i])
end
local x = 1
"""
    s = session(src)
    s.breakpoints.add(7)
    snap = s.continue_()
    cos = snap["coroutines"][1:]
    assert len(cos) == 5
    shown = [len(c["frames"]) for c in cos]
    total = [len(c["frames"]) + c["frames_omitted"] for c in cos]
    assert sum(shown) == 100 and shown[0] == total[0] == 63  # yield, down x61, the body
    assert shown[1] == 37 and shown[2:] == [0, 0, 0] and len(set(total)) == 1


# -- 14: huge strings ---------------------------------------------------------------


def test_a_huge_string_costs_a_snapshot_what_a_short_one_does():
    """Repro 14: quote() decoded the whole string before cutting it to 200
    characters (200 MB in a register: 1.8 s and +400 MB a step)."""
    s = session("local s = ('\\195\\169'):rep(1e7)\nlocal a, b = s, s\nlocal x = 1\nx = x + 1\n")
    s.breakpoints.add(3)
    snap = s.continue_()
    reg = snap["frames"][0]["registers"][0]
    assert reg["value"] == '"' + "é" * 200 + '"…'
    tracemalloc.start()
    try:
        s.step()
        s.snapshot()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2_000_000  # the string is 20 MB


# -- 15: huge output -------------------------------------------------------------------

BIG_OUTPUT = """local chunk = ('x'):rep(1e6 - 1) .. '\\n'
for i = 1, 40 do
  io.write(chunk)
  io.write(i, ' \\226\\130\\172 ')
  print(('y'):rep(i * 997))
end
"""


def expected_output(steps_done_lines: int) -> bytes:
    out = []
    for i in range(1, steps_done_lines + 1):
        out.append(b"x" * 999_999 + b"\n")
        out.append(b"%d \xe2\x82\xac " % i)
        out.append(b"y" * (i * 997) + b"\n")
    return b"".join(out)


def shown(data: bytes):
    """What a snapshot shows of the output data (docs/snapshot.md)."""
    if len(data) <= OUT_KEEP:
        return data.decode("utf-8", "replace"), 0
    tail = data[-OUT_KEEP:]
    k = 0
    while k < 3 and 0x80 <= tail[k] < 0xC0:
        k += 1
    return "…" + tail[k:].decode("utf-8", "replace"), len(data) - OUT_KEEP + k


def test_the_output_buffer_keeps_only_what_is_shown_and_back_restores_it():
    """Repro 15: the session kept every byte written (1.5 GB of io.write:
    4.3 GB of memory, 20 backs 27 s).  It keeps the tail a snapshot shows;
    going back restores it exactly."""
    tracemalloc.start()
    try:
        s = session(BIG_OUTPUT)
        end = s.continue_()
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert end["status"] == "finished"
    assert held < 12_000_000  # 40 MB written (the program's chunk is 1 MB)
    assert (end["output"], end["output_omitted"]) == shown(expected_output(40))
    total = end["step"]
    rng = random.Random(15)
    for n in [total - 1, total - 2, *rng.sample(range(total), 12)]:
        snap = s.goto(n)
        fresh = session(BIG_OUTPUT).goto(n)
        assert (snap["output"], snap["output_omitted"]) == (fresh["output"], fresh["output_omitted"])
        assert dump(snap) == dump(fresh)
    for _ in range(20):
        snap = s.back()
    assert dump(snap) == dump(session(BIG_OUTPUT).goto(snap["step"]))


def test_a_cut_output_starts_at_a_whole_character():
    s = session(r"io.write(('\226\130\172'):rep(30000))")  # 90 000 bytes of €
    snap = s.continue_()
    assert snap["output"] == "…" + "€" * (OUT_KEEP // 3)
    assert snap["output_omitted"] == 90_000 - 3 * (OUT_KEEP // 3)
    assert (snap["output"], snap["output_omitted"]) == shown("€".encode() * 30000)


def test_a_short_output_is_all_there():
    s = session("io.write('a\\0b', '\\255', 'é')\n")
    snap = s.continue_()
    assert snap["output"] == "a\x00b\ufffdé" and snap["output_omitted"] == 0


# -- 21: checkpoints that cannot livelock ---------------------------------------------

HEAVY = """local t = {}
for i = 1, 20000 do t[i] = i end
local s = 0
for i = 1, 80000 do s = s + i % 3 end
print(s)
"""


def count_takes(monkeypatch, limit: int = 400) -> list:
    """The steps at which the session tries to take a checkpoint (failing
    fast if it tries at every step, as the livelock did)."""
    attempts = []
    orig = replay.Checkpoints.take

    def take(self, L, *a, **kw):
        attempts.append(self.tr.count)
        if len(attempts) > limit:
            raise AssertionError("checkpoints taken at %s ..." % attempts[-6:])
        return orig(self, L, *a, **kw)

    monkeypatch.setattr(replay.Checkpoints, "take", take)
    return attempts


def test_checkpoints_are_never_taken_at_every_step(monkeypatch):
    """Repro 21: with checkpoints so heavy that two do not fit in
    MAX_WEIGHT, the one just taken was thinned away and the next one
    asked for at the next step: goto took a checkpoint (a copy of the
    whole heap) at every instruction and never finished."""
    s = session(HEAVY)
    end = s.continue_()["step"]
    heavy = max(c.weight for c in s.checkpoints.values())
    monkeypatch.setattr(replay, "MAX_WEIGHT", int(heavy * 1.5))  # one heavy checkpoint fits
    monkeypatch.setattr(replay, "MAX_ONE", heavy * 10, raising=False)
    attempts = count_takes(monkeypatch)
    s = session(HEAVY)
    assert s.continue_()["step"] == end
    ref = {}
    rng = random.Random(21)
    points = [100, end * 3 // 10, end, 5, end // 2] + [rng.randrange(end) for _ in range(3)]
    for n in points:
        ref[n] = ref.get(n) or session(HEAVY).goto(n)
    del attempts[:]
    for n in points + points[::-1]:
        before = len(attempts)
        assert dump(s.goto(n)) == dump(ref[n])
        tried = attempts[before:]
        assert all(b - a >= replay.MIN_SPACING for a, b in zip(tried, tried[1:], strict=False)), tried
    assert len(s.checkpoints) <= 2


def test_a_budgeted_slice_copies_at_most_once(monkeypatch):
    """The playground's Run: continue_ in slices of a budget.  After going
    back, each slice runs its budget and tries at most one checkpoint (in
    repro 21 one slice stayed over 60 s, copying at every step)."""
    s = session(HEAVY)
    end = s.continue_()["step"]
    heavy = max(c.weight for c in s.checkpoints.values())
    monkeypatch.setattr(replay, "MAX_WEIGHT", int(heavy * 1.5))
    monkeypatch.setattr(replay, "MAX_ONE", heavy * 10, raising=False)
    # checkpoints due every 20 000 steps, each one dropping another
    monkeypatch.setattr(replay, "MAX_SPACING", 20_000)
    monkeypatch.setattr(replay, "MAX_COPY_SHARE", float("inf"), raising=False)
    attempts = count_takes(monkeypatch)
    s = session(HEAVY)
    s.continue_()
    s.goto(100)
    slices = 0
    first = len(attempts)
    while True:
        before = len(attempts)
        snap = s.continue_(budget=5_000, partial=True) if slices == 0 else s.resume(5_000, partial=True)
        slices += 1
        assert len(attempts) - before <= 1, attempts[before:][:5]
        if snap["reason"] != "budget":
            break
    assert snap["step"] == end and slices == (end - 100) // 5_000 + 1
    assert len(attempts) > first  # (checkpoints are taken in slices too)


def test_a_state_too_heavy_to_copy_is_not_copied(monkeypatch):
    """A checkpoint heavier than MAX_ONE stops copying there (its cost is
    bounded) and the next try comes a spacing later; going back replays
    from an earlier checkpoint, exactly."""
    monkeypatch.setattr(replay, "MAX_ONE", 60_000)
    fixed_spacing(monkeypatch, 5_000)
    attempts = count_takes(monkeypatch)
    s = session(HEAVY)
    end = s.continue_()
    assert end["status"] == "finished" and s.cks.failed >= 1
    assert all(c.weight <= 60_000 for c in s.checkpoints.values())
    assert all(b - a >= replay.MIN_SPACING for a, b in zip(attempts[1:], attempts[2:], strict=False))
    n = end["step"] - 3
    assert dump(s.goto(n)) == dump(session(HEAVY).goto(n))


def fixed_spacing(monkeypatch, spacing: int) -> None:
    """Checkpoints due every spacing steps, however fast the machine."""
    monkeypatch.setattr(replay, "MIN_SPACING", spacing)
    monkeypatch.setattr(replay, "MAX_SPACING", spacing)
    monkeypatch.setattr(replay, "MAX_COPY_SHARE", float("inf"))


def test_a_single_step_takes_no_checkpoint(monkeypatch):
    fixed_spacing(monkeypatch, 2_000)
    attempts = count_takes(monkeypatch)
    s = session("local n = 0\nfor i = 1, 100000 do n = n + 1 end\n")
    for _ in range(s.cks.next + 100):  # past the step the next checkpoint is due at
        s.step()
    assert attempts == [0]
    s.continue_(budget=10)
    assert attempts == [0]
    s.continue_()
    assert len(attempts) > 1


# -- the other lists ---------------------------------------------------------------------


def test_arguments_varargs_and_slots_are_capped():
    src = """local t = {}
for i = 1, 1000 do t[i] = i end
local function v(...)
  local n = select('#', ...)
  return n
end
pcall(v, unpack(t))
print(unpack(t))
"""
    s = session(src)
    s.breakpoints.add(4)
    snap = s.continue_()
    p, f = snap["frames"][-2:]
    assert len(f["varargs"]) == 250 and f["varargs_omitted"] == 750
    assert f["varargs"][-1]["value"] == "250" and f["registers_omitted"] == 0
    assert p["kind"] == "builtin" and p["name"] == "pcall"
    assert len(p["registers"]) == 250 and p["registers_omitted"] == 751
    assert p["registers"][-1]["value"] == "249" and p["varargs_omitted"] == 0
    # VARARG reads the 1000 extra arguments
    while snap["instruction"]["opcode"] != "VARARG":
        snap = s.step()
    ins = snap["instruction"]
    assert len(ins["reads"]) == 256 and ins["reads_omitted"] == 744
    assert ins["reads"] == list(range(ins["reads"][0], ins["reads"][0] + 256))
    assert ins["writes_omitted"] == 744 and ins["sets_top"]
    s.breakpoints.clear()
    s.breakpoints.add(8)
    snap = s.continue_()
    while snap["instruction"]["opcode"] != "CALL" or snap["instruction"]["b"] != 0:
        snap = s.step()
    ins = snap["instruction"]  # print and its 1000 arguments: R(A) up to top
    a = snap["frames"][-1]["base"] + ins["a"]
    assert ins["reads"] == list(range(a, a + 256)) and ins["reads_omitted"] == 1001 - 256
    assert s.continue_()["output"].startswith("1\t2\t3\t")


def test_heap_omitted_counts_the_objects_left_out():
    s = session("local t = {}\nfor i = 1, 50 do t[i] = {{}, {}, {}, {}, {}, {}, {}, {}, {}, {}} end\nlocal x = 1\n")
    s.breakpoints.add(3)
    snap = s.continue_()
    assert len(snap["heap"]) == 400 and snap["heap_omitted"] > 0
    refs = set()

    def walk(v):
        if isinstance(v, dict):
            if v.get("ref"):
                refs.add(v["ref"])
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk({k: v for k, v in snap.items() if k != "heap"})
    walk(list(snap["heap"].values()))
    assert len(refs - set(snap["heap"])) == snap["heap_omitted"]
    small = session("local t = {{}, {}}\nlocal x = 1\n").continue_()
    assert small["heap_omitted"] == 0


def test_a_huge_error_message_is_cut():
    snap = session("error(('x'):rep(1e6))\n").continue_()
    assert snap["status"] == "error"
    assert snap["error"] == "input:1: " + "x" * (OUT_KEEP - len("input:1: ")) + "…"


# -- the debugger's own failures -------------------------------------------------------

LOOP = "local n = 0\nfor i = 1, 50 do\n  n = n + i\nend\nprint(n)\n"


def test_a_failure_of_the_debugger_is_an_answer_not_an_exception(monkeypatch):
    """A bug of the debugger (here: a hook that raises) does not reach the
    caller: the command answers the state it started from, reason
    "internal", and the session goes on; strict sessions raise."""
    from pylua.debugger.tracker import Tracker
    from pylua.errors import HookFailure

    s = session(LOOP)
    before = s.goto(10)
    orig = Tracker.step_hook

    def broken(self, stop):
        def hook(vm, th, ci, pc):
            raise ValueError("injected")

        return hook, lambda: (self.count, self.lastci, self.lastpc, self.lastmarks)

    sparse = Tracker.sparse_step_hook

    def broken_sparse(self, *args):  # (step over and out: the sparse loop's hook first)
        hook, state = sparse(self, *args)

        def bad(vm, th, ci, pc, mode):
            raise ValueError("injected")

        for name in ("dmarks", "dmk", "marked", "handed", "begin", "finish", "full"):
            setattr(bad, name, getattr(hook, name))
        return bad, state

    monkeypatch.setattr(Tracker, "step_hook", broken)
    monkeypatch.setattr(Tracker, "sparse_step_hook", broken_sparse)
    for command in ("step_line", "step_over", "step_out"):
        snap = getattr(s, command)()
        assert snap["reason"] == "internal" and snap["step"] == 10
        assert snap["message"].startswith("internal error in the debugger: HookFailure")
        assert dump(snap) == dump(before)
    s.strict = True
    with pytest.raises(HookFailure):
        s.step_line()
    s.strict = False
    monkeypatch.setattr(Tracker, "step_hook", orig)
    snap = s.step_line()
    assert snap["reason"] == "step" and snap["message"] is None
    assert dump(snap) == dump(session(LOOP).goto(snap["step"]))
    assert s.continue_()["output"] == "1275\n"


def test_a_snapshot_that_cannot_be_built_is_a_bare_one(monkeypatch):
    from pylua import snapshot

    s = session(LOOP)
    whole = s.goto(30)

    def broken(self):
        raise RuntimeError("injected")

    monkeypatch.setattr(snapshot.Builder, "heap", broken)
    snap = s.goto(31)
    assert list(snap) == list(whole)  # every documented field
    assert snap["step"] == 31 and snap["status"] == "paused" and snap["frames"] == []
    assert snap["reason"] == "internal" and "RuntimeError: injected" in snap["message"]
    monkeypatch.undo()
    assert dump(s.snapshot()) == dump(session(LOOP).goto(31))


def test_a_session_that_cannot_start_is_in_error(monkeypatch):
    from pylua.debugger.session import Session as S

    def broken(self, L):
        raise KeyError("injected")

    monkeypatch.setattr(S, "_name_initial", broken)
    s = S(LOOP)
    assert s.status == "error" and s.error.startswith("internal error in the debugger: KeyError")
    assert s.step()["status"] == "error" and s.listing() is None
    monkeypatch.setattr(S, "strict", True)
    with pytest.raises(KeyError):
        S(LOOP)


# -- a live state one step ahead ---------------------------------------------------------

AHEAD = """local function leaf(x) return x + 1 end
local function tail(n) if n == 0 then return leaf(0) end return tail(n - 1) end
local mt = {__index = function(t, k) return leaf(k) end, __add = function(a, b) return 7 end}
local o = setmetatable({}, mt)
local co = coroutine.wrap(function(a)
  local b = coroutine.yield(a + o[1])
  return b + (o + o)
end)
local r = co(1)
print(r, co(tail(2)))
print(pcall(function() return o.x .. 1 end))
"""


@pytest.mark.parametrize("command", ["step_line", "step_over", "step_out", "continue_"])
def test_a_command_after_one_back_runs_on_from_the_live_state(command):
    """After step then back (answered from the kept snapshot), the live
    state is one instruction ahead: step_line, step_over, step_out and
    continue_ take it as their first instruction instead of replaying, and
    stop where a session at the cursor stops, at every step (calls,
    returns, tail calls, metamethods, yields, pcall)."""
    total = session(AHEAD).continue_()["step"]
    s = session(AHEAD)
    s.breakpoints.add(3)
    restored = []
    orig = s.cks.restore

    def counting(target):
        restored.append(target)
        return orig(target)

    s.cks.restore = counting
    ahead = 0
    for n in range(total):
        s.goto(n)
        s.snapshot()
        s.step()
        assert s.back()["step"] == n
        before = len(restored)
        got = getattr(s, command)()
        ahead += len(restored) == before
        fresh = session(AHEAD)
        fresh.breakpoints.add(3)
        fresh.goto(n)
        assert dump(got) == dump(getattr(fresh, command)()), n
    assert ahead > total * 0.8  # (a return or a switch of coroutines replays)


def test_a_command_that_stops_far_from_a_checkpoint_leaves_one_there(monkeypatch):
    """Where a command stops (a breakpoint, a goto), the next commands go
    back and forth: a checkpoint is taken there when replaying from the
    last one would cost more than two copies, not when it is near."""
    fixed_spacing(monkeypatch, 10**7)  # no checkpoint on the way
    # (replays run in the VM's fast paths: 200 000 steps may take less than
    # SETTLE_MIN; compare with the copies only)
    monkeypatch.setattr(replay, "SETTLE_MIN", 0.0)
    src = "local n = 0\nfor i = 1, 200000 do n = n + i end\nlocal x = n\nx = x + 1\n"
    s = session(src)
    s.breakpoints.add(3)
    snap = s.continue_()
    assert snap["reason"] == "breakpoint" and sorted(s.checkpoints) == [0, snap["step"]]
    s.breakpoints.clear()
    s.step()
    s.step()
    end = s.continue_()["step"]  # three steps on: near enough
    assert sorted(s.checkpoints) == [0, snap["step"]]
    mid = snap["step"] // 2
    s.goto(mid)
    assert sorted(s.checkpoints) == [0, mid, snap["step"]]
    s.goto(mid + 5)
    assert mid + 5 not in s.checkpoints
    assert dump(s.goto(end - 1)) == dump(session(src).goto(end - 1))
