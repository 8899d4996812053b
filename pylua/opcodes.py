"""The Lua 5.1 instruction set: the one table every other module reads.

Mirrors ``lopcodes.h``/``lopcodes.c`` of Lua 5.1.5.  An instruction is an
unsigned 32-bit integer::

    iABC:   C(9) | B(9) | A(8) | OP(6)
    iABx:       Bx(18)  | A(8) | OP(6)
    iAsBx:     sBx(18)  | A(8) | OP(6)   (sBx = Bx - MAXARG_sBx)

Nothing outside this module spells an opcode number or decodes an
instruction by hand: use the ``OP_*`` names, ``OPCODES`` (the records,
indexed by number), ``BY_NAME``, and ``get_op``/``getarg_A``... to decode.

Effects
-------

``_EFFECTS`` says, for each opcode, what an instruction does to the
machine's state, in ``lopcodes.h``'s notation; ``effects(code, pc, p)``
reads it for one instruction and returns an ``Effects``.  The bytecode
check and ``getobjname``'s search (pylua/symbexec.py), the register
analysis of the VM (pylua/vcode.py ``_clear_count``), the compiled loops
(pylua/fastloop.py), the collector (pylua/gc.py) and the debugger's
snapshot (pylua/snapshot.py) all read it.  Columns:

``reads``, ``writes``
    what the instruction reads and writes, space separated: ``R(x)`` a
    register, ``R(x..y)`` the registers x to y (none when y < x), ``RK(x)``
    a register or, with the BITRK bit, a constant, ``K(x)`` a constant,
    ``U(x)`` an upvalue of the running closure, ``G(x)`` the global named by
    constant x, ``...`` the function's extra arguments (VARARG).  x and y
    are sums of operands and numbers (``A+B-1``).  CLOSURE's
    ``R(captured)``/``U(captured)`` are the registers and upvalues its new
    closure captures, named by the MOVE/GETUPVAL pseudo-instructions after
    it.  A write marked ``?`` happens only when the instruction goes on to
    its first successor (TESTSET's R(A) on the way to its JMP, FORLOOP's
    R(A+3) when it loops, TFORLOOP's R(A+2) when it goes on).
``succ``
    where control may go next: ``next`` (the next instruction), ``skip``
    (the one after it: a test skips its JMP), ``jump`` (pc+1+sBx), ``end``
    (out of the function); ``C ? skip : next`` chooses by operand C.
``words``
    code words the instruction takes (1 when empty): CLOSURE is followed by
    one pseudo-instruction per upvalue of the new function (``nups``), a
    SETLIST with C = 0 by a data word holding its batch number.  Those
    words are not instructions: ``next`` is after them.
``top``
    ``B=0 reads``: with operand B = 0, the register range read runs up to
    ``top`` (the first register above the results of the open CALL or
    VARARG before it); ``C=0 sets`` (``B=0 sets``): with that operand = 0
    the range written runs up to a ``top`` the instruction sets (all the
    results of a call, all the extra arguments).
``calls``
    the register of the function the instruction calls (metamethods
    aside): its frame and results lie from there up.
``closes``
    the open upvalues it closes: ``base``, every one at or above the
    frame's base (RETURN; TAILCALL when it replaces the frame, i.e. calls
    a Lua function), ``A``, every one at or above R(A) (CLOSE).  JMP does
    not close upvalues in 5.1.
"""

from __future__ import annotations

import re
from collections import namedtuple

# (No dataclasses, typing or json here: every start of ``python -m pylua``
# imports this module, and those cost it more than the rest of it.)

# -- encoding -----------------------------------------------------------------

SIZE_C = 9
SIZE_B = 9
SIZE_Bx = SIZE_C + SIZE_B
SIZE_A = 8
SIZE_OP = 6

POS_OP = 0
POS_A = POS_OP + SIZE_OP
POS_C = POS_A + SIZE_A
POS_B = POS_C + SIZE_C
POS_Bx = POS_C

