"""What the debugger's snapshot says the current instruction touches:
the ``reads``, ``writes``, ``sets_top``, ``closes``, ``upvals_read``,
``upvals_written`` and ``consts`` of its Instruction (docs/snapshot.md;
pylua/snapshot.py's Builder.instruction, from pylua/opcodes.py's effects
table), on small programs."""

from __future__ import annotations

from pylua.debugger import Session


def _steps(src: str):
    """(Instruction, its frame) of each snapshot of src's session, in order."""
    s = Session(src)
    snap = s.snapshot()
    while snap["status"] in ("ready", "paused"):
        f = [x for x in snap["frames"] if x["kind"] == "lua"][-1]
        yield snap["instruction"], f
        snap = s.step()


def _at(src: str, opcode: str, n: int = 0):
    """The n-th step at an instruction of that opcode: (Instruction, slot of
    register r of its frame as a function, the frame)."""
    found = [(ins, f) for ins, f in _steps(src) if ins["opcode"] == opcode]
    ins, f = found[n]
    return ins, lambda *regs: [f["base"] + r for r in regs], f


def _slot(frame, name: str) -> int:
    return next(r["slot"] for r in frame["registers"] if r["name"] == name)


CALLS = """\
local function f(...) return ... end
local a, b = f(1, 2)
print(f(3, 4, 5))
"""


def test_snapshot_call():
    ins, R, _ = _at(CALLS, "CALL", 0)  # a, b = f(1, 2)
    assert (ins["a"], ins["b"], ins["c"]) == (1, 3, 3)
    assert ins["reads"] == R(1, 2, 3) and ins["writes"] == R(1, 2) and not ins["sets_top"]
    ins, R, _ = _at(CALLS, "CALL", 1)  # f(3, 4, 5), all its results
    assert (ins["a"], ins["b"], ins["c"]) == (4, 4, 0)
    assert ins["reads"] == R(4, 5, 6, 7) and ins["writes"] == [] and ins["sets_top"]
    ins, R, _ = _at(CALLS, "CALL", 2)  # print(...) up to the top f's results left
    assert (ins["a"], ins["b"], ins["c"]) == (3, 0, 1)
    assert ins["reads"] == R(3, 4, 5, 6) and ins["writes"] == [] and not ins["sets_top"]
    for ins, _, _ in (_at(CALLS, "CALL", k) for k in range(3)):
        assert ins["closes"] == [] and ins["upvals_read"] == [] and ins["consts"] == []


def test_snapshot_vararg_and_return_to_top():
    # (a vararg function's R0 is 5.1's implicit `arg`)
    ins, R, f = _at(CALLS, "VARARG", 0)  # in f(1, 2): the extra arguments below base
    assert ins["reads"] == [f["base"] - 2, f["base"] - 1] and len(f["varargs"]) == 2
    assert ins["writes"] == R(1, 2) and ins["sets_top"]
    ins, R, _ = _at(CALLS, "RETURN", 0)  # return ...: up to the top VARARG set
    assert ins["reads"] == R(1, 2) and ins["writes"] == [] and ins["closes"] == []
    ins, R, _ = _at(CALLS, "RETURN", 1)  # in f(3, 4, 5)
    assert ins["reads"] == R(1, 2, 3)


COUNTER = """\
local function counter()
  local n = 0
  local function inc() n = n + 1 return n end
  inc()
  return inc
end
local c = counter()
c()
"""


def test_snapshot_return_closes_an_upvalue():
    ins, R, f = _at(COUNTER, "RETURN", 1)  # counter's `return inc`
    n = _slot(f, "n")
    assert f["name"] == "local 'counter'" and n == R(0)[0]
    assert ins["reads"] == R(1) and ins["closes"] == [n]
    ins, _, _ = _at(COUNTER, "RETURN", 0)  # inc's own return while n is open
    assert ins["closes"] == []  # n is not in inc's frame
    ins, R, f = _at(COUNTER, "CLOSURE", 1)  # inc captures n
    assert ins["reads"] == [_slot(f, "n")] and ins["writes"] == R(1)


