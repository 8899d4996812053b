"""The instruction in words (pylua/debugger/explain.py): the snapshot's
``instruction.explain`` for every one of the 38 opcodes, with its operands'
names and values, and ``did``, what a step did (the playground's bridge
adds it: docs/snapshot.md)."""

from __future__ import annotations

import re

import pytest

from pylua.debugger import Session
from pylua.debugger.explain import did
from pylua.opcodes import OPNAMES

# together these programs run every opcode
PROGRAMS = [
    """local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local c = counter()
local s = 10
for i = 3, 3 do
  s = s + i
end
local t = {1, 2, 3}
return s
""",
    """local a, b, c = 7, 2, nil
g = a - b
local r = {a * b, a / b, a % b, a ^ b, -a, not c, #"abc", "x" .. a}
local o = {v = 1}
function o:get() return self.v end
local w = o:get()
o.v = w
local f = a == b
if a < b then f = 1 end
if a <= b then f = 2 end
if c then f = 3 end
local z = c or a
local e = true
local function up() b = b + 1; return b end
local fs = {}
for i = 1, 2 do fs[i] = function() return i end end
for k, v in ipairs(fs) do z = v() end
local function va(...) local x, y = ...; return select('#', ...), ... end
local function tail(x) return va(x, 2) end
print(up(), g, tail(1))
""",
]


def explanations():
    """opcode -> [(explain, snapshot)] over PROGRAMS."""
    out = {}
    for src in PROGRAMS:
        s = Session(src, chunkname="=input")
        s.strict = True
        snap = s.snapshot()
        while snap["status"] in ("ready", "paused"):
            ins = snap["instruction"]
            out.setdefault(ins["opcode"], []).append((ins["explain"], snap))
            snap = s.step()
    return out


EXPL = explanations()


def first(op, pattern=""):
    for text, _ in EXPL[op]:
        if re.search(pattern, text):
            return text
    raise AssertionError("no %s explained as /%s/: %r" % (op, pattern, [t for t, _ in EXPL[op]]))


def test_every_opcode_is_explained():
    assert sorted(EXPL) == sorted(OPNAMES)


@pytest.mark.parametrize("op", OPNAMES)
def test_explanation_is_words_not_a_failure(op):
    for text, snap in EXPL[op]:
        assert text and not text.startswith(op + " "), text  # the fallback
        assert not re.search(r"\((\w+Error|KeyError|TypeError)\)$", text), text
        # the registers it names are the instruction's
        ins = snap["instruction"]
        assert ins["opcode"] == op


EXPECTED = {
    "MOVE": r"^R1 := R0 \(counter\) function: 0x",
    "LOADK": r"^R2 := constant K0 10$",
    "LOADBOOL": r"^R\d+ \(e\) := true$|:= false; then skip",
    "LOADNIL": r"^R2 \(c\) := nil$|:= nil",
    "GETUPVAL": r"^R0 := upvalue 0 'b' \(open\) 2$",
    "SETUPVAL": r"^upvalue 0 'b' \(open\) 2 := R0 3$",
    "GETGLOBAL": r"^R\d+ := global 'print'",
    "SETGLOBAL": r"^global 'g' := R\d+ 5$",
    "GETTABLE": r":= R\d+ \(self\) table: 0x[0-9a-f]+\[K\d+ \"v\"\]$",
    "SETTABLE": r"\[K\d+ \"v\"\] := R\d+ \(w\) 1$",
    "NEWTABLE": r"^R3 := a new table \{\} \(room for 3 array items, 0 hash items\)$",
    "SELF": r"^R\d+ := R\d+ \(o\) table: 0x[0-9a-f]+ \(the object, self\); R\d+ := its method",
    "ADD": r"^R2 \(s\) := R2 \(s\) 10 \+ R6 \(i\) 3 → 13$",
    "SUB": r"^R\d+ := R0 \(a\) 7 - R1 \(b\) 2 → 5$",
    "MUL": r"R0 \(a\) 7 \* R1 \(b\) 2 → 14$",
    "DIV": r"R0 \(a\) 7 / R1 \(b\) 2 → 3.5$",
    "MOD": r"R0 \(a\) 7 % R1 \(b\) 2 → 1$",
    "POW": r"R0 \(a\) 7 \^ R1 \(b\) 2 → 49$",
    "UNM": r":= -R0 \(a\) 7 → -7$",
    "NOT": r":= not R2 \(c\) nil → true$",
    "LEN": r":= #R\d+ \"abc\" \(length\) → 3$|→ 3",
    "CONCAT": r"joined with \.\. \(\"x\", 7\)$",
    "JMP": r"^jump to pc \d+ \(pc \+ 1 [+-]\d+\)$",
    "EQ": r"^compare R0 \(a\) 7 == R1 \(b\) 2 → false",
    "LT": r"^compare R0 \(a\) 7 < R1 \(b\) 2 → false",
    "LE": r"^compare R0 \(a\) 7 <= R1 \(b\) 2 → false",
    "TEST": r"^test R2 \(c\) nil is false or nil",
    "TESTSET": r"^test R2 \(c\) nil is false or nil|^test R\d+ \(c\)",
    "CALL": r"^call R1 function: 0x[0-9a-f]+ \(function <input:1>\) with no arguments; its registers start at slot 4: R2 becomes its R0 \(the windows overlap\); 1 result goes to R1$",
    "TAILCALL": r"^tail call R1 function: 0x[0-9a-f]+ \(function <input:18>\) with 2 arguments R2\.\.R3 \(1, 2\): it replaces this frame; its registers start at slot \d+: R2 becomes its R0",
    "RETURN": r"^return 1 value, R1 \(function: 0x[0-9a-f]+\) to the caller: they go to the caller's slots from 3 on",
    "FORLOOP": r"^R3 \(for index\) := 2 \+ R5 \(for step\) 1 \(step\) → 3; 3 <= R4 \(for limit\) 3 \(limit\): loop again: R6 \(i\) := 3, jump back to pc 9$",
    "FORPREP": r"^prepare the numeric for loop: R3 \(for index\) := 3 - 1 \(step\) → 2; the limit is R4 \(for limit\) 3, the step R5 \(for step\) 1 \(hidden registers\); then jump to the FORLOOP at pc 10$",
    "TFORLOOP": r"^call the generator R\d+ \(for generator\) function: 0x[0-9a-f]+ with the state R\d+ \(for state\) table: 0x[0-9a-f]+ and the control R\d+ \(for control\) 0; its 2 results go to R\d+\.\.R\d+; if R\d+ \(k\) is not nil",
    "SETLIST": r"^store R4\.\.R6 \(1, 2, 3\) into the table R3 table: 0x[0-9a-f]+ at \[1\.\.3\]$",
    "CLOSE": r"^close the open upvalues at or above R\d+: closures sharing R\d+ \(i\) 1 keep their values$",
    "CLOSURE": r"^R1 := a new closure of function <input:3>; it captures 'n' from R0 \(n\) 0 \(shared while this frame lives\)$",
    "VARARG": r"^R\d+ \(x\)\.\.R\d+ \(y\) := the first 2 extra arguments \(\.\.\.\) of 2 = 1, 2$|:= all 2 extra arguments \(\.\.\.\) = 1, 2; sets the top$",
}