MAXARG_A = (1 << SIZE_A) - 1
MAXARG_B = (1 << SIZE_B) - 1
MAXARG_C = (1 << SIZE_C) - 1
MAXARG_Bx = (1 << SIZE_Bx) - 1
MAXARG_sBx = MAXARG_Bx >> 1  # 131071: the bias of sBx

MASK_OP = (1 << SIZE_OP) - 1
MASK_A = MAXARG_A
MASK_B = MAXARG_B
MASK_C = MAXARG_C
MASK_Bx = MAXARG_Bx

# RK(x): a B or C operand with this bit set names constant x & ~BITRK.
BITRK = 1 << (SIZE_B - 1)  # 256
MAXINDEXRK = BITRK - 1

NO_REG = MAXARG_A  # "no register" marker used by the code generator
LFIELDS_PER_FLUSH = 50  # SETLIST batch size (FPF)

# -- instruction formats and operand kinds --------------------------------------

iABC, iABx, iAsBx = "iABC", "iABx", "iAsBx"

# OpArgMask of lopcodes.h, with the words the issue uses for them.
OpArgN = "unused"  # argument is not used
OpArgU = "used"  # argument is used (a count, a flag, an index...)
OpArgR = "register"  # a register or a jump offset
OpArgK = "rk"  # a constant or a register


class OpInfo(
    namedtuple(
        "OpInfo",
        [
            "number",
            "name",  # "MOVE", as luac prints it
            "mode",  # iABC / iABx / iAsBx
            "a_mode",  # lopcodes.c 'A' flag: instruction sets register A
            "t_mode",  # lopcodes.c 'T' flag: a test; the next instruction is a jump
            "b_mode",  # OpArgN / OpArgU / OpArgR / OpArgK
            "c_mode",
            "operands",  # "A B C", "A Bx", "A sBx", "sBx", "A C"...
            "description",  # in lopcodes.h notation
        ],
    )
):
    """One opcode of lopcodes.h/lopcodes.c."""

    __slots__ = ()