def test_snapshot_upvalues_and_constants():
    got = {ins["opcode"]: ins for ins, f in _steps(COUNTER) if f["name"] == "local 'inc'"}
    assert got["GETUPVAL"]["upvals_read"] == [0] and got["GETUPVAL"]["upvals_written"] == []
    assert got["SETUPVAL"]["upvals_written"] == [0] and got["SETUPVAL"]["upvals_read"] == []
    assert got["ADD"]["consts"] == [0] and got["ADD"]["reads"] == got["ADD"]["writes"]


LOOP = """\
local fs = {}
for i = 1, 2 do
  local x = i * 10
  fs[i] = function() return x end
end
local t = {1, 2, 3}
local u = {tostring(1), select(2, "a", "b", "c")}
"""


def test_snapshot_close_in_a_loop():
    closes = [(ins, f) for ins, f in _steps(LOOP) if ins["opcode"] == "CLOSE"]
    assert len(closes) == 2
    for ins, f in closes:  # x (R5, no longer active) is shared with the closure
        x = f["registers"][5]
        assert ins["a"] == 5 and x["captured"] and x["slot"] == f["base"] + 5
        assert ins["closes"] == [x["slot"]] and ins["reads"] == ins["writes"] == []


def test_snapshot_forloop_and_forprep():
    ins, R, _ = _at(LOOP, "FORPREP")
    a = ins["a"]
    assert ins["reads"] == R(a, a + 1, a + 2) and ins["writes"] == R(a)
    ins, R, _ = _at(LOOP, "FORLOOP")
    assert ins["reads"] == R(a, a + 1, a + 2) and ins["writes"] == R(a, a + 3)


def test_snapshot_setlist():
    ins, R, _ = _at(LOOP, "SETLIST", 0)  # {1, 2, 3}
    a = ins["a"]
    assert (ins["b"], ins["c"]) == (3, 1) and ins["reads"] == R(a, a + 1, a + 2, a + 3)
    ins, R, _ = _at(LOOP, "SETLIST", 1)  # {tostring(1), select(2, ...)}: to the top
    a = ins["a"]
    assert ins["b"] == 0 and ins["reads"] == R(a, a + 1, a + 2, a + 3)
    assert ins["writes"] == [] and ins["closes"] == []


TAILCALLS = """\
local function g()
  local x = 1
  local function h() return x end
  return h()
end
local function k()
  local y = 2
  local function h2() return y end
  return tostring(y)
end
g()
k()
"""


def test_snapshot_tailcall_closes_when_it_replaces_the_frame():
    ins, _, f = _at(TAILCALLS, "TAILCALL", 0)  # a Lua function: the frame goes
    assert ins["closes"] == [_slot(f, "x")]
    ins, _, f = _at(TAILCALLS, "TAILCALL", 1)  # a builtin: its results go to the RETURN
    y = _slot(f, "y")
    assert ins["closes"] == []
    after = [ins for ins, f in _steps(TAILCALLS) if f["name"] == "local 'k'"]
    ret = after[after.index(next(i for i in after if i["opcode"] == "TAILCALL")) + 1]
    assert ret["opcode"] == "RETURN" and ret["closes"] == [y]


def test_snapshot_of_an_error_names_the_failed_instruction():
    s = Session("local t = nil\nlocal u = {n = 1}\nreturn print(u.n, t.x)\n")
    snap = s.goto(1000)
    assert snap["status"] == "error"
    ins, f = snap["instruction"], snap["frames"][-1]
    assert ins["opcode"] == "GETTABLE" and ins["reads"] == [_slot(f, "t")]
    assert ins["writes"] == [f["base"] + ins["a"]] and ins["consts"] == [ins["c"] - 256]