def test_expected_covers_every_opcode():
    assert sorted(EXPECTED) == sorted(OPNAMES)


@pytest.mark.parametrize("op", OPNAMES)
def test_explanation_with_values(op):
    first(op, EXPECTED[op])


def test_call_says_how_many_results_and_arguments():
    first("CALL", r"builtin print\) with the arguments R\d+\.\.R\d+ \(3, 5, 2, 1, 2\), up to the top; its results are dropped")
    first("CALL", r"builtin select\) with the arguments R4\.\.R6 \(\"#\", 1, 2\), up to the top; 1 result goes to R3")
    first("CALL", r"all its results go to R\d+ on \(sets the top\)")


def test_did_says_what_the_step_wrote_and_where_it_went():
    s = Session(PROGRAMS[0], chunkname="=input")
    prev = s.snapshot()
    seen = []
    while prev["status"] in ("ready", "paused"):
        snap = s.step()
        seen.append(did(prev, snap))
        prev = snap
    text = "\n".join(seen)
    assert "ADD (pc 9) did: R2 (s) = 13" in text
    assert "CALL (pc 3) did: entered local 'counter'" in text
    assert re.search(r"RETURN \(pc 4\) did: closed 1 upvalue; returned to main chunk", text)
    assert "FORLOOP (pc 10) did: R3 (for index) = 3, R6 (i) = 3; jumped to pc 9" in text
    assert "FORLOOP (pc 10) did: the loop ended" in text
    assert "FORPREP (pc 8) did: R3 (for index) = 2; jumped to pc 10" in text
    assert seen[-1].endswith("the program finished")
    # not one step after: nothing to say
    assert did(None, prev) is None
    assert did(prev, prev) is None


def listing_rows():
    """opcode -> [explain] of the listings' rows (no values: on hover)."""
    out = {}
    for src in PROGRAMS:
        s = Session(src, chunkname="=input")
        for p in s.listing()["protos"]:
            for r in p["instructions"]:
                out.setdefault(r["opcode"], []).append(r["explain"])
    return out


ROWS = listing_rows()


@pytest.mark.parametrize("op", OPNAMES)
def test_listing_row_in_words(op):
    texts = ROWS[op]
    for t in texts:
        # every operand put in: none of lopcodes.h's notation is left
        assert not re.search(r"R\([ABC]|RK\(|Kst\(|UpValue\[|KPROTO|sBx|FPF", t), t


STATIC = {
    "ADD": "R2 (s) := R2 (s) + R6 (i)",
    "CALL": "call R1 with no arguments; 1 result goes to R1",
    "RETURN": "return R2 (s)",
    "FORLOOP": "R3 (for index) += R5 (for step); if it is within R4 (for limit): R6 (i) := it, jump back to pc 9; else the loop ends",
    "CLOSURE": "R1 := a new closure of function <input:3>; it captures 'n' from R0 (n)",
    "SETLIST": "store R4..R6 into the table R3 from [1] on",
    "GETGLOBAL": "R13 := global 'print'",
    "LOADK": "R2 := K0 10",
}


@pytest.mark.parametrize("op", sorted(STATIC))
def test_listing_row_names_the_operands(op):
    assert STATIC[op] in ROWS[op], ROWS[op]