# name, mode, T, A, B, C, operands, description -- in luac's order.
_TABLE = [
    ("MOVE", iABC, 0, 1, OpArgR, OpArgN, "A B", "R(A) := R(B)"),
    ("LOADK", iABx, 0, 1, OpArgK, OpArgN, "A Bx", "R(A) := Kst(Bx)"),
    ("LOADBOOL", iABC, 0, 1, OpArgU, OpArgU, "A B C", "R(A) := (Bool)B; if (C) pc++"),
    ("LOADNIL", iABC, 0, 1, OpArgR, OpArgN, "A B", "R(A) := ... := R(B) := nil"),
    ("GETUPVAL", iABC, 0, 1, OpArgU, OpArgN, "A B", "R(A) := UpValue[B]"),
    ("GETGLOBAL", iABx, 0, 1, OpArgK, OpArgN, "A Bx", "R(A) := Gbl[Kst(Bx)]"),
    ("GETTABLE", iABC, 0, 1, OpArgR, OpArgK, "A B C", "R(A) := R(B)[RK(C)]"),
    ("SETGLOBAL", iABx, 0, 0, OpArgK, OpArgN, "A Bx", "Gbl[Kst(Bx)] := R(A)"),
    ("SETUPVAL", iABC, 0, 0, OpArgU, OpArgN, "A B", "UpValue[B] := R(A)"),
    ("SETTABLE", iABC, 0, 0, OpArgK, OpArgK, "A B C", "R(A)[RK(B)] := RK(C)"),
    ("NEWTABLE", iABC, 0, 1, OpArgU, OpArgU, "A B C", "R(A) := {} (size = B,C)"),
    ("SELF", iABC, 0, 1, OpArgR, OpArgK, "A B C", "R(A+1) := R(B); R(A) := R(B)[RK(C)]"),
    ("ADD", iABC, 0, 1, OpArgK, OpArgK, "A B C", "R(A) := RK(B) + RK(C)"),
    ("SUB", iABC, 0, 1, OpArgK, OpArgK, "A B C", "R(A) := RK(B) - RK(C)"),
    ("MUL", iABC, 0, 1, OpArgK, OpArgK, "A B C", "R(A) := RK(B) * RK(C)"),
    ("DIV", iABC, 0, 1, OpArgK, OpArgK, "A B C", "R(A) := RK(B) / RK(C)"),
    ("MOD", iABC, 0, 1, OpArgK, OpArgK, "A B C", "R(A) := RK(B) % RK(C)"),
    ("POW", iABC, 0, 1, OpArgK, OpArgK, "A B C", "R(A) := RK(B) ^ RK(C)"),
    ("UNM", iABC, 0, 1, OpArgR, OpArgN, "A B", "R(A) := -R(B)"),
    ("NOT", iABC, 0, 1, OpArgR, OpArgN, "A B", "R(A) := not R(B)"),
    ("LEN", iABC, 0, 1, OpArgR, OpArgN, "A B", "R(A) := length of R(B)"),
    ("CONCAT", iABC, 0, 1, OpArgR, OpArgR, "A B C", "R(A) := R(B).. ... ..R(C)"),
    ("JMP", iAsBx, 0, 0, OpArgR, OpArgN, "sBx", "pc+=sBx"),
    ("EQ", iABC, 1, 0, OpArgK, OpArgK, "A B C", "if ((RK(B) == RK(C)) ~= A) then pc++"),
    ("LT", iABC, 1, 0, OpArgK, OpArgK, "A B C", "if ((RK(B) <  RK(C)) ~= A) then pc++"),
    ("LE", iABC, 1, 0, OpArgK, OpArgK, "A B C", "if ((RK(B) <= RK(C)) ~= A) then pc++"),
    ("TEST", iABC, 1, 1, OpArgR, OpArgU, "A C", "if not (R(A) <=> C) then pc++"),
    ("TESTSET", iABC, 1, 1, OpArgR, OpArgU, "A B C", "if (R(B) <=> C) then R(A) := R(B) else pc++"),
    ("CALL", iABC, 0, 1, OpArgU, OpArgU, "A B C", "R(A), ... ,R(A+C-2) := R(A)(R(A+1), ... ,R(A+B-1))"),
    ("TAILCALL", iABC, 0, 1, OpArgU, OpArgU, "A B C", "return R(A)(R(A+1), ... ,R(A+B-1))"),
    ("RETURN", iABC, 0, 0, OpArgU, OpArgN, "A B", "return R(A), ... ,R(A+B-2)"),
    ("FORLOOP", iAsBx, 0, 1, OpArgR, OpArgN, "A sBx", "R(A)+=R(A+2); if R(A) <?= R(A+1) then { pc+=sBx; R(A+3)=R(A) }"),
    ("FORPREP", iAsBx, 0, 1, OpArgR, OpArgN, "A sBx", "R(A)-=R(A+2); pc+=sBx"),
    ("TFORLOOP", iABC, 1, 0, OpArgN, OpArgU, "A C", "R(A+3), ... ,R(A+2+C) := R(A)(R(A+1), R(A+2)); if R(A+3) ~= nil then R(A+2)=R(A+3) else pc++"),
    ("SETLIST", iABC, 0, 0, OpArgU, OpArgU, "A B C", "R(A)[(C-1)*FPF+i] := R(A+i), 1 <= i <= B"),
    ("CLOSE", iABC, 0, 0, OpArgN, OpArgN, "A", "close all variables in the stack up to (>=) R(A)"),
    ("CLOSURE", iABx, 0, 1, OpArgU, OpArgN, "A Bx", "R(A) := closure(KPROTO[Bx], R(A), ... ,R(A+n))"),
    ("VARARG", iABC, 0, 1, OpArgU, OpArgN, "A B", "R(A), R(A+1), ..., R(A+B-1) = vararg"),
]

OPCODES: tuple[OpInfo, ...] = tuple(
    OpInfo(i, name, mode, bool(a), bool(t), b, c, operands, desc)
    for i, (name, mode, t, a, b, c, operands, desc) in enumerate(_TABLE)
)
NUM_OPCODES = len(OPCODES)
BY_NAME: dict[str, OpInfo] = {op.name: op for op in OPCODES}
OPNAMES: tuple[str, ...] = tuple(op.name for op in OPCODES)

# OP_MOVE, OP_LOADK, ... as module constants, generated from the table.
for _op in OPCODES:
    globals()["OP_" + _op.name] = _op.number
del _op

# Spelled out for readers and linters; checked against the table below.
OP_MOVE: int
OP_LOADK: int
OP_LOADBOOL: int
OP_LOADNIL: int
OP_GETUPVAL: int
OP_GETGLOBAL: int
OP_GETTABLE: int
OP_SETGLOBAL: int
OP_SETUPVAL: int
OP_SETTABLE: int
OP_NEWTABLE: int
OP_SELF: int
OP_ADD: int
OP_SUB: int
OP_MUL: int
OP_DIV: int
OP_MOD: int
OP_POW: int
OP_UNM: int
OP_NOT: int
OP_LEN: int
OP_CONCAT: int
OP_JMP: int
OP_EQ: int
OP_LT: int
OP_LE: int
OP_TEST: int
OP_TESTSET: int
OP_CALL: int
OP_TAILCALL: int
OP_RETURN: int
OP_FORLOOP: int
OP_FORPREP: int
OP_TFORLOOP: int
OP_SETLIST: int
OP_CLOSE: int
OP_CLOSURE: int
OP_VARARG: int

# -- encode / decode ------------------------------------------------------------


def get_op(i: int) -> int:
    return i & MASK_OP


def getarg_A(i: int) -> int:
    return (i >> POS_A) & MASK_A


def getarg_B(i: int) -> int:
    return (i >> POS_B) & MASK_B


def getarg_C(i: int) -> int:
    return (i >> POS_C) & MASK_C


def getarg_Bx(i: int) -> int:
    return (i >> POS_Bx) & MASK_Bx


def getarg_sBx(i: int) -> int:
    return ((i >> POS_Bx) & MASK_Bx) - MAXARG_sBx


def set_op(i: int, op: int) -> int:
    return (i & ~(MASK_OP << POS_OP)) | (op << POS_OP)


def setarg_A(i: int, v: int) -> int:
    return (i & ~(MASK_A << POS_A)) | ((v & MASK_A) << POS_A)


def setarg_B(i: int, v: int) -> int:
    return (i & ~(MASK_B << POS_B)) | ((v & MASK_B) << POS_B)


def setarg_C(i: int, v: int) -> int:
    return (i & ~(MASK_C << POS_C)) | ((v & MASK_C) << POS_C)


def setarg_Bx(i: int, v: int) -> int:
    return (i & ~(MASK_Bx << POS_Bx)) | ((v & MASK_Bx) << POS_Bx)


def setarg_sBx(i: int, v: int) -> int:
    return setarg_Bx(i, v + MAXARG_sBx)


def create_ABC(op: int, a: int, b: int, c: int) -> int:
    return (op << POS_OP) | (a << POS_A) | (b << POS_B) | (c << POS_C)


def create_ABx(op: int, a: int, bx: int) -> int:
    return (op << POS_OP) | (a << POS_A) | (bx << POS_Bx)


def create_AsBx(op: int, a: int, sbx: int) -> int:
    return create_ABx(op, a, sbx + MAXARG_sBx)


def isK(x: int) -> bool:
    return bool(x & BITRK)


def indexK(x: int) -> int:
    return x & ~BITRK


def RKASK(x: int) -> int:
    return x | BITRK


def decode(i: int) -> tuple[int, int, int, int]:
    """(op, A, B, C) of an iABC word; for iABx/iAsBx use getarg_Bx/sBx."""
    return i & MASK_OP, (i >> POS_A) & MASK_A, (i >> POS_B) & MASK_B, (i >> POS_C) & MASK_C


# -- effects (see the module docstring) -------------------------------------------

#  name         reads                      writes                    succ               words        top                    calls  closes
_EFFECTS = [
    ("MOVE",      "R(B)",                    "R(A)",                   "next",            "",          "",                    "",    ""),
    ("LOADK",     "K(Bx)",                   "R(A)",                   "next",            "",          "",                    "",    ""),
    ("LOADBOOL",  "",                        "R(A)",                   "C ? skip : next", "",          "",                    "",    ""),
    ("LOADNIL",   "",                        "R(A..B)",                "next",            "",          "",                    "",    ""),
    ("GETUPVAL",  "U(B)",                    "R(A)",                   "next",            "",          "",                    "",    ""),
    ("GETGLOBAL", "G(Bx)",                   "R(A)",                   "next",            "",          "",                    "",    ""),
    ("GETTABLE",  "R(B) RK(C)",              "R(A)",                   "next",            "",          "",                    "",    ""),
    ("SETGLOBAL", "R(A)",                    "G(Bx)",                  "next",            "",          "",                    "",    ""),
    ("SETUPVAL",  "R(A)",                    "U(B)",                   "next",            "",          "",                    "",    ""),
    ("SETTABLE",  "R(A) RK(B) RK(C)",        "",                       "next",            "",          "",                    "",    ""),
    ("NEWTABLE",  "",                        "R(A)",                   "next",            "",          "",                    "",    ""),
    ("SELF",      "R(B) RK(C)",              "R(A..A+1)",              "next",            "",          "",                    "",    ""),
    ("ADD",       "RK(B) RK(C)",             "R(A)",                   "next",            "",          "",                    "",    ""),
    ("SUB",       "RK(B) RK(C)",             "R(A)",                   "next",            "",          "",                    "",    ""),
    ("MUL",       "RK(B) RK(C)",             "R(A)",                   "next",            "",          "",                    "",    ""),
    ("DIV",       "RK(B) RK(C)",             "R(A)",                   "next",            "",          "",                    "",    ""),
    ("MOD",       "RK(B) RK(C)",             "R(A)",                   "next",            "",          "",                    "",    ""),
    ("POW",       "RK(B) RK(C)",             "R(A)",                   "next",            "",          "",                    "",    ""),
    ("UNM",       "R(B)",                    "R(A)",                   "next",            "",          "",                    "",    ""),
    ("NOT",       "R(B)",                    "R(A)",                   "next",            "",          "",                    "",    ""),
    ("LEN",       "R(B)",                    "R(A)",                   "next",            "",          "",                    "",    ""),
    ("CONCAT",    "R(B..C)",                 "R(A)",                   "next",            "",          "",                    "",    ""),
    ("JMP",       "",                        "",                       "jump",            "",          "",                    "",    ""),
    ("EQ",        "RK(B) RK(C)",             "",                       "next skip",       "",          "",                    "",    ""),
    ("LT",        "RK(B) RK(C)",             "",                       "next skip",       "",          "",                    "",    ""),
    ("LE",        "RK(B) RK(C)",             "",                       "next skip",       "",          "",                    "",    ""),
    ("TEST",      "R(A)",                    "",                       "next skip",       "",          "",                    "",    ""),
    ("TESTSET",   "R(B)",                    "R(A)?",                  "next skip",       "",          "",                    "",    ""),
    ("CALL",      "R(A..A+B-1)",             "R(A..A+C-2)",            "next",            "",          "B=0 reads, C=0 sets", "A",   ""),
    ("TAILCALL",  "R(A..A+B-1)",             "R(A..A+C-2)",            "next end",        "",          "B=0 reads, C=0 sets", "A",   "base"),
    ("RETURN",    "R(A..A+B-2)",             "",                       "end",             "",          "B=0 reads",           "",    "base"),
    ("FORLOOP",   "R(A..A+2)",               "R(A) R(A+3)?",           "jump next",       "",          "",                    "",    ""),
    ("FORPREP",   "R(A..A+2)",               "R(A)",                   "jump",            "",          "",                    "",    ""),
    ("TFORLOOP",  "R(A..A+2)",               "R(A+2)? R(A+3..A+2+C)",  "next skip",       "",          "",                    "A+3", ""),
    ("SETLIST",   "R(A..A+B)",               "",                       "next",            "C ? 1 : 2", "B=0 reads",           "",    ""),
    ("CLOSE",     "",                        "",                       "next",            "",          "",                    "",    "A"),
    ("CLOSURE",   "R(captured) U(captured)", "R(A)",                   "next",            "1+nups",    "",                    "",    ""),
    ("VARARG",    "...",                     "R(A..A+B-2)",            "next",            "",          "B=0 sets",            "",    ""),
]  # fmt: skip
# TAILCALL's `next` is the RETURN after it, which runs when the callee was a
# builtin (luaD_precall's PCRC): the results are then at R(A) up to top.


class Effects(
    namedtuple(
        "Effects",
        [
            "reads",  # registers read, ascending
            "writes",  # registers it may write, ascending
            "cond_writes",  # those written only on the way to succ[0]
            "succ",  # the pcs that may run next
            "jump",  # the target of its jump (one of succ)
            "skips",  # it may skip the next instruction (pc + words + 1 is in succ)
            "ends",  # it may leave the function
            "words",  # code words taken, with pseudo-instructions and data words
            "reads_top",  # a read range runs to top (B = 0)
            "sets_top",  # it sets top: its last range written ends there
            "calls",  # the register of the function it calls
            "closes_from",  # open upvalues at or above this register close
            "upvals_read",
            "upvals_written",
            "consts",  # constants used (RK operands, Bx of LOADK/GETGLOBAL/SETGLOBAL)
            "globals",  # the constants among them that name a global
            "varargs",  # it reads the function's extra arguments
        ],
    )
):
    """What one instruction does (registers are relative to the frame's base)."""

    __slots__ = ()


# Operand expressions are compiled once into functions of v = (A, B, C, Bx, nups).
_OPERAND = {"A": 0, "B": 1, "C": 2, "Bx": 3, "nups": 4}


def _expr(text: str):
    text = text.replace(" ", "")
    if "?" in text:  # "C ? x : y"
        cond, rest = text.split("?")
        yes, no = (_expr(t) for t in rest.split(":"))
        j = _OPERAND[cond]
        return lambda v: yes(v) if v[j] else no(v)
    coef = [0] * len(_OPERAND)
    k = 0
    for sign, term in re.findall(r"([+-]?)(\w+)", text):
        n = -1 if sign == "-" else 1
        if term.isdigit():
            k += n * int(term)
        else:
            coef[_OPERAND[term]] += n
    terms = [(j, c) for j, c in enumerate(coef) if c]
    if not terms:
        return lambda v: k
    if len(terms) == 1 and terms[0][1] == 1:
        j = terms[0][0]
        return lambda v: v[j] + k
    return lambda v: sum(c * v[j] for j, c in terms) + k


_ITEM = re.compile(r"(RK|R|K|U|G)\(([^)]*)\)(\??)|\.\.\.")


def _items(text: str) -> list:
    """[(kind, lo, hi, conditional)]: lo/hi compiled (hi None for one operand)."""
    out = []
    for m in _ITEM.finditer(text):
        kind, arg, cond = m.groups()
        if kind is None:
            out.append(("...", None, None, False))
        elif arg == "captured":
            out.append((kind + "*", None, None, False))
        elif ".." in arg:
            lo, hi = arg.split("..")
            out.append((kind, _expr(lo), _expr(hi), bool(cond)))
        else:
            out.append((kind, _expr(arg), None, bool(cond)))
    assert len(out) == len(text.split()), text
    return out


_Spec = namedtuple(
    "_Spec",
    [
        "reads",
        "writes",
        "succ",  # a function of v giving the successor tokens
        "words",
        "reads_top",  # index in v of the operand that opens the read range (or None)
        "sets_top",
        "calls",
        "closes",
    ],
)


def _succ(text: str):
    if "?" in text:
        cond, rest = text.split("?")
        yes, no = (tuple(t.split()) for t in rest.split(":"))
        j = _OPERAND[cond.strip()]
        return lambda v: yes if v[j] else no
    tokens = tuple(text.split())
    return lambda v: tokens


def _spec(row) -> _Spec:
    _, reads, writes, succ, words, top, calls, closes = row
    opens = {w: _OPERAND[o] for o, w in re.findall(r"(\w+)=0 (reads|sets)", top)}
    spec = _Spec(
        _items(reads),
        _items(writes),
        _succ(succ),
        _expr(words or "1"),
        opens.get("reads"),
        opens.get("sets"),
        _expr(calls) if calls else None,
        closes,
    )
    # the range a top opens is the only one of its column
    assert spec.reads_top is None or [it[0] for it in spec.reads] == ["R"], row
    assert spec.sets_top is None or [it[0] for it in spec.writes] == ["R"], row
    return spec


assert [row[0] for row in _EFFECTS] == [row[0] for row in _TABLE]
_SPECS: tuple = ()  # _spec of each row, made the first time one is asked for


def _specs() -> tuple:
    global _SPECS
    if not _SPECS:
        _SPECS = tuple(_spec(row) for row in _EFFECTS)
    return _SPECS


_MOVE = BY_NAME["MOVE"].number
_CLOSURE = BY_NAME["CLOSURE"].number


def _relative(code, pc: int, p, top: int | None) -> tuple:
    """The fields of the Effects of code[pc], interpreting its row, with its
    successors and jump target relative to pc."""
    i = code[pc]
    op = get_op(i)
    spec = (_SPECS or _specs())[op]
    a = getarg_A(i)
    bx = getarg_Bx(i)
    nups = p.p[bx].nups if op == _CLOSURE else 0
    v = (a, getarg_B(i), getarg_C(i), bx, nups)
    reads = set()
    writes = set()
    cond_writes = set()
    upr = []
    upw = []
    consts = []
    globs = []
    varargs = False
    for kind, lo, hi, _ in spec.reads:
        if kind == "R":
            x = lo(v)
            if hi is None:
                reads.add(x)
            elif spec.reads_top is not None and v[spec.reads_top] == 0:
                reads.update(range(x, top) if top is not None else (x,))
            else:
                reads.update(range(x, hi(v) + 1))
        elif kind == "RK":
            x = lo(v)
            if x & BITRK:
                consts.append(x & ~BITRK)
            else:
                reads.add(x)
        elif kind == "K":
            consts.append(lo(v))
        elif kind == "G":
            consts.append(lo(v))
            globs.append(lo(v))
        elif kind == "U":
            upr.append(lo(v))
        elif kind == "...":
            varargs = True
        else:  # R(captured), U(captured): the pseudo-instructions
            for j in range(pc + 1, min(pc + 1 + nups, len(code))):
                pi = code[j]
                if (get_op(pi) == _MOVE) == (kind == "R*"):
                    (reads.add if kind == "R*" else upr.append)(getarg_B(pi))
    for kind, lo, hi, cond in spec.writes:
        if kind == "R":
            x = lo(v)
            if hi is None:
                regs = (x,)
            elif spec.sets_top is not None and v[spec.sets_top] == 0:
                regs = ()
            else:
                regs = range(x, hi(v) + 1)
            writes.update(regs)
            if cond:
                cond_writes.update(regs)
        elif kind == "G":
            consts.append(lo(v))
            globs.append(lo(v))
        elif kind == "U":
            upw.append(lo(v))
    words = spec.words(v)
    succ = []
    jump = None
    skips = ends = False
    for t in spec.succ(v):
        if t == "next":
            succ.append(words)
        elif t == "skip":
            succ.append(words + 1)
            skips = True
        elif t == "jump":
            jump = 1 + bx - MAXARG_sBx
            succ.append(jump)
        else:
            ends = True
    closes = spec.closes
    return (
        tuple(sorted(reads)),
        tuple(sorted(writes)),
        tuple(sorted(cond_writes)),
        tuple(succ),
        jump,
        skips,
        ends,
        words,
        spec.reads_top is not None and v[spec.reads_top] == 0,
        spec.sets_top is not None and v[spec.sets_top] == 0,
        spec.calls(v) if spec.calls is not None else None,
        0 if closes == "base" else a if closes == "A" else None,
        tuple(dict.fromkeys(upr)),
        tuple(dict.fromkeys(upw)),
        tuple(dict.fromkeys(consts)),
        tuple(dict.fromkeys(globs)),
        varargs,
    )


# instruction word -> _relative() of it: all but CLOSURE's depend on the
# word alone (the debugger and error messages read the same code often)
_CACHE: dict = {}
_CACHE_MAX = 1 << 16
_new = tuple.__new__


def effects(code, pc: int, p=None, top: int | None = None) -> Effects:
    """The Effects of instruction ``code[pc]``.

    ``p``, the Proto, is needed for CLOSURE (its pseudo-instructions).
    ``top`` is the first register above the values an open CALL or VARARG
    left (L->top - base), when known: a range read up to top then ends
    below it; unknown, the range counts as its first register only.  A range
    written up to a top the instruction sets is not listed (sets_top says
    so).  The caller makes sure the instruction is one (not a data word)
    and, for CLOSURE, that Bx names a function of p.
    """
    i = code[pc]
    rel = _CACHE.get(i) if top is None else None
    if rel is None:
        rel = _relative(code, pc, p, top)
        if top is None and get_op(i) != _CLOSURE:
            if len(_CACHE) >= _CACHE_MAX:
                _CACHE.clear()
            _CACHE[i] = rel
    offs = rel[3]
    if len(offs) == 1:
        succ = (pc + offs[0],)
    elif offs:
        succ = (pc + offs[0], pc + offs[1])
    else:
        succ = ()
    jump = rel[4]
    jump = None if jump is None else pc + jump
    return _new(Effects, (rel[0], rel[1], rel[2], succ, jump) + rel[5:])


def reads_top(i: int) -> bool:
    """Does instruction i read a register range up to top?  (What may follow
    an instruction that sets top: ldebug.c's checkopenop.)"""
    op = get_op(i)
    if op >= NUM_OPCODES:
        return False
    j = (_SPECS or _specs())[op].reads_top
    return j is not None and (getarg_A(i), getarg_B(i), getarg_C(i))[j] == 0


def effects_text(op: int) -> dict:
    """An opcode's row of the effects table, as its columns' text."""
    columns = ("reads", "writes", "succ", "words", "top", "calls", "closes")
    return dict(zip(columns, _EFFECTS[op][1:], strict=True))


def to_json() -> str:
    """The table as JSON, for the web UI's tooltips and bytecode panel."""
    import json

    return json.dumps(
        {
            "encoding": {
                "SIZE_OP": SIZE_OP, "SIZE_A": SIZE_A, "SIZE_B": SIZE_B,
                "SIZE_C": SIZE_C, "SIZE_Bx": SIZE_Bx, "MAXARG_sBx": MAXARG_sBx,
                "BITRK": BITRK, "LFIELDS_PER_FLUSH": LFIELDS_PER_FLUSH,
            },
            "opcodes": [{**op._asdict(), "effects": effects_text(op.number)} for op in OPCODES],
        },
        indent=1,
    )


assert NUM_OPCODES == 38
assert OP_VARARG == 37 and OP_MOVE == 0  # noqa: F821 (generated above)

if __name__ == "__main__":
    print(to_json())
